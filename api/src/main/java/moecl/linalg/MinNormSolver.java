package moecl.linalg;

/**
 * The minimum-norm correction of a linear model to interpolate a task: given X (d×s, column-major, samples as
 * columns) and a residual {@code e = y − X^T w}, computes {@code Δ = X (X^T X)^{-1} e}, the smallest change with
 * {@code X^T (w + Δ) = y}.
 *
 * <p>Why two paths: at paper sizes the s×s Gram matrix is tiny and a Cholesky solve is the fastest exact method;
 * when X is rank-deficient (Fig. 4/5 has s = 8 samples in a rank-6 space) the Gram matrix is singular and
 * Cholesky breaks down, so the update falls back to {@code Δ = pinv(X^T) e} through a one-sided Jacobi SVD of X,
 * which is what the reference scripts' {@code numpy.linalg.pinv} computes (singular values below
 * {@code rcond · σ_max} are treated as zero, {@code rcond = 1e-15} as in numpy).
 *
 * <p>Plain {@code double[]} kernels: at d = 10 they beat any library call by an order of magnitude. Not
 * thread-safe (scratch buffers); one solver per expert.
 */
public final class MinNormSolver {

    /** numpy.linalg.pinv's default cut-off relative to the largest singular value. */
    public static final double RCOND = 1e-15;
    /** A Cholesky pivot below this fraction of the largest diagonal entry counts as rank deficiency. */
    static final double PIVOT_TOLERANCE = 1e-10;

    private final int d;
    private final int s;
    private final double[] gram;   // s×s, row-major lower triangle used
    private final double[] coef;   // s
    private final double[] invDiag; // 1 / L[j][j]
    // SVD scratch
    private final double[] u;      // d×s column-major working copy of X
    private final double[] v;      // s×s column-major
    private final double[] sigma;  // s
    private long fallbacks;

    public MinNormSolver(int d, int s) {
        if (d < 1 || s < 1) {
            throw new IllegalArgumentException("need d >= 1 and s >= 1, got d=" + d + ", s=" + s);
        }
        this.d = d;
        this.s = s;
        this.gram = new double[s * s];
        this.coef = new double[s];
        this.invDiag = new double[s];
        this.u = new double[d * s];
        this.v = new double[s * s];
        this.sigma = new double[s];
    }

    /** How many solves took the rank-revealing path. */
    public long fallbacks() {
        return fallbacks;
    }

    /**
     * Writes {@code Δ = X (X^T X)^+ e} into {@code delta} (length d). {@code e} (length s) is not modified.
     */
    public void solve(double[] x, double[] e, double[] delta) {
        if (!cholesky(x, e)) {
            fallbacks++;
            pinv(x, e);
        }
        // delta = X coef
        java.util.Arrays.fill(delta, 0, d, 0.0);
        for (int j = 0; j < s; j++) {
            double c = coef[j];
            int off = j * d;
            for (int i = 0; i < d; i++) {
                delta[i] += x[off + i] * c;
            }
        }
    }

    /** Solves (X^T X) coef = e by Cholesky; false when the Gram matrix is (numerically) singular. */
    private boolean cholesky(double[] x, double[] e) {
        if (s > d) {
            return false; // more samples than dimensions: X^T X is singular by construction
        }
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
            }
            maxDiag = Math.max(maxDiag, gram[a * s + a]);
        }
        if (maxDiag == 0) {
            return false;
        }
        double tol = PIVOT_TOLERANCE * maxDiag;
        // in-place Cholesky: gram = L L^T (lower)
        for (int j = 0; j < s; j++) {
            double sum = gram[j * s + j];
            for (int k = 0; k < j; k++) {
                double l = gram[j * s + k];
                sum -= l * l;
            }
            if (!(sum > tol)) {
                return false;
            }
            double ljj = Math.sqrt(sum);
            double inv = 1.0 / ljj;
            gram[j * s + j] = ljj;
            invDiag[j] = inv;
            for (int i = j + 1; i < s; i++) {
                double t = gram[i * s + j];
                for (int k = 0; k < j; k++) {
                    t -= gram[i * s + k] * gram[j * s + k];
                }
                gram[i * s + j] = t * inv;
            }
        }
        // forward: L z = e
        for (int i = 0; i < s; i++) {
            double t = e[i];
            for (int k = 0; k < i; k++) {
                t -= gram[i * s + k] * coef[k];
            }
            coef[i] = t * invDiag[i];
        }
        // backward: L^T c = z
        for (int i = s - 1; i >= 0; i--) {
            double t = coef[i];
            for (int k = i + 1; k < s; k++) {
                t -= gram[k * s + i] * coef[k];
            }
            coef[i] = t * invDiag[i];
        }
        return true;
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
                    if (gamma == 0 || Math.abs(gamma) <= 1e-17 * Math.sqrt(alpha * beta)) {
                        continue;
                    }
                    rotated = true;
                    double zeta = (beta - alpha) / (2 * gamma);
                    double t = Math.signum(zeta) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
                    if (zeta == 0) {
                        t = 1;
                    }
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
