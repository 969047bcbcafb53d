package moecl.theory;

/**
 * Test-only literal transcriptions of the paper's expressions (§6), O(T²)–O(T³), no recurrences: the reference the
 * fast implementations are checked against. {@code q} is the per-update noise term ({@code σ² s/(d−s−1)}).
 */
final class NaiveTheory {

    private NaiveTheory() {
    }

    static double sq(double[] a) {
        double acc = 0;
        for (double x : a) {
            acc += x * x;
        }
        return acc;
    }

    static double sqDist(double[] a, double[] b) {
        return MinNormSimulator.sqDist(a, b);
    }

    /** Accumulated noise after k updates: q (1 + r + … + r^{k−1}). */
    static double noise(double r, double q, int k) {
        double acc = 0;
        for (int j = 0; j < k; j++) {
            acc += Math.pow(r, j);
        }
        return q * acc;
    }

    /** Lin et al.'s E[G_T], E[F_T] for truths w*_1..w*_T (w[i−1] = w*_i), every prefix T; {F, G}. */
    static double[][] fixedOrder(double r, double q, double[][] w) {
        int rounds = w.length;
        double c = q / (1 - r);
        double[] f = new double[rounds];
        double[] g = new double[rounds];
        for (int bigT = 1; bigT <= rounds; bigT++) {
            double gen = 0;
            for (int i = 1; i <= bigT; i++) {
                double term = Math.pow(r, bigT) * sq(w[i - 1]);
                for (int k = 1; k <= bigT; k++) {
                    term += (1 - r) * Math.pow(r, bigT - k) * sqDist(w[k - 1], w[i - 1]);
                }
                gen += term;
            }
            g[bigT - 1] = gen / bigT + c * (1 - Math.pow(r, bigT));
            if (bigT == 1) {
                continue;
            }
            double forg = 0;
            double noise = 0;
            for (int i = 1; i < bigT; i++) {
                double term = (Math.pow(r, bigT) - Math.pow(r, i)) * sq(w[i - 1]);
                for (int k = 1; k <= bigT; k++) {
                    term += (1 - r) * Math.pow(r, bigT - k) * sqDist(w[k - 1], w[i - 1]);
                }
                for (int k = 1; k <= i; k++) {
                    term -= (1 - r) * Math.pow(r, i - k) * sqDist(w[k - 1], w[i - 1]);
                }
                forg += term;
                noise += Math.pow(r, i) - Math.pow(r, bigT);
            }
            f[bigT - 1] = forg / (bigT - 1) + c * noise / (bigT - 1);
        }
        return new double[][] {f, g};
    }

    /** E||w_t^(m) − g||² from §6's explicit sum (t = number of rounds already played, 0..T). */
    static double expertError(double r, double q, int[] types, int[] experts, double[][] truths, int m, int t,
            double[] g) {
        int[] lAt = new int[t + 1]; // L_τ^(m)
        for (int tau = 1; tau <= t; tau++) {
            lAt[tau] = lAt[tau - 1] + (experts[tau - 1] == m ? 1 : 0);
        }
        int big = lAt[t];
        double acc = Math.pow(r, big) * sq(g);
        for (int tau = 1; tau <= t; tau++) {
            if (experts[tau - 1] == m) {
                acc += (1 - r) * Math.pow(r, big - lAt[tau]) * sqDist(truths[types[tau - 1]], g);
            }
        }
        return acc + noise(r, q, big);
    }

    /** §5's [paper] F_t, G_t with the §6 expert error plugged in; {F, G}. */
    static double[][] routed(double r, double q, int[] types, int[] experts, double[][] truths) {
        int rounds = types.length;
        double[] f = new double[rounds];
        double[] g = new double[rounds];
        for (int t = 1; t <= rounds; t++) {
            double gen = 0;
            double forg = 0;
            for (int tau = 1; tau <= t; tau++) {
                double[] truth = truths[types[tau - 1]];
                double now = expertError(r, q, types, experts, truths, experts[tau - 1], t, truth);
                gen += now;
                if (tau < t) {
                    forg += now - expertError(r, q, types, experts, truths, experts[tau - 1], tau, truth);
                }
            }
            g[t - 1] = gen / t;
            f[t - 1] = t == 1 ? 0 : forg / (t - 1);
        }
        return new double[][] {f, g};
    }

    /** The paper's uniform-arrival expressions with the τ-sum written out (plus the noise term); {F, G} at t. */
    static double[] uniform(double r, double q, double sTerm, double dTerm, int t) {
        double c = q / (1 - r);
        double rt = Math.pow(r, t);
        double gen = rt * sTerm + (1 - 1.0 / t) * (1 - rt) * dTerm + c * (1 - rt);
        if (t == 1) {
            return new double[] {0, gen};
        }
        double acc = 0;
        for (int tau = 1; tau < t; tau++) {
            double rtau = Math.pow(r, tau);
            acc += (rt - rtau) * sTerm + ((rtau - rt) + (1 - r) * (1 - Math.pow(r, t - tau))) * dTerm
                    + c * (rtau - rt);
        }
        return new double[] {acc / (t - 1), gen};
    }
}
