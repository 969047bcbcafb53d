package moecl.baselines;

import moecl.plugin.BuildContext;
import moecl.plugin.Memory;
import moecl.plugin.Param;
import moecl.plugin.Params;
import moecl.plugin.PluginDescriptor;
import moecl.plugin.PluginKind;
import moecl.plugin.RouterFactory;
import moecl.plugin.Sizes;
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

    /**
     * θ (M rows of d), its gradient, allocated anew each round (another M×d), the per-expert counts and a round's
     * M-vectors (outputs, π, the loss's terms: about ten, and two of indices).
     */
    @Override
    public Memory memory(Params p, BuildContext ctx) {
        int m = ctx.experts();
        int d = ctx.generator().dimension();
        return Memory.of(Sizes.add(Sizes.times(2, Sizes.matrix(m, d)), Sizes.times(10, Sizes.doubles(m)),
                Sizes.times(2, Sizes.ints(m)), 128), "M", "d");
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
