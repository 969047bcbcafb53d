package moecl.paper.minnorm;

import java.util.Arrays;

/**
 * The min-norm update's last fallback, for an inconsistent rank-deficient system (rank-deficient X with noisy
 * labels): {@code Δ = pinv(X^T) e} through a one-sided Jacobi SVD of X, which is what the reference scripts'
 * {@code numpy.linalg.pinv} computes (singular values below {@code rcond · σ_max} treated as zero).
 */
final class JacobiPinv {

    /** numpy.linalg.pinv's default cut-off relative to the largest singular value. */
    static final double RCOND = 1e-15;

    private final int d;
    private final int s;
    private final double[] coef;   // s: the result, shared with the solver
    private final double[] u;      // d×s column-major working copy of X
    private final double[] v;      // s×s column-major
    private final double[] sigma;  // s

    JacobiPinv(int d, int s, double[] coef) {
        this.d = d;
        this.s = s;
        this.coef = coef;
        this.u = new double[d * s];
        this.v = new double[s * s];
        this.sigma = new double[s];
    }

    /**
     * coef = V Σ^{-2} V^T e restricted to singular values above the cut-off, so that X coef = pinv(X^T) e.
     * One-sided Jacobi on a copy of X: columns are rotated until mutually orthogonal; then column norms are the
     * singular values and the accumulated rotations are V.
     */
    void solve(double[] x, double[] e) {
        System.arraycopy(x, 0, u, 0, d * s);
        Arrays.fill(v, 0.0);
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
                    rotate(u, op, oq, d, c, sn); // the columns p and q of X
                    rotate(v, p * s, q * s, s, c, sn); // and of V, which accumulates the rotations
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
        Arrays.fill(coef, 0.0);
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

    /** The plane rotation of columns p (at op) and q (at oq) of m, n entries each. */
    private static void rotate(double[] m, int op, int oq, int n, double c, double sn) {
        for (int i = 0; i < n; i++) {
            double a = m[op + i];
            double b = m[oq + i];
            m[op + i] = c * a - sn * b;
            m[oq + i] = sn * a + c * b;
        }
    }
}
