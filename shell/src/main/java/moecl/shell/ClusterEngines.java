package moecl.shell;

import java.util.List;

import moecl.engine.RunSpec;
import moecl.workbench.sweep.RunExecutor;

/** The Hazelcast executors (embedded member, or joining a cluster as a lite member). */
final class ClusterEngines {

    private ClusterEngines() {
    }

    static RunExecutor create(Session session, Commands.EngineOptions o, int threads, List<RunSpec> specs) {
        throw new IllegalArgumentException("the hazelcast engine is not available in this build");
    }
}
