package moecl.dnn.nn;

/**
 * The reference {@link Gemm}: plain loops with {@link Math#fma}. Loop order {@code i, p, j} keeps the inner loop
 * contiguous in {@code B} and {@code C} (so the JIT can vectorise it) while each element still sees its products in
 * increasing {@code p}, the order the contract fixes.
 */
final class ScalarGemm extends Gemm {

    @Override
    String name() {
        return "scalar";
    }

    @Override
    void multiply(int m, int n, int k, double[] a, int aOff, int aRow, int aCol, double[] b, int bOff, int ldb,
                  double[] c, int cOff, int ldc, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * ldc;
            if (!accumulate) {
                java.util.Arrays.fill(c, ci, ci + n, 0.0);
            }
            int ai = aOff + i * aRow;
            for (int p = 0; p < k; p++) {
                double av = a[ai + p * aCol];
                int bp = bOff + p * ldb;
                for (int j = 0; j < n; j++) {
                    c[ci + j] = Math.fma(av, b[bp + j], c[ci + j]);
                }
            }
        }
    }
}
