package moecl.dnn.nn;

/**
 * The numerical kernels every layer is built on: one matrix multiply with table-driven addressing, and a few
 * elementwise loops that the JIT would not vectorise on its own (arrays with independent offsets may alias).
 *
 * <h2>Matrix multiply</h2>
 * {@code C (m×n) = [C +] A (m×k) · B (k×n)} where
 * {@code A(i, p) = a[aOff + aRows[i] + aCols[p]]}, {@code B(p, j) = b[bOff + bRows[p] + j]} and
 * {@code C(i, j) = c[cOff + i·ldc + j]}. Offset tables make one kernel serve row-major, transposed and
 * <em>implicit im2col</em> operands: for a convolution, {@code B(p, j)} can point straight into the input image (row
 * {@code p} of the im2col matrix is the image shifted by the kernel offset {@code p}), so the patch matrix is never
 * built. The {@linkplain #multiply(int, int, int, double[], int, int, int, double[], int, int, double[], int, int,
 * boolean) strided overload} covers ordinary dense matrices.
 *
 * <p>Exact result, which every implementation reproduces bit for bit: each element is one chain of fused
 * multiply-adds in increasing {@code p},
 * {@code c = accumulate ? C(i,j) : 0; for p in 0..k-1: c = fma(A(i,p), B(p,j), c)}. Because the chain of an element
 * never depends on its neighbours, on blocking, or on which lanes compute it, the vector kernel, the scalar
 * fallback and any split of the rows or columns across threads all give identical bits; and a sum over samples done
 * by calling the kernel once per sample with {@code accumulate = true} is the same chain continued.
 *
 * <p>Every operation exists for {@code double[]} and for {@code float[]} (the {@link Precision#FLOAT32} networks),
 * with the same contract: a float chain is {@code Math.fma(float, float, float)} in increasing {@code p}. (The
 * double and float declarations are deliberate twins: Java has no generics over primitive arrays.)
 */
abstract class LayerKernels {

    /** The implementation in use: the Vector API kernels when {@code jdk.incubator.vector} is present. */
    static final LayerKernels INSTANCE = select();

    /** Per-thread offset tables for the strided overload. */
    private static final ThreadLocal<int[][]> TABLES = ThreadLocal.withInitial(() -> new int[3][64]);

    /** Name of the implementation (for benchmarks and provenance). */
    abstract String name();

    /** Table-addressed multiply; see the class comment. */
    abstract void multiply(int m, int n, int k,
                           double[] a, int aOff, int[] aRows, int[] aCols,
                           double[] b, int bOff, int[] bRows,
                           double[] c, int cOff, int ldc,
                           boolean accumulate);

    /**
     * Strided multiply: {@code A(i, p) = a[aOff + i·aRow + p·aCol]} (so {@code aRow = lda, aCol = 1} is a row-major
     * {@code A} and {@code aRow = 1, aCol = lda} its transpose), {@code B(p, j) = b[bOff + p·ldb + j]}.
     */
    final void multiply(int m, int n, int k, double[] a, int aOff, int aRow, int aCol, double[] b, int bOff, int ldb,
                        double[] c, int cOff, int ldc, boolean accumulate) {
        int[][] t = TABLES.get();
        int[] aRows = strided(t, 0, m, aRow);
        int[] aCols = strided(t, 1, k, aCol);
        int[] bRows = strided(t, 2, k, ldb);
        multiply(m, n, k, a, aOff, aRows, aCols, b, bOff, bRows, c, cOff, ldc, accumulate);
    }

    /** {@code C = [C +] A·B} with all three row-major and dense. */
    final void multiply(int m, int n, int k, double[] a, int aOff, double[] b, int bOff, double[] c, int cOff,
                        boolean accumulate) {
        multiply(m, n, k, a, aOff, k, 1, b, bOff, n, c, cOff, n, accumulate);
    }

    /** {@code {0, stride, 2·stride, …}} of length {@code len}. */
    static int[] strided(int len, int stride) {
        int[] t = new int[len];
        for (int i = 0; i < len; i++) {
            t[i] = i * stride;
        }
        return t;
    }

    private static int[] strided(int[][] tables, int slot, int len, int stride) {
        int[] t = tables[slot];
        if (t.length < len) {
            t = tables[slot] = new int[Math.max(len, 2 * t.length)];
        }
        for (int i = 0; i < len; i++) {
            t[i] = i * stride;
        }
        return t;
    }

    /**
     * Scatter-add of {@code count} contiguous runs: {@code dst[dOff + targets[r] + i] += src[sOff + r·len + i]} for
     * {@code r < count}, {@code i < len}, runs in increasing {@code r} (which fixes the order of the additions into
     * an element that several runs cover). This is {@code col2im}.
     */
    abstract void scatterAdd(int count, int len, double[] src, int sOff, double[] dst, int dOff, int[] targets);

    /** ReLU forward: {@code y[i] = Math.max(x[i], 0.0)}. */
    abstract void relu(int len, double[] x, int xOff, double[] y, int yOff);

    /** ReLU backward: {@code dx[i] = y[i] > 0 ? dy[i] : +0.0}. */
    abstract void reluBackward(int len, double[] y, int yOff, double[] dy, int dyOff, double[] dx, int dxOff);

    /** Table-addressed multiply on floats; see the class comment. */
    abstract void multiply(int m, int n, int k,
                           float[] a, int aOff, int[] aRows, int[] aCols,
                           float[] b, int bOff, int[] bRows,
                           float[] c, int cOff, int ldc,
                           boolean accumulate);

    /** Strided multiply on floats, as the {@code double} overload. */
    final void multiply(int m, int n, int k, float[] a, int aOff, int aRow, int aCol, float[] b, int bOff, int ldb,
                        float[] c, int cOff, int ldc, boolean accumulate) {
        int[][] t = TABLES.get();
        int[] aRows = strided(t, 0, m, aRow);
        int[] aCols = strided(t, 1, k, aCol);
        int[] bRows = strided(t, 2, k, ldb);
        multiply(m, n, k, a, aOff, aRows, aCols, b, bOff, bRows, c, cOff, ldc, accumulate);
    }

    /** {@code C = [C +] A·B} on floats, all three row-major and dense. */
    final void multiply(int m, int n, int k, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff,
                        boolean accumulate) {
        multiply(m, n, k, a, aOff, k, 1, b, bOff, n, c, cOff, n, accumulate);
    }

    /** {@link #scatterAdd(int, int, double[], int, double[], int, int[])} on floats. */
    abstract void scatterAdd(int count, int len, float[] src, int sOff, float[] dst, int dOff, int[] targets);

    /** ReLU forward on floats: {@code y[i] = Math.max(x[i], 0f)}. */
    abstract void relu(int len, float[] x, int xOff, float[] y, int yOff);

    /** ReLU backward on floats: {@code dx[i] = y[i] > 0 ? dy[i] : +0f}. */
    abstract void reluBackward(int len, float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff);

    /**
     * The Vector API kernels if the module is present and usable, else the scalar ones. Falling back is logged once
     * as a warning (a silent slowdown of several times is worse than a line on stderr), unless the scalar kernels
     * were asked for with {@code -Dmoecl.dnn.kernel=scalar}.
     */
    private static LayerKernels select() {
        if ("scalar".equals(System.getProperty("moecl.dnn.kernel"))) {
            return new ScalarKernels();
        }
        String why;
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            try {
                LayerKernels g = (LayerKernels) Class.forName("moecl.dnn.nn.VectorKernels").getDeclaredConstructor()
                        .newInstance();
                if (g.usable()) {
                    return g;
                }
                why = "the Vector API has no vector shape on this machine";
            } catch (ReflectiveOperationException | LinkageError e) {
                why = "the Vector API kernels failed to load (" + e + ")";
            }
        } else {
            why = "the JVM was started without --add-modules jdk.incubator.vector";
        }
        System.getLogger("moecl.dnn").log(System.Logger.Level.WARNING, "moecl-dnn uses its scalar kernels because "
                + why + "; results are identical but training is several times slower");
        return new ScalarKernels();
    }

    /** Whether this implementation is worth using on this machine. */
    boolean usable() {
        return true;
    }
}
