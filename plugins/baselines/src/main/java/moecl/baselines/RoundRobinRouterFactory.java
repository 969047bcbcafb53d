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

    @Override
    public Router create(Params params, BuildContext ctx) {
        return new RoundRobinRouter(ctx.experts());
    }
}
