package moecl.baselines;

import moecl.plugin.BuildContext;
import moecl.plugin.Params;
import moecl.plugin.PluginDescriptor;
import moecl.plugin.PluginKind;
import moecl.plugin.RouterFactory;
import moecl.router.Router;

/** {@code oracle}: task type n to expert {@code n mod M} using the hidden type; see {@link OracleRouter}. */
public final class OracleRouterFactory implements RouterFactory {

    @Override
    public PluginDescriptor descriptor() {
        return PluginDescriptor.of(PluginKind.ROUTER, "oracle",
                "baseline that cheats: reads the hidden task type n and routes it to expert n mod M "
                        + "(the perfectly specialised upper bound when M >= N)");
    }

    @Override
    public Router create(Params params, BuildContext ctx) {
        return new OracleRouter(ctx.experts());
    }
}
