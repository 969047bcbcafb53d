package moecl.task;

/**
 * A linear regression task {@code (X_t, y_t)}: {@code X} is d×s with the samples as columns, stored column-major
 * (sample {@code j} occupies {@code x[j*d .. j*d+d)}), and {@code y = X^T w_{n_t} (+ noise)}.
 *
 * <p>Arrays are owned by the task and must not be modified by experts or routers.
 */
@moecl.spi.Stable
public record LinearTask(int round, int type, int d, int s, double[] x, double[] y, double[] gateInput)
        implements Task {

    public LinearTask {
        if (x.length != d * s || y.length != s || gateInput.length != d) {
            throw new IllegalArgumentException("task shape mismatch: d=" + d + ", s=" + s + ", |X|=" + x.length
                    + ", |y|=" + y.length + ", |x̄|=" + gateInput.length);
        }
    }

    /** Builds a task whose gate input is the column sum {@code X 1_s}. */
    public static LinearTask of(int round, int type, int d, int s, double[] x, double[] y) {
        double[] g = new double[d];
        for (int j = 0; j < s; j++) {
            int off = j * d;
            for (int i = 0; i < d; i++) {
                g[i] += x[off + i];
            }
        }
        return new LinearTask(round, type, d, s, x, y, g);
    }

    /** Builds a noiseless task of ground truth {@code w}: {@code y = X^T w}, gate input {@code X 1_s}. */
    public static LinearTask labelled(int round, int type, int d, int s, double[] x, double[] w) {
        // the generic kernel's one pass over X (labels and column sum), whatever -Dmoecl.kernels says
        return labelled(round, type, d, s, x, w,
                moecl.linalg.kernels.Kernels.vec(d, moecl.linalg.kernels.Kernels.Mode.GENERIC));
    }

    /**
     * {@link #labelled(int, int, int, int, double[], double[])} with the labels' sums from a kernel chosen once per
     * generator ({@link moecl.linalg.kernels.Kernels#vec}: the same loop below d = 64, eight lanes from there on).
     */
    public static LinearTask labelled(int round, int type, int d, int s, double[] x, double[] w,
                                      moecl.linalg.kernels.VecKernel kernel) {
        if (kernel.length() != d) {
            throw new IllegalArgumentException("the labels' kernel is for d=" + kernel.length() + ", the task has d="
                    + d);
        }
        double[] y = new double[s];
        double[] g = new double[d];
        kernel.labels(x, s, w, y, g);
        return new LinearTask(round, type, d, s, x, y, g);
    }

    /** Entry {@code X[i][j]} (row i, sample j). */
    public double at(int i, int j) {
        return x[j * d + i];
    }
}
