package moecl.dnn.nn;

/**
 * The scalar {@link LayerKernels}: plain Java with {@link Math#fma}, used when the Vector API module is absent. The
 * float operations are plain loops (the float networks are for speed, which needs the Vector API); the double
 * multiply keeps 4×4 blocks of {@code C} in local variables for the whole {@code k} loop (register blocking);
 * each element still sees its products in increasing {@code p}, the order the contract fixes.
 */
final class ScalarKernels extends LayerKernels {

    @Override
    String name() {
        return "scalar";
    }

    @Override
    void multiply(int m, int n, int k, double[] a, int aOff, int[] aRows, int[] aCols, double[] b, int bOff,
                  int[] bRows, double[] c, int cOff, int ldc, boolean accumulate) {
        int j = 0;
        for (; j + 4 <= n; j += 4) {
            int i = 0;
            for (; i + 4 <= m; i += 4) {
                block4x4(k, a, aOff, aRows, aCols, i, b, bOff + j, bRows, c, cOff + i * ldc + j, ldc, accumulate);
            }
            for (; i < m; i++) {
                block1x4(k, a, aOff + aRows[i], aCols, b, bOff + j, bRows, c, cOff + i * ldc + j, accumulate);
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

    /** 4×4 block of {@code C} in 16 locals (registers) for the whole {@code k} loop. */
    private static void block4x4(int k, double[] a, int aOff, int[] aRows, int[] aCols, int i0, double[] b, int bj,
                                 int[] bRows, double[] c, int ci, int ldc, boolean accumulate) {
        double c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
        double c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
        int r1 = ci + ldc;
        int r2 = ci + 2 * ldc;
        int r3 = ci + 3 * ldc;
        if (accumulate) {
            c00 = c[ci];
            c01 = c[ci + 1];
            c02 = c[ci + 2];
            c03 = c[ci + 3];
            c10 = c[r1];
            c11 = c[r1 + 1];
            c12 = c[r1 + 2];
            c13 = c[r1 + 3];
            c20 = c[r2];
            c21 = c[r2 + 1];
            c22 = c[r2 + 2];
            c23 = c[r2 + 3];
            c30 = c[r3];
            c31 = c[r3 + 1];
            c32 = c[r3 + 2];
            c33 = c[r3 + 3];
        }
        int a0 = aOff + aRows[i0];
        int a1 = aOff + aRows[i0 + 1];
        int a2 = aOff + aRows[i0 + 2];
        int a3 = aOff + aRows[i0 + 3];
        for (int p = 0; p < k; p++) {
            int ac = aCols[p];
            int bp = bj + bRows[p];
            double b0 = b[bp];
            double b1 = b[bp + 1];
            double b2 = b[bp + 2];
            double b3 = b[bp + 3];
            double x = a[a0 + ac];
            c00 = Math.fma(x, b0, c00);
            c01 = Math.fma(x, b1, c01);
            c02 = Math.fma(x, b2, c02);
            c03 = Math.fma(x, b3, c03);
            x = a[a1 + ac];
            c10 = Math.fma(x, b0, c10);
            c11 = Math.fma(x, b1, c11);
            c12 = Math.fma(x, b2, c12);
            c13 = Math.fma(x, b3, c13);
            x = a[a2 + ac];
            c20 = Math.fma(x, b0, c20);
            c21 = Math.fma(x, b1, c21);
            c22 = Math.fma(x, b2, c22);
            c23 = Math.fma(x, b3, c23);
            x = a[a3 + ac];
            c30 = Math.fma(x, b0, c30);
            c31 = Math.fma(x, b1, c31);
            c32 = Math.fma(x, b2, c32);
            c33 = Math.fma(x, b3, c33);
        }
        c[ci] = c00;
        c[ci + 1] = c01;
        c[ci + 2] = c02;
        c[ci + 3] = c03;
        c[r1] = c10;
        c[r1 + 1] = c11;
        c[r1 + 2] = c12;
        c[r1 + 3] = c13;
        c[r2] = c20;
        c[r2 + 1] = c21;
        c[r2 + 2] = c22;
        c[r2 + 3] = c23;
        c[r3] = c30;
        c[r3 + 1] = c31;
        c[r3 + 2] = c32;
        c[r3 + 3] = c33;
    }

    private static void block1x4(int k, double[] a, int ai, int[] aCols, double[] b, int bj, int[] bRows, double[] c,
                                 int ci, boolean accumulate) {
        double c0 = accumulate ? c[ci] : 0.0;
        double c1 = accumulate ? c[ci + 1] : 0.0;
        double c2 = accumulate ? c[ci + 2] : 0.0;
        double c3 = accumulate ? c[ci + 3] : 0.0;
        for (int p = 0; p < k; p++) {
            double x = a[ai + aCols[p]];
            int bp = bj + bRows[p];
            c0 = Math.fma(x, b[bp], c0);
            c1 = Math.fma(x, b[bp + 1], c1);
            c2 = Math.fma(x, b[bp + 2], c2);
            c3 = Math.fma(x, b[bp + 3], c3);
        }
        c[ci] = c0;
        c[ci + 1] = c1;
        c[ci + 2] = c2;
        c[ci + 3] = c3;
    }

    @Override
    void scatterAdd(int count, int len, double[] src, int sOff, double[] dst, int dOff, int[] targets) {
        for (int r = 0; r < count; r++) {
            int s = sOff + r * len;
            int d = dOff + targets[r];
            for (int i = 0; i < len; i++) {
                dst[d + i] += src[s + i];
            }
        }
    }

    @Override
    void relu(int len, double[] x, int xOff, double[] y, int yOff) {
        for (int i = 0; i < len; i++) {
            y[yOff + i] = Math.max(x[xOff + i], 0.0);
        }
    }

    @Override
    void reluBackward(int len, double[] y, int yOff, double[] dy, int dyOff, double[] dx, int dxOff) {
        for (int i = 0; i < len; i++) {
            // branch-free "y > 0 ? dy : +0.0" for y ≥ +0.0 (a ReLU output): bits(y) > 0 exactly when y > 0
            long active = -Double.doubleToRawLongBits(y[yOff + i]) >> 63;
            dx[dxOff + i] = Double.longBitsToDouble(Double.doubleToRawLongBits(dy[dyOff + i]) & active);
        }
    }

    @Override
    void multiply(int m, int n, int k, float[] a, int aOff, int[] aRows, int[] aCols, float[] b, int bOff,
                  int[] bRows, float[] c, int cOff, int ldc, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            int ai = aOff + aRows[i];
            for (int j = 0; j < n; j++) {
                int ci = cOff + i * ldc + j;
                float acc = accumulate ? c[ci] : 0f;
                for (int p = 0; p < k; p++) {
                    acc = Math.fma(a[ai + aCols[p]], b[bOff + bRows[p] + j], acc);
                }
                c[ci] = acc;
            }
        }
    }

    @Override
    void scatterAdd(int count, int len, float[] src, int sOff, float[] dst, int dOff, int[] targets) {
        for (int r = 0; r < count; r++) {
            int s = sOff + r * len;
            int d = dOff + targets[r];
            for (int i = 0; i < len; i++) {
                dst[d + i] += src[s + i];
            }
        }
    }

    @Override
    void relu(int len, float[] x, int xOff, float[] y, int yOff) {
        for (int i = 0; i < len; i++) {
            y[yOff + i] = Math.max(x[xOff + i], 0f);
        }
    }

    @Override
    void reluBackward(int len, float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff) {
        for (int i = 0; i < len; i++) {
            int active = -Float.floatToRawIntBits(y[yOff + i]) >> 31;
            dx[dxOff + i] = Float.intBitsToFloat(Float.floatToRawIntBits(dy[dyOff + i]) & active);
        }
    }
}
