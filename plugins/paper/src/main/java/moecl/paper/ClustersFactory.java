package moecl.paper;

import moecl.plugin.BuildContext;
import moecl.plugin.GeneratorFactory;
import moecl.plugin.Memory;
import moecl.plugin.Param;
import moecl.plugin.Params;
import moecl.plugin.PluginDescriptor;
import moecl.plugin.PluginKind;
import moecl.plugin.Variant;
import moecl.task.TaskGenerator;

/** {@code clusters}: the reference scripts' generator (paper.md §1.1); defaults are the Fig. 2 values. */
public final class ClustersFactory implements GeneratorFactory {

    static final Param D = Param.integer("d", 10).min(1).doc("feature dimension d");
    static final Param R = Param.integer("r", 6).min(1).doc("signal rank r: truths live in the first r coordinates");
    static final Param S = Param.integer("s", 6).min(1).doc("samples per task s (columns of X)");
    static final Param N = Param.integer("N", 7).min(1).doc("number of task types (ground truths) N");
    static final Param K = Param.integer("K", 3).min(1).doc("number of clusters K (type n is in cluster n mod K)");
    static final Param SIGMA0 = Param.real("sigma0", 0.4).positive().doc("norm of the cluster centres σ0");
    static final Param SPREAD = Param.real("spread", 0.002).nonNegative().computedDefault("sigma0/200")
            .doc("std of a member around its centre");
    static final Param C = Param.real("c", 6).positive().doc("signal scale c: v_n = c·w_n/‖w_n‖");

    @Override
    public PluginDescriptor descriptor() {
        return PluginDescriptor.of(PluginKind.GENERATOR, "clusters",
                "the reference scripts' tasks: K clusters of ground truths, one signal column per task "
                        + "(Fig. 2, Fig. 4/5)",
                D, R, S, N, K, SIGMA0, SPREAD, C,
                Param.real("noiseNorm", 0.1).nonNegative().doc("norm of the noise columns' first r rows"),
                Param.real("tinyScale", 1e-3).nonNegative().doc("scale of the copied rows j >= r"),
                Param.real("signalRowScale", 1e-5).nonNegative()
                        .doc("scale of row j >= r when j - r equals the signal column (the scripts' rule)"),
                Param.choice("pool", "fig2",
                        Variant.of("fig2", "draw K centres then N-K members (Fig. 2 script)"),
                        Variant.of("fig45", "draw all N then redraw the N-K members (Fig. 4/5 script)"))
                        .doc("random-draw order of the pool; matters for numpy-legacy replays"));
    }

    /**
     * The pool (truths and signals, N rows of d each), the arrival sequence (T types), the generator's scratch (s·r
     * directions, d − r row scales) and one round's task (X of d·s, y of s, the gate input of d).
     */
    @Override
    public Memory memory(Params p, BuildContext ctx) {
        int d = p.int32("d");
        int r = p.int32("r");
        int s = p.int32("s");
        int n = p.int32("N");
        ClusterPool.checkTask("clusters", d, s);
        long scratch = moecl.plugin.Sizes.add(moecl.plugin.Sizes.doubles(moecl.plugin.Sizes.times(s, r)),
                moecl.plugin.Sizes.doubles(Math.max(0, d - r)));
        return ClusterPool.memory(d, r, s, n, ctx.rounds(), scratch);
    }

    @Override
    public TaskGenerator create(Params p, BuildContext ctx) {
        int d = p.int32("d");
        int r = p.int32("r");
        int s = p.int32("s");
        int n = p.int32("N");
        int k = p.int32("K");
        double sigma0 = p.real("sigma0");
        double spread = ((Number) p.resolve("spread", sigma0 / 200)).doubleValue();
        if (r > d) {
            throw new IllegalArgumentException("clusters needs r <= d, got r=" + r + ", d=" + d);
        }
        if (k > n) {
            throw new IllegalArgumentException("clusters needs K <= N, got K=" + k + ", N=" + n);
        }
        ClusterPool.checkTask("clusters", d, s);
        ClusterPool.Draws draws = p.choice("pool").variant().equals("fig45") ? ClusterPool.Draws.FIG45
                : ClusterPool.Draws.FIG2;
        ClusterPool pool = ClusterPool.draw(ctx.stream("pool"), d, r, n, k, sigma0, spread, p.real("c"), draws);
        int[] seq = ClusterPool.sequence(ctx.stream("sequence"), ctx.rounds(), n);
        ClustersGenerator.Shape shape = new ClustersGenerator.Shape(d, r, s, p.real("noiseNorm"),
                p.real("tinyScale"), p.real("signalRowScale"));
        return new ClustersGenerator(shape, pool, seq, ctx.stream("tasks"));
    }
}
