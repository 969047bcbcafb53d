package moecl.baselines;

import java.util.Arrays;

/** Small numeric kernels shared by the learned gates: softmax, top-k, softplus, the normal CDF, CV². */
final class GateMath {

    private GateMath() {
    }

    /** {@code θ·x}. */
    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** {@code W x} for W stored as rows. */
    static double[] times(double[][] w, double[] x) {
        double[] out = new double[w.length];
        for (int e = 0; e < w.length; e++) {
            out[e] = dot(w[e], x);
        }
        return out;
    }

    /** Softmax of {@code z / temperature}, stabilised by subtracting the maximum. */
    static double[] softmax(double[] z, double temperature) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double[] p = new double[z.length];
        double sum = 0;
        for (int e = 0; e < z.length; e++) {
            p[e] = Math.exp((z[e] - max) / temperature);
            sum += p[e];
        }
        for (int e = 0; e < z.length; e++) {
            p[e] /= sum;
        }
        return p;
    }

    /**
     * The indices of the k largest values, largest first; ties go to the lower index (so routing is deterministic).
     */
    static int[] topK(double[] v, int k) {
        Integer[] idx = new Integer[v.length];
        for (int i = 0; i < v.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> {
            int c = Double.compare(v[b], v[a]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        int[] out = new int[k];
        for (int i = 0; i < k; i++) {
            out[i] = idx[i];
        }
        return out;
    }

    /** All indices ordered by value, largest first, ties to the lower index. */
    static int[] order(double[] v) {
        return topK(v, v.length);
    }

    /** {@code ln(1 + e^u)}, without overflow. */
    static double softplus(double u) {
        return u > 0 ? u + Math.log1p(Math.exp(-u)) : Math.log1p(Math.exp(u));
    }

    /** {@code 1/(1 + e^−u)}: the derivative of softplus. */
    static double sigmoid(double u) {
        if (u >= 0) {
            return 1 / (1 + Math.exp(-u));
        }
        double e = Math.exp(u);
        return e / (1 + e);
    }

    private static final double LOG_SQRT_2PI = 0.91893853320467274178;

    /** The standard normal density φ(z). */
    static double normalPdf(double z) {
        return Math.exp(-0.5 * z * z - LOG_SQRT_2PI);
    }

    /**
     * The standard normal CDF Φ(z) by Marsaglia's Taylor series (J. Stat. Softw. 11(4), 2004), absolute error below
     * 1e-15; beyond |z| = 9 it returns 0 or 1 (Φ(−9) ≈ 1e−19).
     */
    static double normalCdf(double z) {
        if (Double.isNaN(z)) {
            return Double.NaN;
        }
        if (z < -9) {
            return 0;
        }
        if (z > 9) {
            return 1;
        }
        double s = z;
        double t = 0;
        double b = z;
        double q = z * z;
        double i = 1;
        while (s != t) {
            t = s;
            i += 2;
            b *= q / i;
            s = t + b;
        }
        return 0.5 + s * Math.exp(-0.5 * q - LOG_SQRT_2PI);
    }

    /** Guard of {@link #cv2}: the {@code 1e−10} that Shazeer et al.'s code adds to the squared mean. */
    static final double CV_EPS = 1e-10;

    /**
     * The squared coefficient of variation {@code Var(v)/(mean(v)² + ε)} with the population variance (as in
     * Shazeer et al.'s {@code cv_squared}); 0 for a single value. When {@code grad} is non-null it receives
     * {@code ∂CV²/∂v_i}.
     */
    static double cv2(double[] v, double[] grad) {
        int m = v.length;
        if (m < 2) {
            if (grad != null) {
                Arrays.fill(grad, 0);
            }
            return 0;
        }
        double mean = 0;
        for (double x : v) {
            mean += x;
        }
        mean /= m;
        double var = 0;
        for (double x : v) {
            var += (x - mean) * (x - mean);
        }
        var /= m;
        double den = mean * mean + CV_EPS;
        if (grad != null) {
            for (int i = 0; i < m; i++) {
                double dVar = 2 * (v[i] - mean) / m;
                double dDen = 2 * mean / m;
                grad[i] = (dVar * den - var * dDen) / (den * den);
            }
        }
        return var / den;
    }
}
