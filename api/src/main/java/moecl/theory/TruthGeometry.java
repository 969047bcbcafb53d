package moecl.theory;

import java.util.OptionalInt;

/**
 * The geometry of a pool of {@code N} ground truths {@code w_0..w_{N−1}} that the theory needs: squared norms
 * {@code ||w_g||²} and squared pairwise distances {@code ||w_g − w_h||²}. Building it costs {@code O(N²·d)} once;
 * afterwards every curve is {@code O(T·N)} or better regardless of {@code d}.
 */
public final class TruthGeometry {

    private final int n;
    private final int dimension; // -1 when built from a Gram matrix or distances
    private final double[] sqNorms;
    private final double[][] sqDistances;

    private TruthGeometry(int n, int dimension, double[] sqNorms, double[][] sqDistances) {
        this.n = n;
        this.dimension = dimension;
        this.sqNorms = sqNorms;
        this.sqDistances = sqDistances;
    }

    /** From explicit truth vectors {@code truths[g]} (all of the same length {@code d ≥ 1}, finite entries). */
    public static TruthGeometry of(double[][] truths) {
        Check.notNull("truths", truths);
        int n = truths.length;
        checkN(n);
        for (int g = 0; g < n; g++) {
            Check.notNull("truths[" + g + "]", truths[g]);
        }
        int d = truths[0].length;
        if (d < 1) {
            throw Check.fail("truths[0] must have length d >= 1; got 0");
        }
        for (int g = 0; g < n; g++) {
            if (truths[g].length != d) {
                throw Check.fail("truths[" + g + "] must have length d = " + d + " (as truths[0]); got "
                        + truths[g].length);
            }
            for (int i = 0; i < d; i++) {
                if (!Double.isFinite(truths[g][i])) {
                    throw Check.fail("truths[" + g + "][" + i + "] must be finite; got " + truths[g][i]);
                }
            }
        }
        double[] norms = new double[n];
        double[][] dist = new double[n][n];
        for (int g = 0; g < n; g++) {
            norms[g] = sq(truths[g]);
            for (int h = 0; h < g; h++) {
                double acc = 0;
                for (int i = 0; i < d; i++) {
                    double x = truths[g][i] - truths[h][i];
                    acc += x * x;
                }
                dist[g][h] = acc;
                dist[h][g] = acc;
            }
        }
        return new TruthGeometry(n, d, norms, dist);
    }

    /**
     * From the Gram matrix {@code gram[g][h] = <w_g, w_h>} (symmetric {@code N × N}, finite). Squared distances are
     * {@code G_gg + G_hh − 2 G_gh}, clamped at 0 against rounding.
     */
    public static TruthGeometry ofGram(double[][] gram) {
        Check.notNull("gram", gram);
        int n = gram.length;
        checkN(n);
        square("gram", gram, n);
        double[] norms = new double[n];
        for (int g = 0; g < n; g++) {
            if (!(gram[g][g] >= 0)) {
                throw Check.fail("gram[" + g + "][" + g + "] must be >= 0 (a squared norm); got " + gram[g][g]);
            }
            norms[g] = gram[g][g];
        }
        double[][] dist = new double[n][n];
        for (int g = 0; g < n; g++) {
            for (int h = 0; h < g; h++) {
                if (gram[g][h] != gram[h][g]) {
                    throw Check.fail("gram must be symmetric; got gram[" + g + "][" + h + "] = " + gram[g][h]
                            + " but gram[" + h + "][" + g + "] = " + gram[h][g]);
                }
                double v = Math.max(0, norms[g] + norms[h] - 2 * gram[g][h]);
                dist[g][h] = v;
                dist[h][g] = v;
            }
        }
        return new TruthGeometry(n, -1, norms, dist);
    }

    /**
     * From squared norms {@code ||w_g||²} and squared pairwise distances {@code ||w_g − w_h||²} (symmetric, zero
     * diagonal, finite, non-negative).
     */
    public static TruthGeometry ofDistances(double[] sqNorms, double[][] sqDistances) {
        Check.notNull("sqNorms", sqNorms);
        Check.notNull("sqDistances", sqDistances);
        int n = sqNorms.length;
        checkN(n);
        if (sqDistances.length != n) {
            throw Check.fail("sqDistances must be N x N with N = sqNorms.length = " + n + "; got " + sqDistances.length
                    + " rows");
        }
        square("sqDistances", sqDistances, n);
        for (int g = 0; g < n; g++) {
            nonNegative("sqNorms[" + g + "]", sqNorms[g]);
            if (sqDistances[g][g] != 0) {
                throw Check.fail("sqDistances[" + g + "][" + g + "] must be 0; got " + sqDistances[g][g]);
            }
            for (int h = 0; h < g; h++) {
                nonNegative("sqDistances[" + g + "][" + h + "]", sqDistances[g][h]);
                if (sqDistances[g][h] != sqDistances[h][g]) {
                    throw Check.fail("sqDistances must be symmetric; got sqDistances[" + g + "][" + h + "] = "
                            + sqDistances[g][h] + " but sqDistances[" + h + "][" + g + "] = " + sqDistances[h][g]);
                }
            }
        }
        double[][] dist = new double[n][];
        for (int g = 0; g < n; g++) {
            dist[g] = sqDistances[g].clone();
        }
        return new TruthGeometry(n, -1, sqNorms.clone(), dist);
    }

    private static void checkN(int n) {
        if (n < 1) {
            throw Check.fail("truths must contain at least one ground truth (N >= 1); got N = " + n);
        }
    }

    private static void square(String name, double[][] m, int n) {
        for (int g = 0; g < n; g++) {
            Check.notNull(name + "[" + g + "]", m[g]);
            if (m[g].length != n) {
                throw Check.fail(name + "[" + g + "] must have length N = " + n + "; got " + m[g].length);
            }
            for (int h = 0; h < n; h++) {
                if (!Double.isFinite(m[g][h])) {
                    throw Check.fail(name + "[" + g + "][" + h + "] must be finite; got " + m[g][h]);
                }
            }
        }
    }

    private static void nonNegative(String name, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw Check.fail(name + " must be finite and >= 0; got " + v);
        }
    }

    static double sq(double[] v) {
        double acc = 0;
        for (double x : v) {
            acc += x * x;
        }
        return acc;
    }

    /** Number of ground truths {@code N}. */
    public int size() {
        return n;
    }

    /** The vectors' dimension when built from vectors; empty when built from a Gram matrix or distances. */
    public OptionalInt dimension() {
        return dimension > 0 ? OptionalInt.of(dimension) : OptionalInt.empty();
    }

    /** {@code ||w_g||²}. */
    public double sqNorm(int g) {
        return sqNorms[checkIndex(g)];
    }

    /** {@code ||w_g − w_h||²}. */
    public double sqDistance(int g, int h) {
        return sqDistances[checkIndex(g)][checkIndex(h)];
    }

    /** The paper's {@code S = 1/N Σ_n ||w_n||²}. */
    public double meanSqNorm() {
        double acc = 0;
        for (double v : sqNorms) {
            acc += v;
        }
        return acc / n;
    }

    /** The paper's model gap {@code D = 1/N² Σ_{n≠n'} ||w_n − w_n'||²} (ordered pairs). */
    public double modelGap() {
        double acc = 0;
        for (double[] row : sqDistances) {
            for (double v : row) {
                acc += v;
            }
        }
        return acc / ((double) n * n);
    }

    private int checkIndex(int g) {
        if (g < 0 || g >= n) {
            throw Check.fail("type must be in [0, N) = [0, " + n + "); got " + g);
        }
        return g;
    }

    // package-private, no copies: used by the curve computations
    double[] sqNormsUnsafe() {
        return sqNorms;
    }

    double[][] sqDistancesUnsafe() {
        return sqDistances;
    }
}
