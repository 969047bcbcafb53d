package moecl.baselines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.util.List;

import org.junit.jupiter.api.Test;

import moecl.expert.LearnReport;
import moecl.plugin.Binder;
import moecl.plugin.Memory;
import moecl.plugin.RouterFactory;
import moecl.plugin.Sizes;
import moecl.router.Decision;
import moecl.router.Router;
import moecl.spec.SpecParser;

/**
 * The gated baselines' memory estimates against the heap a router keeps after a round. Their estimates also count
 * the gradient each round allocates and drops (one M×d matrix for softmax, two for noisytopk), which the kept heap
 * cannot show: the test compares the kept heap with the estimate less that gradient. Tolerance as for the paper
 * plugins: a factor of 1.1 plus 16 MB (whole G1 regions for large arrays, small objects not counted).
 */
class MemoryEstimateTest {

    static final int M = 100;
    static final int D = 100_000;

    private static long used() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void check(RouterFactory f, String spec, int gradients) {
        Fixtures.StubTask task = new Fixtures.StubTask(1, 0, Fixtures.gaussian(Fixtures.random(1), D, 1));
        long before = used();
        Router r = Fixtures.router(f, spec, M, D, 1);
        Decision d = r.route(task);
        r.learn(task, d, new LearnReport(0.5, 0.1));
        long kept = used() - before;
        Reference.reachabilityFence(r);
        Memory m = f.memory(Binder.bind(f.descriptor(), SpecParser.parseComponent(spec)), Fixtures.context(M, D, 1));
        long perRound = gradients * Sizes.matrix(M, D);
        long estimate = m.bytes() - perRound;
        String msg = spec + " at M=" + M + ", d=" + D + ": estimate less the round's gradient " + Sizes.human(estimate)
                + " (" + estimate + "), kept " + Sizes.human(kept) + " (" + kept + ")";
        System.out.println(msg);
        assertTrue(estimate >= 60L << 20, msg);
        assertTrue(kept <= estimate * 1.1 + (16L << 20) && estimate <= kept * 1.1 + (16L << 20), msg);
        assertEquals(List.of("M", "d"), m.lower());
    }

    @Test
    void softmaxKeepsItsGate() {
        check(new SoftmaxRouterFactory(), "softmax", 1);
    }

    @Test
    void noisyTopKKeepsBothGates() {
        check(new NoisyTopKRouterFactory(), "noisytopk", 2);
    }

    @Test
    void theSimpleRoutersNeedAConstant() {
        for (RouterFactory f : List.of(new OracleRouterFactory(), new RandomRouterFactory(),
                new RoundRobinRouterFactory())) {
            Memory small = f.memory(Binder.bind(f.descriptor(), SpecParser.parseComponent(f.descriptor().name())),
                    Fixtures.context(1, 10, 1));
            Memory large = f.memory(Binder.bind(f.descriptor(), SpecParser.parseComponent(f.descriptor().name())),
                    Fixtures.context(10_000, 1_000_000, 1));
            assertEquals(small, large, f.descriptor().name());
            assertTrue(small.bytes() < 4096, f.descriptor().name());
        }
    }
}
