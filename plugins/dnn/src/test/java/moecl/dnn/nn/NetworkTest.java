package moecl.dnn.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import moecl.dnn.bench.SplittableRandomSource;

class NetworkTest {

    private static double[] labels(SplittableRandomSource rng, int n) {
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextInt(2);
        }
        return y;
    }

    @Test
    void leNetIsThePapersArchitecture() {
        Network net = LeNet.architecture();
        assertEquals(List.of("Conv2d(1, 6, kernel_size=5)", "ReLU()", "MaxPool2d(kernel_size=2)",
                "Conv2d(6, 16, kernel_size=5)", "ReLU()", "MaxPool2d(kernel_size=2)",
                "Linear(in_features=256, out_features=120)", "ReLU()", "Linear(in_features=120, out_features=84)",
                "ReLU()", "Linear(in_features=84, out_features=1)", "Sigmoid()"),
                net.layers().stream().map(Layer::toString).toList());
        assertEquals(Shape.of(16, 4, 4), net.layers().get(5).outputShape());
        // sum(p.numel() for p in LeNet().parameters()) in PyTorch
        assertEquals(43_661, net.parameterCount());
        // the flat vector follows model.parameters(): conv1.weight, conv1.bias, conv2.weight, ...
        assertEquals(0, net.parameterOffset(0));
        assertEquals(156, net.parameterOffset(3));
        assertEquals(156 + 2416, net.parameterOffset(6));
        assertEquals(156 + 2416 + 30_840, net.parameterOffset(8));
        assertEquals(156 + 2416 + 30_840 + 10_164, net.parameterOffset(10));
    }

    @Test
    void initialisationIsPyTorchsDefaultBoundsInTheDocumentedOrder() {
        Network net = LeNet.create(new SplittableRandomSource(1));
        double[] p = net.parameters();
        int[][] blocks = {{0, 156, 25}, {156, 2416, 150}, {2572, 30_840, 256}, {33_412, 10_164, 120},
                          {43_576, 85, 84}};
        for (int[] b : blocks) {
            double bound = 1 / Math.sqrt(b[2]);
            double max = 0;
            for (int i = b[0]; i < b[0] + b[1]; i++) {
                max = Math.max(max, Math.abs(p[i]));
            }
            assertTrue(max <= bound && max > 0.9 * bound, "block at " + b[0] + ": max " + max + " bound " + bound);
        }
        // order: one uniform draw per parameter, layer by layer, weight then bias
        SplittableRandomSource rng = new SplittableRandomSource(1);
        assertEquals(rng.uniform(-0.2, 0.2), p[0], 0.0);
        for (int i = 1; i < 156; i++) {
            rng.nextDouble();
        }
        assertEquals(rng.uniform(-1 / Math.sqrt(150), 1 / Math.sqrt(150)), p[156], 0.0);
        SplittableRandomSource counted = new SplittableRandomSource(1);
        LeNet.create(counted);
        assertEquals(43_661, counted.draws());
    }

    @Test
    void sameSeedGivesIdenticalWeightsAndDifferentSeedsDiffer() {
        assertArrayEquals(LeNet.create(new SplittableRandomSource(5)).parameters(),
                LeNet.create(new SplittableRandomSource(5)).parameters(), 0.0);
        assertFalse(Arrays.equals(LeNet.create(new SplittableRandomSource(5)).parameters(),
                LeNet.create(new SplittableRandomSource(6)).parameters()));
        assertArrayEquals(Mlp.create(new SplittableRandomSource(5), 10).parameters(),
                Mlp.create(new SplittableRandomSource(5), 10).parameters(), 0.0);
    }

    @Test
    void trainingIsBitIdenticalWhateverTheThreadCount() {
        SplittableRandomSource data = new SplittableRandomSource(2);
        double[] x = data.gaussians(100 * 784);
        double[] y = labels(data, 100);
        double[][] results = new double[3][];
        double[][] losses = new double[3][5];
        for (int t = 1; t <= 3; t++) {
            Network net = LeNet.create(new SplittableRandomSource(3)).threads(t);
            for (int s = 0; s < 5; s++) {
                losses[t - 1][s] = net.trainStep(x, y, 0.1, Loss.MSE);
            }
            results[t - 1] = net.parameters();
        }
        assertArrayEquals(results[0], results[1], 0.0);
        assertArrayEquals(results[0], results[2], 0.0);
        assertArrayEquals(losses[0], losses[1], 0.0);
        assertArrayEquals(losses[0], losses[2], 0.0);
        assertNotEquals(LeNet.create(new SplittableRandomSource(3)).parameters()[0], results[0][0], "it did learn");
    }

    /** A 64-bit digest of the exact bits of a vector. */
    static long digest(double[] v) {
        long h = 0;
        for (double d : v) {
            h = h * 31 + Double.doubleToLongBits(d);
        }
        return h;
    }

    /**
     * Golden values: the exact result of five LeNet training steps from fixed seeds. Every operation is exactly
     * specified (FMA chains in a fixed order, StrictMath), so these hold on any machine, thread count and kernel
     * implementation; a change here means the arithmetic changed, which must be deliberate.
     */
    @Test
    void fiveTrainingStepsGiveThePinnedBits() {
        SplittableRandomSource data = new SplittableRandomSource(42);
        double[] x = data.gaussians(100 * 784);
        double[] y = labels(data, 100);
        Network net = LeNet.create(new SplittableRandomSource(43)).threads(2);
        double loss = 0;
        for (int s = 0; s < 5; s++) {
            loss = net.trainStep(x, y, 0.1, Loss.MSE);
        }
        assertEquals(GOLDEN_LOSS, loss, 0.0);
        assertEquals(GOLDEN_DIGEST, digest(net.parameters()), () -> Long.toHexString(digest(net.parameters())));
    }

    private static final double GOLDEN_LOSS = 0.2495077472704769;
    private static final long GOLDEN_DIGEST = 0x728bcacd55681a14L;

    @Test
    void trainStepIsForwardBackwardAndSgd() {
        SplittableRandomSource data = new SplittableRandomSource(4);
        double[] x = data.gaussians(37 * 784);
        double[] y = labels(data, 37);
        Network a = LeNet.create(new SplittableRandomSource(5));
        Network b = a.copy().threads(2);
        double lossA = a.trainStep(x, y, 0.05, Loss.BCE);
        double[] out = b.forward(x);
        double lossB = Loss.BCE.value(out, y);
        b.backward(Loss.BCE.gradient(out, y));
        double[] g = b.gradient();
        double[] before = b.parameters();
        b.sgdStep(0.05);
        assertEquals(lossA, lossB, 0.0);
        assertArrayEquals(a.parameters(), b.parameters(), 0.0);
        assertArrayEquals(a.gradient(), g, 0.0);
        double[] after = b.parameters();
        for (int i = 0; i < after.length; i++) {
            assertEquals(before[i] - 0.05 * g[i], after[i], 0.0);
        }
    }

    @Test
    void predictEvaluateAndForwardGiveTheSameOutputs() {
        SplittableRandomSource data = new SplittableRandomSource(6);
        Network net = LeNet.create(new SplittableRandomSource(7));
        double[] x = data.gaussians(50 * 784);
        double[] y = labels(data, 50);
        double[] viaForward = net.forward(x);
        double[] viaPredict = net.threads(2).predict(x);
        assertArrayEquals(viaForward, viaPredict, 0.0);
        // one sample at a time gives the same bits as in a batch
        double[] single = net.predict(Arrays.copyOfRange(x, 17 * 784, 18 * 784));
        assertEquals(viaPredict[17], single[0], 0.0);
        assertEquals(Loss.MSE.value(viaPredict, y), net.evaluate(x, y, Loss.MSE), 0.0);
        for (double o : viaPredict) {
            assertTrue(o > 0 && o < 1);
        }
    }

    @Test
    void copyIsIndependentAndParametersRoundTrip() {
        SplittableRandomSource data = new SplittableRandomSource(8);
        double[] x = data.gaussians(10 * 784);
        double[] y = labels(data, 10);
        Network net = LeNet.create(new SplittableRandomSource(9));
        double[] snapshot = net.parameters();
        Network copy = net.copy();
        copy.trainStep(x, y, 0.1, Loss.MSE);
        assertArrayEquals(snapshot, net.parameters(), 0.0);
        net.trainStep(x, y, 0.1, Loss.MSE);
        assertArrayEquals(copy.parameters(), net.parameters(), 0.0);
        net.setParameters(snapshot);
        assertArrayEquals(snapshot, net.parameters(), 0.0);
        double[] mutated = net.parameters();
        mutated[0] = 42;
        assertEquals(snapshot[0], net.parameters()[0], 0.0, "parameters() is a copy");
    }

    @Test
    void trainingChunksDependOnlyOnBatchSize() {
        assertEquals(1, Network.trainingChunks(1));
        assertEquals(3, Network.trainingChunks(3));
        assertEquals(4, Network.trainingChunks(10));
        assertEquals(4, Network.trainingChunks(100));
        assertEquals(4, Network.trainingChunks(128));
        assertEquals(8, Network.trainingChunks(129));
    }

    @Test
    void badShapesAreRejectedWithClearMessages() {
        Network net = LeNet.architecture();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.predict(new double[700]));
        assertEquals("input length 700 is not a positive multiple of 784 (1x28x28 per sample)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> net.trainStep(new double[784 * 2], new double[3], 0.1, Loss.MSE));
        assertEquals("expected 2 targets for 2 samples, got 3", e.getMessage());
        assertThrows(IllegalStateException.class, () -> net.backward(new double[1]));
        assertThrows(IllegalArgumentException.class, () -> net.setParameters(new double[3]));
        assertThrows(IllegalArgumentException.class, () -> Network.of(new Linear(10, 5), new Linear(6, 1)));
        assertThrows(IllegalArgumentException.class, () -> net.threads(0));
    }

    @Test
    void aSmallMlpLearnsASeparableProblem() {
        SplittableRandomSource rng = new SplittableRandomSource(10);
        int n = 64;
        double[] x = new double[n * 2];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[2 * i] = rng.uniform(-1, 1);
            x[2 * i + 1] = rng.uniform(-1, 1);
            y[i] = x[2 * i] * x[2 * i + 1] > 0 ? 1 : 0; // XOR of the signs: needs the hidden layer
        }
        Network net = Mlp.forInputs(2, 16).initialise(rng);
        double first = net.evaluate(x, y, Loss.BCE);
        for (int s = 0; s < 3000; s++) {
            net.trainStep(x, y, 0.5, Loss.BCE);
        }
        double last = net.evaluate(x, y, Loss.BCE);
        assertTrue(last < 0.2 * first, first + " -> " + last);
    }
}
