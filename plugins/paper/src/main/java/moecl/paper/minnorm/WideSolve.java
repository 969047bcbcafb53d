package moecl.paper.minnorm;

import moecl.linalg.kernels.Lanes;
import moecl.linalg.kernels.VecKernel;

/**
 * d ≥ {@value moecl.linalg.kernels.Kernels#WIDE}: the whole lower triangle of {@code X^T X} first ({@link Lanes#gram},
 * 4 × 4 blocks of columns), then the factor in place row by row with lane dot products over the rows of L, the forward
 * substitution with lane dot products, the backward one in plain loops (s² operations), and
 * {@code w += X c} ({@link Lanes#addCombination}).
 */
final class WideSolve extends SolveKernel {
    private final Lanes lanes;

    WideSolve(int d, int s, VecKernel vec, Lanes lanes) {
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
        backward(g, s, invDiag, coef); // L^T z = y
        return true;
    }

    @Override
    public double addCombination(double[] x, double[] c, double[] w) {
        return lanes.addCombination(x, d, s, c, w);
    }
}
