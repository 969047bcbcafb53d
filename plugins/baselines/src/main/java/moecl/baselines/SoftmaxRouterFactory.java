package moecl.baselines;

import moecl.plugin.BuildContext;
import moecl.plugin.Param;
import moecl.plugin.Params;
import moecl.plugin.PluginDescriptor;
import moecl.plugin.PluginKind;
import moecl.plugin.RouterFactory;
import moecl.router.Router;

/** {@code softmax}: learned softmax gate, top-k, Switch load-balancing loss, never stops; see {@link SoftmaxRouter}. */
public final class SoftmaxRouterFactory implements RouterFactory {

    @Override
    public PluginDescriptor descriptor() {
        return PluginDescriptor.of(PluginKind.ROUTER, "softmax",
                "baseline: learned linear softmax gate, top-k routing, locality + Switch load-balancing loss, "
                        + "exact gradient, never stops",
                Param.real("eta", 0.5).positive().doc("gate learning rate η"),
                Param.real("alpha", 0.5).nonNegative().doc("weight α of the load-balancing loss α·M·Σ f_m P_m"),
                Param.integer("k", 1).min(1).doc("experts per task (top-k by π), 1..M"),
                Param.real("temperature", 1.0).positive().doc("softmax temperature: π = softmax(h / temperature)"));
    }

    @Override
    public Router create(Params p, BuildContext ctx) {
        int m = ctx.experts();
        long k = p.integer("k");
        if (k < 1 || k > m) {
            throw new IllegalArgumentException(SoftmaxRouter.kMessage("softmax", k, m));
        }
        return new SoftmaxRouter(m, ctx.generator().dimension(), (int) k, p.real("eta"), p.real("alpha"),
                p.real("temperature"));
    }
}
