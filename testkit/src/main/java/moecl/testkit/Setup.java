package moecl.testkit;

import moecl.plugin.ExpertFactory;
import moecl.plugin.GeneratorFactory;
import moecl.plugin.Params;
import moecl.plugin.PluginDescriptor;
import moecl.plugin.PluginFactory;
import moecl.plugin.PluginKind;
import moecl.plugin.RouterFactory;

/**
 * The three components of a test run and its size: which plugin is under test, the others are its partners.
 *
 * @param tasks     the task generator
 * @param experts   the experts (one built per index)
 * @param router    the router
 * @param m         M, the number of experts
 * @param rounds    T, the number of rounds
 * @param underTest the kind of the plugin under test
 */
record Setup(Part tasks, Part experts, Part router, int m, int rounds, PluginKind underTest) {

    /**
     * One component: its factory, descriptor and parameters (every default filled in).
     *
     * @param kind       its kind
     * @param factory    its factory
     * @param descriptor what the factory says of itself
     * @param params     the parameters it is built with
     */
    record Part(PluginKind kind, PluginFactory<?> factory, PluginDescriptor descriptor, Params params) {

        /** {@code router 'paper'}. */
        String label() {
            return label(kind, descriptor.name());
        }

        static String label(PluginKind kind, String name) {
            return kind.label() + " '" + name + "'";
        }

        /** {@code paper(eta=0.5, ...)}: what the component is built with. */
        String spec() {
            String args = params.toArgsText();
            return args.isEmpty() ? descriptor.name() : descriptor.name() + "(" + args + ")";
        }

        Part with(Params p) {
            return new Part(kind, factory, descriptor, p);
        }

        GeneratorFactory generator() {
            return (GeneratorFactory) factory;
        }

        ExpertFactory expert() {
            return (ExpertFactory) factory;
        }

        RouterFactory router() {
            return (RouterFactory) factory;
        }
    }

    /** The component under test. */
    Part plugin() {
        return part(underTest);
    }

    Part part(PluginKind kind) {
        return switch (kind) {
            case GENERATOR -> tasks;
            case EXPERT -> experts;
            case ROUTER -> router;
        };
    }

    /** The same run with the plugin under test built with {@code p}. */
    Setup withPlugin(Params p) {
        return with(underTest, plugin().with(p));
    }

    Setup with(PluginKind kind, Part part) {
        return new Setup(kind == PluginKind.GENERATOR ? part : tasks, kind == PluginKind.EXPERT ? part : experts,
                kind == PluginKind.ROUTER ? part : router, m, rounds, underTest);
    }

    Setup withExperts(int count) {
        return new Setup(tasks, experts, router, count, rounds, underTest);
    }

    /** {@code tasks=..., experts=..., router=..., M=3, T=40}. */
    String describe() {
        return "tasks=" + tasks.spec() + ", experts=" + experts.spec() + ", router=" + router.spec() + ", M=" + m
                + ", T=" + rounds;
    }
}
