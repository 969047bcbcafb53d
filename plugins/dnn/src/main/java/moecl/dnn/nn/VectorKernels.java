package moecl.dnn.nn;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Kernels} with the Vector API. The multiply is register-blocked: a micro-kernel keeps 6 rows × 2 vectors
 * of {@code C} in registers for the whole {@code k} loop (12 independent accumulators hide the FMA latency; per step
 * it loads two vectors of {@code B} and broadcasts six elements of {@code A}); edges use 4-, 2- and 1-row kernels,
 * one-vector kernels and finally scalar columns, all computing the same per-element FMA chain as
 * {@link ScalarKernels}.
 *
 * <p>Loaded reflectively by {@link Kernels} only when the {@code jdk.incubator.vector} module is in the boot layer
 * (JVM flag {@code --add-modules jdk.incubator.vector}). The micro-kernels were generated from one template and
 * differ only in their numbers of rows and vectors.
 */
final class VectorKernels extends Kernels {

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    @Override
    String name() {
        return "vector-" + S.vectorBitSize();
    }

    @Override
    boolean usable() {
        return L >= 2;
    }

    @Override
    void multiply(int m, int n, int k, double[] a, int aOff, int[] aRows, int[] aCols, double[] b, int bOff,
                  int[] bRows, double[] c, int cOff, int ldc, boolean accumulate) {
        int j = 0;
        for (; j + 2 * L <= n; j += 2 * L) {
            int i = 0;
            for (; i + 6 <= m; i += 6) {
                kernel6x2(k, a, aRows, aCols, i, aOff, b, bOff + j, bRows, c, cOff + i * ldc + j, ldc, accumulate);
            }
            if (i + 4 <= m) {
                kernel4x2(k, a, aRows, aCols, i, aOff, b, bOff + j, bRows, c, cOff + i * ldc + j, ldc, accumulate);
                i += 4;
            }
            if (i + 2 <= m) {
                kernel2x2(k, a, aRows, aCols, i, aOff, b, bOff + j, bRows, c, cOff + i * ldc + j, ldc, accumulate);
                i += 2;
            }
            if (i < m) {
                kernel1x2(k, a, aRows, aCols, i, aOff, b, bOff + j, bRows, c, cOff + i * ldc + j, ldc, accumulate);
            }
        }
        for (; j + L <= n; j += L) {
            int i = 0;
            for (; i + 6 <= m; i += 6) {
                kernel6x1(k, a, aRows, aCols, i, aOff, b, bOff + j, bRows, c, cOff + i * ldc + j, ldc, accumulate);
            }
            if (i + 4 <= m) {
                kernel4x1(k, a, aRows, aCols, i, aOff, b, bOff + j, bRows, c, cOff + i * ldc + j, ldc, accumulate);
                i += 4;
            }
            if (i + 2 <= m) {
                kernel2x1(k, a, aRows, aCols, i, aOff, b, bOff + j, bRows, c, cOff + i * ldc + j, ldc, accumulate);
                i += 2;
            }
            if (i < m) {
                kernel1x1(k, a, aRows, aCols, i, aOff, b, bOff + j, bRows, c, cOff + i * ldc + j, ldc, accumulate);
            }
        }
        for (; j < n; j++) {
            for (int i = 0; i < m; i++) {
                int ai = aOff + aRows[i];
                int ci = cOff + i * ldc + j;
                double acc = accumulate ? c[ci] : 0.0;
                for (int p = 0; p < k; p++) {
                    acc = Math.fma(a[ai + aCols[p]], b[bOff + bRows[p] + j], acc);
                }
                c[ci] = acc;
            }
        }
    }

    @Override
    void scatterAdd(int count, int len, double[] src, int sOff, double[] dst, int dOff, int[] targets) {
        int end = S.loopBound(len);
        for (int r = 0; r < count; r++) {
            int s = sOff + r * len;
            int d = dOff + targets[r];
            int i = 0;
            for (; i < end; i += L) {
                DoubleVector.fromArray(S, dst, d + i).add(DoubleVector.fromArray(S, src, s + i)).intoArray(dst, d + i);
            }
            for (; i < len; i++) {
                dst[d + i] += src[s + i];
            }
        }
    }

    @Override
    void relu(int len, double[] x, int xOff, double[] y, int yOff) {
        int i = 0;
        DoubleVector zero = DoubleVector.zero(S);
        for (int end = S.loopBound(len); i < end; i += L) {
            DoubleVector.fromArray(S, x, xOff + i).lanewise(VectorOperators.MAX, zero).intoArray(y, yOff + i);
        }
        for (; i < len; i++) {
            y[yOff + i] = Math.max(x[xOff + i], 0.0);
        }
    }

    @Override
    void reluBackward(int len, double[] y, int yOff, double[] dy, int dyOff, double[] dx, int dxOff) {
        int i = 0;
        DoubleVector zero = DoubleVector.zero(S);
        for (int end = S.loopBound(len); i < end; i += L) {
            DoubleVector yv = DoubleVector.fromArray(S, y, yOff + i);
            zero.blend(DoubleVector.fromArray(S, dy, dyOff + i), yv.compare(VectorOperators.GT, 0.0))
                    .intoArray(dx, dxOff + i);
        }
        for (; i < len; i++) {
            long active = -Double.doubleToRawLongBits(y[yOff + i]) >> 63;
            dx[dxOff + i] = Double.longBitsToDouble(Double.doubleToRawLongBits(dy[dyOff + i]) & active);
        }
    }

    private static void kernel6x2(int k, double[] a, int[] aRows, int[] aCols, int i0, int aOff, double[] b, int bj,
            int[] bRows, double[] c, int ci, int ldc, boolean accumulate) {
        DoubleVector c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51;
        if (accumulate) {
            c00 = DoubleVector.fromArray(S, c, ci);
            c01 = DoubleVector.fromArray(S, c, ci + L);
            c10 = DoubleVector.fromArray(S, c, ci + ldc);
            c11 = DoubleVector.fromArray(S, c, ci + ldc + L);
            c20 = DoubleVector.fromArray(S, c, ci + 2 * ldc);
            c21 = DoubleVector.fromArray(S, c, ci + 2 * ldc + L);
            c30 = DoubleVector.fromArray(S, c, ci + 3 * ldc);
            c31 = DoubleVector.fromArray(S, c, ci + 3 * ldc + L);
            c40 = DoubleVector.fromArray(S, c, ci + 4 * ldc);
            c41 = DoubleVector.fromArray(S, c, ci + 4 * ldc + L);
            c50 = DoubleVector.fromArray(S, c, ci + 5 * ldc);
            c51 = DoubleVector.fromArray(S, c, ci + 5 * ldc + L);
        } else {
            c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = c40 = c41 = c50 = c51 = DoubleVector.zero(S);
        }
        int a0 = aOff + aRows[i0];
        int a1 = aOff + aRows[i0 + 1];
        int a2 = aOff + aRows[i0 + 2];
        int a3 = aOff + aRows[i0 + 3];
        int a4 = aOff + aRows[i0 + 4];
        int a5 = aOff + aRows[i0 + 5];
        for (int p = 0; p < k; p++) {
            int ac = aCols[p];
            int bp = bj + bRows[p];
            DoubleVector b0 = DoubleVector.fromArray(S, b, bp);
            DoubleVector b1 = DoubleVector.fromArray(S, b, bp + L);
            DoubleVector x = DoubleVector.broadcast(S, a[a0 + ac]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = DoubleVector.broadcast(S, a[a1 + ac]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = DoubleVector.broadcast(S, a[a2 + ac]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = DoubleVector.broadcast(S, a[a3 + ac]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = DoubleVector.broadcast(S, a[a4 + ac]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = DoubleVector.broadcast(S, a[a5 + ac]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
        }
        c00.intoArray(c, ci);
        c01.intoArray(c, ci + L);
        c10.intoArray(c, ci + ldc);
        c11.intoArray(c, ci + ldc + L);
        c20.intoArray(c, ci + 2 * ldc);
        c21.intoArray(c, ci + 2 * ldc + L);
        c30.intoArray(c, ci + 3 * ldc);
        c31.intoArray(c, ci + 3 * ldc + L);
        c40.intoArray(c, ci + 4 * ldc);
        c41.intoArray(c, ci + 4 * ldc + L);
        c50.intoArray(c, ci + 5 * ldc);
        c51.intoArray(c, ci + 5 * ldc + L);
    }

    private static void kernel4x2(int k, double[] a, int[] aRows, int[] aCols, int i0, int aOff, double[] b, int bj,
            int[] bRows, double[] c, int ci, int ldc, boolean accumulate) {
        DoubleVector c00, c01, c10, c11, c20, c21, c30, c31;
        if (accumulate) {
            c00 = DoubleVector.fromArray(S, c, ci);
            c01 = DoubleVector.fromArray(S, c, ci + L);
            c10 = DoubleVector.fromArray(S, c, ci + ldc);
            c11 = DoubleVector.fromArray(S, c, ci + ldc + L);
            c20 = DoubleVector.fromArray(S, c, ci + 2 * ldc);
            c21 = DoubleVector.fromArray(S, c, ci + 2 * ldc + L);
            c30 = DoubleVector.fromArray(S, c, ci + 3 * ldc);
            c31 = DoubleVector.fromArray(S, c, ci + 3 * ldc + L);
        } else {
            c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = DoubleVector.zero(S);
        }
        int a0 = aOff + aRows[i0];
        int a1 = aOff + aRows[i0 + 1];
        int a2 = aOff + aRows[i0 + 2];
        int a3 = aOff + aRows[i0 + 3];
        for (int p = 0; p < k; p++) {
            int ac = aCols[p];
            int bp = bj + bRows[p];
            DoubleVector b0 = DoubleVector.fromArray(S, b, bp);
            DoubleVector b1 = DoubleVector.fromArray(S, b, bp + L);
            DoubleVector x = DoubleVector.broadcast(S, a[a0 + ac]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = DoubleVector.broadcast(S, a[a1 + ac]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = DoubleVector.broadcast(S, a[a2 + ac]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = DoubleVector.broadcast(S, a[a3 + ac]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
        }
        c00.intoArray(c, ci);
        c01.intoArray(c, ci + L);
        c10.intoArray(c, ci + ldc);
        c11.intoArray(c, ci + ldc + L);
        c20.intoArray(c, ci + 2 * ldc);
        c21.intoArray(c, ci + 2 * ldc + L);
        c30.intoArray(c, ci + 3 * ldc);
        c31.intoArray(c, ci + 3 * ldc + L);
    }

    private static void kernel2x2(int k, double[] a, int[] aRows, int[] aCols, int i0, int aOff, double[] b, int bj,
            int[] bRows, double[] c, int ci, int ldc, boolean accumulate) {
        DoubleVector c00, c01, c10, c11;
        if (accumulate) {
            c00 = DoubleVector.fromArray(S, c, ci);
            c01 = DoubleVector.fromArray(S, c, ci + L);
            c10 = DoubleVector.fromArray(S, c, ci + ldc);
            c11 = DoubleVector.fromArray(S, c, ci + ldc + L);
        } else {
            c00 = c01 = c10 = c11 = DoubleVector.zero(S);
        }
        int a0 = aOff + aRows[i0];
        int a1 = aOff + aRows[i0 + 1];
        for (int p = 0; p < k; p++) {
            int ac = aCols[p];
            int bp = bj + bRows[p];
            DoubleVector b0 = DoubleVector.fromArray(S, b, bp);
            DoubleVector b1 = DoubleVector.fromArray(S, b, bp + L);
            DoubleVector x = DoubleVector.broadcast(S, a[a0 + ac]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = DoubleVector.broadcast(S, a[a1 + ac]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
        }
        c00.intoArray(c, ci);
        c01.intoArray(c, ci + L);
        c10.intoArray(c, ci + ldc);
        c11.intoArray(c, ci + ldc + L);
    }

    private static void kernel1x2(int k, double[] a, int[] aRows, int[] aCols, int i0, int aOff, double[] b, int bj,
            int[] bRows, double[] c, int ci, int ldc, boolean accumulate) {
        DoubleVector c00, c01;
        if (accumulate) {
            c00 = DoubleVector.fromArray(S, c, ci);
            c01 = DoubleVector.fromArray(S, c, ci + L);
        } else {
            c00 = c01 = DoubleVector.zero(S);
        }
        int a0 = aOff + aRows[i0];
        for (int p = 0; p < k; p++) {
            int ac = aCols[p];
            int bp = bj + bRows[p];
            DoubleVector b0 = DoubleVector.fromArray(S, b, bp);
            DoubleVector b1 = DoubleVector.fromArray(S, b, bp + L);
            DoubleVector x = DoubleVector.broadcast(S, a[a0 + ac]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
        }
        c00.intoArray(c, ci);
        c01.intoArray(c, ci + L);
    }

    private static void kernel6x1(int k, double[] a, int[] aRows, int[] aCols, int i0, int aOff, double[] b, int bj,
            int[] bRows, double[] c, int ci, int ldc, boolean accumulate) {
        DoubleVector c00, c10, c20, c30, c40, c50;
        if (accumulate) {
            c00 = DoubleVector.fromArray(S, c, ci);
            c10 = DoubleVector.fromArray(S, c, ci + ldc);
            c20 = DoubleVector.fromArray(S, c, ci + 2 * ldc);
            c30 = DoubleVector.fromArray(S, c, ci + 3 * ldc);
            c40 = DoubleVector.fromArray(S, c, ci + 4 * ldc);
            c50 = DoubleVector.fromArray(S, c, ci + 5 * ldc);
        } else {
            c00 = c10 = c20 = c30 = c40 = c50 = DoubleVector.zero(S);
        }
        int a0 = aOff + aRows[i0];
        int a1 = aOff + aRows[i0 + 1];
        int a2 = aOff + aRows[i0 + 2];
        int a3 = aOff + aRows[i0 + 3];
        int a4 = aOff + aRows[i0 + 4];
        int a5 = aOff + aRows[i0 + 5];
        for (int p = 0; p < k; p++) {
            int ac = aCols[p];
            int bp = bj + bRows[p];
            DoubleVector b0 = DoubleVector.fromArray(S, b, bp);
            DoubleVector x = DoubleVector.broadcast(S, a[a0 + ac]);
            c00 = x.fma(b0, c00);
            x = DoubleVector.broadcast(S, a[a1 + ac]);
            c10 = x.fma(b0, c10);
            x = DoubleVector.broadcast(S, a[a2 + ac]);
            c20 = x.fma(b0, c20);
            x = DoubleVector.broadcast(S, a[a3 + ac]);
            c30 = x.fma(b0, c30);
            x = DoubleVector.broadcast(S, a[a4 + ac]);
            c40 = x.fma(b0, c40);
            x = DoubleVector.broadcast(S, a[a5 + ac]);
            c50 = x.fma(b0, c50);
        }
        c00.intoArray(c, ci);
        c10.intoArray(c, ci + ldc);
        c20.intoArray(c, ci + 2 * ldc);
        c30.intoArray(c, ci + 3 * ldc);
        c40.intoArray(c, ci + 4 * ldc);
        c50.intoArray(c, ci + 5 * ldc);
    }

    private static void kernel4x1(int k, double[] a, int[] aRows, int[] aCols, int i0, int aOff, double[] b, int bj,
            int[] bRows, double[] c, int ci, int ldc, boolean accumulate) {
        DoubleVector c00, c10, c20, c30;
        if (accumulate) {
            c00 = DoubleVector.fromArray(S, c, ci);
            c10 = DoubleVector.fromArray(S, c, ci + ldc);
            c20 = DoubleVector.fromArray(S, c, ci + 2 * ldc);
            c30 = DoubleVector.fromArray(S, c, ci + 3 * ldc);
        } else {
            c00 = c10 = c20 = c30 = DoubleVector.zero(S);
        }
        int a0 = aOff + aRows[i0];
        int a1 = aOff + aRows[i0 + 1];
        int a2 = aOff + aRows[i0 + 2];
        int a3 = aOff + aRows[i0 + 3];
        for (int p = 0; p < k; p++) {
            int ac = aCols[p];
            int bp = bj + bRows[p];
            DoubleVector b0 = DoubleVector.fromArray(S, b, bp);
            DoubleVector x = DoubleVector.broadcast(S, a[a0 + ac]);
            c00 = x.fma(b0, c00);
            x = DoubleVector.broadcast(S, a[a1 + ac]);
            c10 = x.fma(b0, c10);
            x = DoubleVector.broadcast(S, a[a2 + ac]);
            c20 = x.fma(b0, c20);
            x = DoubleVector.broadcast(S, a[a3 + ac]);
            c30 = x.fma(b0, c30);
        }
        c00.intoArray(c, ci);
        c10.intoArray(c, ci + ldc);
        c20.intoArray(c, ci + 2 * ldc);
        c30.intoArray(c, ci + 3 * ldc);
    }

    private static void kernel2x1(int k, double[] a, int[] aRows, int[] aCols, int i0, int aOff, double[] b, int bj,
            int[] bRows, double[] c, int ci, int ldc, boolean accumulate) {
        DoubleVector c00, c10;
        if (accumulate) {
            c00 = DoubleVector.fromArray(S, c, ci);
            c10 = DoubleVector.fromArray(S, c, ci + ldc);
        } else {
            c00 = c10 = DoubleVector.zero(S);
        }
        int a0 = aOff + aRows[i0];
        int a1 = aOff + aRows[i0 + 1];
        for (int p = 0; p < k; p++) {
            int ac = aCols[p];
            int bp = bj + bRows[p];
            DoubleVector b0 = DoubleVector.fromArray(S, b, bp);
            DoubleVector x = DoubleVector.broadcast(S, a[a0 + ac]);
            c00 = x.fma(b0, c00);
            x = DoubleVector.broadcast(S, a[a1 + ac]);
            c10 = x.fma(b0, c10);
        }
        c00.intoArray(c, ci);
        c10.intoArray(c, ci + ldc);
    }

    private static void kernel1x1(int k, double[] a, int[] aRows, int[] aCols, int i0, int aOff, double[] b, int bj,
            int[] bRows, double[] c, int ci, int ldc, boolean accumulate) {
        DoubleVector c00;
        if (accumulate) {
            c00 = DoubleVector.fromArray(S, c, ci);
        } else {
            c00 = DoubleVector.zero(S);
        }
        int a0 = aOff + aRows[i0];
        for (int p = 0; p < k; p++) {
            int ac = aCols[p];
            int bp = bj + bRows[p];
            DoubleVector b0 = DoubleVector.fromArray(S, b, bp);
            DoubleVector x = DoubleVector.broadcast(S, a[a0 + ac]);
            c00 = x.fma(b0, c00);
        }
        c00.intoArray(c, ci);
    }
}
