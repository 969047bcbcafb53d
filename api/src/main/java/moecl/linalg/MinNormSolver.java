package moecl.linalg;

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
 * <p>Plain {@code double[]} kernels: at d = 10 they beat any library call by an order of magnitude. At s = 6 (the
 * Fig. 2 tasks) the unpivoted factorisation and its substitutions are written out with the factor in local variables
 * ({@link #plainCholesky6}, the same bits as the loops; same-JVM A/B of the engine round 0.92). Not thread-safe
 * (scratch buffers); one solver per expert.
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
    private final boolean writtenOut6;
    /** How many solves the unpivoted Cholesky handed to the pivoted one (a pivot below the tolerance). */
    long pivoted;

    public MinNormSolver(int d, int s) {
        this(d, s, true);
    }

    /**
     * @param writtenOut whether s = 6 uses the written-out code ({@link #plainCholesky6}, the update's last step);
     *                   tests compare it with the loops
     */
    MinNormSolver(int d, int s, boolean writtenOut) {
        if (d < 1 || s < 1) {
            throw new IllegalArgumentException("need d >= 1 and s >= 1, got d=" + d + ", s=" + s);
        }
        this.d = d;
        this.s = s;
        this.writtenOut6 = writtenOut && s == 6 && d >= 6;
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
            diag[a] = Dot.of(x, a * d, x, a * d, d);
        }
        factorAndSubstitute(x, e);
        java.util.Arrays.fill(delta, 0, d, 0.0);
        for (int j = 0; j < s; j++) {
            double c = coef[j];
            int off = j * d;
            for (int i = 0; i < d; i++) {
                delta[i] += x[off + i] * c;
            }
        }
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
        final int d = this.d;
        if (d == 10) { // the paper's dimension: Dot's straight-line kernel beats the fused loop
            for (int a = 0; a < s; a++) {
                e[a] = y[a] - Dot.of(x, a * 10, w, 0, 10);
                diag[a] = Dot.of(x, a * 10, x, a * 10, 10);
            }
        } else {
            for (int a = 0; a < s; a++) { // Dot.of's even/odd accumulators, for both products
                int o = a * d;
                double p0 = 0;
                double p1 = 0;
                double q0 = 0;
                double q1 = 0;
                int i = 0;
                for (int end = d - 1; i < end; i += 2) {
                    double u = x[o + i];
                    double v = x[o + i + 1];
                    p0 += u * w[i];
                    p1 += v * w[i + 1];
                    q0 += u * u;
                    q1 += v * v;
                }
                if (i < d) {
                    double u = x[o + i];
                    p0 += u * w[i];
                    q0 += u * u;
                }
                e[a] = y[a] - (p0 + p1);
                diag[a] = q0 + q1;
            }
        }
        factorAndSubstitute(x, e);
        double moved = 0;
        if (writtenOut6) { // written out over the six samples (same sums, same order)
            final double c0 = coef[0];
            final double c1 = coef[1];
            final double c2 = coef[2];
            final double c3 = coef[3];
            final double c4 = coef[4];
            final double c5 = coef[5];
            for (int i = 0; i < d; i++) {
                double delta = 0.0 + x[i] * c0 + x[d + i] * c1 + x[2 * d + i] * c2 + x[3 * d + i] * c3
                        + x[4 * d + i] * c4 + x[5 * d + i] * c5;
                w[i] += delta;
                moved += delta * delta;
            }
            return moved;
        }
        for (int i = 0; i < d; i++) { // Δ_i = Σ_j X[i][j] coef_j, summed in j order as solve does
            double delta = 0;
            for (int j = 0, off = i; j < s; j++, off += d) {
                delta += x[off] * coef[j];
            }
            w[i] += delta;
            moved += delta * delta;
        }
        return moved;
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
        boolean plain = writtenOut6 ? plainCholesky6(x, e) : plainCholesky(x, e);
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
     * The common case first: an unpivoted Cholesky of the Gram matrix, which succeeds when X has full column rank
     * with some margin. False when a pivot falls below the tolerance; the pivoted factorisation then decides.
     *
     * <p>Fused and left-looking: the diagonal of {@code X^T X} is already in {@code diag} (the tolerance's scale);
     * column by column, the off-diagonal Gram entries and the factor in one pass, then the substitutions the pivoted
     * path also uses, in the identity order. Dot products use two accumulators ({@link Dot}), which halves their chains of dependent
     * additions (this path runs every round of every run).
     */
    private boolean plainCholesky(double[] x, double[] e) {
        if (s > d) {
            return false; // more samples than dimensions: X^T X is singular by construction
        }
        final int s = this.s;
        final double[] g = gram;
        double maxDiag = 0;
        final int d = this.d;
        for (int a = 0; a < s; a++) {
            double v = diag[a];
            g[a * s + a] = v;
            maxDiag = Math.max(maxDiag, v);
            perm[a] = a; // unpivoted
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
                double t = Dot.of(x, i * d, x, oj, d); // the Gram entry (X^T X)[i][j]
                for (int k = 0; k < j; k++) {
                    t -= g[i * s + k] * g[j * s + k];
                }
                g[i * s + j] = t * inv;
            }
        }
        substitute(e, s);
        return true;
    }

    /**
     * {@link #plainCholesky} and {@link #substitute} at s = 6 (the paper's Fig. 2 tasks), written out with the
     * factor in local variables: the same operations in the same order, so the same bits (MinNormSolverTest),
     * without the loops of zero to five steps whose control cost more than their arithmetic.
     */
    private boolean plainCholesky6(double[] x, double[] e) {
        final int d = this.d;
        double maxDiag = 0;
        final double g00 = diag[0];
        maxDiag = Math.max(maxDiag, g00);
        final double g11 = diag[1];
        maxDiag = Math.max(maxDiag, g11);
        final double g22 = diag[2];
        maxDiag = Math.max(maxDiag, g22);
        final double g33 = diag[3];
        maxDiag = Math.max(maxDiag, g33);
        final double g44 = diag[4];
        maxDiag = Math.max(maxDiag, g44);
        final double g55 = diag[5];
        maxDiag = Math.max(maxDiag, g55);
        final double tol = PIVOT_TOLERANCE * maxDiag;
        double sum;
        sum = g00;
        if (!(sum > tol)) {
            return false;
        }
        final double i0 = 1.0 / Math.sqrt(sum);
        final double l10 = Dot.of(x, 1 * d, x, 0, d) * i0;
        final double l20 = Dot.of(x, 2 * d, x, 0, d) * i0;
        final double l30 = Dot.of(x, 3 * d, x, 0, d) * i0;
        final double l40 = Dot.of(x, 4 * d, x, 0, d) * i0;
        final double l50 = Dot.of(x, 5 * d, x, 0, d) * i0;
        sum = g11;
        sum -= l10 * l10;
        if (!(sum > tol)) {
            return false;
        }
        final double i1 = 1.0 / Math.sqrt(sum);
        double t21 = Dot.of(x, 2 * d, x, 1 * d, d);
        t21 -= l20 * l10;
        final double l21 = t21 * i1;
        double t31 = Dot.of(x, 3 * d, x, 1 * d, d);
        t31 -= l30 * l10;
        final double l31 = t31 * i1;
        double t41 = Dot.of(x, 4 * d, x, 1 * d, d);
        t41 -= l40 * l10;
        final double l41 = t41 * i1;
        double t51 = Dot.of(x, 5 * d, x, 1 * d, d);
        t51 -= l50 * l10;
        final double l51 = t51 * i1;
        sum = g22;
        sum -= l20 * l20;
        sum -= l21 * l21;
        if (!(sum > tol)) {
            return false;
        }
        final double i2 = 1.0 / Math.sqrt(sum);
        double t32 = Dot.of(x, 3 * d, x, 2 * d, d);
        t32 -= l30 * l20;
        t32 -= l31 * l21;
        final double l32 = t32 * i2;
        double t42 = Dot.of(x, 4 * d, x, 2 * d, d);
        t42 -= l40 * l20;
        t42 -= l41 * l21;
        final double l42 = t42 * i2;
        double t52 = Dot.of(x, 5 * d, x, 2 * d, d);
        t52 -= l50 * l20;
        t52 -= l51 * l21;
        final double l52 = t52 * i2;
        sum = g33;
        sum -= l30 * l30;
        sum -= l31 * l31;
        sum -= l32 * l32;
        if (!(sum > tol)) {
            return false;
        }
        final double i3 = 1.0 / Math.sqrt(sum);
        double t43 = Dot.of(x, 4 * d, x, 3 * d, d);
        t43 -= l40 * l30;
        t43 -= l41 * l31;
        t43 -= l42 * l32;
        final double l43 = t43 * i3;
        double t53 = Dot.of(x, 5 * d, x, 3 * d, d);
        t53 -= l50 * l30;
        t53 -= l51 * l31;
        t53 -= l52 * l32;
        final double l53 = t53 * i3;
        sum = g44;
        sum -= l40 * l40;
        sum -= l41 * l41;
        sum -= l42 * l42;
        sum -= l43 * l43;
        if (!(sum > tol)) {
            return false;
        }
        final double i4 = 1.0 / Math.sqrt(sum);
        double t54 = Dot.of(x, 5 * d, x, 4 * d, d);
        t54 -= l50 * l40;
        t54 -= l51 * l41;
        t54 -= l52 * l42;
        t54 -= l53 * l43;
        final double l54 = t54 * i4;
        sum = g55;
        sum -= l50 * l50;
        sum -= l51 * l51;
        sum -= l52 * l52;
        sum -= l53 * l53;
        sum -= l54 * l54;
        if (!(sum > tol)) {
            return false;
        }
        final double i5 = 1.0 / Math.sqrt(sum);
        double y0 = e[0];
        y0 *= i0;
        double y1 = e[1];
        y1 -= l10 * y0;
        y1 *= i1;
        double y2 = e[2];
        y2 -= l20 * y0;
        y2 -= l21 * y1;
        y2 *= i2;
        double y3 = e[3];
        y3 -= l30 * y0;
        y3 -= l31 * y1;
        y3 -= l32 * y2;
        y3 *= i3;
        double y4 = e[4];
        y4 -= l40 * y0;
        y4 -= l41 * y1;
        y4 -= l42 * y2;
        y4 -= l43 * y3;
        y4 *= i4;
        double y5 = e[5];
        y5 -= l50 * y0;
        y5 -= l51 * y1;
        y5 -= l52 * y2;
        y5 -= l53 * y3;
        y5 -= l54 * y4;
        y5 *= i5;
        double z5 = y5;
        z5 *= i5;
        coef[5] = z5;
        double z4 = y4;
        z4 -= l54 * z5;
        z4 *= i4;
        coef[4] = z4;
        double z3 = y3;
        z3 -= l43 * z4;
        z3 -= l53 * z5;
        z3 *= i3;
        coef[3] = z3;
        double z2 = y2;
        z2 -= l32 * z3;
        z2 -= l42 * z4;
        z2 -= l52 * z5;
        z2 *= i2;
        coef[2] = z2;
        double z1 = y1;
        z1 -= l21 * z2;
        z1 -= l31 * z3;
        z1 -= l41 * z4;
        z1 -= l51 * z5;
        z1 *= i1;
        coef[1] = z1;
        double z0 = y0;
        z0 -= l10 * z1;
        z0 -= l20 * z2;
        z0 -= l30 * z3;
        z0 -= l40 * z4;
        z0 -= l50 * z5;
        z0 *= i0;
        coef[0] = z0;
        return true;
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
