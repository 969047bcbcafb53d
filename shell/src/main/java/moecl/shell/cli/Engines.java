package moecl.shell.cli;

import java.util.List;
import java.util.Set;

import moecl.engine.RunSpec;
import moecl.shell.Session;
import moecl.workbench.sweep.LocalExecutor;
import moecl.workbench.sweep.RunExecutor;

/** Builds the executor the options ask for: local threads by default, Hazelcast on request. */
final class Engines {

    private Engines() {
    }

    /** The executor for {@code threads} as given ({@code --threads}, or the processors when not given). */
    static RunExecutor create(Session session, EngineOptions o, ThreadsOption asked, List<RunSpec> specs) {
        int threads = asked.threads();
        String engine = o.engine == null ? (o.cluster != null || o.members != null ? "hazelcast" : "local") : o.engine;
        return switch (engine) {
            case "local" -> {
                if (o.cluster != null || o.members != null) {
                    throw new IllegalArgumentException("--cluster and --members need --engine hazelcast (or no "
                            + "--engine)");
                }
                int t = threads;
                Set<String> scripted = ClusterEngines.scriptPlugins(session.registry(), specs);
                if (t > 1 && !scripted.isEmpty()) {
                    // a script's guest objects live in its context, which takes one thread at a time (JavaScript
                    // refuses a second outright); results do not depend on the thread count. Said only to whom
                    // asked for threads: a note on every run of a session's script plugin was noise
                    if (asked.threads != null) {
                        session.err().println("note: script-defined plugins run on one thread ("
                                + String.join(", ", scripted) + "); --threads " + t + " becomes 1");
                    }
                    t = 1;
                }
                yield new LocalExecutor(session.registry(), t);
            }
            case "hazelcast" -> ClusterEngines.create(session, o, threads, specs);
            default -> throw new IllegalArgumentException("--engine " + engine + " is not allowed; allowed: local, "
                    + "hazelcast");
        };
    }
}
