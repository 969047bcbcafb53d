package moecl.baselines;

import moecl.plugin.Binder;
import moecl.plugin.BuildContext;
import moecl.plugin.Params;
import moecl.plugin.RouterFactory;
import moecl.rng.FastRandom;
import moecl.rng.RandomSource;
import moecl.rng.RngKind;
import moecl.router.Router;
import moecl.spec.SpecParser;
import moecl.task.Task;
import moecl.task.TaskGenerator;

/** Minimal tasks and worlds for router unit tests: routers only see the gate input, the round and the type. */
final class Fixtures {

    private Fixtures() {
    }

    record StubTask(int round, int type, double[] gateInput) implements Task {
    }

    /** A world of the given gate dimension and number of types; routers never ask it for tasks. */
    record StubGenerator(int dimension, int types) implements TaskGenerator {
        @Override
        public Task next() {
            throw new UnsupportedOperationException("stub");
        }

        @Override
        public TaskGenerator restart(RandomSource perRound) {
            return this;
        }
    }

    static BuildContext context(int experts, int dimension, long seed) {
        return new BuildContext(experts, 100, seed, RngKind.FAST, null, new StubGenerator(dimension, 4), -1);
    }

    /** Builds a router from spec text, e.g. {@code softmax(k=2)}, exactly as the engine does. */
    static Router router(RouterFactory factory, String spec, int experts, int dimension, long seed) {
        Params p = Binder.bind(factory.descriptor(), SpecParser.parseComponent(spec));
        return factory.create(p, context(experts, dimension, seed));
    }

    static double[] gaussian(RandomSource r, int n, double scale) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = scale * r.nextGaussian();
        }
        return v;
    }

    static RandomSource random(long seed) {
        return new FastRandom(seed);
    }
}
