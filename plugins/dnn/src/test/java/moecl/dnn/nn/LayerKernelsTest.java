package moecl.dnn.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import moecl.dnn.bench.SplittableRandomSource;

/** The kernel contract: every implementation gives the same bits as the plain FMA chain. */
class LayerKernelsTest {

    private static final int[] SIZES = {1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 13, 16, 17, 25, 31};

    /** The contract itself, written as plainly as possible. */
    private static void reference(int m, int n, int k, double[] a, int aOff, int aRow, int aCol, double[] b,
                                  int bOff, int ldb, double[] c, int cOff, int ldc, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double acc = accumulate ? c[cOff + i * ldc + j] : 0.0;
                for (int p = 0; p < k; p++) {
                    acc = Math.fma(a[aOff + i * aRow + p * aCol], b[bOff + p * ldb + j], acc);
                }
                c[cOff + i * ldc + j] = acc;
            }
        }
    }

    @Test
    void theVectorKernelIsInUseUnderMaven() {
        // surefire runs with --add-modules jdk.incubator.vector (see the module pom); if this fails the fast path
        // went away (unless the scalar kernels were requested on purpose)
        Assumptions.assumeFalse("scalar".equals(System.getProperty("moecl.dnn.kernel")));
        assertTrue(LayerKernels.INSTANCE.name().startsWith("vector"), LayerKernels.INSTANCE.name());
    }

    @Test
    void everyImplementationEqualsTheFmaChainBitForBit() {
        SplittableRandomSource rng = new SplittableRandomSource(7);
        LayerKernels[] impls = {LayerKernels.INSTANCE, new ScalarKernels()};
        int checked = 0;
        for (int m : SIZES) {
            for (int n : SIZES) {
                for (int k : new int[] {1, 3, 8, 25}) {
                    for (boolean transposedA : new boolean[] {false, true}) {
                        for (boolean accumulate : new boolean[] {false, true}) {
                            int aOff = 3;
                            int lda = transposedA ? m + 1 : k + 2;
                            int aRow = transposedA ? 1 : lda;
                            int aCol = transposedA ? lda : 1;
                            double[] a = rng.gaussians(aOff + (transposedA ? k : m) * lda + 4);
                            int ldb = n + 3;
                            double[] b = rng.gaussians(5 + k * ldb);
                            int ldc = n + 1;
                            double[] c0 = rng.gaussians(2 + m * ldc + 2);
                            double[] expected = c0.clone();
                            reference(m, n, k, a, aOff, aRow, aCol, b, 5, ldb, expected, 2, ldc, accumulate);
                            for (LayerKernels g : impls) {
                                double[] c = c0.clone();
                                g.multiply(m, n, k, a, aOff, aRow, aCol, b, 5, ldb, c, 2, ldc, accumulate);
                                assertArrayEquals(expected, c, 0.0, () -> g.name() + " m=" + m + " n=" + n + " k="
                                        + k + " transposedA=" + transposedA + " accumulate=" + accumulate);
                            }
                            checked++;
                        }
                    }
                }
            }
        }
        assertEquals(SIZES.length * SIZES.length * 4 * 4, checked);
    }

    @Test
    void aLongChainSplitIntoAccumulatingCallsIsTheSameChain() {
        SplittableRandomSource rng = new SplittableRandomSource(8);
        int m = 7;
        int n = 10;
        int k = 40;
        double[] a = rng.gaussians(m * k);
        double[] b = rng.gaussians(k * n);
        double[] whole = new double[m * n];
        LayerKernels.INSTANCE.multiply(m, n, k, a, 0, b, 0, whole, 0, false);
        double[] parts = new double[m * n];
        LayerKernels.INSTANCE.multiply(m, n, 15, a, 0, k, 1, b, 0, n, parts, 0, n, false);
        LayerKernels.INSTANCE.multiply(m, n, 25, a, 15, k, 1, b, 15 * n, n, parts, 0, n, true);
        assertArrayEquals(whole, parts, 0.0);
    }
}
