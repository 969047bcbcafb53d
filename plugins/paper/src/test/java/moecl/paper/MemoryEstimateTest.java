package moecl.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import moecl.expert.Expert;
import moecl.plugin.Binder;
import moecl.plugin.BuildContext;
import moecl.plugin.Memory;
import moecl.plugin.PluginFactory;
import moecl.plugin.Sizes;
import moecl.rng.RngKind;
import moecl.router.Router;
import moecl.spec.SpecParser;
import moecl.task.Task;
import moecl.task.TaskGenerator;

/**
 * The memory estimates of the paper's components against the heap they really take: each component is built at
 * sizes where its arrays weigh 100 MB or more, with what one round allocates held too, and the growth of the used
 * heap (after full collections) is compared with the estimate.
 *
 * <p>The tolerance is a factor of 1.1 plus 16 MB. The estimate counts every array the way HotSpot lays it out
 * (a 16-byte header, elements rounded up to 8 bytes); what it leaves out are a few small objects (records, random
 * streams: kilobytes) and the collector's bookkeeping: G1 keeps arrays of half a region or more in whole regions of
 * 1 to 32 MB, so the used heap can exceed the bytes of a handful of large arrays by part of a region each.
 */
class MemoryEstimateTest {

    private static long used() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** The growth of the used heap while {@code build} runs and what it returns is kept. */
    static long measure(Supplier<Object> build) {
        long before = used();
        Object kept = build.get();
        long after = used();
        Reference.reachabilityFence(kept);
        return after - before;
    }

    static void assertClose(long estimate, long measured, String what) {
        String msg = what + ": estimate " + Sizes.human(estimate) + " (" + estimate + "), measured "
                + Sizes.human(measured) + " (" + measured + ")";
        System.out.println(msg);
        assertTrue(estimate >= 100L << 20, "too small to measure well: " + msg);
        assertTrue(measured <= estimate * 1.1 + (16L << 20) && estimate <= measured * 1.1 + (16L << 20), msg);
    }

    static <T> T build(PluginFactory<T> f, String spec, BuildContext ctx) {
        return f.create(Binder.bind(f.descriptor(), SpecParser.parseComponent(spec)), ctx);
    }

    static Memory estimate(PluginFactory<?> f, String spec, BuildContext ctx) {
        return f.memory(Binder.bind(f.descriptor(), SpecParser.parseComponent(spec)), ctx);
    }

    static BuildContext context(int experts, int rounds) {
        return new BuildContext(experts, rounds, 1, RngKind.FAST, null, null, -1);
    }

    /** The generator and its first task. */
    static Object generatorAndTask(PluginFactory<TaskGenerator> f, String spec, BuildContext ctx) {
        TaskGenerator g = build(f, spec, ctx);
        Task t = g.next();
        return new Object[] {g, t};
    }

    @Test
    void gaussianTruthsAndTask() {
        GaussianFactory f = new GaussianFactory();
        BuildContext ctx = context(1, 1000);
        for (String spec : new String[] {"gaussian(d=2000000, s=5, N=3)", "gaussian(d=200000, s=100, N=50)"}) {
            Memory m = estimate(f, spec, ctx);
            assertClose(m.bytes(), measure(() -> generatorAndTask(f, spec, ctx)), spec);
        }
        assertEquals(java.util.List.of("d", "s"), estimate(f, "gaussian(d=2000000, s=5, N=3)", ctx).lower());
        assertEquals(java.util.List.of("d", "N"), estimate(f, "gaussian(d=2000000, s=5, N=50)", ctx).lower());
    }

    @Test
    void clustersAndDefinition1PoolsAndTask() {
        BuildContext ctx = context(1, 100_000);
        ClustersFactory c = new ClustersFactory();
        String cs = "clusters(d=1000000, r=6, s=12, N=7, K=3)";
        assertClose(estimate(c, cs, ctx).bytes(), measure(() -> generatorAndTask(c, cs, ctx)), cs);
        Definition1Factory d1 = new Definition1Factory();
        String ds = "definition1(d=1000000, r=10, s=12, N=7, K=3)";
        assertClose(estimate(d1, ds, ctx).bytes(), measure(() -> generatorAndTask(d1, ds, ctx)), ds);
    }

    @Test
    void minNormExpertAndItsSolver() {
        TaskGenerator g = build(new GaussianFactory(), "gaussian(d=2000000, s=6, N=1)", context(1, 2));
        BuildContext ctx = context(1, 2).withGenerator(g);
        MinNormExpertFactory f = new MinNormExpertFactory();
        Task t = g.next();
        long measured = measure(() -> {
            Expert e = build(f, "minnorm", ctx.forExpert(0));
            e.learn(t);
            return e;
        });
        Memory m = estimate(f, "minnorm", ctx);
        assertClose(m.bytes(), measured, "minnorm at d=2000000, s=6");
        assertEquals(java.util.List.of("d", "s"), m.lower());
    }

    @Test
    void paperRouterGateAndTheCopyTheEngineAsksFor() {
        TaskGenerator g = build(new GaussianFactory(), "gaussian(d=100000, s=1, N=2)", context(100, 2));
        BuildContext ctx = context(100, 2).withGenerator(g);
        PaperRouterFactory f = new PaperRouterFactory();
        Task t = g.next();
        long measured = measure(() -> {
            Router r = build(f, "paper", ctx);
            r.route(t);
            return new Object[] {r, r.gateWeights()};
        });
        assertClose(estimate(f, "paper", ctx).bytes(), measured, "paper at M=100, d=100000");
    }

    @Test
    void sizesNoArrayCanHoldAreRefusedNamingTheParameters() {
        BuildContext ctx = context(1, 10);
        IllegalArgumentException task = assertThrows(IllegalArgumentException.class,
                () -> estimate(new GaussianFactory(), "gaussian(d=1000000000)", ctx));
        assertEquals("gaussian: a task's d·s (d=1000000000, s=5) is 5000000000 values, more than a Java array holds "
                + "(2147483639); lower d or s", task.getMessage());
        IllegalArgumentException clusters = assertThrows(IllegalArgumentException.class,
                () -> build(new ClustersFactory(), "clusters(d=100000, s=50000)", ctx));
        assertTrue(clusters.getMessage().startsWith("clusters: a task's d·s (d=100000, s=50000) is 5000000000 "
                + "values"), clusters.getMessage());
        TaskGenerator wide = build(new GaussianFactory(), "gaussian(d=1000000, s=1, N=1)", ctx);
        IllegalArgumentException gate = assertThrows(IllegalArgumentException.class,
                () -> estimate(new PaperRouterFactory(), "paper", context(10_000, 10).withGenerator(wide)));
        assertEquals("paper: the gate's M·d (M=10000, d=1000000) is 10000000000 values, more than a Java array holds "
                + "(2147483639); lower M or d", gate.getMessage());
    }
}
