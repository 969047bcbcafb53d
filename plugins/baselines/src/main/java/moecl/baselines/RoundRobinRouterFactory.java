package moecl.baselines;

import moecl.plugin.BuildContext;
import moecl.plugin.Params;
import moecl.plugin.PluginDescriptor;
import moecl.plugin.PluginKind;
import moecl.plugin.RouterFactory;
import moecl.router.Router;

/** {@code roundrobin}: expert {@code (t − 1) mod M} at round t; see {@link RoundRobinRouter}. */
public final class RoundRobinRouterFactory implements RouterFactory {

    @Override
    public PluginDescriptor descriptor() {
        return PluginDescriptor.of(PluginKind.ROUTER, "roundrobin",
                "baseline: expert (t-1) mod M at round t (perfect balance, no specialisation)");
    }

    /** Constant: the router and one decision a round: a few dozen bytes, whatever M. */
    @Override
    public moecl.plugin.Memory memory(Params params, BuildContext ctx) {
        return moecl.plugin.Memory.of(64);
    }

    @Override
    public Router create(Params params, BuildContext ctx) {
        return new RoundRobinRouter(ctx.experts());
    }
}
