package moecl.shell.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.LifecycleEvent;

import moecl.cluster.ClusterOptions;
import moecl.cluster.Worker;
import moecl.shell.Session;

/**
 * {@code moecl worker [--cluster FILE.yaml | --members HOST:PORT,...] [--port P] [--threads K]}: a compute member of
 * a Hazelcast cluster. Sweeps started elsewhere with {@code --members} or {@code --cluster} send it runs; it writes
 * nothing itself (the sweep's process does). It prints where it listens and the cluster name, then runs until
 * SIGTERM or Ctrl-C, when it leaves the cluster and exits 0. Loopback (127.0.0.1:5701) unless the options name
 * other hosts; Hazelcast Community Edition has no TLS or authentication, so only on trusted networks.
 */
@Command(name = "worker", description = {"Run a compute member of a Hazelcast cluster for sweeps "
        + "(moecl run ... --members HOST:PORT sends it runs).",
        "Listens on 127.0.0.1:5701 unless told otherwise; trusted networks only (no TLS or authentication)."})
final class WorkerCmd implements Callable<Integer> {
    private final Session session;

    @Option(names = "--cluster", paramLabel = "FILE.yaml", description = "a Hazelcast member config (network, "
            + "member list) to join with")
    Path cluster;

    @Option(names = "--members", paramLabel = "HOST:PORT,...", description = "the other members to join (TCP/IP)")
    String members;

    @Option(names = "--port", paramLabel = "P", description = "the port to listen on (default 5701, or the next free)")
    Integer port;

    @Option(names = "--threads", paramLabel = "K", description = "runs at once (default: cores)")
    Integer threads;

    WorkerCmd(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() throws Exception {
        int t = ThreadsOption.threads(threads);
        ClusterOptions options = ClusterOptions.parse(cluster, members, port);
        CountDownLatch stop = new CountDownLatch(1);
        boolean[] asked = new boolean[1];
        Signals signals = Signals.onTermination(() -> {
            asked[0] = true;
            stop.countDown();
        });
        try (Worker w = Worker.start(session.registry(), options, t)) {
            w.instance().getLifecycleService().addLifecycleListener(e -> {
                if (e.getState() == LifecycleEvent.LifecycleState.SHUTTING_DOWN
                        || e.getState() == LifecycleEvent.LifecycleState.SHUTDOWN) {
                    stop.countDown();
                }
            });
            w.instance().getCluster().addMembershipListener(new MembershipListener() {
                @Override
                public void memberAdded(MembershipEvent e) {
                    say("moecl worker: " + who(e) + " " + e.getMember().getAddress() + " joined");
                }

                @Override
                public void memberRemoved(MembershipEvent e) {
                    say("moecl worker: " + who(e) + " " + e.getMember().getAddress() + " left");
                }
            });
            say("moecl worker: listening on " + w.address() + ", cluster " + w.clusterName() + ", " + t
                    + (t == 1 ? " thread" : " threads") + ", " + w.clusterSize()
                    + (w.clusterSize() == 1 ? " member" : " members") + "; stop with Ctrl-C");
            try {
                stop.await();
            } catch (InterruptedException e) {
                asked[0] = true; // the REPL's Ctrl-C
            }
            if (!asked[0]) {
                throw new IllegalStateException("the Hazelcast member stopped by itself");
            }
        } finally {
            signals.close();
        }
        say("moecl worker: stopped");
        return 0;
    }

    private static String who(MembershipEvent e) {
        return e.getMember().isLiteMember() ? "driver" : "member";
    }

    private synchronized void say(String line) {
        session.out().println(line);
        session.out().flush();
    }

    /**
     * SIGTERM and SIGINT handled by an action instead of the JVM's exit (so the member leaves cleanly and the
     * command returns 0); the previous handlers come back on close. Through reflection: {@code sun.misc.Signal} is
     * an internal API javac warns about; where it is missing, the JVM's default (exit via shutdown hooks) stays.
     */
    static final class Signals implements AutoCloseable {
        private final java.util.List<Object[]> previous = new java.util.ArrayList<>();
        private java.lang.reflect.Method handle;

        static Signals onTermination(Runnable action) {
            Signals s = new Signals();
            try {
                Class<?> signal = Class.forName("sun.misc.Signal");
                Class<?> handler = Class.forName("sun.misc.SignalHandler");
                Object proxy = java.lang.reflect.Proxy.newProxyInstance(handler.getClassLoader(),
                        new Class<?>[] {handler}, (p, m, args) -> {
                            if (m.getName().equals("handle")) {
                                action.run();
                                return null;
                            }
                            return switch (m.getName()) {
                                case "hashCode" -> System.identityHashCode(p);
                                case "equals" -> p == args[0];
                                case "toString" -> "moecl worker signal handler";
                                default -> null;
                            };
                        });
                var handle = signal.getMethod("handle", signal, handler);
                for (String name : new String[] {"TERM", "INT"}) {
                    try {
                        Object sig = signal.getConstructor(String.class).newInstance(name);
                        s.previous.add(new Object[] {sig, handle.invoke(null, sig, proxy)});
                    } catch (ReflectiveOperationException | RuntimeException e) {
                        // this signal cannot be handled here (e.g. INT with -Xrs): the default stays
                    }
                }
                s.handle = handle;
            } catch (ReflectiveOperationException | RuntimeException e) {
                // no sun.misc.Signal: the JVM's default handling stays
            }
            return s;
        }

        @Override
        public void close() {
            for (Object[] p : previous) {
                try {
                    handle.invoke(null, p[0], p[1]);
                } catch (ReflectiveOperationException | RuntimeException ignored) {
                    // best effort
                }
            }
            previous.clear();
        }
    }
}
