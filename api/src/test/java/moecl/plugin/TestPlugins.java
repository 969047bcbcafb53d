package moecl.plugin;

import moecl.expert.LearnReport;
import moecl.router.Decision;
import moecl.router.Router;
import moecl.task.Task;

/** Plugins registered only in the api module's tests: one that works and one that fails to load. */
final class TestPlugins {

    private TestPlugins() {
    }

    /** A router with every parameter type, for binding tests. */
    public static final class Fixed implements RouterFactory {
        @Override
        public PluginDescriptor descriptor() {
            return PluginDescriptor.of(PluginKind.ROUTER, "fixed", "always expert 0",
                    Param.real("eta", 0.5).positive().doc("a rate"),
                    Param.integer("k", 1).range(1, 8).doc("an integer"),
                    Param.bool("flag", false),
                    Param.string("label", "x"),
                    Param.realList("weights", java.util.List.of()),
                    Param.choice("stop", "never",
                            Variant.of("never", "never stop"),
                            Variant.of("after", "stop after", Param.integer("rounds", 100).nonNegative())))
                    .withAliases("constant");
        }

        @Override
        public Router create(Params params, BuildContext context) {
            return new Router() {
                @Override
                public Decision route(Task task) {
                    return Decision.of(0);
                }

                @Override
                public void learn(Task task, Decision decision, LearnReport report) {
                }
            };
        }
    }

    /** A provider whose constructor throws: the registry must list it as a failure and keep the others. */
    public static final class Broken implements RouterFactory {
        public Broken() {
            throw new IllegalStateException("broken on purpose");
        }

        @Override
        public PluginDescriptor descriptor() {
            throw new AssertionError();
        }

        @Override
        public Router create(Params params, BuildContext context) {
            throw new AssertionError();
        }
    }
}
