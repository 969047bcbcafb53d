package moecl.linalg.kernels;

/** {@link Lanes} in plain Java: eight scalar accumulators, {@link Math#fma}. The reference for the vector code. */
class ScalarLanes extends Lanes {

    @Override
    double dot(double[] a, int oa, double[] b, int ob, int n) {
        double l0 = 0;
        double l1 = 0;
        double l2 = 0;
        double l3 = 0;
        double l4 = 0;
        double l5 = 0;
        double l6 = 0;
        double l7 = 0;
        int i = 0;
        for (int end = n - 7; i < end; i += 8) {
            l0 = Math.fma(a[oa + i], b[ob + i], l0);
            l1 = Math.fma(a[oa + i + 1], b[ob + i + 1], l1);
            l2 = Math.fma(a[oa + i + 2], b[ob + i + 2], l2);
            l3 = Math.fma(a[oa + i + 3], b[ob + i + 3], l3);
            l4 = Math.fma(a[oa + i + 4], b[ob + i + 4], l4);
            l5 = Math.fma(a[oa + i + 5], b[ob + i + 5], l5);
            l6 = Math.fma(a[oa + i + 6], b[ob + i + 6], l6);
            l7 = Math.fma(a[oa + i + 7], b[ob + i + 7], l7);
        }
        int rest = n - i; // lane k takes term i + k
        if (rest > 0) l0 = Math.fma(a[oa + i], b[ob + i], l0);
        if (rest > 1) l1 = Math.fma(a[oa + i + 1], b[ob + i + 1], l1);
        if (rest > 2) l2 = Math.fma(a[oa + i + 2], b[ob + i + 2], l2);
        if (rest > 3) l3 = Math.fma(a[oa + i + 3], b[ob + i + 3], l3);
        if (rest > 4) l4 = Math.fma(a[oa + i + 4], b[ob + i + 4], l4);
        if (rest > 5) l5 = Math.fma(a[oa + i + 5], b[ob + i + 5], l5);
        if (rest > 6) l6 = Math.fma(a[oa + i + 6], b[ob + i + 6], l6);
        return tree(l0, l1, l2, l3, l4, l5, l6, l7);
    }

    @Override
    double sqDist(double[] a, double[] b, int n) {
        double[] l = new double[8];
        for (int i = 0; i < n; i++) {
            double diff = a[i] - b[i];
            l[i & 7] = Math.fma(diff, diff, l[i & 7]);
        }
        return tree(l);
    }

    @Override
    void gram(double[] x, int d, int s, double[] g) {
        for (int a = 0; a < s; a++) {
            for (int b = 0; b <= a; b++) {
                g[a * s + b] = dot(x, a * d, x, b * d, d);
            }
        }
    }

    /** Δ, kept between calls (one instance per kernel object). */
    private double[] delta = new double[0];

    /**
     * Column after column, {@code Δ_i = fma(x[j·d + i], c_j, Δ_i)}: per element the chain {@link Lanes} defines, and
     * an element-wise loop that C2 vectorises; then {@code w += Δ} and {@code ‖Δ‖²} as a lane dot product.
     */
    @Override
    double addCombination(double[] x, int d, int s, double[] c, double[] w) {
        if (delta.length < d) {
            delta = new double[d];
        }
        final double[] dl = delta;
        java.util.Arrays.fill(dl, 0, d, 0.0);
        for (int j = 0, off = 0; j < s; j++, off += d) {
            final double cj = c[j];
            for (int i = 0; i < d; i++) {
                dl[i] = Math.fma(x[off + i], cj, dl[i]);
            }
        }
        for (int i = 0; i < d; i++) {
            w[i] += dl[i];
        }
        return dot(dl, 0, dl, 0, d);
    }

    @Override
    void labels(double[] x, int d, int s, double[] w, double[] y, double[] g) {
        for (int j = 0; j < s; j++) {
            int off = j * d;
            y[j] = dot(x, off, w, 0, d);
            for (int i = 0; i < d; i++) {
                g[i] += x[off + i];
            }
        }
    }

    @Override
    String name() {
        return "scalar";
    }
}
