package moecl.dnn.nn;

import java.util.Arrays;

/**
 * The reference {@link Kernels}: plain loops with {@link Math#fma}, used when the Vector API module is absent.
 * Loop order {@code i, p, j} keeps the inner loop contiguous in {@code B} and {@code C} while each element still
 * sees its products in increasing {@code p}, the order the contract fixes.
 */
final class ScalarKernels extends Kernels {

    @Override
    String name() {
        return "scalar";
    }

    @Override
    void multiply(int m, int n, int k, double[] a, int aOff, int[] aRows, int[] aCols, double[] b, int bOff,
                  int[] bRows, double[] c, int cOff, int ldc, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * ldc;
            if (!accumulate) {
                Arrays.fill(c, ci, ci + n, 0.0);
            }
            int ai = aOff + aRows[i];
            for (int p = 0; p < k; p++) {
                double av = a[ai + aCols[p]];
                int bp = bOff + bRows[p];
                for (int j = 0; j < n; j++) {
                    c[ci + j] = Math.fma(av, b[bp + j], c[ci + j]);
                }
            }
        }
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
}
