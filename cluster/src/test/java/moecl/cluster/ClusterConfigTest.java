package moecl.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;

import moecl.plugin.Registry;
import moecl.workbench.Manifest;

/** The members' safe defaults (docs/distributed.md §2.2) and the one-line messages for bad cluster options. */
class ClusterConfigTest {

    @TempDir
    Path dir;

    private static void assertNoDiscovery(Config c) {
        JoinConfig j = c.getNetworkConfig().getJoin();
        assertFalse(j.getMulticastConfig().isEnabled(), "multicast");
        assertFalse(j.getAutoDetectionConfig().isEnabled(), "auto-detection");
        assertEquals("false", c.getProperty("hazelcast.phone.home.enabled"));
        assertEquals("false", c.getProperty("hazelcast.socket.bind.any"));
        assertFalse(c.getJetConfig().isEnabled());
    }

    @Test
    @Timeout(60)
    void theEmbeddedMemberIsLoopbackOnlyAloneAndNamedByVersionAndBuild() {
        String build = BuildHash.get();
        assertTrue(build.matches("[0-9a-f]{12}"), build);
        try (HazelcastExecutor e = HazelcastExecutor.embedded(Registry.standard(), 2)) {
            var hz = e.instance();
            assertEquals("127.0.0.1", hz.getCluster().getLocalMember().getAddress().getHost());
            Config c = hz.getConfig();
            assertNoDiscovery(c);
            assertFalse(c.getNetworkConfig().getJoin().getTcpIpConfig().isEnabled(), "tcp-ip join");
            assertTrue(c.getNetworkConfig().getInterfaces().isEnabled());
            assertEquals(List.of("127.0.0.1"), List.copyOf(c.getNetworkConfig().getInterfaces().getInterfaces()));
            assertTrue(c.getClusterName().matches("moecl-" + java.util.regex.Pattern.quote(Manifest.version()) + "-"
                    + build + "-[0-9a-f]{8}"), c.getClusterName());
            assertEquals(2, c.getExecutorConfig(ClusterConfigs.EXECUTOR).getPoolSize());
            assertEquals(1, hz.getCluster().getMembers().size());
            assertEquals(2, e.parallelism());
            assertEquals("hazelcast", e.name());
        }
    }

    @Test
    void workerAndDriverJoinExactlyTheGivenMembersOnLoopback() {
        ClusterOptions o = ClusterOptions.parse(null, "127.0.0.1:5801, localhost:5802", null);
        Config w = ClusterConfigs.worker(new ClusterOptions(null, o.members(), 5801), 3);
        assertNoDiscovery(w);
        assertEquals(ClusterConfigs.clusterName(), w.getClusterName());
        assertTrue(w.getNetworkConfig().getJoin().getTcpIpConfig().isEnabled());
        assertEquals(List.of("127.0.0.1:5801", "localhost:5802"),
                w.getNetworkConfig().getJoin().getTcpIpConfig().getMembers());
        assertEquals(List.of("127.0.0.1"), List.copyOf(w.getNetworkConfig().getInterfaces().getInterfaces()));
        assertEquals(5801, w.getNetworkConfig().getPort());
        assertFalse(w.getNetworkConfig().isPortAutoIncrement(), "an explicit --port is that port or an error");
        assertFalse(w.isLiteMember());
        assertEquals(3, w.getExecutorConfig(ClusterConfigs.EXECUTOR).getPoolSize());
        assertEquals("3", w.getMemberAttributeConfig().getAttribute(ClusterConfigs.THREADS_ATTRIBUTE));

        Config d = ClusterConfigs.driver(o);
        assertNoDiscovery(d);
        assertTrue(d.isLiteMember());
        assertEquals(ClusterConfigs.clusterName(), d.getClusterName());
        assertEquals(List.of("127.0.0.1"), List.copyOf(d.getNetworkConfig().getInterfaces().getInterfaces()));

        Config alone = ClusterConfigs.worker(new ClusterOptions(null, List.of(), null), 1);
        assertEquals(ClusterConfigs.DEFAULT_PORT, alone.getNetworkConfig().getPort());
        assertEquals(List.of("127.0.0.1:5701"), alone.getNetworkConfig().getJoin().getTcpIpConfig().getMembers());
    }

    @Test
    void aRemoteMemberMakesTheDriverListenOnTheInterfaceThatRoutesToIt() throws Exception {
        assertEquals("127.0.0.1", ClusterConfigs.interfaceFor(List.of(ClusterOptions.parseMember("localhost:5701")),
                "--members "));
        // 192.0.2.1 is a documentation address: never this host, reachable through the default route if any
        String iface;
        try {
            iface = ClusterConfigs.interfaceFor(List.of(ClusterOptions.parseMember("192.0.2.1:5701")), "--members ");
        } catch (IllegalArgumentException e) {
            assertEquals("--members 192.0.2.1:5701: no network route to it from this host", e.getMessage());
            return;
        }
        java.net.InetAddress a = java.net.InetAddress.getByName(iface);
        assertFalse(a.isLoopbackAddress(), iface);
        assertTrue(java.net.NetworkInterface.getByInetAddress(a) != null, iface + " is not an address of this host");
    }

    @Test
    void aYamlConfigKeepsItsNetworkButGetsTheSafeDefaultsAndTheBuildsName() throws Exception {
        Path yaml = dir.resolve("cluster.yaml");
        Files.writeString(yaml, """
                hazelcast:
                  cluster-name: lab
                  properties:
                    hazelcast.phone.home.enabled: true
                  network:
                    port:
                      port: 5901
                    join:
                      tcp-ip:
                        enabled: true
                        member-list:
                          - 127.0.0.1:5901
                          - 127.0.0.1:5902
                """);
        Config d = ClusterConfigs.driver(new ClusterOptions(yaml, List.of(), null));
        assertTrue(d.isLiteMember());
        assertEquals(ClusterConfigs.clusterName() + "-lab", d.getClusterName());
        assertNoDiscovery(d);
        assertEquals(List.of("127.0.0.1:5901", "127.0.0.1:5902"),
                d.getNetworkConfig().getJoin().getTcpIpConfig().getMembers());
        assertEquals(List.of("127.0.0.1"), List.copyOf(d.getNetworkConfig().getInterfaces().getInterfaces()),
                "no interface in the file and loopback members: loopback");
        Config w = ClusterConfigs.worker(new ClusterOptions(yaml, List.of(), 5902), 2);
        assertFalse(w.isLiteMember());
        assertEquals(5902, w.getNetworkConfig().getPort());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "localhost              | --members entry 'localhost' is not HOST:PORT (e.g. 127.0.0.1:5701)",
        "127.0.0.1:             | --members entry '127.0.0.1:': the port must be a number from 1 to 65535",
        "127.0.0.1:http         | --members entry '127.0.0.1:http': the port must be a number from 1 to 65535",
        "127.0.0.1:70000        | --members entry '127.0.0.1:70000': port 70000 is out of range; allowed: 1 to 65535",
        "127.0.0.1:0            | --members entry '127.0.0.1:0': port 0 is out of range; allowed: 1 to 65535",
        ":5701                  | --members entry ':5701' is not HOST:PORT (e.g. 127.0.0.1:5701)",
        "'127.0.0.1:5701,'      | --members '127.0.0.1:5701,' has an empty entry; give HOST:PORT,..., "
            + "e.g. 127.0.0.1:5701,127.0.0.1:5702",
        "'a b:5701'             | --members entry 'a b:5701' is not HOST:PORT (e.g. 127.0.0.1:5701)",
    })
    void badMembersGetOneLine(String members, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClusterOptions.parse(null, members, null));
        assertEquals(message, e.getMessage());
    }

    @Test
    void badOptionsGetOneLine() throws Exception {
        assertEquals("give --cluster FILE or --members HOST:PORT,..., not both",
                assertThrows(IllegalArgumentException.class, () -> ClusterOptions.parse(dir.resolve("c.yaml"),
                        "127.0.0.1:5701", null)).getMessage());
        assertEquals("--port 0 is out of range; allowed: 1 to 65535",
                assertThrows(IllegalArgumentException.class, () -> ClusterOptions.parse(null, null, 0)).getMessage());
        assertEquals("--members is empty; give HOST:PORT,..., e.g. 127.0.0.1:5701",
                assertThrows(IllegalArgumentException.class, () -> ClusterOptions.parse(null, " ", null)).getMessage());
        assertEquals("joining a cluster needs --cluster FILE.yaml or --members HOST:PORT,...",
                assertThrows(IllegalArgumentException.class,
                        () -> ClusterConfigs.driver(ClusterOptions.parse(null, null, null))).getMessage());
        assertEquals("--members nosuchhost.invalid:5701: unknown host 'nosuchhost.invalid'",
                assertThrows(IllegalArgumentException.class, () -> ClusterConfigs.driver(
                        ClusterOptions.parse(null, "nosuchhost.invalid:5701", null))).getMessage());
        assertEquals("--threads 0 is out of range; allowed: 1 to 1024",
                assertThrows(IllegalArgumentException.class, () -> ClusterConfigs.worker(
                        ClusterOptions.parse(null, null, null), 0)).getMessage());
    }

    @Test
    void badYamlFilesGetOneLine() throws Exception {
        Path missing = dir.resolve("missing.yaml");
        Path empty = Files.writeString(dir.resolve("empty.yaml"), "\n");
        Path broken = Files.writeString(dir.resolve("broken.yaml"), "hazelcast:\n  network: [\n");
        Path wrongKey = Files.writeString(dir.resolve("wrong.yaml"), "hazelcast:\n  netwerk:\n    port: 5701\n");
        Path client = Files.writeString(dir.resolve("client.yaml"), "hazelcast-client:\n  cluster-name: x\n");
        Path noTcp = Files.writeString(dir.resolve("notcp.yaml"), "hazelcast:\n  cluster-name: x\n");
        Path unreadable = Files.writeString(dir.resolve("secret.yaml"), "hazelcast:\n");
        Files.setPosixFilePermissions(unreadable, PosixFilePermissions.fromString("---------"));
        Set<String> messages = new LinkedHashSet<>();
        for (Path p : List.of(missing, empty, broken, wrongKey, client, noTcp, unreadable, dir)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ClusterConfigs.driver(new ClusterOptions(p, List.of(), null)), p.toString());
            String m = e.getMessage();
            assertTrue(m.startsWith("--cluster " + p), m);
            assertFalse(m.contains("\n"), m);
            assertTrue(m.length() < 400, m);
            messages.add(m);
        }
        List<String> list = List.copyOf(messages);
        assertEquals("--cluster " + missing + ": no such file", list.get(0));
        assertEquals("--cluster " + empty + " is empty; it should be a Hazelcast member config starting with "
                + "'hazelcast:'", list.get(1));
        assertTrue(list.get(2).startsWith("--cluster " + broken + " is not a valid Hazelcast member YAML config: "),
                list.get(2));
        assertTrue(list.get(3).contains("netwerk"), list.get(3));
        assertEquals("--cluster " + client + " is not a Hazelcast member config: it should start with "
                + "'hazelcast:', not 'hazelcast-client:'", list.get(4));
        assertEquals("--cluster " + noTcp + ": moecl joins by TCP/IP only; enable network.join.tcp-ip with a "
                + "member-list", list.get(5));
        if (!"root".equals(System.getProperty("user.name"))) {
            assertEquals("--cluster " + unreadable + ": permission denied", list.get(6));
        }
        assertEquals("--cluster " + dir + " is a folder, not a Hazelcast member YAML file", list.get(7));
    }

    @Test
    @Timeout(60)
    void joiningWhereNoWorkerListensSaysSo() throws Exception {
        int port = TestCluster.freePort();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HazelcastExecutor.join(Registry.standard(),
                        ClusterOptions.parse(null, "127.0.0.1:" + port, null)));
        assertEquals("no moecl worker answered at 127.0.0.1:" + port + " (cluster " + ClusterConfigs.clusterName()
                + "); start 'moecl worker' there first, with the same moecl build", e.getMessage());
    }

    /**
     * Something that is not a moecl member on the port (a web server, say): the join gives up after moecl's bound
     * and says so in one line; it had spun a core for Hazelcast's 300 s without a word.
     */
    @Test
    void joiningWhereSomethingElseListensGivesUpSoonAndSaysSo() throws Exception {
        try (java.net.ServerSocket server = new java.net.ServerSocket(0, 50,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            Thread answer = new Thread(() -> {
                while (!server.isClosed()) {
                    try (java.net.Socket s = server.accept()) {
                        s.getOutputStream().write("HTTP/1.0 400 Bad Request\r\n\r\n".getBytes(
                                java.nio.charset.StandardCharsets.US_ASCII));
                    } catch (java.io.IOException e) {
                        return;
                    }
                }
            }, "not-a-worker");
            answer.setDaemon(true);
            answer.start();
            String old = System.getProperty("moecl.cluster.joinSeconds");
            System.setProperty("moecl.cluster.joinSeconds", "4");
            long t0 = System.nanoTime();
            try {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> HazelcastExecutor.join(Registry.standard(),
                                ClusterOptions.parse(null, "127.0.0.1:" + server.getLocalPort(), null)));
                assertEquals("no moecl member of this build answered at 127.0.0.1:" + server.getLocalPort()
                        + " within the join timeout of 4 s (cluster " + ClusterConfigs.clusterName() + "): something "
                        + "else listens there, or a moecl worker of another build; start 'moecl worker' there with "
                        + "the same moecl build", e.getMessage());
            } finally {
                if (old == null) {
                    System.clearProperty("moecl.cluster.joinSeconds");
                } else {
                    System.setProperty("moecl.cluster.joinSeconds", old);
                }
            }
            assertTrue(System.nanoTime() - t0 < 60_000_000_000L, "gave up within a minute");
        }
    }

    /** Hazelcast's warnings in one line each, without stack traces; a flood of lost partitions said once. */
    @Test
    void hazelcastWarningsAreOneLineEach() {
        java.io.PrintStream old = System.err;
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(buf, true, java.nio.charset.StandardCharsets.UTF_8));
        java.util.logging.Logger l = java.util.logging.Logger.getAnonymousLogger();
        l.setUseParentHandlers(false);
        l.addHandler(new ClusterConfigs.OneLine()); // the handler quietLogging() puts on com.hazelcast, afresh
        try {
            l.log(java.util.logging.Level.WARNING, "Connection closed. Reason: reset",
                    new java.net.SocketException("Connection reset"));
            for (int i = 0; i < 5; i++) {
                l.warning("partitionId=" + i + " is completely lost!");
            }
            l.info("an INFO line");
            l.log(java.util.logging.Level.WARNING, "Member {0} left", "[127.0.0.1]:5702");
        } finally {
            System.setErr(old);
        }
        String out = buf.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(List.of("hazelcast WARNING: Connection closed. Reason: reset (Connection reset)",
                "hazelcast WARNING: partition data was lost: members left without backups (the same warning for "
                        + "other partitions in the next 30 s is left out; moecl recomputes what it needs)",
                "hazelcast WARNING: Member [127.0.0.1]:5702 left"), out.lines().toList());
    }

    @Test
    void theBuildHashFollowsContentNotPlace() throws Exception {
        Path a = dir.resolve("a/classes");
        Path b = dir.resolve("b/classes");
        for (Path p : List.of(a, b)) {
            Files.createDirectories(p.resolve("moecl"));
            Files.writeString(p.resolve("moecl/X.class"), "one");
        }
        assertEquals(BuildHash.compute(Set.of(a)), BuildHash.compute(Set.of(b)));
        Files.writeString(b.resolve("moecl/X.class"), "two");
        assertNotEquals(BuildHash.compute(Set.of(a)), BuildHash.compute(Set.of(b)));
        assertTrue(BuildHash.entries().stream().anyMatch(p -> p.endsWith("cluster/target/classes")
                || p.getFileName().toString().startsWith("moecl-cluster")), BuildHash.entries().toString());
    }

    /** A chunk's runs in messages: a range only without gaps. */
    @Test
    void runsOfAChunkAreNamedAsTheyAre() {
        assertEquals("7", ClusterSweep.runsText(new int[] {7}));
        assertEquals("15..18", ClusterSweep.runsText(new int[] {15, 16, 17, 18}));
        assertEquals("93, 95", ClusterSweep.runsText(new int[] {93, 95}));
        assertEquals("1, 3, 5, 7, 9, 11, ... (8 runs)", ClusterSweep.runsText(new int[] {1, 3, 5, 7, 9, 11, 13, 15}));
        assertEquals("Target of invocation cannot be found!", ClusterSweep.firstSentence(
                "Target of invocation cannot be found! Partition owner is null. Details follow."));
        assertEquals("Partition owner is null.", ClusterSweep.firstSentence("Partition owner is null. Details."));
    }
}
