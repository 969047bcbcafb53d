package moecl.paper;

import java.util.List;

import moecl.plugin.BuildContext;
import moecl.plugin.GeneratorFactory;
import moecl.plugin.Memory;
import moecl.plugin.Param;
import moecl.plugin.Params;
import moecl.plugin.PluginDescriptor;
import moecl.plugin.PluginKind;
import moecl.plugin.Sizes;
import moecl.plugin.Variant;
import moecl.rng.RandomSource;
import moecl.task.TaskGenerator;

/** {@code gaussian}: i.i.d. N(0,1) features, optional label noise, random or given truths (paper.md §1.3). */
public final class GaussianFactory implements GeneratorFactory {

    @Override
    public PluginDescriptor descriptor() {
        return PluginDescriptor.of(PluginKind.GENERATOR, "gaussian",
                "rotation-invariant tasks for the theory: X i.i.d. N(0,1), y = X^T w_n + N(0, sigma^2)",
                Param.integer("d", 20).min(1).doc("feature dimension d"),
                Param.integer("s", 5).min(1).doc("samples per task s"),
                Param.integer("N", 3).min(1).doc("number of task types N"),
                Param.real("norm", 1).nonNegative().doc("norm of each random ground truth"),
                Param.realList("truths", List.of())
                        .doc("explicit ground truths, N×d values row by row (empty: random with the given norm)"),
                Param.real("sigma", 0).nonNegative().doc("label-noise std σ"),
                Param.choice("order", "uniform",
                        Variant.of("uniform", "each arrival's type uniform in 0..N-1, independently"),
                        Variant.of("fixed", "a given sequence of types, repeated to length T",
                                Param.intList("sequence", List.of(0L)).doc("the types in arrival order")))
                        .doc("the order in which task types arrive"));
    }

    /**
     * The world's truths (N rows of d), the arrival sequence (T types) and one round's task (X of d·s, y of s, the
     * gate input of d): what {@link GaussianGenerator} holds.
     */
    @Override
    public Memory memory(Params p, BuildContext ctx) {
        int d = p.int32("d");
        int s = p.int32("s");
        int n = p.int32("N");
        checkTask(d, s);
        long truths = Sizes.matrix(n, d);
        long task = Sizes.linearTask(d, s);
        return Memory.of(Sizes.add(truths, Sizes.ints(ctx.rounds()), task), "d", truths >= task ? "N" : "s");
    }

    /** One task's X is one array of d·s values. */
    static void checkTask(int d, int s) {
        Sizes.length((long) d * s, "gaussian: a task's d·s (d=" + d + ", s=" + s + ")", List.of("d", "s"));
    }

    @Override
    public TaskGenerator create(Params p, BuildContext ctx) {
        int d = p.int32("d");
        int s = p.int32("s");
        int n = p.int32("N");
        checkTask(d, s);
        List<Double> given = p.realList("truths");
        if (!given.isEmpty() && given.size() != (long) n * d) {
            throw new IllegalArgumentException("gaussian: truths has " + given.size() + " values, expected N×d = "
                    + n + "×" + d + " = " + (long) n * d);
        }
        double[][] truths = new double[n][d];
        if (!given.isEmpty()) {
            for (int k = 0; k < n; k++) {
                for (int i = 0; i < d; i++) {
                    truths[k][i] = given.get(k * d + i);
                }
            }
        } else {
            RandomSource pool = ctx.stream("pool");
            double norm = p.real("norm");
            for (int k = 0; k < n; k++) {
                pool.fillGaussian(truths[k], 0, d);
                double len = ClusterPool.norm(truths[k], d);
                for (int i = 0; i < d; i++) {
                    truths[k][i] = norm * truths[k][i] / len;
                }
            }
        }
        int[] seq;
        Params.Choice order = p.choice("order");
        if (order.variant().equals("fixed")) {
            List<Long> given2 = order.params().intList("sequence");
            if (given2.isEmpty()) {
                throw new IllegalArgumentException("gaussian: order=fixed needs a non-empty sequence");
            }
            for (long v : given2) {
                if (v < 0 || v >= n) {
                    throw new IllegalArgumentException("gaussian: sequence has type " + v + ", allowed 0.." + (n - 1));
                }
            }
            seq = new int[ctx.rounds()];
            for (int t = 0; t < seq.length; t++) {
                seq[t] = Math.toIntExact(given2.get(t % given2.size()));
            }
        } else {
            seq = ClusterPool.sequence(ctx.stream("sequence"), ctx.rounds(), n);
        }
        return new GaussianGenerator(d, s, p.real("sigma"), truths, seq, ctx.stream("tasks"));
    }
}
