package moecl.theory;

import java.util.SplittableRandom;

/**
 * Test-only Monte Carlo simulator of the setting the theory describes: {@code M} linear experts starting at 0, round
 * {@code t} brings a task of type {@code n_t} with {@code X} ({@code d × s}) of i.i.d. N(0,1) entries and
 * {@code y = X^T w_{n_t} + z}, {@code z ~ N(0, σ² I_s)}; expert {@code m_t} takes the minimum-norm update
 * {@code w ← w + X (X^T X)^{-1} (y − X^T w)} (small Cholesky). The paper's metrics are evaluated literally with
 * {@code E_τ(w) = ||w − w_{n_τ}||²}:
 * {@code F_t = 1/(t−1) Σ_{τ<t} [E_τ(w_t^(m_τ)) − E_τ(w_τ^(m_τ))]}, {@code G_t = 1/t Σ_{τ≤t} E_τ(w_t^(m_τ))}.
 */
final class MinNormSimulator {

    private final int d;
    private final int s;
    private final double sigma;
    private final double[][] truths;
    private final int numExperts;
    private final double[][] cols;
    private final double[] res;
    private final double[] chol;
    private final double[] coef;

    MinNormSimulator(int d, int s, double sigma, double[][] truths, int numExperts) {
        this.d = d;
        this.s = s;
        this.sigma = sigma;
        this.truths = truths;
        this.numExperts = numExperts;
        this.cols = new double[s][d];
        this.res = new double[s];
        this.chol = new double[s * s];
        this.coef = new double[s];
    }

    /** One replicate; writes the realised {@code F_t}, {@code G_t} into {@code f[t−1]}, {@code g[t−1]}. */
    void run(int[] types, int[] experts, SplittableRandom rng, double[] f, double[] g) {
        int rounds = types.length;
        double[][] w = new double[numExperts][d];
        double[] own = new double[rounds];
        for (int t = 1; t <= rounds; t++) {
            int n = types[t - 1];
            int m = experts[t - 1];
            update(w[m], truths[n], rng);
            own[t - 1] = sqDist(w[m], truths[n]);
            double gen = 0;
            double past = 0;
            for (int tau = 1; tau <= t; tau++) {
                double e = sqDist(w[experts[tau - 1]], truths[types[tau - 1]]);
                gen += e;
                if (tau < t) {
                    past += e - own[tau - 1];
                }
            }
            g[t - 1] = gen / t;
            f[t - 1] = t == 1 ? 0 : past / (t - 1);
        }
    }

    private void update(double[] w, double[] truth, SplittableRandom rng) {
        for (int j = 0; j < s; j++) {
            double[] x = cols[j];
            double acc = 0;
            for (int i = 0; i < d; i++) {
                x[i] = rng.nextGaussian();
                acc += x[i] * (truth[i] - w[i]);
            }
            res[j] = acc + (sigma > 0 ? sigma * rng.nextGaussian() : 0); // y_j − x_j·w
        }
        // K = X^T X, Cholesky K = L L^T (lower, row-major in chol)
        for (int i = 0; i < s; i++) {
            for (int j = 0; j <= i; j++) {
                double acc = dot(cols[i], cols[j]);
                for (int k = 0; k < j; k++) {
                    acc -= chol[i * s + k] * chol[j * s + k];
                }
                chol[i * s + j] = i == j ? Math.sqrt(acc) : acc / chol[j * s + j];
            }
        }
        for (int i = 0; i < s; i++) { // L z = res
            double acc = res[i];
            for (int k = 0; k < i; k++) {
                acc -= chol[i * s + k] * coef[k];
            }
            coef[i] = acc / chol[i * s + i];
        }
        for (int i = s - 1; i >= 0; i--) { // L^T c = z
            double acc = coef[i];
            for (int k = i + 1; k < s; k++) {
                acc -= chol[k * s + i] * coef[k];
            }
            coef[i] = acc / chol[i * s + i];
        }
        for (int j = 0; j < s; j++) {
            double c = coef[j];
            double[] x = cols[j];
            for (int i = 0; i < d; i++) {
                w[i] += c * x[i];
            }
        }
    }

    private static double dot(double[] a, double[] b) {
        double acc = 0;
        for (int i = 0; i < a.length; i++) {
            acc += a[i] * b[i];
        }
        return acc;
    }

    static double sqDist(double[] a, double[] b) {
        double acc = 0;
        for (int i = 0; i < a.length; i++) {
            double x = a[i] - b[i];
            acc += x * x;
        }
        return acc;
    }
}
