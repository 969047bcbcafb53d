package moecl.paper.minnorm;

import moecl.linalg.kernels.Kernels;
import moecl.linalg.kernels.VecKernel;

/**
 * The min-norm update's common path for X of d × s (column-major, samples as columns), chosen once by shape
 * ({@link #choose}): the residuals, an unpivoted Cholesky of {@code X^T X} with its two triangular substitutions,
 * and {@code w += X c}. {@link MinNormSolver} calls these and hands the rare paths to {@link PivotedCholesky} and
 * {@link JacobiPinv}.
 *
 * <p>{@link Generic}: loops, the reference; {@link SixSolve}: s = 6 written out with the factor in local variables
 * (the same operations in the same order, so the same bits); {@link WideSolve}: d ≥ {@value Kernels#WIDE}, the Gram
 * matrix in blocks and every reduction in the eight lanes of {@link moecl.linalg.kernels.Lanes}. The mode is
 * {@link Kernels#mode()}'s ({@code -Dmoecl.kernels}), so {@code generic} forces the loops here too.
 */
abstract sealed class SolveKernel permits SolveKernel.Generic, SixSolve, WideSolve {

    /**
     * The wide solve uses the Vector API only from this {@code s²·d} on (twice the Gram matrix's multiply-adds;
     * d = 1000, s = 100 is 10^7): below it the vectors' JIT warm-up costs more CPU than it saves in a run of 1000
     * rounds (BENCHMARKS.md, "Large d and the kernel layer"). The system property {@code moecl.kernels.vectorWork}
     * overrides it, for measurements (results do not change).
     */
    static final long VECTOR_WORK = Long.getLong("moecl.kernels.vectorWork", SolveKernel.DEFAULT_VECTOR_WORK);

    /** {@link #VECTOR_WORK} unless overridden. */
    static final long DEFAULT_VECTOR_WORK = 4_000_000;

    /** The solve's kernels for X of d × s under {@code mode}. */
    static SolveKernel choose(int d, int s, Kernels.Mode mode) {
        VecKernel v = Kernels.vec(d, mode);
        if (mode != Kernels.Mode.GENERIC && d >= Kernels.WIDE) {
            boolean vectors = (long) s * s * d >= VECTOR_WORK;
            return new WideSolve(d, s, v, vectors ? Kernels.lanes(mode) : Kernels.scalarLanes());
        }
        if (mode != Kernels.Mode.GENERIC && s == 6 && d >= 6) {
            return new SixSolve(d, v);
        }
        return new Generic(d, s, v);
    }

    /** A Cholesky pivot below this fraction of the largest diagonal entry counts as rank deficiency. */
    public static final double PIVOT_TOLERANCE = 1e-10;

    final int d;
    final int s;
    final VecKernel vec;

    SolveKernel(int d, int s, VecKernel vec) {
        this.d = d;
        this.s = s;
        this.vec = vec;
    }

    /** A short name for diagnostics. */
    public abstract String name();

    /** {@code e = y − X^T w} and {@code diag[a] = x_a·x_a} (the Gram diagonal, the pivot tolerance's scale). */
    public void residuals(double[] x, double[] y, double[] w, double[] e, double[] diag) {
        vec.residuals(x, s, y, w, e, diag);
    }

    /**
     * The unpivoted Cholesky {@code X^T X = L L^T} and {@code coef = (L L^T)^{-1} e}; g (s × s) and invDiag (s) are
     * scratch for the factor (the written-out s = 6 kernel keeps it in local variables instead). False when X has
     * more columns than rows or a pivot falls below {@link #PIVOT_TOLERANCE} times the largest diagonal entry (then
     * coef is undefined; the pivoted path decides). diag holds the Gram diagonal from {@link #residuals} (or is
     * filled here: {@link WideSolve}).
     */
    public abstract boolean plain(double[] x, double[] e, double[] diag, double[] g, double[] invDiag, double[] coef);

    /** {@code w += X c}; returns {@code ‖X c‖²}. */
    public double addCombination(double[] x, double[] c, double[] w) {
        final int d = this.d;
        final int s = this.s;
        double moved = 0;
        for (int i = 0; i < d; i++) { // Δ_i = Σ_j X[i][j] c_j, summed in j order
            double delta = 0;
            for (int j = 0, off = i; j < s; j++, off += d) {
                delta += x[off] * c[j];
            }
            w[i] += delta;
            moved += delta * delta;
        }
        return moved;
    }

    /**
     * The backward substitution {@code L^T z = y} in place in coef (L in the lower triangle of g, row-major s × s,
     * 1/L[i][i] in invDiag): the generic and the wide kernels' last step (s² operations: loops suffice).
     */
    static void backward(double[] g, int s, double[] invDiag, double[] coef) {
        for (int i = s - 1; i >= 0; i--) {
            double t = coef[i];
            for (int k = i + 1; k < s; k++) {
                t -= g[k * s + i] * coef[k];
            }
            coef[i] = t * invDiag[i];
        }
    }

    /**
     * The loops: left-looking, column by column the off-diagonal Gram entries ({@link VecKernel#dot}) and the
     * factor in one pass, then forward and backward substitution.
     */
    static final class Generic extends SolveKernel {
        Generic(int d, int s, VecKernel vec) {
            super(d, s, vec);
        }

        @Override
        public String name() {
            return "generic";
        }

        @Override
        public boolean plain(double[] x, double[] e, double[] diag, double[] g, double[] invDiag, double[] coef) {
            final int s = this.s;
            final int d = this.d;
            if (s > d) {
                return false; // more samples than dimensions: X^T X is singular by construction
            }
            double maxDiag = 0;
            for (int a = 0; a < s; a++) {
                double v = diag[a];
                g[a * s + a] = v;
                maxDiag = Math.max(maxDiag, v);
            }
            double tol = PIVOT_TOLERANCE * maxDiag;
            for (int j = 0; j < s; j++) {
                double sum = g[j * s + j];
                for (int k = 0; k < j; k++) {
                    double l = g[j * s + k];
                    sum -= l * l;
                }
                if (!(sum > tol)) {
                    return false;
                }
                double ljj = Math.sqrt(sum);
                double inv = 1.0 / ljj;
                g[j * s + j] = ljj;
                invDiag[j] = inv;
                int oj = j * d;
                for (int i = j + 1; i < s; i++) {
                    double t = vec.dot(x, i * d, x, oj); // the Gram entry (X^T X)[i][j]
                    for (int k = 0; k < j; k++) {
                        t -= g[i * s + k] * g[j * s + k];
                    }
                    g[i * s + j] = t * inv;
                }
            }
            for (int i = 0; i < s; i++) { // forward: L y = e
                double t = e[i];
                for (int k = 0; k < i; k++) {
                    t -= g[i * s + k] * coef[k];
                }
                coef[i] = t * invDiag[i];
            }
            backward(g, s, invDiag, coef);
            return true;
        }
    }
}
