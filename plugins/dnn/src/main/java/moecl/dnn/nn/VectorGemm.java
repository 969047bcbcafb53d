package moecl.dnn.nn;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Gemm} with the Vector API: a register-blocked micro-kernel of 4 rows × 2 vectors of {@code C} kept in
 * registers for the whole {@code k} loop (8 independent accumulators hide the FMA latency; per step it loads two
 * vectors of {@code B} and broadcasts four elements of {@code A}). Edges use narrower kernels down to one scalar
 * column, all computing the same per-element FMA chain as {@link ScalarGemm}.
 *
 * <p>Loaded reflectively by {@link Gemm} only when the {@code jdk.incubator.vector} module is in the boot layer
 * (JVM flag {@code --add-modules jdk.incubator.vector}).
 */
final class VectorGemm extends Gemm {

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
    void multiply(int m, int n, int k, double[] a, int aOff, int aRow, int aCol, double[] b, int bOff, int ldb,
                  double[] c, int cOff, int ldc, boolean accumulate) {
        int j = 0;
        for (; j + 2 * L <= n; j += 2 * L) {
            int i = 0;
            for (; i + 6 <= m; i += 6) {
                kernel6x2(k, a, aOff + i * aRow, aRow, aCol, b, bOff + j, ldb, c, cOff + i * ldc + j, ldc, accumulate);
            }
            if (i + 4 <= m) {
                kernel4x2(k, a, aOff + i * aRow, aRow, aCol, b, bOff + j, ldb, c, cOff + i * ldc + j, ldc, accumulate);
                i += 4;
            }
            if (i + 2 <= m) {
                kernel2x2(k, a, aOff + i * aRow, aRow, aCol, b, bOff + j, ldb, c, cOff + i * ldc + j, ldc, accumulate);
                i += 2;
            }
            if (i < m) {
                kernel1x2(k, a, aOff + i * aRow, aCol, b, bOff + j, ldb, c, cOff + i * ldc + j, accumulate);
            }
        }
        for (; j + L <= n; j += L) {
            int i = 0;
            for (; i + 4 <= m; i += 4) {
                kernel4x1(k, a, aOff + i * aRow, aRow, aCol, b, bOff + j, ldb, c, cOff + i * ldc + j, ldc, accumulate);
            }
            for (; i < m; i++) {
                kernel1x1(k, a, aOff + i * aRow, aCol, b, bOff + j, ldb, c, cOff + i * ldc + j, accumulate);
            }
        }
        for (; j < n; j++) {
            for (int i = 0; i < m; i++) {
                int ai = aOff + i * aRow;
                int ci = cOff + i * ldc + j;
                double acc = accumulate ? c[ci] : 0.0;
                for (int p = 0, bp = bOff + j; p < k; p++, bp += ldb) {
                    acc = Math.fma(a[ai + p * aCol], b[bp], acc);
                }
                c[ci] = acc;
            }
        }
    }

    private static void kernel6x2(int k, double[] a, int ai, int aRow, int aCol, double[] b, int bj, int ldb,
                                  double[] c, int ci, int ldc, boolean accumulate) {
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
        int bp = bj;
        for (int p = 0; p < k; p++) {
            DoubleVector b0 = DoubleVector.fromArray(S, b, bp);
            DoubleVector b1 = DoubleVector.fromArray(S, b, bp + L);
            DoubleVector x = DoubleVector.broadcast(S, a[ai]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = DoubleVector.broadcast(S, a[ai + aRow]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = DoubleVector.broadcast(S, a[ai + 2 * aRow]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = DoubleVector.broadcast(S, a[ai + 3 * aRow]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = DoubleVector.broadcast(S, a[ai + 4 * aRow]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = DoubleVector.broadcast(S, a[ai + 5 * aRow]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            ai += aCol;
            bp += ldb;
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

    private static void kernel2x2(int k, double[] a, int ai, int aRow, int aCol, double[] b, int bj, int ldb,
                                  double[] c, int ci, int ldc, boolean accumulate) {
        DoubleVector c00, c01, c10, c11;
        if (accumulate) {
            c00 = DoubleVector.fromArray(S, c, ci);
            c01 = DoubleVector.fromArray(S, c, ci + L);
            c10 = DoubleVector.fromArray(S, c, ci + ldc);
            c11 = DoubleVector.fromArray(S, c, ci + ldc + L);
        } else {
            c00 = c01 = c10 = c11 = DoubleVector.zero(S);
        }
        int bp = bj;
        for (int p = 0; p < k; p++) {
            DoubleVector b0 = DoubleVector.fromArray(S, b, bp);
            DoubleVector b1 = DoubleVector.fromArray(S, b, bp + L);
            DoubleVector x = DoubleVector.broadcast(S, a[ai]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = DoubleVector.broadcast(S, a[ai + aRow]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            ai += aCol;
            bp += ldb;
        }
        c00.intoArray(c, ci);
        c01.intoArray(c, ci + L);
        c10.intoArray(c, ci + ldc);
        c11.intoArray(c, ci + ldc + L);
    }

    private static void kernel4x2(int k, double[] a, int ai, int aRow, int aCol, double[] b, int bj, int ldb,
                                  double[] c, int ci, int ldc, boolean accumulate) {
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
        int a0 = ai;
        int a1 = ai + aRow;
        int a2 = ai + 2 * aRow;
        int a3 = ai + 3 * aRow;
        int bp = bj;
        for (int p = 0; p < k; p++) {
            DoubleVector b0 = DoubleVector.fromArray(S, b, bp);
            DoubleVector b1 = DoubleVector.fromArray(S, b, bp + L);
            DoubleVector x = DoubleVector.broadcast(S, a[a0]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = DoubleVector.broadcast(S, a[a1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = DoubleVector.broadcast(S, a[a2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = DoubleVector.broadcast(S, a[a3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            a0 += aCol;
            a1 += aCol;
            a2 += aCol;
            a3 += aCol;
            bp += ldb;
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

    private static void kernel1x2(int k, double[] a, int ai, int aCol, double[] b, int bj, int ldb,
                                  double[] c, int ci, boolean accumulate) {
        DoubleVector c0, c1;
        if (accumulate) {
            c0 = DoubleVector.fromArray(S, c, ci);
            c1 = DoubleVector.fromArray(S, c, ci + L);
        } else {
            c0 = c1 = DoubleVector.zero(S);
        }
        int bp = bj;
        for (int p = 0; p < k; p++) {
            DoubleVector x = DoubleVector.broadcast(S, a[ai]);
            c0 = x.fma(DoubleVector.fromArray(S, b, bp), c0);
            c1 = x.fma(DoubleVector.fromArray(S, b, bp + L), c1);
            ai += aCol;
            bp += ldb;
        }
        c0.intoArray(c, ci);
        c1.intoArray(c, ci + L);
    }

    private static void kernel4x1(int k, double[] a, int ai, int aRow, int aCol, double[] b, int bj, int ldb,
                                  double[] c, int ci, int ldc, boolean accumulate) {
        DoubleVector c0, c1, c2, c3;
        if (accumulate) {
            c0 = DoubleVector.fromArray(S, c, ci);
            c1 = DoubleVector.fromArray(S, c, ci + ldc);
            c2 = DoubleVector.fromArray(S, c, ci + 2 * ldc);
            c3 = DoubleVector.fromArray(S, c, ci + 3 * ldc);
        } else {
            c0 = c1 = c2 = c3 = DoubleVector.zero(S);
        }
        int bp = bj;
        for (int p = 0; p < k; p++) {
            DoubleVector b0 = DoubleVector.fromArray(S, b, bp);
            c0 = DoubleVector.broadcast(S, a[ai]).fma(b0, c0);
            c1 = DoubleVector.broadcast(S, a[ai + aRow]).fma(b0, c1);
            c2 = DoubleVector.broadcast(S, a[ai + 2 * aRow]).fma(b0, c2);
            c3 = DoubleVector.broadcast(S, a[ai + 3 * aRow]).fma(b0, c3);
            ai += aCol;
            bp += ldb;
        }
        c0.intoArray(c, ci);
        c1.intoArray(c, ci + ldc);
        c2.intoArray(c, ci + 2 * ldc);
        c3.intoArray(c, ci + 3 * ldc);
    }

    private static void kernel1x1(int k, double[] a, int ai, int aCol, double[] b, int bj, int ldb,
                                  double[] c, int ci, boolean accumulate) {
        DoubleVector c0 = accumulate ? DoubleVector.fromArray(S, c, ci) : DoubleVector.zero(S);
        int bp = bj;
        for (int p = 0; p < k; p++) {
            c0 = DoubleVector.broadcast(S, a[ai]).fma(DoubleVector.fromArray(S, b, bp), c0);
            ai += aCol;
            bp += ldb;
        }
        c0.intoArray(c, ci);
    }
}
