package org.example.moecl;

import moecl.expert.Expert;
import moecl.plugin.BuildContext;
import moecl.plugin.ExpertFactory;
import moecl.plugin.Memory;
import moecl.plugin.Param;
import moecl.plugin.Params;
import moecl.plugin.PluginDescriptor;
import moecl.plugin.PluginKind;
import moecl.plugin.Sizes;

/**
 * {@code ngd}: the factory of {@link NgdExpert}, found through {@code META-INF/services/moecl.plugin.ExpertFactory}.
 * {@link #create} is called once per expert of a run.
 */
public final class NgdExpertFactory implements ExpertFactory {

    @Override
    public PluginDescriptor descriptor() {
        return PluginDescriptor.of(PluginKind.EXPERT, "ngd",
                "linear expert, starts at 0, a few steps of normalised gradient descent on each task it learns",
                Param.real("lr", 0.5).positive().max(1).doc("step size, relative to the task's own curvature bound"),
                Param.integer("steps", 20).range(1, 1000).doc("gradient steps per learned task"));
    }

    /** Optional: the weights, their copy and a step's gradient (d each); the residuals (s values) are small. */
    @Override
    public Memory memory(Params p, BuildContext ctx) {
        long d = ctx.generator().dimension();
        return Memory.of(Sizes.add(Sizes.times(3, Sizes.doubles(d)), 64), "d");
    }

    @Override
    public Expert create(Params p, BuildContext ctx) {
        return new NgdExpert(ctx.generator().dimension(), p.real("lr"), p.int32("steps"));
    }
}
