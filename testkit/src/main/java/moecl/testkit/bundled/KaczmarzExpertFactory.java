package moecl.testkit.bundled;

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
 * {@code kit-kaczmarz}: the test kit's linear expert, {@link KaczmarzExpert}: starts at {@code w = 0} and projects
 * onto each sample's hyperplane in turn. Learns any {@link moecl.task.LinearTask} (any d and s, zero samples
 * included) without a solver, and is a {@link moecl.expert.LinearModel}, so runs have F and G.
 *
 * <p>Not registered as a service: it is a fixture of the kit, not a plugin users see.
 */
public final class KaczmarzExpertFactory implements ExpertFactory {

    /** The plugin's name. */
    public static final String NAME = "kit-kaczmarz";

    @Override
    public PluginDescriptor descriptor() {
        return PluginDescriptor.of(PluginKind.EXPERT, NAME,
                "test kit expert: linear, w starts at 0, Kaczmarz projections onto each sample of a learned task",
                Param.integer("sweeps", 1).range(1, 100).doc("passes over the task's samples per learned task"));
    }

    /** The weights and one step's copy of them (d each). */
    @Override
    public Memory memory(Params p, BuildContext ctx) {
        long d = ctx.generator() == null ? 0 : ctx.generator().dimension();
        return Memory.of(Sizes.add(Sizes.times(2, Sizes.doubles(d)), 32), "d");
    }

    @Override
    public Expert create(Params p, BuildContext ctx) {
        if (ctx.generator() == null) {
            throw new IllegalArgumentException(NAME + " needs the run's task generator for the dimension");
        }
        return new KaczmarzExpert(ctx.generator().dimension(), p.int32("sweeps"));
    }
}
