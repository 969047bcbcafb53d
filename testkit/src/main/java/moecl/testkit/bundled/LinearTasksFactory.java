package moecl.testkit.bundled;

import java.util.List;

import moecl.plugin.BuildContext;
import moecl.plugin.GeneratorFactory;
import moecl.plugin.Memory;
import moecl.plugin.Param;
import moecl.plugin.Params;
import moecl.plugin.PluginDescriptor;
import moecl.plugin.PluginKind;
import moecl.plugin.Sizes;
import moecl.rng.RandomSource;
import moecl.task.LinearTask;
import moecl.task.TaskGenerator;

/**
 * {@code kit-linear}: the test kit's task generator, Gaussian linear regression with known ground truths, so that
 * routers and experts can be tested without the paper's plugins. N ground truths {@code w_n} of norm {@code norm}
 * (stream {@code pool}), one type per round drawn uniformly up front (stream {@code sequence}), and per round
 * {@code X} with i.i.d. {@code N(0, scale²)} entries, the type's signal {@code v_n = signal·w_n/‖w_n‖} added to its
 * first sample (as in the paper's data model, so that the gate input tells types apart), and
 * {@code y = X^T w_n + N(0, σ²)} (stream {@code tasks}). Tasks are {@link LinearTask}s whose gate input is
 * {@code X 1_s}.
 *
 * <p>Not registered as a service: it is a fixture of the kit, not a plugin users see.
 */
public final class LinearTasksFactory implements GeneratorFactory {

    /** The plugin's name. */
    public static final String NAME = "kit-linear";

    @Override
    public PluginDescriptor descriptor() {
        return PluginDescriptor.of(PluginKind.GENERATOR, NAME,
                "test kit tasks: Gaussian linear regression, X i.i.d. N(0, scale^2), y = X^T w_n + N(0, sigma^2)",
                Param.integer("d", 10).range(1, 1000).doc("feature dimension d"),
                Param.integer("s", 4).range(1, 1000).doc("samples per task s"),
                Param.integer("N", 3).range(1, 100).doc("number of task types N"),
                Param.real("norm", 1).range(0, 1000).doc("norm of each ground truth w_n"),
                Param.real("scale", 1).range(0, 1000).doc("standard deviation of the entries of X"),
                Param.real("signal", 4).range(0, 100)
                        .doc("norm of the signal v_n added to each task's first sample (0: gate inputs are noise)"),
                Param.real("sigma", 0).range(0, 100).doc("label-noise standard deviation σ"));
    }

    /** The truths (N rows of d), the arrival sequence (T types) and one round's task. */
    @Override
    public Memory memory(Params p, BuildContext ctx) {
        long d = p.integer("d");
        long s = p.integer("s");
        return Memory.of(Sizes.add(Sizes.matrix(p.integer("N"), d), Sizes.ints(ctx.rounds()), Sizes.linearTask(d, s),
                64), "d", "s", "N");
    }

    @Override
    public TaskGenerator create(Params p, BuildContext ctx) {
        int d = p.int32("d");
        int s = p.int32("s");
        int n = p.int32("N");
        double norm = p.real("norm");
        Sizes.length((long) d * s, NAME + ": a task's d·s (d=" + d + ", s=" + s + ")", List.of("d", "s"));
        RandomSource pool = ctx.stream("pool");
        double[][] truths = new double[n][d];
        for (int k = 0; k < n; k++) {
            pool.fillGaussian(truths[k], 0, d);
            double len = 0;
            for (double v : truths[k]) {
                len += v * v;
            }
            len = Math.sqrt(len);
            for (int i = 0; i < d; i++) {
                truths[k][i] = len == 0 ? 0 : norm * truths[k][i] / len;
            }
        }
        RandomSource seq = ctx.stream("sequence");
        int[] arrivals = new int[ctx.rounds()];
        for (int t = 0; t < arrivals.length; t++) {
            arrivals[t] = seq.nextInt(n);
        }
        double signal = p.real("signal");
        double[][] signals = new double[n][d];
        for (int k = 0; k < n; k++) {
            for (int i = 0; i < d; i++) {
                signals[k][i] = norm == 0 ? 0 : signal * truths[k][i] / norm;
            }
        }
        return new LinearTasks(d, s, p.real("scale"), p.real("sigma"), truths, signals, arrivals, ctx.stream("tasks"));
    }
}
