package org.example.moecl;

import moecl.plugin.BuildContext;
import moecl.plugin.Memory;
import moecl.plugin.Param;
import moecl.plugin.Params;
import moecl.plugin.PluginDescriptor;
import moecl.plugin.PluginKind;
import moecl.plugin.RouterFactory;
import moecl.plugin.Sizes;
import moecl.router.Router;

/**
 * {@code prototype}: the factory of {@link PrototypeRouter}. moecl finds it through
 * {@code META-INF/services/moecl.plugin.RouterFactory}; it needs a public no-argument constructor.
 */
public final class PrototypeRouterFactory implements RouterFactory {

    /** Name, summary and typed parameters: help, completion, validation and the manifest come from here. */
    @Override
    public PluginDescriptor descriptor() {
        return PluginDescriptor.of(PluginKind.ROUTER, "prototype",
                "routes a task to the expert whose prototype (the mean direction of the gate inputs it took) is the "
                        + "closest, and a new direction to an expert that has none yet",
                Param.real("similarity", 0.9).range(-1, 1)
                        .doc("cosine similarity below which a task goes to an expert without a prototype, if any"),
                Param.real("rate", 0.5).positive().max(1)
                        .doc("how far a prototype moves towards each gate input it takes"),
                Param.real("explore", 0).range(0, 1)
                        .doc("probability of a uniformly random expert instead (from the run's router stream)"));
    }

    /** Optional: M prototypes of d values, their flags, one normalised gate input. */
    @Override
    public Memory memory(Params p, BuildContext ctx) {
        long m = ctx.experts();
        long d = ctx.generator().dimension();
        return Memory.of(Sizes.add(Sizes.matrix(m, d), Sizes.bytes(m), Sizes.doubles(d), 64), "M", "d");
    }

    @Override
    public Router create(Params p, BuildContext ctx) {
        // random numbers only from the context's named streams: runs stay reproducible
        return new PrototypeRouter(ctx.experts(), ctx.generator().dimension(), p.real("similarity"), p.real("rate"),
                p.real("explore"), ctx.stream("router"));
    }
}
