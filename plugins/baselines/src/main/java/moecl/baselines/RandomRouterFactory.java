package moecl.baselines;

import moecl.plugin.BuildContext;
import moecl.plugin.Params;
import moecl.plugin.PluginDescriptor;
import moecl.plugin.PluginKind;
import moecl.plugin.RouterFactory;
import moecl.router.Router;

/** {@code random}: a uniformly random expert every round; see {@link RandomRouter}. */
public final class RandomRouterFactory implements RouterFactory {

    @Override
    public PluginDescriptor descriptor() {
        return PluginDescriptor.of(PluginKind.ROUTER, "random",
                "baseline: a uniformly random expert every round (no gate, no specialisation)");
    }

    @Override
    public Router create(Params params, BuildContext ctx) {
        return new RandomRouter(ctx.experts(), ctx.stream("router"));
    }
}
