package moecl.shell.cli;

import java.util.List;

import moecl.engine.RunSpec;
import moecl.shell.Session;
import moecl.workbench.sweep.LocalExecutor;
import moecl.workbench.sweep.RunExecutor;

/** Builds the executor the options ask for: local threads by default, Hazelcast on request. */
final class Engines {

    private Engines() {
    }

    static RunExecutor create(Session session, EngineOptions o, int threads, List<RunSpec> specs) {
        String engine = o.engine == null ? (o.cluster != null || o.members != null ? "hazelcast" : "local") : o.engine;
        return switch (engine) {
            case "local" -> {
                if (o.cluster != null || o.members != null) {
                    throw new IllegalArgumentException("--cluster and --members need --engine hazelcast (or no "
                            + "--engine)");
                }
                yield new LocalExecutor(session.registry(), threads);
            }
            case "hazelcast" -> ClusterEngines.create(session, o, threads, specs);
            default -> throw new IllegalArgumentException("--engine " + engine + " is not allowed; allowed: local, "
                    + "hazelcast");
        };
    }
}
