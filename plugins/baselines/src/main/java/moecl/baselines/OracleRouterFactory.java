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

    /** Constant: the router and one decision a round: a few dozen bytes, whatever M. */
    @Override
    public moecl.plugin.Memory memory(Params params, BuildContext ctx) {
        return moecl.plugin.Memory.of(64);
    }

    @Override
    public Router create(Params params, BuildContext ctx) {
        return new OracleRouter(ctx.experts());
    }
}
