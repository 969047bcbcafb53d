package moecl.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import moecl.dnn.data.IdxReader;
import moecl.dnn.data.MnistData;
import moecl.engine.RunEngine;
import moecl.engine.RunResult;
import moecl.engine.RunSpec;
import moecl.engine.Preflight;
import moecl.engine.Sweep;
import moecl.plugin.Binder;
import moecl.plugin.ExpertFactory;
import moecl.plugin.GeneratorFactory;
import moecl.plugin.PluginDescriptor;
import moecl.plugin.PluginFactory;
import moecl.plugin.PluginKind;
import moecl.plugin.Registry;
import moecl.rng.RngKind;
import moecl.spec.SpecParser;
import moecl.spec.SpecValue.Component;
import moecl.testkit.ContractReport;
import moecl.testkit.PluginContract;
import moecl.testkit.Rule;

/**
 * Every plugin the command line registers (paper, baselines and neural modules together) keeps the plugin contract
 * ({@link PluginContract}) and instantiates with its defaults, and every generator runs with every expert that learns
 * its tasks under every router: the contract's run rules on each combination, and 50 rounds with finite metrics in
 * every round.
 *
 * <p>Two sizes differ from the defaults in the runs, and only there: the {@code mnist} generator reads a tiny
 * MNIST-shaped folder written here (2,200 images; 10 training and 20 test images per arrival), and the neural
 * experts take 5 SGD steps per task instead of 600 (600 LeNet steps per round would make 50 rounds last minutes;
 * the Fig. 3 tests train at full length). Their defaults are instantiated as they are in the first test, and the
 * contract builds each plugin once with its defaults.
 */
class EveryRegisteredPluginKeepsTheContractTest {

    private static final Registry REGISTRY = Registry.standard();
    private static final int M = 3;
    private static final int T = 50;

    @TempDir
    static Path tmp;
    static Path mnist;
    /** Generator name → the experts that learn its tasks. */
    static Map<String, List<String>> pairs;

    @BeforeAll
    static void tinyMnistAndWhichExpertsFit() throws IOException {
        mnist = Files.createDirectories(tmp.resolve("mnist"));
        Files.write(mnist.resolve(MnistData.TRAIN_IMAGES), images(2200));
        Files.write(mnist.resolve(MnistData.TRAIN_LABELS), labels(2200));
        Files.write(mnist.resolve(MnistData.TEST_IMAGES), images(10));
        Files.write(mnist.resolve(MnistData.TEST_LABELS), labels(10));
        pairs = compatible();
    }

    private static int label(int i) {
        return (i * 7 + i / 10) % 10;
    }

    /** Pixels that depend on the digit (a horizontal stroke at a digit-specific height) and on the index. */
    private static byte[] images(int count) {
        ByteBuffer b = ByteBuffer.allocate(16 + count * 784);
        b.putInt(IdxReader.IMAGES_MAGIC).putInt(count).putInt(28).putInt(28);
        for (int i = 0; i < count; i++) {
            int row0 = 2 * label(i) + 2;
            for (int p = 0; p < 784; p++) {
                int row = p / 28;
                b.put((byte) (row >= row0 && row < row0 + 4 ? 200 + (i + p) % 56 : (i * 31 + p * 17) % 40));
            }
        }
        return b.array();
    }

    private static byte[] labels(int count) {
        ByteBuffer b = ByteBuffer.allocate(8 + count);
        b.putInt(IdxReader.LABELS_MAGIC).putInt(count);
        for (int i = 0; i < count; i++) {
            b.put((byte) label(i));
        }
        return b.array();
    }

    private static List<String> names(PluginKind kind) {
        return REGISTRY.list(kind).stream().map(PluginDescriptor::name).toList();
    }

    private static String dataArg() {
        return "data=\"" + mnist.toString().replace("\\", "\\\\") + "\"";
    }

    /** The generator with its defaults; {@code mnist} also needs to know where the data is. */
    private static String defaultGenerator(String name) {
        return name.equals("mnist") ? "mnist(" + dataArg() + ")" : name;
    }

    /** The generator at the size of the 50-round runs. */
    private static String smallGenerator(String name) {
        return name.equals("mnist") ? "mnist(" + dataArg() + ", train=10, test=20)" : name;
    }

    private static boolean neural(String expert) {
        return !expert.equals("minnorm");
    }

    private static String smallExpert(String name) {
        return neural(name) ? name + "(steps=5)" : name;
    }

    private static RunSpec spec(String generator, String expert, String router, int rounds) {
        return new RunSpec(SpecParser.parseComponent(generator), SpecParser.parseComponent(expert),
                SpecParser.parseComponent(router), M, rounds, RngKind.FAST, 42, Map.of());
    }

    /** Which experts learn which generator's tasks: found by running one round, not assumed. */
    private static Map<String, List<String>> compatible() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String g : names(PluginKind.GENERATOR)) {
            List<String> experts = new ArrayList<>();
            for (String e : names(PluginKind.EXPERT)) {
                try {
                    Sweep.run(REGISTRY, List.of(spec(smallGenerator(g), smallExpert(e), "paper", 1)), 1,
                            RunEngine.Progress.NONE);
                    experts.add(e);
                } catch (IllegalArgumentException incompatible) {
                    // e.g. minnorm cannot learn image tasks, a CNN cannot learn (X, y) regression tasks
                }
            }
            out.put(g, experts);
        }
        return out;
    }

    @Test
    void everyProviderLoadsAndEveryPluginInstantiatesWithItsDefaults() {
        assertEquals(List.of(), REGISTRY.failures());
        assertTrue(names(PluginKind.ROUTER).containsAll(
                List.of("paper", "random", "roundrobin", "oracle", "softmax", "noisytopk")),
                names(PluginKind.ROUTER).toString());
        assertTrue(names(PluginKind.EXPERT).containsAll(List.of("minnorm", "lenet", "mlp")));
        assertTrue(names(PluginKind.GENERATOR).containsAll(List.of("clusters", "definition1", "gaussian", "mnist")));
        assertEquals(List.of("minnorm"), pairs.get("clusters"));
        assertEquals(List.of("lenet", "mlp"), pairs.get("mnist"));
        for (PluginKind kind : PluginKind.values()) {
            for (String name : names(kind)) {
                Component c = SpecParser.parseComponent(kind == PluginKind.GENERATOR ? defaultGenerator(name) : name);
                Binder.bind(REGISTRY.resolve(kind, name).descriptor(), c); // defaults bind without complaint
            }
        }
        // every expert and every router built with all defaults (validate dry-builds all three components)
        for (Map.Entry<String, List<String>> p : pairs.entrySet()) {
            for (String e : p.getValue()) {
                for (String r : names(PluginKind.ROUTER)) {
                    Preflight.validate(REGISTRY, List.of(spec(defaultGenerator(p.getKey()), e, r, T)));
                }
            }
        }
    }

    /** The generator's arguments for the contract's runs: {@code mnist} reads the tiny folder, small. */
    private static String generatorArgs(String name) {
        return name.equals("mnist") ? dataArg() + ", train=10, test=20" : "";
    }

    /**
     * The expert's arguments for the contract's runs: 2 SGD steps for the neural experts (the contract runs
     * dozens).
     */
    private static String expertArgs(String name) {
        return neural(name) ? "steps=2" : "";
    }

    /**
     * The plugin's contract: routers on the kit's bundled tasks and experts; an expert on the bundled tasks when it
     * learns linear tasks, else on the first generator it fits; a generator with the bundled experts when linear
     * experts learn its tasks, else with the first expert that does.
     */
    private static PluginContract contract(PluginKind kind, String name) {
        PluginContract c = PluginContract.of(REGISTRY.resolve(kind, name)).size(M, 20);
        switch (kind) {
            case EXPERT -> {
                if (!pairs.get("clusters").contains(name)) {
                    String g = pairs.entrySet().stream().filter(p -> p.getValue().contains(name)).findFirst()
                            .orElseThrow().getKey();
                    c.tasks((GeneratorFactory) REGISTRY.resolve(PluginKind.GENERATOR, g), generatorArgs(g));
                }
                c.runWith(expertArgs(name));
            }
            case GENERATOR -> {
                if (name.equals("mnist")) {
                    c.with(dataArg()).runWith("train=10, test=20");
                }
                if (!pairs.get(name).contains("minnorm")) {
                    String e = pairs.get(name).get(0);
                    c.experts((ExpertFactory) REGISTRY.resolve(PluginKind.EXPERT, e), expertArgs(e));
                }
            }
            case ROUTER -> {
                // the bundled tasks and experts
            }
        }
        return c;
    }

    @Tag("heavy")
    @TestFactory
    Stream<DynamicTest> everyRegisteredPluginKeepsTheContract() {
        List<DynamicTest> tests = new ArrayList<>();
        for (PluginKind kind : PluginKind.values()) {
            for (String name : names(kind)) {
                tests.add(DynamicTest.dynamicTest(kind.label() + " " + name, () -> {
                    ContractReport r = contract(kind, name).check();
                    r.throwIfViolated();
                    assertEquals(Rule.forKind(kind), r.passed(), r.toString());
                }));
            }
        }
        return tests.stream();
    }

    /**
     * The rules checked in the runs of each combination: building, decisions (with M experts and with one), tasks and
     * world left alone, finite outputs. Edge values, determinism and threads are each plugin's own contract, above.
     */
    private static final Rule[] COMBINATION_RULES = {Rule.DEFAULTS, Rule.DECISIONS_IN_RANGE, Rule.NO_TASK_MUTATION,
        Rule.NO_WORLD_MUTATION, Rule.FINITE_OUTPUTS};

    @Tag("heavy")
    @TestFactory
    Stream<DynamicTest> everyGeneratorWithEveryExpertItFitsUnderEveryRouter() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String e : names(PluginKind.EXPERT)) {
            assertTrue(pairs.values().stream().anyMatch(l -> l.contains(e)), e + " learns the tasks of some generator");
        }
        for (Map.Entry<String, List<String>> p : pairs.entrySet()) {
            assertFalse(p.getValue().isEmpty(), "some expert learns " + p.getKey() + "'s tasks");
            for (String e : p.getValue()) {
                for (String r : names(PluginKind.ROUTER)) {
                    String g = p.getKey();
                    tests.add(DynamicTest.dynamicTest(g + " × " + e + " × " + r, () -> {
                        PluginFactory<?> router = REGISTRY.resolve(PluginKind.ROUTER, r);
                        PluginContract.of(router).only(COMBINATION_RULES).size(M, 20)
                                .tasks((GeneratorFactory) REGISTRY.resolve(PluginKind.GENERATOR, g), generatorArgs(g))
                                .experts((ExpertFactory) REGISTRY.resolve(PluginKind.EXPERT, e), expertArgs(e))
                                .verify();
                        runs(smallGenerator(g), smallExpert(e), r);
                    }));
                }
            }
        }
        return tests.stream();
    }

    private static void runs(String generator, String expert, String router) {
        RunResult r = Sweep.run(REGISTRY, List.of(spec(generator, expert, router, T)), 1, RunEngine.Progress.NONE)
                .get(0).result();
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
        assertTrue(r.metrics().get("G")[T - 1] > 0, "an error above zero after 50 rounds");
    }
}
