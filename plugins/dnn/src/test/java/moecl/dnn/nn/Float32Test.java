package moecl.dnn.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import moecl.dnn.bench.SplittableRandomSource;

/**
 * Float32 networks: the float kernels keep the FMA-chain contract bit for bit, training is independent of the
 * thread count and of how the inputs arrive (floats or doubles), and the float32 result follows the float64 one as
 * closely as float32 rounding allows.
 */
class Float32Test {

    private static final int[] SIZES = {1, 2, 3, 5, 6, 7, 8, 9, 15, 16, 17, 24, 25, 31, 32, 33, 47, 48, 49};

    private static float[] floats(SplittableRandomSource rng, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) rng.nextGaussian();
        }
        return v;
    }

    private static double[] labels(SplittableRandomSource rng, int n) {
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextInt(2);
        }
        return y;
    }

    @Test
    void floatMultiplyIsTheFloatFmaChainBitForBitInEveryImplementation() {
        SplittableRandomSource rng = new SplittableRandomSource(11);
        LayerKernels[] impls = {LayerKernels.INSTANCE, new ScalarKernels()};
        int checked = 0;
        for (int m : SIZES) {
            for (int n : SIZES) {
                for (int k : new int[] {1, 4, 25}) {
                    for (boolean accumulate : new boolean[] {false, true}) {
                        int lda = k + 2;
                        float[] a = floats(rng, 3 + m * lda);
                        int ldb = n + 3;
                        float[] b = floats(rng, 5 + k * ldb);
                        int ldc = n + 1;
                        float[] c0 = floats(rng, 2 + m * ldc + 2);
                        float[] expected = c0.clone();
                        for (int i = 0; i < m; i++) {
                            for (int j = 0; j < n; j++) {
                                float acc = accumulate ? expected[2 + i * ldc + j] : 0f;
                                for (int p = 0; p < k; p++) {
                                    acc = Math.fma(a[3 + i * lda + p], b[5 + p * ldb + j], acc);
                                }
                                expected[2 + i * ldc + j] = acc;
                            }
                        }
                        for (LayerKernels g : impls) {
                            float[] c = c0.clone();
                            g.multiply(m, n, k, a, 3, lda, 1, b, 5, ldb, c, 2, ldc, accumulate);
                            assertArrayEquals(expected, c, 0f, () -> g.name() + " m=" + m + " n=" + n + " k=" + k
                                    + " accumulate=" + accumulate);
                        }
                        checked++;
                    }
                }
            }
        }
        assertEquals(SIZES.length * SIZES.length * 3 * 2, checked);
    }

    @Test
    void floatElementwiseKernelsAgreeWithTheScalarOnes() {
        SplittableRandomSource rng = new SplittableRandomSource(12);
        LayerKernels v = LayerKernels.INSTANCE;
        LayerKernels s = new ScalarKernels();
        for (int len : new int[] {1, 15, 16, 17, 40, 100}) {
            float[] x = floats(rng, len + 3);
            x[3] = -0f;
            float[] y1 = new float[len + 1];
            float[] y2 = new float[len + 1];
            v.relu(len, x, 3, y1, 1);
            s.relu(len, x, 3, y2, 1);
            assertArrayEquals(y2, y1, 0f);
            assertEquals(0, Float.floatToRawIntBits(y1[1]), "ReLU(-0) is +0");
            float[] dy = floats(rng, len);
            float[] d1 = new float[len];
            float[] d2 = new float[len];
            v.reluBackward(len, y1, 1, dy, 0, d1, 0);
            s.reluBackward(len, y1, 1, dy, 0, d2, 0);
            assertArrayEquals(d2, d1, 0f);
            for (int i = 0; i < len; i++) {
                assertEquals(y1[1 + i] > 0 ? dy[i] : 0f, d1[i], 0f);
            }
            int[] targets = {0, 2, 1};
            float[] src = floats(rng, 3 * len);
            float[] a = new float[len + 5];
            float[] b = new float[len + 5];
            v.scatterAdd(3, len, src, 0, a, 1, targets);
            s.scatterAdd(3, len, src, 0, b, 1, targets);
            assertArrayEquals(b, a, 0f);
        }
    }

    @Test
    void float32TrainingIsBitIdenticalWhateverTheThreadCountAndInputType() {
        SplittableRandomSource data = new SplittableRandomSource(2);
        double[] x = data.gaussians(100 * 784);
        double[] y = labels(data, 100);
        float[] xf = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            xf[i] = (float) x[i];
        }
        double[][] results = new double[4][];
        double[][] losses = new double[4][5];
        for (int t = 1; t <= 4; t++) {
            Network net = LeNet.create(new SplittableRandomSource(3)).to(Precision.FLOAT32).threads(Math.min(t, 3));
            assertEquals(Precision.FLOAT32, net.precision());
            for (int s = 0; s < 5; s++) {
                // run 4 takes the doubles, which the network rounds per sub-batch: the same floats
                losses[t - 1][s] = t == 4 ? net.trainStep(x, y, 0.1, Loss.MSE) : net.trainStep(xf, y, 0.1, Loss.MSE);
            }
            results[t - 1] = net.parameters();
        }
        for (int t = 1; t < 4; t++) {
            assertArrayEquals(results[0], results[t], 0.0, "run " + t);
            assertArrayEquals(losses[0], losses[t], 0.0, "run " + t);
        }
        for (double p : results[0]) {
            assertEquals(p, (float) p, 0.0, "float32 parameters are floats");
        }
        assertNotEquals(LeNet.create(new SplittableRandomSource(3)).parameters()[0], results[0][0], "it did learn");
    }

    /**
     * Float32 against float64 from the same (float-representable) weights and data: one step's gradient and five
     * steps' weights. Float32 rounds each operation to a relative 2^-24 ≈ 6e-8; the longest reductions here are the
     * first convolution's weight gradient (100 samples × 576 positions = 57,600 terms) and the chunk sums, so the
     * gradient's relative error is bounded by roughly n·u ≈ 3.4e-3 in the worst case and is about √n·u ≈ 1.4e-5
     * for errors of random sign, the bound asserted (measured: 3.8e-7). The weights are stored in float (a relative
     * 3e-8 on their own) and move by lr × gradient per step, so after five steps they differ by far less than the
     * gradient's error; asserted below 1e-6 (measured: 4.5e-8).
     */
    @Test
    void float32FollowsFloat64WithinFloat32Rounding() {
        SplittableRandomSource data = new SplittableRandomSource(21);
        double[] x = new double[100 * 784];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) data.nextGaussian(); // representable in float, so both nets see the same inputs
        }
        double[] y = labels(data, 100);
        Network f32 = LeNet.create(new SplittableRandomSource(22)).to(Precision.FLOAT32);
        Network f64 = f32.to(Precision.FLOAT64);
        assertArrayEquals(f32.parameters(), f64.parameters(), 0.0);
        double l32 = f32.trainStep(x, y, 0.1, Loss.MSE);
        double l64 = f64.trainStep(x, y, 0.1, Loss.MSE);
        assertEquals(l64, l32, 1e-6 * l64);
        double gradError = relativeL2(f32.gradient(), f64.gradient());
        assertTrue(gradError < Math.sqrt(57_600) * 0x1p-24, "gradient relative L2 " + gradError);
        assertTrue(gradError > 0, "float32 is not float64");
        for (int s = 0; s < 4; s++) {
            f32.trainStep(x, y, 0.1, Loss.MSE);
            f64.trainStep(x, y, 0.1, Loss.MSE);
        }
        double weightError = relativeL2(f32.parameters(), f64.parameters());
        System.out.printf("float32 vs float64: loss %.3g relative, gradient %.3g and weights after 5 steps %.3g "
                + "relative L2%n", Math.abs(l32 - l64) / l64, gradError, weightError);
        assertTrue(weightError < 1e-6, "weights relative L2 after 5 steps " + weightError);
        double[] xt = Arrays.copyOf(x, 20 * 784);
        double[] p32 = f32.predict(xt);
        double[] p64 = f64.predict(xt);
        for (int i = 0; i < p32.length; i++) {
            assertEquals(p64[i], p32[i], 1e-5);
        }
        assertArrayEquals(p32, f32.forward(xt), 0.0, "predict and forward agree in float32 too");
    }

    /**
     * Golden values of float32 training, as {@code NetworkTest} pins float64: five LeNet steps from fixed seeds.
     * Float FMA chains in a fixed order, so the bits hold on any machine, thread count and kernel implementation.
     */
    @Test
    void fiveFloat32TrainingStepsGiveThePinnedBits() {
        SplittableRandomSource data = new SplittableRandomSource(42);
        double[] x = data.gaussians(100 * 784);
        double[] y = labels(data, 100);
        Network net = LeNet.create(new SplittableRandomSource(43)).to(Precision.FLOAT32).threads(2);
        double loss = 0;
        for (int s = 0; s < 5; s++) {
            loss = net.trainStep(x, y, 0.1, Loss.MSE);
        }
        long digest = 0;
        for (double v : net.parameters()) {
            digest = digest * 31 + Float.floatToIntBits((float) v); // the float bits (exact: they are floats)
        }
        long d = digest;
        System.out.println("float32 golden: loss " + loss + " digest 0x" + Long.toHexString(digest) + "L");
        assertEquals(GOLDEN_LOSS_32, loss, 0.0);
        assertEquals(GOLDEN_DIGEST_32, d, () -> Long.toHexString(d));
    }

    private static final double GOLDEN_LOSS_32 = 0.24950775004007106;
    private static final long GOLDEN_DIGEST_32 = 0xfd1156431b7b737fL;

    @Test
    void parametersRoundToFloatAndWidenExactly() {
        Network net = Mlp.forInputs(5, 3).to(Precision.FLOAT32);
        double[] v = new double[net.parameterCount()];
        for (int i = 0; i < v.length; i++) {
            v[i] = 0.1 * (i + 1);
        }
        net.setParameters(v);
        double[] back = net.parameters();
        for (int i = 0; i < v.length; i++) {
            assertEquals((float) v[i], back[i], 0.0);
        }
        Network copy = net.copy();
        assertEquals(Precision.FLOAT32, copy.precision());
        assertArrayEquals(back, copy.parameters(), 0.0);
        assertEquals(Precision.FLOAT64, Network.builder(Shape.flat(3)).linear(1).build().precision());
        assertEquals(Precision.FLOAT32,
                Network.builder(Shape.flat(3)).precision(Precision.FLOAT32).linear(1).build().precision());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Precision.of("float16"));
        assertEquals("precision 'float16' is not allowed; allowed: float32, float64", e.getMessage());
    }

    @Test
    void aFloat32MlpLearnsWithMinibatchShapes() {
        // sub-batches of odd sizes exercise the masked tails of the float kernels in Linear
        SplittableRandomSource data = new SplittableRandomSource(31);
        int n = 57;
        double[] x = data.gaussians(n * 10);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = x[i * 10] + x[i * 10 + 1] > 0 ? 1 : 0;
        }
        Network net = Mlp.forInputs(10, 17).initialise(new SplittableRandomSource(32)).to(Precision.FLOAT32);
        double first = net.trainStep(x, y, 0.5, Loss.BCE);
        double last = first;
        for (int s = 0; s < 200; s++) {
            last = net.trainStep(x, y, 0.5, Loss.BCE);
        }
        assertTrue(last < 0.3 * first, first + " -> " + last);
    }

    private static double relativeL2(double[] a, double[] b) {
        double num = 0;
        double den = 0;
        for (int i = 0; i < a.length; i++) {
            num += (a[i] - b[i]) * (a[i] - b[i]);
            den += b[i] * b[i];
        }
        return Math.sqrt(num / den);
    }
}
