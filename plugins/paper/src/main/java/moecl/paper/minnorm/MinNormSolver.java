package moecl.paper.minnorm;

import java.util.Arrays;

import moecl.linalg.kernels.Kernels;
import moecl.linalg.kernels.VecKernel;

/**
 * The minimum-norm correction of a linear model to interpolate a task: given X (d×s, column-major, samples as
 * columns) and a residual {@code e = y − X^T w}, computes {@code Δ = X (X^T X)^{-1} e}, the smallest change with
 * {@code X^T (w + Δ) = y}.
 *
 * <p>Three paths, tried in order: at paper sizes the s×s Gram matrix is tiny and a Cholesky solve is the fastest
 * exact method ({@link SolveKernel}, chosen once by shape: written out at s = 6, blocked and in lanes for large d,
 * loops otherwise). When a pivot falls below the tolerance, {@link PivotedCholesky}: diagonal pivoting makes it
 * rank-revealing; when X is rank-deficient (Fig. 4/5 has s = 8 samples in a rank-6 space) the pivots of the missing
 * directions vanish and the basic solution on the remaining ones gives the same Δ as the pseudo-inverse, because
 * Δ = X c does not depend on which solution c of the (consistent) Gram system is taken. Only when that system is
 * inconsistent (rank-deficient X with noisy labels) does the update fall back to {@link JacobiPinv}, the
 * pseudo-inverse the reference scripts' {@code numpy.linalg.pinv} computes.
 *
 * <p>Plain {@code double[]} kernels: at d = 10 they beat any library call by an order of magnitude. Not
 * thread-safe (scratch buffers); one solver per expert.
 */
public final class MinNormSolver {

    private final int d;
    private final int s;
    private final double[] gram;    // s×s: the unpivoted factor's scratch, then the pivoted one's
    private final double[] coef;    // s: the solution of the Gram system, whichever path found it
    private final double[] invDiag; // 1 / L[j][j]
    private final double[] diag;    // s: the Gram diagonal, computed with the residual
    private final PivotedCholesky pivotedCholesky;
    private final JacobiPinv pinv;
    private long fallbacks;
    private boolean lastInterpolates;
    private final VecKernel vec;
    private final SolveKernel kernel;
    /** How many solves the unpivoted Cholesky handed to the pivoted one (a pivot below the tolerance). */
    long pivoted;

    /** A solver for X of d × s with the kernels chosen for that shape under {@link Kernels#mode()}. */
    public MinNormSolver(int d, int s) {
        this(d, s, Kernels.mode());
    }

    /** @param mode which kernels (tests compare the specialised ones with the generic loops) */
    public MinNormSolver(int d, int s, Kernels.Mode mode) {
        if (d < 1 || s < 1) {
            throw new IllegalArgumentException("need d >= 1 and s >= 1, got d=" + d + ", s=" + s);
        }
        this.d = d;
        this.s = s;
        this.vec = Kernels.vec(d, mode);
        this.kernel = SolveKernel.choose(d, s, mode);
        this.gram = new double[s * s];
        this.coef = new double[s];
        this.invDiag = new double[s];
        this.diag = new double[s];
        this.pivotedCholesky = new PivotedCholesky(d, s, gram, invDiag, coef);
        this.pinv = new JacobiPinv(d, s, coef);
    }

    /** How many solves needed the SVD (a rank-deficient system the pivoted Cholesky could not settle). */
    public long fallbacks() {
        return fallbacks;
    }

    /** How many solves met a rank-deficient X (settled by pivoted Cholesky or by the SVD). */
    public long rankDeficient() {
        return pivotedCholesky.rankDeficient;
    }

    /**
     * Writes {@code Δ = X (X^T X)^+ e} into {@code delta} (length d). {@code e} (length s) is not modified.
     */
    public void solve(double[] x, double[] e, double[] delta) {
        for (int a = 0; a < s; a++) {
            diag[a] = vec.dot(x, a * d, x, a * d);
        }
        factorAndSubstitute(x, e);
        Arrays.fill(delta, 0, d, 0.0);
        kernel.addCombination(x, coef, delta);
    }

    /**
     * The min-norm update in place: {@code w ← w + Δ}, {@code Δ = X (X^T X)^+ (y − X^T w)}, with the residual
     * written into {@code e} (length s). Returns {@code ‖Δ‖²}. The same numbers as {@link #solve} with
     * {@code e = y − X^T w} bit for bit, in fewer passes: the residual and the Gram diagonal are read off one pass
     * over each sample, and Δ goes into w as it is formed.
     *
     * @return {@code ‖Δ‖²}; {@link #lastInterpolates()} says whether the new w fits the task exactly
     */
    public double update(double[] x, double[] y, double[] w, double[] e) {
        kernel.residuals(x, y, w, e, diag);
        factorAndSubstitute(x, e);
        return kernel.addCombination(x, coef, w);
    }

    /**
     * Whether the last solve interpolates exactly (in exact arithmetic): true unless it fell back to the SVD for an
     * inconsistent rank-deficient system, whose update is the least-squares fit.
     */
    public boolean lastInterpolates() {
        return lastInterpolates;
    }

    /** coef from the Gram system, with {@code diag} holding the Gram diagonal. */
    private void factorAndSubstitute(double[] x, double[] e) {
        lastInterpolates = true;
        boolean plain = kernel.plain(x, e, diag, gram, invDiag, coef);
        if (!plain) {
            pivoted++;
        }
        if (!plain && !pivotedCholesky.solve(x, e)) {
            fallbacks++;
            lastInterpolates = false;
            pinv.solve(x, e);
        }
    }
}
