package moecl.baselines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.DynamicTest;

import moecl.engine.Engine;
import moecl.engine.RunOutcome;
import moecl.engine.RunResult;
import moecl.engine.RunSpec;
import moecl.engine.Sweep;
import moecl.plugin.Binder;
import moecl.plugin.PluginDescriptor;
import moecl.plugin.PluginKind;
import moecl.plugin.Registry;
import moecl.rng.RngKind;
import moecl.spec.SpecParser;
import moecl.spec.SpecValue.Component;

/**
 * Every plugin on this module's test class path (the paper plugins and the baselines) builds with its defaults and
 * runs: every generator × the {@code minnorm} expert × every router, and every expert with {@code clusters} and the
 * {@code paper} router, M = 3, 50 rounds, with finite forgetting and generalization error in every round.
 */
class EveryPluginRunsTest {

    private static final Registry REGISTRY = Registry.standard();
    private static final int M = 3;
    private static final int T = 50;

    /** The component with every parameter at its default, bound exactly as the command line binds it. */
    private static Component defaults(PluginKind kind, String name) {
        Component c = SpecParser.parseComponent(name);
        Binder.bind(REGISTRY.resolve(kind, name).descriptor(), c); // must not throw on an empty spec
        return c;
    }

    private static List<String> names(PluginKind kind) {
        return REGISTRY.list(kind).stream().map(PluginDescriptor::name).toList();
    }

    @Test
    void everyProviderLoads() {
        assertEquals(List.of(), REGISTRY.failures());
        List<String> routers = names(PluginKind.ROUTER);
        for (String r : List.of("paper", "random", "roundrobin", "oracle", "softmax", "noisytopk")) {
            assertTrue(routers.contains(r), r + " is registered; routers: " + routers);
        }
        assertFalse(names(PluginKind.GENERATOR).isEmpty());
        assertTrue(names(PluginKind.EXPERT).contains("minnorm"));
    }

    @TestFactory
    Stream<DynamicTest> everyGeneratorWithEveryRouter() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String g : names(PluginKind.GENERATOR)) {
            for (String r : names(PluginKind.ROUTER)) {
                tests.add(DynamicTest.dynamicTest(g + " × minnorm × " + r, () -> runs(g, "minnorm", r)));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> everyExpertWithClustersAndPaper() {
        return names(PluginKind.EXPERT).stream()
                .map(e -> DynamicTest.dynamicTest("clusters × " + e + " × paper", () -> runs("clusters", e, "paper")));
    }

    @Test
    void gatedTopKRoutersRunWithSeveralExpertsPerTaskAndGiveExpertSets() {
        for (String router : List.of("softmax(k=2)", "noisytopk(k=2)", "softmax", "noisytopk")) {
            RunSpec spec = new RunSpec(SpecParser.parseComponent("clusters"), SpecParser.parseComponent("minnorm"),
                    SpecParser.parseComponent(router), M, T, RngKind.FAST, 7, Map.of());
            RunResult r = Sweep.run(REGISTRY, List.of(spec), 1, Engine.Progress.NONE).get(0).result();
            assertTrue(Double.isFinite(r.last("F")) && Double.isFinite(r.last("G")), router);
            assertNotNull(r.expertSets(), router + " exposes its gate weights, so expert sets exist");
            assertEquals(M, r.expertSets().stream().mapToInt(List::size).sum(), "every expert is in one set");
        }
    }

    private static void runs(String generator, String expert, String router) {
        RunSpec spec = new RunSpec(defaults(PluginKind.GENERATOR, generator), defaults(PluginKind.EXPERT, expert),
                defaults(PluginKind.ROUTER, router), M, T, RngKind.FAST, 42, Map.of());
        List<RunOutcome> out = Sweep.run(REGISTRY, List.of(spec), 1, Engine.Progress.NONE);
        RunResult r = out.get(0).result();
        assertEquals(T, r.rounds());
        assertEquals(T, java.util.Arrays.stream(r.load()).sum(), "every round routed to one primary expert");
        for (String col : List.of("F", "G")) {
            double[] values = r.metrics().get(col);
            assertNotNull(values, "metric " + col + " recorded; columns: " + r.metrics().keySet());
            for (int t = 0; t < T; t++) {
                assertTrue(Double.isFinite(values[t]), col + " at round " + (t + 1) + " is " + values[t]);
            }
        }
        for (int t = 0; t < T; t++) {
            assertTrue(r.expert()[t] >= 0 && r.expert()[t] < M);
        }
    }
}
