package moecl.paper.minnorm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import moecl.linalg.Dot;
import moecl.linalg.kernels.Kernels;
import moecl.rng.FastRandom;

/**
 * {@link MinNormSolver#update} is the engine's fused form of {@code e = y − X^T w}, {@link MinNormSolver#solve},
 * {@code w += Δ}: it must give the same bits (replays and pinned results depend on it), on every path.
 * (Exactness against an SVD is MinNormExpertTest's subject.)
 */
class MinNormSolverTest {

    private static void compare(int d, int s, double[] x, double[] y, double[] w0) {
        MinNormSolver a = new MinNormSolver(d, s);
        MinNormSolver b = new MinNormSolver(d, s);
        double[] e = new double[s];
        for (int j = 0; j < s; j++) {
            e[j] = y[j] - Dot.of(x, j * d, w0, 0, d);
        }
        double[] delta = new double[d];
        a.solve(x, e, delta);
        double[] w = w0.clone();
        double moved = 0;
        for (int i = 0; i < d; i++) {
            w[i] += delta[i];
            moved += delta[i] * delta[i];
        }
        double[] w2 = w0.clone();
        double[] e2 = new double[s];
        double moved2 = b.update(x, y, w2, e2);
        for (int i = 0; i < d; i++) {
            assertEquals(Double.doubleToRawLongBits(w[i]), Double.doubleToRawLongBits(w2[i]), "w[" + i + "]");
        }
        for (int j = 0; j < s; j++) {
            assertEquals(Double.doubleToRawLongBits(e[j]), Double.doubleToRawLongBits(e2[j]), "e[" + j + "]");
        }
        assertEquals(Double.doubleToRawLongBits(moved), Double.doubleToRawLongBits(moved2));
        assertEquals(a.fallbacks(), b.fallbacks());
        assertEquals(a.rankDeficient(), b.rankDeficient());
    }

    private static double[] gaussians(FastRandom rng, int n) {
        double[] a = new double[n];
        rng.fillGaussian(a, 0, n);
        return a;
    }

    @Test
    void updateEqualsResidualSolveAndStepBitForBit() {
        FastRandom rng = new FastRandom(7);
        int[][] shapes = {{10, 6}, {9, 6}, {10, 1}, {1, 1}, {7, 7}, {4, 6}, {33, 12}};
        for (int[] sh : shapes) {
            int d = sh[0];
            int s = sh[1];
            for (int rep = 0; rep < 40; rep++) {
                double[] x = gaussians(rng, d * s);
                double[] y = gaussians(rng, s);
                double[] w0 = gaussians(rng, d);
                if (rep % 4 == 1 && s > 1) { // a repeated column: the pivoted path, or the SVD when y disagrees
                    System.arraycopy(x, 0, x, d, d);
                }
                if (rep % 4 == 2 && s > 1) { // repeated with agreeing labels: consistent, pivoted Cholesky
                    System.arraycopy(x, 0, x, d, d);
                    y[1] = y[0];
                }
                compare(d, s, x, y, w0);
            }
        }
    }

    @Test
    void lastInterpolatesIsFalseOnlyForTheLeastSquaresFallback() {
        int d = 3;
        int s = 2;
        double[] x = {1, 2, 3, 1, 2, 3};
        MinNormSolver solver = new MinNormSolver(d, s);
        solver.update(x, new double[] {1, 1}, new double[d], new double[s]);
        assertTrue(solver.lastInterpolates());
        assertEquals(1, solver.rankDeficient());
        assertEquals(0, solver.fallbacks());
        solver.update(x, new double[] {1, 2}, new double[d], new double[s]);
        assertEquals(false, solver.lastInterpolates());
        assertEquals(1, solver.fallbacks());
        double[] full = {1, 0, 0, 0, 1, 0};
        solver.update(full, new double[] {1, 2}, new double[d], new double[s]);
        assertTrue(solver.lastInterpolates());
    }

    /**
     * The written-out s = 6 factorisation against the loops, bit for bit: random tasks, nearly parallel columns (a
     * pivot near the tolerance: some fail over to the pivoted path at each column) and exact repeats.
     */
    @Test
    void writtenOutSixEqualsTheLoops() {
        FastRandom rng = new FastRandom(13);
        long handedOver = 0;
        for (int d : new int[] {6, 7, 10, 33}) {
            int s = 6;
            for (int rep = 0; rep < 400; rep++) {
                double[] x = gaussians(rng, d * s);
                double[] y = gaussians(rng, s);
                double[] w0 = gaussians(rng, d);
                int j = rep % s;
                if (rep % 3 == 1 && j > 0) { // column j nearly parallel to column j − 1, around the tolerance
                    double eps = Math.pow(10, -3 - rep % 5);
                    for (int i = 0; i < d; i++) {
                        x[j * d + i] = x[(j - 1) * d + i] + eps * x[j * d + i];
                    }
                }
                MinNormSolver loops = new MinNormSolver(d, s, Kernels.Mode.GENERIC);
                MinNormSolver out = new MinNormSolver(d, s, Kernels.Mode.AUTO);
                double[] wa = w0.clone();
                double[] wb = w0.clone();
                double ma = loops.update(x, y, wa, new double[s]);
                double mb = out.update(x, y, wb, new double[s]);
                assertEquals(Double.doubleToRawLongBits(ma), Double.doubleToRawLongBits(mb), "d=" + d + " rep " + rep);
                for (int i = 0; i < d; i++) {
                    assertEquals(Double.doubleToRawLongBits(wa[i]), Double.doubleToRawLongBits(wb[i]));
                }
                assertEquals(loops.rankDeficient(), out.rankDeficient());
                assertEquals(loops.fallbacks(), out.fallbacks());
                assertEquals(loops.pivoted, out.pivoted);
                handedOver += out.pivoted;
            }
        }
        assertTrue(handedOver >= 100, "cases where a pivot fell below the tolerance: " + handedOver);
    }
}
