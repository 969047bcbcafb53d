package moecl.dnn.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import moecl.dnn.nn.LeNet;
import moecl.expert.Expert;
import moecl.plugin.Binder;
import moecl.plugin.BuildContext;
import moecl.plugin.Memory;
import moecl.plugin.Sizes;
import moecl.spec.SpecParser;
import moecl.task.Task;
import moecl.task.TaskGenerator;

/**
 * The neural experts' memory estimates: the network's parameter copies (its parameters, their gradient, the initial
 * state it resets to, one gradient per training chunk) against the heap an expert really holds after learning, and
 * sizes no array can hold refused with the parameter named. The tolerance (a factor of 1.1 plus 16 MB) is the one
 * of the paper plugins' test: the estimate counts arrays as HotSpot lays them out, G1 keeps large arrays in whole
 * regions.
 */
class MemoryEstimateTest {

    @TempDir
    static Path tmp;

    private static long used() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Builds an expert on {@code mnist(...)} tasks, lets it learn twice, and compares its heap with its estimate. */
    private static Memory measureExpert(NeuralExpertFactory f, String spec, String mnistArgs) {
        Path data = Fixtures.tinyMnist(tmp, 3200);
        BuildContext ctx = Fixtures.context(1, 2, 1);
        TaskGenerator g = Fixtures.build(new MnistFactory(), "mnist(" + mnistArgs + ", data=" + Fixtures.quoted(data)
                + ")", ctx);
        BuildContext withG = ctx.withGenerator(g);
        Task first = g.next();
        Task second = g.next();
        long before = used();
        Expert e = Fixtures.build(f, spec, withG.forExpert(0));
        e.learn(first);
        e.learn(second); // the second learns and evaluates the first: every buffer exists
        long measured = used() - before;
        Reference.reachabilityFence(e);
        Memory m = f.memory(Binder.bind(f.descriptor(), SpecParser.parseComponent(spec)), withG);
        String msg = spec + " on mnist(" + mnistArgs + "): estimate " + Sizes.human(m.bytes()) + " (" + m.bytes()
                + "), measured " + Sizes.human(measured) + " (" + measured + ")";
        System.out.println(msg);
        assertTrue(m.bytes() >= 100L << 20, "too small to measure well: " + msg);
        assertTrue(measured <= m.bytes() * 1.1 + (16L << 20) && m.bytes() <= measured * 1.1 + (16L << 20), msg);
        return m;
    }

    @Test
    void anMlpExpertHoldsItsParameterCopies() {
        // 3.1 million parameters, seven copies: parameters, gradient, initial state, four training chunks' gradients
        // (float32, the default: 4 bytes each, the initial state kept as doubles)
        Memory m = measureExpert(new MlpExpertFactory(), "mlp(hidden=[4000], steps=1)", "train=40, test=10");
        assertEquals(List.of("hidden", "batch", "train", "test"), m.lower());
    }

    @Test
    void aFloat64MlpExpertHoldsTwiceTheBytesPerParameter() {
        // the same network in float64: parameters, gradient and chunk gradients take 8 bytes each instead of 4
        Memory m64 = measureExpert(new MlpExpertFactory(), "mlp(hidden=[2500], steps=1, precision=float64)",
                "train=40, test=10");
        Memory m32 = new MlpExpertFactory().memory(Binder.bind(new MlpExpertFactory().descriptor(),
                SpecParser.parseComponent("mlp(hidden=[2500], steps=1)")), Fixtures.context(1, 2, 1));
        assertTrue(m64.bytes() > 1.5 * m32.bytes(), m64.bytes() + " vs " + m32.bytes());
    }

    @Test
    void aFloat64LeNetExpertHoldsItsBatchesActivations() {
        measureExpert(new LeNetExpertFactory(), "lenet(batch=1000, steps=1, precision=float64)",
                "train=1000, test=10");
    }

    @Test
    void aLeNetExpertHoldsItsBatchesActivations() {
        // 43,661 parameters but a full batch of 1500 images: about 10,500 activations each, kept for backward
        // (float32, the default: 4 bytes each)
        assertEquals(43_661, LeNet.architecture().parameterCount());
        Memory m = measureExpert(new LeNetExpertFactory(), "lenet(batch=1500, steps=1)", "train=1500, test=10");
        assertEquals(List.of("batch", "train", "test"), m.lower());
    }

    @Test
    void hiddenSizesNoArrayCanHoldAreRefusedNamingHidden() {
        MlpExpertFactory f = new MlpExpertFactory();
        BuildContext ctx = Fixtures.context(1, 2, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> f.memory(Binder.bind(f.descriptor(), SpecParser.parseComponent("mlp(hidden=[100000000])")),
                        ctx));
        assertEquals("mlp: the parameters of 784 -> hidden=[100000000] -> 1 is 78600000001 values, more than a Java "
                + "array holds (2147483639); lower hidden", e.getMessage());
        IllegalArgumentException huge = assertThrows(IllegalArgumentException.class,
                () -> f.memory(Binder.bind(f.descriptor(), SpecParser.parseComponent("mlp(hidden=[10, 99999999999])")),
                        ctx));
        assertTrue(huge.getMessage().endsWith("lower hidden"), huge.getMessage());
    }
}
