package moecl.linalg.kernels;

/**
 * The min-norm update's common path for X of d × s (column-major, samples as columns), chosen once by
 * {@link Kernels#solve(int, int)}: the residuals, an unpivoted Cholesky of {@code X^T X} with its two triangular
 * substitutions, and {@code w += X c}. {@code moecl.linalg.MinNormSolver} calls these and keeps the rare paths
 * (pivoted Cholesky, SVD) itself.
 *
 * <p>{@link Generic}: loops, the reference; {@link Six}: s = 6 written out with the factor in local variables (the
 * same operations in the same order, so the same bits; same-JVM A/B of the engine round 0.92 when introduced);
 * {@link Wide}: d ≥ {@value Kernels#WIDE}, the Gram matrix in blocks and every reduction in {@link Lanes}' eight
 * lanes.
 */
public abstract sealed class SolveKernel permits SolveKernel.Generic, SolveKernel.Six, SolveKernel.Wide {

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
     * scratch for the factor (the written-out s = 6 kernel keeps it in local variables instead). False when X has more columns than rows or a pivot falls below
     * {@link #PIVOT_TOLERANCE} times the largest diagonal entry (then coef is undefined; the pivoted path decides).
     * diag holds the Gram diagonal from {@link #residuals} (or is filled here: {@link Wide}).
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
            for (int i = s - 1; i >= 0; i--) { // backward: L^T z = y
                double t = coef[i];
                for (int k = i + 1; k < s; k++) {
                    t -= g[k * s + i] * coef[k];
                }
                coef[i] = t * invDiag[i];
            }
            return true;
        }
    }

    /** s = 6 (the Fig. 2 tasks), written out: {@link Generic}'s operations in the same order. */
    static final class Six extends SolveKernel {
        Six(int d, VecKernel vec) {
            super(d, 6, vec);
        }

        @Override
        public String name() {
            return "s6";
        }

        @Override
        public boolean plain(double[] x, double[] e, double[] diag, double[] g, double[] invDiag, double[] coef) {
            final int d = this.d;
            final VecKernel vec = this.vec;
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
            final double l10 = vec.dot(x, 1 * d, x, 0) * i0;
            final double l20 = vec.dot(x, 2 * d, x, 0) * i0;
            final double l30 = vec.dot(x, 3 * d, x, 0) * i0;
            final double l40 = vec.dot(x, 4 * d, x, 0) * i0;
            final double l50 = vec.dot(x, 5 * d, x, 0) * i0;
            sum = g11;
            sum -= l10 * l10;
            if (!(sum > tol)) {
                return false;
            }
            final double i1 = 1.0 / Math.sqrt(sum);
            double t21 = vec.dot(x, 2 * d, x, 1 * d);
            t21 -= l20 * l10;
            final double l21 = t21 * i1;
            double t31 = vec.dot(x, 3 * d, x, 1 * d);
            t31 -= l30 * l10;
            final double l31 = t31 * i1;
            double t41 = vec.dot(x, 4 * d, x, 1 * d);
            t41 -= l40 * l10;
            final double l41 = t41 * i1;
            double t51 = vec.dot(x, 5 * d, x, 1 * d);
            t51 -= l50 * l10;
            final double l51 = t51 * i1;
            sum = g22;
            sum -= l20 * l20;
            sum -= l21 * l21;
            if (!(sum > tol)) {
                return false;
            }
            final double i2 = 1.0 / Math.sqrt(sum);
            double t32 = vec.dot(x, 3 * d, x, 2 * d);
            t32 -= l30 * l20;
            t32 -= l31 * l21;
            final double l32 = t32 * i2;
            double t42 = vec.dot(x, 4 * d, x, 2 * d);
            t42 -= l40 * l20;
            t42 -= l41 * l21;
            final double l42 = t42 * i2;
            double t52 = vec.dot(x, 5 * d, x, 2 * d);
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
            double t43 = vec.dot(x, 4 * d, x, 3 * d);
            t43 -= l40 * l30;
            t43 -= l41 * l31;
            t43 -= l42 * l32;
            final double l43 = t43 * i3;
            double t53 = vec.dot(x, 5 * d, x, 3 * d);
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
            double t54 = vec.dot(x, 5 * d, x, 4 * d);
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

        /** Δ written out over the six samples: the same sums in the same order. */
        @Override
        public double addCombination(double[] x, double[] c, double[] w) {
            final int d = this.d;
            final double c0 = c[0];
            final double c1 = c[1];
            final double c2 = c[2];
            final double c3 = c[3];
            final double c4 = c[4];
            final double c5 = c[5];
            double moved = 0;
            for (int i = 0; i < d; i++) {
                double delta = 0.0 + x[i] * c0 + x[d + i] * c1 + x[2 * d + i] * c2 + x[3 * d + i] * c3
                        + x[4 * d + i] * c4 + x[5 * d + i] * c5;
                w[i] += delta;
                moved += delta * delta;
            }
            return moved;
        }
    }

    /**
     * d ≥ {@value Kernels#WIDE}: the whole lower triangle of {@code X^T X} first ({@link Lanes#gram}, 4 × 4 blocks
     * of columns), then the factor in place row by row with lane dot products over the rows of L, the forward
     * substitution with lane dot products, the backward one in plain loops (s² operations), and
     * {@code w += X c} ({@link Lanes#addCombination}).
     */
    static final class Wide extends SolveKernel {
        private final Lanes lanes;

        Wide(int d, int s, VecKernel vec, Lanes lanes) {
            super(d, s, vec);
            this.lanes = lanes;
        }

        @Override
        public String name() {
            return "wide-" + lanes.name();
        }

        /** Only the residuals: the Gram diagonal comes with the whole Gram matrix in {@link #plain}. */
        @Override
        public void residuals(double[] x, double[] y, double[] w, double[] e, double[] diag) {
            for (int a = 0, o = 0; a < s; a++, o += d) {
                e[a] = y[a] - lanes.dot(x, o, w, 0, d);
            }
        }

        @Override
        public boolean plain(double[] x, double[] e, double[] diag, double[] g, double[] invDiag, double[] coef) {
            final int s = this.s;
            if (s > d) {
                return false;
            }
            lanes.gram(x, d, s, g);
            double maxDiag = 0;
            for (int a = 0; a < s; a++) {
                double v = g[a * s + a];
                diag[a] = v;
                maxDiag = Math.max(maxDiag, v);
            }
            double tol = PIVOT_TOLERANCE * maxDiag;
            for (int j = 0; j < s; j++) {
                int oj = j * s;
                double sum = g[oj + j] - lanes.dot(g, oj, g, oj, j);
                if (!(sum > tol)) {
                    return false;
                }
                double ljj = Math.sqrt(sum);
                double inv = 1.0 / ljj;
                g[oj + j] = ljj;
                invDiag[j] = inv;
                for (int i = j + 1; i < s; i++) {
                    int oi = i * s;
                    g[oi + j] = (g[oi + j] - lanes.dot(g, oi, g, oj, j)) * inv;
                }
            }
            for (int i = 0; i < s; i++) { // forward: L y = e
                coef[i] = (e[i] - lanes.dot(g, i * s, coef, 0, i)) * invDiag[i];
            }
            for (int i = s - 1; i >= 0; i--) { // backward: L^T z = y
                double t = coef[i];
                for (int k = i + 1; k < s; k++) {
                    t -= g[k * s + i] * coef[k];
                }
                coef[i] = t * invDiag[i];
            }
            return true;
        }

        @Override
        public double addCombination(double[] x, double[] c, double[] w) {
            return lanes.addCombination(x, d, s, c, w);
        }
    }
}
