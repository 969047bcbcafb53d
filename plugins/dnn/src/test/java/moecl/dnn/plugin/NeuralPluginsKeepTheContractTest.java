package moecl.dnn.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import moecl.plugin.PluginKind;
import moecl.testkit.ContractReport;
import moecl.testkit.PluginContract;
import moecl.testkit.Rule;

/**
 * The neural plugins keep the plugin contract ({@link PluginContract}) on a tiny MNIST-shaped folder written here:
 * the {@code mnist} generator with small {@code mlp} experts, the {@code lenet} and {@code mlp} experts on its tasks.
 * Runs use 10 training and 20 test images per arrival and 2 SGD steps per task (the plugins are still built once with
 * their defaults); the {@code threads} parameter of the experts must not change a bit of the results. On the real
 * MNIST files ({@code shared/data/mnist}), when present, the generator keeps it at its real defaults too.
 */
class NeuralPluginsKeepTheContractTest {

    @TempDir
    static Path tmp;
    static String data;

    @BeforeAll
    static void tinyMnist() {
        data = "data=" + Fixtures.quoted(Fixtures.tinyMnist(tmp, 2200));
    }

    /** The rules kept, all of the kind's, and the edge values tried. */
    private static void keeps(ContractReport r, PluginKind kind, List<String> edges) {
        r.throwIfViolated();
        assertEquals(Rule.forKind(kind), r.passed(), r.toString());
        assertEquals(edges, r.edges());
    }

    @Test
    void theMnistGenerator() {
        ContractReport r = PluginContract.of(new MnistFactory()).with(data).runWith("train=10, test=20")
                .experts(new MlpExpertFactory(), "hidden=[8], steps=2").size(3, 20).check();
        keeps(r, PluginKind.GENERATOR, List.of("mode=split", "train=1", "test=1", "slices=per-arrival",
                "features=mean"));
    }

    @Test
    void theLeNetExpert() {
        ContractReport r = PluginContract.of(new LeNetExpertFactory())
                .tasks(new MnistFactory(), data + ", train=10, test=20").runWith("steps=2").size(3, 20).check();
        keeps(r, PluginKind.EXPERT, List.of("lr=1.0E-6", "steps=1", "batch=1", "loss=bce", "reset=none",
                "precision=float64"));
    }

    @Test
    void theMlpExpert() {
        ContractReport r = PluginContract.of(new MlpExpertFactory())
                .tasks(new MnistFactory(), data + ", train=10, test=20").runWith("steps=2").size(3, 20).check();
        keeps(r, PluginKind.EXPERT, List.of("lr=1.0E-6", "steps=1", "batch=1", "loss=bce", "reset=none",
                "precision=float64"));
    }

    @Test
    void theMnistGeneratorOnRealMnist() {
        Path real = Fixtures.realMnist();
        Assumptions.assumeTrue(real != null, "real MNIST not found above the module folder");
        ContractReport r = PluginContract.of(new MnistFactory()).with("data=" + Fixtures.quoted(real))
                .runWith("train=10, test=20").experts(new MlpExpertFactory(), "hidden=[8], steps=2").size(3, 20)
                .check();
        keeps(r, PluginKind.GENERATOR, List.of("mode=split", "train=1", "test=1", "slices=per-arrival",
                "features=mean"));
    }
}
