package moecl.linalg;

import moecl.linalg.kernels.Kernels;
import moecl.linalg.kernels.SolveKernel;
import moecl.linalg.kernels.VecKernel;

/**
 * The minimum-norm correction of a linear model to interpolate a task: given X (d×s, column-major, samples as
 * columns) and a residual {@code e = y − X^T w}, computes {@code Δ = X (X^T X)^{-1} e}, the smallest change with
 * {@code X^T (w + Δ) = y}.
 *
 * <p>Why two paths: at paper sizes the s×s Gram matrix is tiny and a Cholesky solve is the fastest exact method.
 * Diagonal pivoting makes it rank-revealing: when X is rank-deficient (Fig. 4/5 has s = 8 samples in a rank-6
 * space) the pivots of the missing directions vanish and the basic solution on the remaining ones gives the same
 * Δ as the pseudo-inverse, because Δ = X c does not depend on which solution c of the (consistent) Gram system is
 * taken. Only when that system is inconsistent (rank-deficient X with noisy labels) does the update fall back to
 * {@code Δ = pinv(X^T) e} through a one-sided Jacobi SVD of X, which is what the reference scripts'
 * {@code numpy.linalg.pinv} computes (singular values below {@code rcond · σ_max} treated as zero).
 *
 * <p>Plain {@code double[]} kernels: at d = 10 they beat any library call by an order of magnitude. The common
 * path (residuals, unpivoted Cholesky, substitutions, {@code w += Δ}) is a {@link SolveKernel} chosen once by shape
 * ({@link Kernels#solve}: written out at s = 6, blocked and in lanes for large d, loops otherwise); the pivoted
 * Cholesky and the SVD stay here. Not thread-safe (scratch buffers); one solver per expert.
 */
public final class MinNormSolver {

    /** numpy.linalg.pinv's default cut-off relative to the largest singular value. */
    public static final double RCOND = 1e-15;
    /** A Cholesky pivot below this fraction of the largest diagonal entry counts as rank deficiency. */
    static final double PIVOT_TOLERANCE = SolveKernel.PIVOT_TOLERANCE;

    private final int d;
    private final int s;
    private final double[] gram;   // s×s, row-major lower triangle used
    private final double[] coef;   // s
    private final double[] invDiag; // 1 / L[j][j]
    private final int[] perm;       // pivot order
    private final double[] work;    // s
    private final double[] diag;    // s: the Gram diagonal, computed with the residual
    // SVD scratch
    private final double[] u;      // d×s column-major working copy of X
    private final double[] v;      // s×s column-major
    private final double[] sigma;  // s
    private long fallbacks;
    private long rankDeficient;
    private boolean lastInterpolates;
    private final VecKernel vec;
    private final SolveKernel kernel;
    /** How many solves the unpivoted Cholesky handed to the pivoted one (a pivot below the tolerance). */
    long pivoted;

    /** A solver for X of d × s with the kernels {@link Kernels} picks for that shape. */
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
        this.kernel = Kernels.solve(d, s, mode);
        this.gram = new double[s * s];
        this.coef = new double[s];
        this.invDiag = new double[s];
        this.perm = new int[s];
        this.work = new double[s];
        this.diag = new double[s];
        this.u = new double[d * s];
        this.v = new double[s * s];
        this.sigma = new double[s];
    }

    /** How many solves needed the SVD (a rank-deficient system the pivoted Cholesky could not settle). */
    public long fallbacks() {
        return fallbacks;
    }

    /** How many solves met a rank-deficient X (settled by pivoted Cholesky or by the SVD). */
    public long rankDeficient() {
        return rankDeficient;
    }

    /**
     * Writes {@code Δ = X (X^T X)^+ e} into {@code delta} (length d). {@code e} (length s) is not modified.
     */
    public void solve(double[] x, double[] e, double[] delta) {
        for (int a = 0; a < s; a++) {
            diag[a] = vec.dot(x, a * d, x, a * d);
        }
        factorAndSubstitute(x, e);
        java.util.Arrays.fill(delta, 0, d, 0.0);
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
        if (!plain && !cholesky(x, e)) {
            fallbacks++;
            lastInterpolates = false;
            pinv(x, e);
        }
    }

    /**
     * Fills the whole symmetric Gram matrix {@code X^T X}, resets the pivot order, and returns the largest
     * diagonal entry (the scale of the pivot tolerance).
     */
    private double gram(double[] x) {
        double maxDiag = 0;
        for (int a = 0; a < s; a++) {
            int oa = a * d;
            for (int b = 0; b <= a; b++) {
                int ob = b * d;
                double sum = 0;
                for (int i = 0; i < d; i++) {
                    sum += x[oa + i] * x[ob + i];
                }
                gram[a * s + b] = sum;
                gram[b * s + a] = sum;
            }
            maxDiag = Math.max(maxDiag, gram[a * s + a]);
            perm[a] = a;
        }
        return maxDiag;
    }

    /**
     * With {@code P G P^T = L L^T} factored on its leading {@code rank} pivots (L in the lower triangle of
     * {@code gram}, 1/L[k][k] in {@code invDiag}), solves {@code L L^T z = (P e)[0..rank)} and writes
     * {@code coef = P^T [z; 0]}.
     */
    private void substitute(double[] e, int rank) {
        for (int i = 0; i < rank; i++) { // forward: L y = P e
            double t = e[perm[i]];
            for (int k = 0; k < i; k++) {
                t -= gram[i * s + k] * work[k];
            }
            work[i] = t * invDiag[i];
        }
        for (int i = rank - 1; i >= 0; i--) { // backward: L^T z = y
            double t = work[i];
            for (int k = i + 1; k < rank; k++) {
                t -= gram[k * s + i] * work[k];
            }
            work[i] = t * invDiag[i];
        }
        java.util.Arrays.fill(coef, 0.0);
        for (int i = 0; i < rank; i++) {
            coef[perm[i]] = work[i];
        }
    }

    /**
     * Solves {@code (X^T X) coef = e} by a Cholesky factorisation with symmetric (diagonal) pivoting, which reveals
     * the numerical rank k. With k &lt; s the basic solution (zero on the dropped pivots) is used: any solution c
     * of the Gram system gives the same {@code Δ = X c}, the unique interpolating change in the column space of
     * X, as long as the system is consistent ({@code e ∈ range(X^T)}, true for noiseless labels). Returns false
     * when the pivoted solve cannot be trusted (an inconsistent rank-deficient system), so the SVD path decides.
     */
    private boolean cholesky(double[] x, double[] e) {
        double maxDiag = gram(x);
        if (maxDiag == 0) {
            return false;
        }
        double tol = PIVOT_TOLERANCE * maxDiag;
        int rank = s;
        for (int k = 0; k < s; k++) {
            int p = k;
            for (int i = k + 1; i < s; i++) {
                if (gram[i * s + i] > gram[p * s + p]) {
                    p = i;
                }
            }
            if (!(gram[p * s + p] > tol)) {
                rank = k;
                break;
            }
            if (p != k) { // symmetric swap of rows and columns k and p
                for (int j = 0; j < s; j++) {
                    double tmp = gram[k * s + j];
                    gram[k * s + j] = gram[p * s + j];
                    gram[p * s + j] = tmp;
                }
                for (int i = 0; i < s; i++) {
                    double tmp = gram[i * s + k];
                    gram[i * s + k] = gram[i * s + p];
                    gram[i * s + p] = tmp;
                }
                int tp = perm[k];
                perm[k] = perm[p];
                perm[p] = tp;
            }
            double lkk = Math.sqrt(gram[k * s + k]);
            double inv = 1.0 / lkk;
            gram[k * s + k] = lkk;
            invDiag[k] = inv;
            for (int i = k + 1; i < s; i++) {
                gram[i * s + k] *= inv;
            }
            for (int i = k + 1; i < s; i++) {
                double lik = gram[i * s + k];
                for (int j = k + 1; j <= i; j++) {
                    gram[i * s + j] -= lik * gram[j * s + k];
                }
                for (int j = k + 1; j < i; j++) {
                    gram[j * s + i] = gram[i * s + j];
                }
            }
        }
        substitute(e, rank);
        if (rank == s) {
            return true;
        }
        // rank-deficient: accept the basic solution only if it interpolates (consistent system)
        double err = 0;
        double norm = 0;
        for (int j = 0; j < s; j++) {
            int oj = j * d;
            double p = 0;
            for (int c = 0; c < s; c++) {
                if (coef[c] != 0) {
                    double dot = 0;
                    int oc = c * d;
                    for (int i = 0; i < d; i++) {
                        dot += x[oj + i] * x[oc + i];
                    }
                    p += dot * coef[c];
                }
            }
            err += (p - e[j]) * (p - e[j]);
            norm += e[j] * e[j];
        }
        rankDeficient++;
        return err <= 1e-18 * norm || norm == 0;
    }

    /**
     * coef = V Σ^{-2} V^T e restricted to singular values above the cut-off, so that X coef = pinv(X^T) e.
     * One-sided Jacobi on a copy of X: columns are rotated until mutually orthogonal; then column norms are the
     * singular values and the accumulated rotations are V.
     */
    private void pinv(double[] x, double[] e) {
        System.arraycopy(x, 0, u, 0, d * s);
        java.util.Arrays.fill(v, 0.0);
        for (int j = 0; j < s; j++) {
            v[j * s + j] = 1.0;
        }
        // Columns whose squared norm is below this are numerically zero (they lie in X's null directions) and
        // are not rotated: otherwise Jacobi keeps rotating rounding noise and never converges.
        double frob = 0;
        for (int i = 0; i < d * s; i++) {
            frob += u[i] * u[i];
        }
        double negligible = frob * 1e-30;
        for (int sweep = 0; sweep < 60; sweep++) {
            boolean rotated = false;
            for (int p = 0; p < s - 1; p++) {
                for (int q = p + 1; q < s; q++) {
                    double alpha = 0;
                    double beta = 0;
                    double gamma = 0;
                    int op = p * d;
                    int oq = q * d;
                    for (int i = 0; i < d; i++) {
                        double up = u[op + i];
                        double uq = u[oq + i];
                        alpha += up * up;
                        beta += uq * uq;
                        gamma += up * uq;
                    }
                    if (alpha <= negligible || beta <= negligible
                            || gamma * gamma <= 1e-30 * alpha * beta) {
                        continue; // already orthogonal to working precision
                    }
                    rotated = true;
                    double zeta = (beta - alpha) / (2 * gamma);
                    double t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
                    double c = 1 / Math.sqrt(1 + t * t);
                    double sn = c * t;
                    for (int i = 0; i < d; i++) {
                        double up = u[op + i];
                        double uq = u[oq + i];
                        u[op + i] = c * up - sn * uq;
                        u[oq + i] = sn * up + c * uq;
                    }
                    int vp = p * s;
                    int vq = q * s;
                    for (int i = 0; i < s; i++) {
                        double a = v[vp + i];
                        double b = v[vq + i];
                        v[vp + i] = c * a - sn * b;
                        v[vq + i] = sn * a + c * b;
                    }
                }
            }
            if (!rotated) {
                break;
            }
        }
        double smax = 0;
        for (int j = 0; j < s; j++) {
            double nrm = 0;
            int oj = j * d;
            for (int i = 0; i < d; i++) {
                nrm += u[oj + i] * u[oj + i];
            }
            sigma[j] = Math.sqrt(nrm);
            smax = Math.max(smax, sigma[j]);
        }
        double cut = RCOND * smax * Math.max(d, s);
        java.util.Arrays.fill(coef, 0.0);
        for (int j = 0; j < s; j++) {
            double sj = sigma[j];
            if (sj <= cut || sj == 0) {
                continue;
            }
            int vj = j * s;
            double proj = 0;
            for (int i = 0; i < s; i++) {
                proj += v[vj + i] * e[i];
            }
            double scale = proj / (sj * sj);
            for (int i = 0; i < s; i++) {
                coef[i] += v[vj + i] * scale;
            }
        }
    }
}
