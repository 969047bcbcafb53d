package moecl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import moecl.expert.Expert;
import moecl.expert.LearnReport;
import moecl.plugin.BuildContext;
import moecl.plugin.ExpertFactory;
import moecl.plugin.GeneratorFactory;
import moecl.plugin.Memory;
import moecl.plugin.Param;
import moecl.plugin.Params;
import moecl.plugin.PluginDescriptor;
import moecl.plugin.PluginKind;
import moecl.plugin.Registry;
import moecl.plugin.RouterFactory;
import moecl.plugin.Sizes;
import moecl.rng.RandomSource;
import moecl.rng.RngKind;
import moecl.router.Decision;
import moecl.router.Router;
import moecl.spec.SpecParser;
import moecl.task.Task;
import moecl.task.TaskGenerator;

/**
 * Limits before allocation: the engine adds up the memory estimates of a run's components and its own buffers and
 * refuses a run the heap cannot hold, before building anything; without an estimate it falls back on catching what
 * building does to the heap.
 */
class SweepMemoryTest {

    /** Counts how often a component was built: a refused run must build nothing. */
    static final AtomicInteger BUILT = new AtomicInteger();

    /** A generator of {@code n} doubles per type; its estimate is 8 bytes per value, or none ({@code guess=false}). */
    static final class Big implements GeneratorFactory {
        @Override
        public PluginDescriptor descriptor() {
            return PluginDescriptor.of(PluginKind.GENERATOR, "big", "n doubles per task type",
                    Param.integer("n", 10).min(1), Param.integer("types", 2).min(1), Param.bool("guess", true));
        }

        @Override
        public Memory memory(Params p, BuildContext ctx) {
            return p.bool("guess") ? Memory.of(Sizes.times(p.integer("types"), Sizes.doubles(p.integer("n"))), "n",
                    "types") : null;
        }

        @Override
        public TaskGenerator create(Params p, BuildContext ctx) {
            BUILT.incrementAndGet();
            long n = p.integer("n");
            long types = p.integer("types");
            double[][] rows = new double[(int) types][];
            for (int i = 0; i < types; i++) {
                rows[i] = new double[(int) n]; // no check: n > 2^31 turns negative
            }
            int k = rows.length;
            return new TaskGenerator() {
                @Override
                public int dimension() {
                    return 1;
                }

                @Override
                public int types() {
                    return k;
                }

                @Override
                public Task next() {
                    throw new UnsupportedOperationException();
                }

                @Override
                public TaskGenerator restart(RandomSource perRound) {
                    return this;
                }
            };
        }
    }

    /** An expert of {@code size} bytes by its estimate. */
    static final class Heavy implements ExpertFactory {
        @Override
        public PluginDescriptor descriptor() {
            return PluginDescriptor.of(PluginKind.EXPERT, "heavy", "an expert that says it is large",
                    Param.integer("size", 1).min(0));
        }

        @Override
        public Memory memory(Params p, BuildContext ctx) {
            return Memory.of(p.integer("size"), "size");
        }

        @Override
        public Expert create(Params p, BuildContext ctx) {
            BUILT.incrementAndGet();
            return new Expert() {
                @Override
                public LearnReport learn(Task task) {
                    return new LearnReport(0, 0);
                }
            };
        }
    }

    /** A router with no estimate. */
    static final class First implements RouterFactory {
        @Override
        public PluginDescriptor descriptor() {
            return PluginDescriptor.of(PluginKind.ROUTER, "first", "always expert 0");
        }

        @Override
        public Router create(Params p, BuildContext ctx) {
            BUILT.incrementAndGet();
            return new Router() {
                @Override
                public Decision route(Task task) {
                    return Decision.of(0);
                }

                @Override
                public void learn(Task task, Decision decision, LearnReport report) {
                }
            };
        }
    }

    private static Registry registry() {
        Registry r = Registry.load(ClassLoader.getPlatformClassLoader());
        r.register(PluginKind.GENERATOR, new Big());
        r.register(PluginKind.EXPERT, new Heavy());
        r.register(PluginKind.ROUTER, new First());
        return r;
    }

    private static RunSpec spec(String tasks, String experts, int m, int rounds) {
        return new RunSpec(SpecParser.parseComponent(tasks), SpecParser.parseComponent(experts),
                SpecParser.parseComponent("first"), m, rounds, RngKind.FAST, 1, Map.of());
    }

    private static String heap() {
        return Sizes.human(Runtime.getRuntime().maxMemory());
    }

    @Test
    void aGeneratorLargerThanTheHeapIsRefusedBeforeItIsBuilt() {
        BUILT.set(0);
        long t0 = System.nanoTime();
        // 1000 types of 10^9 doubles: 7.3 TB by the estimate, more than any heap
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Preflight.validate(registry(),
                List.of(spec("big(n=1000000000, types=1000)", "heavy", 1, 10))));
        double secs = (System.nanoTime() - t0) / 1e9;
        long need = Sizes.add(Sizes.times(1000, Sizes.doubles(1_000_000_000L)), Preflight.engineMemory(1, 10, 1));
        assertEquals("big(n=1000000000, types=1000): needs " + Sizes.human(need) + ", the heap is " + heap()
                + ": lower n or types, or raise -Xmx (MOECL_JAVA_OPTS=-Xmx...)", e.getMessage());
        assertTrue(Sizes.human(need).endsWith(" TB"), Sizes.human(need));
        assertEquals(0, BUILT.get(), "nothing may be built");
        assertTrue(secs < 5, "refused after " + secs + " s");
    }

    @Test
    void manyExpertsAreCountedMTimesAndTheMessageNamesM() {
        BUILT.set(0);
        long each = Runtime.getRuntime().maxMemory() / 100 + 1; // 200 of them exceed the heap, 50 do not
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Preflight.validate(registry(),
                List.of(spec("big", "heavy(size=" + each + ")", 200, 10))));
        assertTrue(e.getMessage().startsWith("heavy(size=" + each + ") experts (M=200): needs "), e.getMessage());
        assertTrue(e.getMessage().endsWith(", the heap is " + heap() + ": lower size or M, or raise -Xmx "
                + "(MOECL_JAVA_OPTS=-Xmx...)"), e.getMessage());
        assertEquals(1, BUILT.get(), "only the generator, whose size the experts' estimates need, was built");

        BUILT.set(0);
        Preflight.validate(registry(), List.of(spec("big", "heavy(size=" + each + ")", 50, 10)));
        assertEquals(3, BUILT.get(), "a run that fits is dry-built: generator, one expert, router");
    }

    @Test
    void theEnginesOwnBuffersCountToo() {
        // past the row blocks (65,536 rows), each round adds the reference forgetting's 32 bytes of history
        assertEquals(1_000_000L * 32,
                Preflight.engineMemory(5, 2_000_000, 7) - Preflight.engineMemory(5, 1_000_000, 7));
        // the M×N tables: 5 doubles and an empty sorted multiset (about 300 bytes) per (expert, type)
        long perPair = Preflight.engineMemory(1000, 100, 100) - Preflight.engineMemory(1, 100, 100);
        assertTrue(perPair > 999L * 100 * (5 * 8 + 300) && perPair < 999L * 100 * (5 * 8 + 300 + 64), "" + perPair);
    }

    @Test
    void withoutAnEstimateTheDryBuildStillTurnsAnOutOfMemoryErrorIntoOneLineNamingTheSizes() {
        long n = Runtime.getRuntime().maxMemory() / 8 + 1; // one row of n doubles exceeds the heap
        org.junit.jupiter.api.Assumptions.assumeTrue(n <= Sizes.MAX_ARRAY, "a heap above 16 GB: no array exceeds it");
        BUILT.set(0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Preflight.validate(registry(),
                List.of(spec("big(n=" + n + ", types=1, guess=false)", "heavy", 1, 10))));
        assertEquals("generator big(n=" + n + ", types=1, guess=false): needs more than the heap holds (" + heap()
                + "): lower n=" + n + ", types=1, M or T, or raise -Xmx (MOECL_JAVA_OPTS=-Xmx...)", e.getMessage());
        assertEquals(1, BUILT.get(), "the fallback had to try");
    }

    @Test
    void sizesWhoseProductOverflowsAreRefusedNamingTheParameters() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Preflight.validate(registry(),
                List.of(spec("big(n=3000000000, types=1, guess=false)", "heavy", 1, 10))));
        assertEquals("generator big(n=3000000000, types=1, guess=false): its sizes are too large (their product "
                + "overflows); lower n=3000000000, types=1, M or T", e.getMessage());
    }
}
