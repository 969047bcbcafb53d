package moecl.paper;

import moecl.plugin.BuildContext;
import moecl.plugin.GeneratorFactory;
import moecl.plugin.Memory;
import moecl.plugin.Param;
import moecl.plugin.Params;
import moecl.plugin.PluginDescriptor;
import moecl.plugin.PluginKind;
import moecl.task.TaskGenerator;

/** {@code definition1}: the data model of the paper's Definition 1 (paper.md §1.2). */
public final class Definition1Factory implements GeneratorFactory {

    @Override
    public PluginDescriptor descriptor() {
        return PluginDescriptor.of(PluginKind.GENERATOR, "definition1",
                "the paper's Definition 1: one signal column beta*v_n, the other columns i.i.d. N(0, sigmaT^2)",
                Param.integer("d", 10).min(1).doc("feature dimension d"),
                Param.integer("s", 6).min(1).doc("samples per task s"),
                Param.integer("N", 7).min(1).doc("number of task types N"),
                Param.integer("K", 3).min(1).doc("number of clusters K of the pool"),
                Param.integer("r", 10).min(1).doc("coordinates the truths live in (r <= d)"),
                Param.real("sigma0", 0.4).positive().doc("norm of the cluster centres σ0"),
                Param.real("spread", 0.002).nonNegative().computedDefault("sigma0/200")
                        .doc("std of a member around its centre"),
                Param.real("c", 1).positive().doc("signal norm: v_n = c·w_n/‖w_n‖"),
                Param.real("betaMax", 1).positive().doc("C: β_t ~ U(0, C]"),
                Param.real("sigmaT", 0.1).nonNegative().doc("std σ_t of the non-signal columns"));
    }

    /** The pool (truths and signals, N rows of d each), the arrival sequence (T types) and one round's task. */
    @Override
    public Memory memory(Params p, BuildContext ctx) {
        int d = p.int32("d");
        int s = p.int32("s");
        ClusterPool.checkTask("definition1", d, s);
        return ClusterPool.memory(d, p.int32("r"), s, p.int32("N"), ctx.rounds(), 0);
    }

    @Override
    public TaskGenerator create(Params p, BuildContext ctx) {
        int d = p.int32("d");
        int s = p.int32("s");
        int n = p.int32("N");
        int k = p.int32("K");
        int r = p.int32("r");
        double sigma0 = p.real("sigma0");
        double spread = ((Number) p.resolve("spread", sigma0 / 200)).doubleValue();
        if (r > d) {
            throw new IllegalArgumentException("definition1 needs r <= d, got r=" + r + ", d=" + d);
        }
        if (k > n) {
            throw new IllegalArgumentException("definition1 needs K <= N, got K=" + k + ", N=" + n);
        }
        ClusterPool.checkTask("definition1", d, s);
        ClusterPool pool = ClusterPool.draw(ctx.stream("pool"), d, r, n, k, sigma0, spread, p.real("c"),
                ClusterPool.Draws.FIG2);
        int[] seq = ClusterPool.sequence(ctx.stream("sequence"), ctx.rounds(), n);
        return new Definition1Generator(d, s, p.real("betaMax"), p.real("sigmaT"), pool, seq, ctx.stream("tasks"));
    }
}
