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

    /**
     * Constant: the router, its random stream and one decision a round: a few dozen bytes and the stream's state
     * (numpy-legacy: 624 ints).
     */
    @Override
    public moecl.plugin.Memory memory(Params params, BuildContext ctx) {
        return moecl.plugin.Memory.of(2720);
    }

    @Override
    public Router create(Params params, BuildContext ctx) {
        return new RandomRouter(ctx.experts(), ctx.stream("router"));
    }
}
