package moecl.baselines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import moecl.engine.RunEngine;
import moecl.engine.RunResult;
import moecl.engine.RunSpec;
import moecl.engine.Sweep;
import moecl.plugin.ExpertFactory;
import moecl.plugin.GeneratorFactory;
import moecl.plugin.PluginDescriptor;
import moecl.plugin.PluginFactory;
import moecl.plugin.PluginKind;
import moecl.plugin.Registry;
import moecl.plugin.RouterFactory;
import moecl.rng.RngKind;
import moecl.spec.SpecParser;
import moecl.testkit.ContractReport;
import moecl.testkit.PluginContract;
import moecl.testkit.Rule;

/**
 * Every plugin on this module's test class path (the paper plugins and the baselines) keeps the plugin contract
 * ({@link PluginContract}): on the test kit's bundled tasks, experts and router, and in every combination of the
 * real plugins that the command line allows: every generator × the {@code minnorm} expert × every router, and every
 * expert with {@code clusters} and the {@code paper} router, M = 3, 50 rounds. Beside the contract, each combination
 * records the forgetting and generalization error F and G.
 */
class EveryPluginKeepsTheContractTest {

    private static final Registry REGISTRY = Registry.standard();
    private static final int M = 3;
    private static final int T = 50;

    private static List<String> names(PluginKind kind) {
        return REGISTRY.list(kind).stream().map(PluginDescriptor::name).toList();
    }

    private static PluginFactory<?> factory(PluginKind kind, String name) {
        return REGISTRY.resolve(kind, name);
    }

    @Test
    void everyProviderLoads() {
        assertEquals(List.of(), REGISTRY.failures());
        List<String> routers = names(PluginKind.ROUTER);
        for (String r : List.of("paper", "random", "roundrobin", "oracle", "softmax", "noisytopk")) {
            assertTrue(routers.contains(r), r + " is registered; routers: " + routers);
        }
        assertTrue(names(PluginKind.GENERATOR).containsAll(List.of("clusters", "definition1", "gaussian")),
                names(PluginKind.GENERATOR).toString());
        assertTrue(names(PluginKind.EXPERT).contains("minnorm"));
    }

    @TestFactory
    Stream<DynamicTest> everyPluginKeepsTheContractOnTheBundledWorld() {
        List<DynamicTest> tests = new ArrayList<>();
        for (PluginKind k : PluginKind.values()) {
            for (String name : names(k)) {
                tests.add(DynamicTest.dynamicTest(k.label() + " " + name, () -> {
                    ContractReport r = PluginContract.of(factory(k, name)).check();
                    r.throwIfViolated();
                    assertEquals(Rule.forKind(k), r.passed(), r.toString());
                }));
            }
        }
        return tests.stream();
    }

    @Test
    void theEdgeValuesTriedAreTheDeclaredEndsAndEveryVariant() {
        ContractReport paper = PluginContract.of(factory(PluginKind.ROUTER, "paper")).check();
        assertEquals(List.of("eta=1.0E-6", "lambda=0.0", "alpha=0.0", "softmax=clean", "gradient=exact",
                "gradient=fig45", "stop=never", "stop=after", "stop=after(rounds=0)", "stop=threshold(gamma=0.0)",
                "stop=threshold(minRounds=0)", "stop=threshold(flagWinner=true)", "stop=threshold(noisy=false)",
                "quirk=fig45", "quirk=fig45(start=0)", "quirk=fig45(K=1)", "quirk=fig45(idleMin=0)",
                "quirk=fig45(idleMax=0)"), paper.edges());
        // the one combination the declarations cannot express is refused, with the plugin's own message
        assertEquals(List.of("quirk=fig45(idleMax=0): router 'paper' while being built: paper: quirk idleMax (0) must "
                + "be >= idleMin (18)"), paper.refused());
    }

    @Test
    void aTopTwoRouterMayRefuseTheRunWithOneExpert() {
        ContractReport r = PluginContract.of(factory(PluginKind.ROUTER, "softmax")).with("k=2").check();
        r.throwIfViolated();
        assertEquals(Rule.forKind(PluginKind.ROUTER), r.passed(), r.toString());
        assertEquals(List.of("with one expert: router 'softmax' while being built: " + SoftmaxRouter.kMessage("softmax",
                2, 1)), r.refused());
    }

    @TestFactory
    Stream<DynamicTest> everyGeneratorWithMinnormUnderEveryRouter() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String g : names(PluginKind.GENERATOR)) {
            for (String r : names(PluginKind.ROUTER)) {
                tests.add(DynamicTest.dynamicTest(g + " × minnorm × " + r, () -> {
                    PluginContract.of(factory(PluginKind.ROUTER, r))
                            .tasks((GeneratorFactory) factory(PluginKind.GENERATOR, g))
                            .experts((ExpertFactory) factory(PluginKind.EXPERT, "minnorm")).size(M, T).verify();
                    recordsForgettingAndGeneralization(g, "minnorm", r);
                }));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> everyExpertWithClustersAndPaper() {
        return names(PluginKind.EXPERT).stream().map(e -> DynamicTest.dynamicTest("clusters × " + e + " × paper",
                () -> {
            PluginContract.of(factory(PluginKind.EXPERT, e))
                    .tasks((GeneratorFactory) factory(PluginKind.GENERATOR, "clusters"))
                    .router((RouterFactory) factory(PluginKind.ROUTER, "paper")).size(M, T).verify();
            recordsForgettingAndGeneralization("clusters", e, "paper");
        }));
    }

    @Test
    void gatedTopKRoutersRunWithSeveralExpertsPerTaskAndGiveExpertSets() {
        for (String router : List.of("softmax(k=2)", "noisytopk(k=2)", "softmax", "noisytopk")) {
            RunSpec spec = new RunSpec(SpecParser.parseComponent("clusters"), SpecParser.parseComponent("minnorm"),
                    SpecParser.parseComponent(router), M, T, RngKind.FAST, 7, Map.of());
            RunResult r = Sweep.run(REGISTRY, List.of(spec), 1, RunEngine.Progress.NONE).get(0).result();
            assertTrue(Double.isFinite(r.last("F")) && Double.isFinite(r.last("G")), router);
            assertNotNull(r.expertSets(), router + " exposes its gate weights, so expert sets exist");
            assertEquals(M, r.expertSets().stream().mapToInt(List::size).sum(), "every expert is in one set");
        }
    }

    /** A run of the combination as the command line makes it records F and G, finite in every round. */
    private static void recordsForgettingAndGeneralization(String generator, String expert, String router) {
        RunSpec spec = new RunSpec(SpecParser.parseComponent(generator), SpecParser.parseComponent(expert),
                SpecParser.parseComponent(router), M, T, RngKind.FAST, 42, Map.of());
        RunResult r = Sweep.run(REGISTRY, List.of(spec), 1, RunEngine.Progress.NONE).get(0).result();
        assertEquals(T, r.rounds());
        assertEquals(T, java.util.Arrays.stream(r.load()).sum(), "every round routed to one primary expert");
        for (String col : List.of("F", "G")) {
            double[] values = r.metrics().get(col);
            assertNotNull(values, "metric " + col + " recorded; columns: " + r.metrics().keySet());
            for (int t = 0; t < T; t++) {
                assertTrue(Double.isFinite(values[t]), col + " at round " + (t + 1) + " is " + values[t]);
            }
        }
        assertFalse(r.metrics().get("G")[T - 1] <= 0, "an error above zero after " + T + " rounds");
    }
}
