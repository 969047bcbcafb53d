package moecl.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.hazelcast.config.Config;
import com.hazelcast.config.ExecutorConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.config.YamlConfigBuilder;

import moecl.workbench.Manifest;

/**
 * The Hazelcast member configurations of moecl (docs/distributed.md §2.2, §6): loopback only unless configured,
 * multicast and cloud auto-detection off, phone-home off, no wildcard bind, TCP/IP join with exactly the listed
 * members, an executor sized to the compute threads, quiet logging (JUL, warnings only), and the cluster name
 * {@code moecl-<version>-<build hash>} so that different builds never join each other.
 */
public final class ClusterConfigs {

    /** The executor service the runs go to. */
    public static final String EXECUTOR = "moecl-runs";
    /** Member attribute: the member's compute threads. */
    public static final String THREADS_ATTRIBUTE = "moecl.threads";
    /** The default port of {@code moecl worker}. */
    public static final int DEFAULT_PORT = 5701;
    static final String LOOPBACK = "127.0.0.1";

    /** Held strongly: JUL keeps loggers only weakly, and a collected logger would lose its level. */
    private static final Logger HAZELCAST_LOG = Logger.getLogger("com.hazelcast");
    /**
     * Warnings Hazelcast gives for normal events, dropped: the embedded member has no join method on purpose, and a
     * member that leaves (a driver after every sweep) is reported as a refused connection and "suspected to be dead"
     * even when it said goodbye; and the stack trace of a start that fails, which moecl reports in one line.
     * Loggers held strongly, as above.
     */
    private static final List<Logger> FILTERED = List.of(
            filtered("com.hazelcast.instance.impl.Node", "No join method is enabled"),
            filtered("com.hazelcast.internal.server.tcp.TcpServerConnectionErrorHandler",
                    "Removing connection to endpoint"),
            filtered("com.hazelcast.internal.cluster.impl.MembershipManager",
                    "is suspected to be dead for reason: No connection"),
            // a port in use: the start fails with this message in one line (no stack trace)
            filtered("com.hazelcast.instance.AddressPicker", "Cannot bind to a given address"));

    private ClusterConfigs() {
    }

    /** {@code moecl-<version>-<build hash>}: what members of one build share. */
    public static String clusterName() {
        return "moecl-" + Manifest.version() + "-" + BuildHash.get();
    }

    /** One full member in this process, alone: join disabled, loopback, a free port, a cluster name of its own. */
    public static Config embedded(int threads) {
        checkThreads(threads);
        Config c = base(clusterName() + "-" + UUID.randomUUID().toString().substring(0, 8));
        NetworkConfig n = c.getNetworkConfig();
        n.setPort(freePort(LOOPBACK)).setPortAutoIncrement(true).setPortCount(100);
        n.getInterfaces().setEnabled(true).setInterfaces(List.of(LOOPBACK));
        JoinConfig j = n.getJoin();
        j.getMulticastConfig().setEnabled(false);
        j.getAutoDetectionConfig().setEnabled(false);
        j.getTcpIpConfig().setEnabled(false);
        compute(c, threads);
        return c;
    }

    /** The driver of a sweep on a cluster: a lite member (it computes nothing) that joins {@code options}. */
    public static Config driver(ClusterOptions options) {
        if (options.configFile() == null && options.members().isEmpty()) {
            throw new IllegalArgumentException(
                    "joining a cluster needs --cluster FILE.yaml or --members HOST:PORT,...");
        }
        Config c = member(options, false);
        c.setLiteMember(true);
        return c;
    }

    /**
     * A compute member ({@code moecl worker}): joins {@code options} (neither a file nor members: it waits for
     * others to join it), {@code threads} runs at once.
     */
    public static Config worker(ClusterOptions options, int threads) {
        checkThreads(threads);
        Config c = member(options, true);
        compute(c, threads);
        return c;
    }

    private static Config member(ClusterOptions options, boolean worker) {
        Config c;
        if (options.configFile() != null) {
            c = fromYaml(options.configFile());
            String own = c.getClusterName();
            String name = clusterName() + (own == null || own.isBlank() || own.equals("dev") ? "" : "-" + own);
            harden(c, name);
            NetworkConfig n = c.getNetworkConfig();
            JoinConfig j = n.getJoin();
            if (!j.getTcpIpConfig().isEnabled() || j.getTcpIpConfig().getMembers().isEmpty()) {
                throw new IllegalArgumentException("--cluster " + options.configFile() + ": moecl joins by TCP/IP "
                        + "only; enable network.join.tcp-ip with a member-list");
            }
            j.getMulticastConfig().setEnabled(false);
            j.getAutoDetectionConfig().setEnabled(false);
            if (options.port() != null) {
                n.setPort(options.port()).setPortAutoIncrement(false);
            }
            if (!n.getInterfaces().isEnabled()) {
                List<ClusterOptions.HostPort> known = new ArrayList<>();
                for (String m : j.getTcpIpConfig().getMembers()) {
                    for (String one : m.split("[,;\\s]+")) {
                        try {
                            known.add(ClusterOptions.parseMember(one));
                        } catch (IllegalArgumentException e) {
                            // a form moecl does not parse (a range, a host without port): Hazelcast's own rules
                        }
                    }
                }
                if (!known.isEmpty()) {
                    n.getInterfaces().setEnabled(true).setInterfaces(List.of(interfaceFor(known,
                            "--cluster " + options.configFile() + ": member ")));
                }
            }
        } else {
            c = base(clusterName());
            NetworkConfig n = c.getNetworkConfig();
            List<ClusterOptions.HostPort> members = options.hostPorts();
            String iface = interfaceFor(members, "--members ");
            if (options.port() != null) {
                n.setPort(options.port()).setPortAutoIncrement(false);
            } else if (worker) {
                n.setPort(DEFAULT_PORT).setPortAutoIncrement(true).setPortCount(100);
            } else {
                n.setPort(freePort(iface)).setPortAutoIncrement(true).setPortCount(100);
            }
            n.getInterfaces().setEnabled(true).setInterfaces(List.of(iface));
            JoinConfig j = n.getJoin();
            j.getMulticastConfig().setEnabled(false);
            j.getAutoDetectionConfig().setEnabled(false);
            j.getTcpIpConfig().setEnabled(true);
            if (members.isEmpty()) {
                // a lone worker: the others (and drivers) join it
                j.getTcpIpConfig().addMember(new ClusterOptions.HostPort(iface, n.getPort()).toString());
            } else {
                members.forEach(m -> j.getTcpIpConfig().addMember(m.toString()));
            }
        }
        return c;
    }

    /** A member config read from a Hazelcast YAML file; a missing, unreadable or malformed file gets one line. */
    public static Config fromYaml(Path file) {
        String what = "--cluster " + file;
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(what + " is a folder, not a Hazelcast member YAML file");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(what + ": no such file");
        } catch (AccessDeniedException e) {
            throw new IllegalArgumentException(what + ": permission denied");
        } catch (IOException e) {
            throw new IllegalArgumentException(what + ": cannot read it (" + e.getMessage() + ")");
        }
        String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        if (text.isBlank()) {
            throw new IllegalArgumentException(what + " is empty; it should be a Hazelcast member config "
                    + "starting with 'hazelcast:'");
        }
        String first = text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")
                && !l.equals("---")).findFirst().orElse("");
        if (!first.startsWith("hazelcast:")) {
            throw new IllegalArgumentException(what + " is not a Hazelcast member config: it should start with "
                    + "'hazelcast:', not '" + (first.length() > 40 ? first.substring(0, 40) + "..." : first) + "'");
        }
        try (InputStream in = new java.io.ByteArrayInputStream(bytes)) {
            return new YamlConfigBuilder(in).build();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(what + " is not a valid Hazelcast member YAML config: "
                    + oneLine(e));
        }
    }

    /** The first meaningful line of an exception's message chain (YAML parsers write several). */
    static String oneLine(Throwable e) {
        Throwable t = e;
        String msg = null;
        while (t != null && (msg == null || msg.isBlank())) {
            msg = t.getMessage();
            if (t.getCause() != null && t.getCause().getMessage() != null && msg != null
                    && msg.contains(t.getCause().getClass().getName())) {
                msg = t.getCause().getMessage();
            }
            t = t.getCause();
        }
        if (msg == null || msg.isBlank()) {
            return e.getClass().getSimpleName();
        }
        String s = msg.strip().replaceAll("\\s*\\R\\s*", "; ");
        return s.length() > 300 ? s.substring(0, 297) + "..." : s;
    }

    private static Config base(String name) {
        Config c = new Config();
        harden(c, name);
        return c;
    }

    /** What every moecl member gets, whatever its file says. */
    private static void harden(Config c, String name) {
        quietLogging();
        c.setClusterName(name);
        c.setClassLoader(ClusterConfigs.class.getClassLoader());
        c.setProperty("hazelcast.phone.home.enabled", "false");
        if (c.getProperty("hazelcast.socket.bind.any") == null) {
            c.setProperty("hazelcast.socket.bind.any", "false");
        }
        c.setProperty("hazelcast.logging.type", "jdk");
        c.setProperty("hazelcast.health.monitoring.level", "OFF");
        if (c.getProperty(MAX_JOIN) == null) {
            // Hazelcast's default, 300 s, kept a driver pointed at something that is not a moecl worker (a web
            // server on the port) silent for five minutes with a core spinning; moecl's clusters are a few members
            c.setProperty(MAX_JOIN, Integer.toString(joinSeconds()));
        }
        // moecl installs its own shutdown hook (graceful shutdown, then the JVM may exit)
        c.setProperty("hazelcast.shutdownhook.enabled", "false");
        c.getJetConfig().setEnabled(false);
        ChunkSerializers.register(c);
    }

    /** Hazelcast's bound on the time a member tries to join its cluster before it gives up. */
    static final String MAX_JOIN = "hazelcast.max.join.seconds";
    /** moecl's bound in seconds ({@code -Dmoecl.cluster.joinSeconds}; a cluster file may set its own). */
    static final int JOIN_SECONDS = 20;

    static int joinSeconds() {
        return Integer.getInteger("moecl.cluster.joinSeconds", JOIN_SECONDS);
    }

    private static void compute(Config c, int threads) {
        ExecutorConfig e = new ExecutorConfig(EXECUTOR).setPoolSize(threads).setStatisticsEnabled(false);
        c.addExecutorConfig(e);
        c.getMemberAttributeConfig().setAttribute(THREADS_ATTRIBUTE, Integer.toString(threads));
    }

    /**
     * Hazelcast logs through JUL, warnings and errors only (its INFO lines fill a screen per member), each in one line
     * on standard error ({@link OneLine}).
     */
    public static void quietLogging() {
        if (System.getProperty("hazelcast.logging.type") == null) {
            System.setProperty("hazelcast.logging.type", "jdk");
        }
        HAZELCAST_LOG.setLevel(Level.WARNING);
        synchronized (ONE_LINE) {
            if (HAZELCAST_LOG.getUseParentHandlers()) {
                HAZELCAST_LOG.setUseParentHandlers(false);
                HAZELCAST_LOG.addHandler(ONE_LINE);
            }
        }
    }

    private static final OneLine ONE_LINE = new OneLine();

    /**
     * Hazelcast's warnings as {@code hazelcast WARNING: <message>}, one line each, without the stack traces JUL's
     * console handler printed (a worker killed mid-sweep gave the driver a nine-line trace of a reset connection),
     * and the flood of "partition ... is completely lost" warnings when members go (271 lines when two workers were
     * killed) said once per 30 s.
     */
    static final class OneLine extends java.util.logging.Handler {
        /** When the last "completely lost" line was said; its repeats within {@link #QUIET_NANOS} are left out. */
        private final java.util.concurrent.atomic.AtomicLong lostSaidAt = new java.util.concurrent.atomic.AtomicLong(
                System.nanoTime() - 2 * QUIET_NANOS);
        static final long QUIET_NANOS = 30_000_000_000L;

        @Override
        public void publish(java.util.logging.LogRecord r) {
            if (r == null || r.getLevel().intValue() < Level.WARNING.intValue() || !isLoggable(r)) {
                return;
            }
            String m = line(r);
            if (m.contains("Could not join cluster") || m.contains("Terminating forcefully")
                    || m.contains("Node failed to start")) {
                return; // a start that failed, or a member stopped on purpose: moecl says so in its own line
            }
            if (m.contains("is completely lost")) {
                long now = System.nanoTime();
                long last = lostSaidAt.get();
                if (now - last < QUIET_NANOS || !lostSaidAt.compareAndSet(last, now)) {
                    return;
                }
                m = "partition data was lost: members left without backups (the same warning for other partitions "
                        + "in the next 30 s is left out; moecl recomputes what it needs)";
            }
            System.err.println("hazelcast " + r.getLevel().getName() + ": " + m);
        }

        /** The record's message (its parameters filled in) and its exception's, in one line. */
        static String line(java.util.logging.LogRecord r) {
            String m = r.getMessage() == null ? "" : r.getMessage();
            if (r.getParameters() != null && r.getParameters().length > 0) {
                try {
                    m = java.text.MessageFormat.format(m, r.getParameters());
                } catch (IllegalArgumentException e) {
                    // the message as it is
                }
            }
            if (r.getThrown() != null) {
                String t = oneLine(r.getThrown());
                if (!m.contains(t)) {
                    m = m.isBlank() ? t : m + " (" + t + ")";
                }
            }
            return m.strip().replaceAll("\\s*\\R\\s*", "; ");
        }

        @Override
        public void flush() {
            System.err.flush();
        }

        @Override
        public void close() {
            // standard error stays open
        }
    }

    private static Logger filtered(String logger, String fragment) {
        Logger l = Logger.getLogger(logger);
        l.setFilter(r -> r.getMessage() == null || !r.getMessage().contains(fragment));
        return l;
    }

    private static void checkThreads(int threads) {
        if (threads < 1 || threads > 1024) {
            throw new IllegalArgumentException("--threads " + threads + " is out of range; allowed: 1 to 1024");
        }
    }

    /**
     * The interface to listen on: 127.0.0.1 when every member is on this host's loopback (or none is given),
     * otherwise this host's address on the route to the first remote member (found without sending anything).
     */
    static String interfaceFor(List<ClusterOptions.HostPort> members, String what) {
        for (ClusterOptions.HostPort m : members) {
            InetAddress a;
            try {
                a = InetAddress.getByName(m.host());
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException(what + m + ": unknown host '" + m.host() + "'");
            }
            if (a.isLoopbackAddress()) {
                continue;
            }
            try (DatagramSocket s = new DatagramSocket()) {
                s.connect(new InetSocketAddress(a, m.port()));
                InetAddress local = s.getLocalAddress();
                if (local == null || local.isAnyLocalAddress()) {
                    throw new IllegalArgumentException(what + m + ": no network route to it from this host");
                }
                return local.getHostAddress();
            } catch (SocketException e) {
                throw new IllegalArgumentException(what + m + ": no network route to it from this host ("
                        + e.getMessage() + ")");
            }
        }
        return LOOPBACK;
    }

    /**
     * A port free on {@code iface} now, picked at random below the range the OS takes ports for outgoing connections
     * from (a port the OS hands out as free can be taken by a member's outgoing connection a moment later). With
     * auto-increment the member still starts if it is taken before it binds.
     */
    public static int freePort(String iface) {
        int low = 10_000;
        int high = 32_768;
        try {
            String[] r = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim().split("\\s+");
            high = Math.max(low + 1_000, Integer.parseInt(r[0]));
        } catch (IOException | RuntimeException e) {
            // not Linux: the usual range
        }
        java.util.Random random = java.util.concurrent.ThreadLocalRandom.current();
        for (int tries = 0; tries < 200; tries++) {
            int p = low + random.nextInt(high - low);
            try (ServerSocket s = new ServerSocket(p, 1, InetAddress.getByName(iface))) {
                return s.getLocalPort();
            } catch (IOException taken) {
                // try another
            }
        }
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(iface))) {
            return s.getLocalPort();
        } catch (IOException e) {
            return NetworkConfig.DEFAULT_PORT;
        }
    }
}
