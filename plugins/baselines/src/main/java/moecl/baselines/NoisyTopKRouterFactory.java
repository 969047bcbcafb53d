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

/** {@code noisytopk}: Shazeer et al. (2017) noisy top-k gating; see {@link NoisyTopKRouter}. */
public final class NoisyTopKRouterFactory implements RouterFactory {

    @Override
    public PluginDescriptor descriptor() {
        return PluginDescriptor.of(PluginKind.ROUTER, "noisytopk",
                "baseline: Shazeer et al. 2017 noisy top-k gate with locality, importance and load losses, "
                        + "SGD, never stops",
                Param.real("eta", 0.1).positive().doc("SGD learning rate η for W_g and W_noise"),
                Param.integer("k", 1).min(1).doc("experts kept per task (KeepTopK), 1..M"),
                Param.real("wImportance", 0.1).nonNegative().doc("weight of the importance loss CV(Importance)²"),
                Param.real("wLoad", 0.1).nonNegative().doc("weight of the load loss CV(Load)²"),
                Param.real("noiseInit", 0.0).nonNegative()
                        .doc("std of W_noise's initial entries (0: W_noise starts at 0, noise scale ln 2)"));
    }

    /**
     * W_g and W_noise (M rows of d each), their gradients, allocated anew each round (two more M×d), and a round's
     * M-vectors (forward pass, losses and their gradients: about twenty, and four of indices).
     */
    @Override
    public Memory memory(Params p, BuildContext ctx) {
        int m = ctx.experts();
        int d = ctx.generator().dimension();
        return Memory.of(Sizes.add(Sizes.times(4, Sizes.matrix(m, d)), Sizes.times(20, Sizes.doubles(m)),
                Sizes.times(4, Sizes.ints(m)), 256), "M", "d");
    }

    @Override
    public Router create(Params p, BuildContext ctx) {
        int m = ctx.experts();
        long k = p.integer("k");
        if (k < 1 || k > m) {
            throw new IllegalArgumentException(SoftmaxRouter.kMessage("noisytopk", k, m));
        }
        return new NoisyTopKRouter(m, ctx.generator().dimension(), (int) k, p.real("eta"), p.real("wImportance"),
                p.real("wLoad"), p.real("noiseInit"), ctx.stream("router"));
    }
}
