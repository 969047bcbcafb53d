package moecl.paper.minnorm;

import java.util.Arrays;

/**
 * The min-norm update's first fallback: when the unpivoted Cholesky of {@link SolveKernel} meets a pivot below the
 * tolerance (X nearly or exactly rank-deficient), a Cholesky factorisation with symmetric (diagonal) pivoting, which
 * reveals the numerical rank. Shares the solver's scratch (the Gram matrix, the inverse diagonal, coef).
 */
final class PivotedCholesky {

    /** A Cholesky pivot below this fraction of the largest diagonal entry counts as rank deficiency. */
    static final double PIVOT_TOLERANCE = SolveKernel.PIVOT_TOLERANCE;

    private final int d;
    private final int s;
    private final double[] gram;    // s×s, row-major; the whole symmetric matrix, then the factor in place
    private final double[] invDiag; // 1 / L[j][j]
    private final double[] coef;    // s: the result
    private final int[] perm;       // pivot order
    private final double[] work;    // s
    /** How many solves met a rank-deficient X. */
    long rankDeficient;

    PivotedCholesky(int d, int s, double[] gram, double[] invDiag, double[] coef) {
        this.d = d;
        this.s = s;
        this.gram = gram;
        this.invDiag = invDiag;
        this.coef = coef;
        this.perm = new int[s];
        this.work = new double[s];
    }

    /**
     * Solves {@code (X^T X) coef = e} by a Cholesky factorisation with symmetric (diagonal) pivoting, which reveals
     * the numerical rank k. With k &lt; s the basic solution (zero on the dropped pivots) is used: any solution c
     * of the Gram system gives the same {@code Δ = X c}, the unique interpolating change in the column space of
     * X, as long as the system is consistent ({@code e ∈ range(X^T)}, true for noiseless labels). Returns false
     * when the pivoted solve cannot be trusted (an inconsistent rank-deficient system), so {@link JacobiPinv} decides.
     */
    boolean solve(double[] x, double[] e) {
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
        Arrays.fill(coef, 0.0);
        for (int i = 0; i < rank; i++) {
            coef[perm[i]] = work[i];
        }
    }
}
