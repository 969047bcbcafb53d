package moecl.paper;

import moecl.expert.Expert;
import moecl.plugin.BuildContext;
import moecl.plugin.ExpertFactory;
import moecl.plugin.Memory;
import moecl.plugin.Params;
import moecl.plugin.PluginDescriptor;
import moecl.plugin.PluginKind;
import moecl.plugin.Sizes;
import moecl.task.TaskGenerator;

/** {@code minnorm}: the paper's minimum-norm linear expert. */
public final class MinNormExpertFactory implements ExpertFactory {

    @Override
    public PluginDescriptor descriptor() {
        return PluginDescriptor.of(PluginKind.EXPERT, "minnorm",
                "linear expert, starts at 0, min-norm interpolating update w += X(X^T X)^-1 (y - X^T w)")
                .withAliases("linear");
    }

    /**
     * One expert: its weights (d) and residual (s), and its solver's scratch,
     * {@link moecl.paper.minnorm.MinNormSolver}: the s×s Gram matrix and SVD factor, the d·s working copy of X and six
     * vectors of s. The tasks' d and s drive it.
     */
    @Override
    public Memory memory(Params params, BuildContext context) {
        TaskGenerator g = context.generator();
        int s = g instanceof moecl.task.LinearWorld lw ? lw.samplesPerTask() : 0;
        int d = g.dimension();
        check(d, s);
        long solver = Sizes.add(Sizes.times(2, Sizes.doubles(Sizes.times(s, s))), Sizes.doubles(Sizes.times(d, s)),
                Sizes.times(5, Sizes.doubles(s)), Sizes.ints(s), 64);
        return Memory.of(Sizes.add(Sizes.doubles(d), Sizes.doubles(s), solver, 32), "d", "s");
    }

    private static void check(int d, int s) {
        if (s <= 0) {
            throw new IllegalArgumentException("minnorm needs linear tasks (X, y); this task generator has none");
        }
        if (s >= d) {
            throw new IllegalArgumentException("minnorm needs s < d (an overparameterised task), got s=" + s
                    + ", d=" + d);
        }
        Sizes.length((long) d * s, "minnorm: the solver's copy of X, d·s (d=" + d + ", s=" + s + ")",
                java.util.List.of("d", "s"));
    }

    @Override
    public Expert create(Params params, BuildContext context) {
        TaskGenerator g = context.generator();
        int s = g instanceof moecl.task.LinearWorld lw ? lw.samplesPerTask() : 0;
        int d = g.dimension();
        check(d, s);
        return new MinNormExpert(d, s);
    }
}
