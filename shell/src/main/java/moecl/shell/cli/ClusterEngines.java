package moecl.shell.cli;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import moecl.cluster.ClusterOptions;
import moecl.cluster.HazelcastExecutor;
import moecl.engine.RunSpec;
import moecl.shell.Session;
import moecl.plugin.PluginKind;
import moecl.plugin.Registry;
import moecl.workbench.sweep.RunExecutor;

/** The Hazelcast executors: an embedded member, or a lite member joining a cluster of moecl workers. */
final class ClusterEngines {

    private ClusterEngines() {
    }

    static RunExecutor create(Session session, EngineOptions o, int threads, List<RunSpec> specs) {
        Registry registry = session.registry();
        Set<String> scripted = scriptPlugins(registry, specs);
        if (!scripted.isEmpty()) {
            throw new IllegalArgumentException("script-defined plugins run on the local engine only ("
                    + String.join(", ", scripted) + "); drop --engine, --cluster and --members");
        }
        if (o.cluster == null && o.members == null) {
            return HazelcastExecutor.embedded(registry, threads);
        }
        return HazelcastExecutor.join(registry, ClusterOptions.parse(o.cluster, o.members, null));
    }

    /**
     * The script-defined plugins the specs use, as {@code router first}. Such a plugin lives in its script's
     * context: other members do not have it, and a JavaScript context admits one thread at a time.
     */
    static Set<String> scriptPlugins(Registry registry, List<RunSpec> specs) {
        Set<String> scripted = new LinkedHashSet<>();
        for (RunSpec s : specs) {
            check(registry, PluginKind.GENERATOR, s.tasks().name(), scripted);
            check(registry, PluginKind.EXPERT, s.experts().name(), scripted);
            check(registry, PluginKind.ROUTER, s.router().name(), scripted);
        }
        return scripted;
    }

    private static void check(Registry registry, PluginKind kind, String name, Set<String> scripted) {
        registry.find(kind, name).ifPresent(f -> {
            if (f.getClass().getName().startsWith("moecl.script.")) {
                scripted.add(kind.label() + " " + name);
            }
        });
    }
}
