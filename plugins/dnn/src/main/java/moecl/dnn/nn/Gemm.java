package moecl.dnn.nn;

/**
 * The one matrix-multiply kernel every layer is built on: {@code C (m×n) = [C +] A (m×k) · B (k×n)} on plain
 * {@code double[]} with offsets.
 *
 * <p>Layout: {@code B} and {@code C} are row-major with leading dimensions {@code ldb}, {@code ldc}
 * ({@code B(p, j) = b[bOff + p·ldb + j]}); {@code A} is addressed with two strides,
 * {@code A(i, p) = a[aOff + i·aRow + p·aCol]}, so the same kernel computes {@code A·B} (row-major {@code A}:
 * {@code aRow = lda, aCol = 1}) and {@code Aᵀ·B} ({@code aRow = 1, aCol = lda}).
 *
 * <p>Exact result, which every implementation reproduces bit for bit: each element is one chain of fused
 * multiply-adds in increasing {@code p},
 * {@code c = accumulate ? C(i,j) : 0; for p in 0..k-1: c = fma(A(i,p), B(p,j), c)}. Because the chain of an element
 * never depends on its neighbours, on blocking, or on which lanes compute it, the vector kernel, the scalar
 * fallback and any split of the rows or columns across threads all give identical bits; and a sum over samples done
 * by calling the kernel once per sample with {@code accumulate = true} is the same chain continued.
 */
abstract class Gemm {

    /** The implementation in use: the Vector API kernel when {@code jdk.incubator.vector} is present. */
    static final Gemm INSTANCE = select();

    /** Name of the implementation (for benchmarks and provenance). */
    abstract String name();

    /** See the class comment for the meaning of every argument. */
    abstract void multiply(int m, int n, int k,
                           double[] a, int aOff, int aRow, int aCol,
                           double[] b, int bOff, int ldb,
                           double[] c, int cOff, int ldc,
                           boolean accumulate);

    /** {@code C = [C +] A·B} with all three row-major and dense. */
    final void multiply(int m, int n, int k, double[] a, int aOff, double[] b, int bOff, double[] c, int cOff,
                        boolean accumulate) {
        multiply(m, n, k, a, aOff, k, 1, b, bOff, n, c, cOff, n, accumulate);
    }

    private static Gemm select() {
        String wanted = System.getProperty("moecl.dnn.kernel", "auto");
        if (!wanted.equals("scalar") && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            try {
                Gemm g = (Gemm) Class.forName("moecl.dnn.nn.VectorGemm").getDeclaredConstructor().newInstance();
                if (g.usable()) {
                    return g;
                }
            } catch (ReflectiveOperationException | LinkageError e) {
                // fall through to the scalar kernel
            }
        }
        return new ScalarGemm();
    }

    /** Whether this implementation is worth using on this machine. */
    boolean usable() {
        return true;
    }
}
