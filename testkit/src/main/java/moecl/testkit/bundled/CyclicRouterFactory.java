package moecl.testkit.bundled;

import moecl.expert.LearnReport;
import moecl.plugin.BuildContext;
import moecl.plugin.Memory;
import moecl.plugin.Param;
import moecl.plugin.Params;
import moecl.plugin.PluginDescriptor;
import moecl.plugin.PluginKind;
import moecl.plugin.RouterFactory;
import moecl.router.Decision;
import moecl.router.Router;
import moecl.task.Task;

/**
 * {@code kit-cyclic}: the test kit's router, expert {@code (t − 1 + offset) mod M} at round t: every expert learns,
 * nothing is drawn, so a test of an expert or a generator depends on them alone.
 *
 * <p>Not registered as a service: it is a fixture of the kit, not a plugin users see.
 */
public final class CyclicRouterFactory implements RouterFactory {

    /** The plugin's name. */
    public static final String NAME = "kit-cyclic";

    @Override
    public PluginDescriptor descriptor() {
        return PluginDescriptor.of(PluginKind.ROUTER, NAME,
                "test kit router: expert (t - 1 + offset) mod M at round t",
                Param.integer("offset", 0).range(0, 1000).doc("the expert of round 1 (mod M)"));
    }

    @Override
    public Memory memory(Params p, BuildContext ctx) {
        return Memory.of(64);
    }

    @Override
    public Router create(Params p, BuildContext ctx) {
        int m = ctx.experts();
        long offset = p.integer("offset");
        return new Router() {
            @Override
            public Decision route(Task task) {
                return Decision.of((int) Math.floorMod(task.round() - 1 + offset, (long) m));
            }

            @Override
            public void learn(Task task, Decision decision, LearnReport report) {
                // nothing to learn
            }
        };
    }
}
