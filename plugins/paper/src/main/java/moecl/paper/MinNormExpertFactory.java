package moecl.paper;

import moecl.expert.Expert;
import moecl.plugin.BuildContext;
import moecl.plugin.ExpertFactory;
import moecl.plugin.Params;
import moecl.plugin.PluginDescriptor;
import moecl.plugin.PluginKind;
import moecl.task.TaskGenerator;

/** {@code minnorm}: the paper's minimum-norm linear expert. */
public final class MinNormExpertFactory implements ExpertFactory {

    @Override
    public PluginDescriptor descriptor() {
        return PluginDescriptor.of(PluginKind.EXPERT, "minnorm",
                "linear expert, starts at 0, min-norm interpolating update w += X(X^T X)^-1 (y - X^T w)")
                .withAliases("linear");
    }

    @Override
    public Expert create(Params params, BuildContext context) {
        TaskGenerator g = context.generator();
        int s = g.samplesPerTask();
        int d = g.dimension();
        if (s <= 0) {
            throw new IllegalArgumentException("minnorm needs linear tasks (X, y); this task generator has none");
        }
        if (s >= d) {
            throw new IllegalArgumentException("minnorm needs s < d (an overparameterised task), got s=" + s
                    + ", d=" + d);
        }
        return new MinNormExpert(d, s);
    }
}
