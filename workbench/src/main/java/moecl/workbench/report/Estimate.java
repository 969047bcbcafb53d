package moecl.workbench.report;

import java.util.Arrays;

/**
 * A mean over independent replicates (seeds or repeats) with its 95% confidence interval from Student's t
 * distribution: {@code mean ± t(0.975, n−1) · sd/√n}. With n = 1 the interval is unbounded.
 *
 * @param n    replicates
 * @param mean their mean
 * @param sd   their sample standard deviation (NaN for n &lt; 2)
 * @param lo   lower end of the 95% interval
 * @param hi   upper end
 */
public record Estimate(int n, double mean, double sd, double lo, double hi) {

    /** The estimate of the mean of {@code values} (non-finite values are refused). */
    public static Estimate of(double[] values) {
        int n = values.length;
        if (n == 0) {
            return new Estimate(0, Double.NaN, Double.NaN, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        }
        for (double v : values) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("non-finite value in " + Arrays.toString(values));
            }
        }
        moecl.workbench.sweep.SweepViews.Stats st = moecl.workbench.sweep.SweepViews.Stats.of(values);
        if (n == 1) {
            return new Estimate(1, st.mean(), Double.NaN, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        }
        double half = t975(n - 1) * st.se();
        return new Estimate(n, st.mean(), st.se() * Math.sqrt(n), st.mean() - half, st.mean() + half);
    }

    /**
     * The difference of two independent means, {@code mean(a) − mean(b)}, with Welch's interval (unequal
     * variances, Welch–Satterthwaite degrees of freedom).
     */
    public static Estimate difference(double[] a, double[] b) {
        Estimate ea = of(a);
        Estimate eb = of(b);
        double mean = ea.mean - eb.mean;
        if (ea.n < 2 || eb.n < 2) {
            return new Estimate(Math.min(ea.n, eb.n), mean, Double.NaN, Double.NEGATIVE_INFINITY,
                    Double.POSITIVE_INFINITY);
        }
        double va = ea.sd * ea.sd / ea.n;
        double vb = eb.sd * eb.sd / eb.n;
        double se = Math.sqrt(va + vb);
        double df = se == 0 ? ea.n + eb.n - 2 : (va + vb) * (va + vb)
                / (va * va / (ea.n - 1) + vb * vb / (eb.n - 1));
        double half = t975(df) * se;
        return new Estimate(Math.min(ea.n, eb.n), mean, se * Math.sqrt(Math.min(ea.n, eb.n)), mean - half,
                mean + half);
    }

    /**
     * The 0.975 quantile of Student's t with {@code df} degrees of freedom, df ≥ 1: the table (3 decimals) at
     * integers up to 30, interpolated linearly in 1/df between them, a Cornish–Fisher expansion above.
     */
    static double t975(double df) {
        if (df < 1) {
            return Double.POSITIVE_INFINITY;
        }
        if (df <= 30) {
            // between two table entries: linear in 1/df (exact at integers)
            int k = (int) Math.floor(df + 1e-9);
            if (k >= 30 || Math.abs(df - k) < 1e-9) {
                return T975[Math.min(k, 30) - 1];
            }
            double w = (1 / df - 1.0 / (k + 1)) / (1.0 / k - 1.0 / (k + 1));
            return w * T975[k - 1] + (1 - w) * T975[k];
        }
        // Cornish–Fisher expansion around the normal quantile: within 1e-4 of the exact value for df > 30
        double z = 1.959963984540054;
        double z3 = z * z * z;
        double z5 = z3 * z * z;
        double z7 = z5 * z * z;
        return z + (z3 + z) / (4 * df) + (5 * z5 + 16 * z3 + 3 * z) / (96 * df * df)
                + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * df * df * df);
    }

    private static final double[] T975 = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
            2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060,
            2.056, 2.052, 2.048, 2.045, 2.042};
}
