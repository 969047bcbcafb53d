package moecl.linalg.kernels;

/**
 * Kernels over vectors of one length n, chosen once by {@link Kernels#vec(int)}: {@link Generic} (the loops every
 * specialisation is checked against), {@link Ten} and {@link Six} (written out at the paper's d = 10 and r = 6: the
 * same operations in the same order) and {@link Wide} (eight lanes, see {@link Lanes}).
 *
 * <p>Vectors start at offset 0 unless an offset is given; a matrix is s columns of n entries, column j at
 * {@code x[j·n ..]}.
 */
public abstract sealed class VecKernel permits VecKernel.Generic, VecKernel.Ten, VecKernel.Six, VecKernel.Wide {

    final int n;

    VecKernel(int n) {
        this.n = n;
    }

    /** The length this kernel was made for. */
    public final int length() {
        return n;
    }

    /** A short name for diagnostics: generic, n10, n6, wide-vector, wide-scalar. */
    public abstract String name();

    /** {@code Σ_i a[oa+i] b[ob+i]}; generic: the even and the odd terms summed separately, then added. */
    public double dot(double[] a, int oa, double[] b, int ob) {
        return dotLoop(a, oa, b, ob, n);
    }

    /** {@code ‖a − b‖²}; generic: summed in index order. */
    public double sqDist(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < n; i++) {
            double diff = a[i] - b[i];
            s += diff * diff;
        }
        return s;
    }

    /** {@code y[oy+i] −= step · x[i]} (the gate's gradient step). */
    public void subtractScaled(double[] y, int oy, double step, double[] x) {
        for (int i = 0; i < n; i++) {
            y[oy + i] -= step * x[i];
        }
    }

    /** {@code √Σ_i a[from+i]²}, summed in index order. */
    public double norm(double[] a, int from) {
        double s = 0;
        for (int i = from, end = from + n; i < end; i++) {
            s += a[i] * a[i];
        }
        return Math.sqrt(s);
    }

    /** {@code out[to+i] = a[from+i] · f}. */
    public void scaleInto(double[] a, int from, double f, double[] out, int to) {
        for (int i = 0; i < n; i++) {
            out[to + i] = a[from + i] * f;
        }
    }

    /**
     * For the s columns of x: {@code e[a] = y[a] − x_a·w} and {@code diag[a] = x_a·x_a}, both as {@link #dot}
     * computes them (generic: one fused pass over each column with {@link #dot}'s even/odd sums).
     */
    public void residuals(double[] x, int s, double[] y, double[] w, double[] e, double[] diag) {
        final int d = n;
        for (int a = 0; a < s; a++) {
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

    /**
     * A task's labels and gate input in one pass over X: {@code y[j] = x_j·w} (generic: one sum in index order)
     * and {@code g += x_j}, j ascending.
     */
    public void labels(double[] x, int s, double[] w, double[] y, double[] g) {
        final int d = n;
        for (int j = 0; j < s; j++) {
            int off = j * d;
            double p = 0;
            for (int i = 0; i < d; i++) {
                double v = x[off + i];
                p += v * w[i];
                g[i] += v;
            }
            y[j] = p;
        }
    }

    /** The generic dot product: even terms into one sum, odd into another, then added. */
    public static double dotLoop(double[] a, int oa, double[] b, int ob, int n) {
        double s0 = 0;
        double s1 = 0;
        int i = 0;
        for (int end = n - 1; i < end; i += 2) {
            s0 += a[oa + i] * b[ob + i];
            s1 += a[oa + i + 1] * b[ob + i + 1];
        }
        if (i < n) {
            s0 += a[oa + i] * b[ob + i];
        }
        return s0 + s1;
    }

    /** The loops, at any length. */
    static final class Generic extends VecKernel {
        Generic(int n) {
            super(n);
        }

        @Override
        public String name() {
            return "generic";
        }
    }

    /**
     * n = 10, the paper's dimension, written out: a 10-step loop runs in C2's unaligned pre- and post-loops and its
     * control costs more than its arithmetic (the engine round's A/B for the dot product, the gate step and the
     * distances written out: BENCHMARKS.md, "Core engine").
     */
    static final class Ten extends VecKernel {
        Ten() {
            super(10);
        }

        @Override
        public String name() {
            return "n10";
        }

        /** The even/odd sums written out ({@code 0.0 +} keeps a −0 sum +0, as the loop's start at 0 does). */
        @Override
        public double dot(double[] a, int oa, double[] b, int ob) {
            double s0 = 0.0 + a[oa] * b[ob];
            double s1 = 0.0 + a[oa + 1] * b[ob + 1];
            s0 += a[oa + 2] * b[ob + 2];
            s1 += a[oa + 3] * b[ob + 3];
            s0 += a[oa + 4] * b[ob + 4];
            s1 += a[oa + 5] * b[ob + 5];
            s0 += a[oa + 6] * b[ob + 6];
            s1 += a[oa + 7] * b[ob + 7];
            s0 += a[oa + 8] * b[ob + 8];
            s1 += a[oa + 9] * b[ob + 9];
            return s0 + s1;
        }

        @Override
        public double sqDist(double[] w, double[] g) {
            double a0 = w[0] - g[0];
            double a1 = w[1] - g[1];
            double a2 = w[2] - g[2];
            double a3 = w[3] - g[3];
            double a4 = w[4] - g[4];
            double a5 = w[5] - g[5];
            double a6 = w[6] - g[6];
            double a7 = w[7] - g[7];
            double a8 = w[8] - g[8];
            double a9 = w[9] - g[9];
            return 0.0 + a0 * a0 + a1 * a1 + a2 * a2 + a3 * a3 + a4 * a4 + a5 * a5 + a6 * a6 + a7 * a7 + a8 * a8
                    + a9 * a9;
        }

        @Override
        public void subtractScaled(double[] th, int off, double step, double[] x) {
            th[off] -= step * x[0];
            th[off + 1] -= step * x[1];
            th[off + 2] -= step * x[2];
            th[off + 3] -= step * x[3];
            th[off + 4] -= step * x[4];
            th[off + 5] -= step * x[5];
            th[off + 6] -= step * x[6];
            th[off + 7] -= step * x[7];
            th[off + 8] -= step * x[8];
            th[off + 9] -= step * x[9];
        }

        /** Two written-out dot products per column (the generic pass's sums, the same bits). */
        @Override
        public void residuals(double[] x, int s, double[] y, double[] w, double[] e, double[] diag) {
            for (int a = 0, o = 0; a < s; a++, o += 10) {
                e[a] = y[a] - dot(x, o, w, 0);
                diag[a] = dot(x, o, x, o);
            }
        }
    }

    /** n = 6, the paper's noise rank r: the norm and the scaled copy of the {@code clusters} directions. */
    static final class Six extends VecKernel {
        Six() {
            super(6);
        }

        @Override
        public String name() {
            return "n6";
        }

        @Override
        public double norm(double[] a, int from) {
            double z0 = a[from];
            double z1 = a[from + 1];
            double z2 = a[from + 2];
            double z3 = a[from + 3];
            double z4 = a[from + 4];
            double z5 = a[from + 5];
            return Math.sqrt(0.0 + z0 * z0 + z1 * z1 + z2 * z2 + z3 * z3 + z4 * z4 + z5 * z5);
        }

        @Override
        public void scaleInto(double[] z, int zo, double f, double[] x, int off) {
            x[off] = z[zo] * f;
            x[off + 1] = z[zo + 1] * f;
            x[off + 2] = z[zo + 2] * f;
            x[off + 3] = z[zo + 3] * f;
            x[off + 4] = z[zo + 4] * f;
            x[off + 5] = z[zo + 5] * f;
        }
    }

    /**
     * n ≥ {@value Kernels#WIDE}: the reductions (dot products, distances, labels) in {@link Lanes}' eight lanes (the
     * scalar lanes: O(s·n) a round, where the Vector API's JIT warm-up does not pay); the element-wise updates are the
     * generic loops' (C2 vectorises them, with the same bits).
     */
    static final class Wide extends VecKernel {
        private final Lanes lanes;

        Wide(int n, Lanes lanes) {
            super(n);
            this.lanes = lanes;
        }

        @Override
        public String name() {
            return "wide-" + lanes.name();
        }

        @Override
        public double dot(double[] a, int oa, double[] b, int ob) {
            return lanes.dot(a, oa, b, ob, n);
        }

        @Override
        public double sqDist(double[] a, double[] b) {
            return lanes.sqDist(a, b, n);
        }

        @Override
        public void residuals(double[] x, int s, double[] y, double[] w, double[] e, double[] diag) {
            for (int a = 0, o = 0; a < s; a++, o += n) {
                e[a] = y[a] - lanes.dot(x, o, w, 0, n);
                diag[a] = lanes.dot(x, o, x, o, n);
            }
        }

        @Override
        public void labels(double[] x, int s, double[] w, double[] y, double[] g) {
            lanes.labels(x, n, s, w, y, g);
        }
    }
}
