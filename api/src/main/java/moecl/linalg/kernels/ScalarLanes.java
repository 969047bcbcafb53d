package moecl.linalg.kernels;

/** {@link Lanes} in plain Java: eight scalar accumulators, {@link Math#fma}. The reference for the vector code. */
sealed class ScalarLanes extends Lanes permits WideVectors {

    @Override
    public double dot(double[] a, int oa, double[] b, int ob, int n) {
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
    public double sqDist(double[] a, double[] b, int n) {
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
            double d0 = a[i] - b[i];
            double d1 = a[i + 1] - b[i + 1];
            double d2 = a[i + 2] - b[i + 2];
            double d3 = a[i + 3] - b[i + 3];
            double d4 = a[i + 4] - b[i + 4];
            double d5 = a[i + 5] - b[i + 5];
            double d6 = a[i + 6] - b[i + 6];
            double d7 = a[i + 7] - b[i + 7];
            l0 = Math.fma(d0, d0, l0);
            l1 = Math.fma(d1, d1, l1);
            l2 = Math.fma(d2, d2, l2);
            l3 = Math.fma(d3, d3, l3);
            l4 = Math.fma(d4, d4, l4);
            l5 = Math.fma(d5, d5, l5);
            l6 = Math.fma(d6, d6, l6);
            l7 = Math.fma(d7, d7, l7);
        }
        for (int k = 0; i < n; i++, k++) { // lane k takes term i
            double diff = a[i] - b[i];
            switch (k) {
                case 0 -> l0 = Math.fma(diff, diff, l0);
                case 1 -> l1 = Math.fma(diff, diff, l1);
                case 2 -> l2 = Math.fma(diff, diff, l2);
                case 3 -> l3 = Math.fma(diff, diff, l3);
                case 4 -> l4 = Math.fma(diff, diff, l4);
                case 5 -> l5 = Math.fma(diff, diff, l5);
                default -> l6 = Math.fma(diff, diff, l6);
            }
        }
        return tree(l0, l1, l2, l3, l4, l5, l6, l7);
    }

    /**
     * Each entry exactly {@link #dot}'s value: two at a time ({@link #dot2}: one column's loads shared) where the
     * machine has 32 vector registers, one at a time where it has 16 ({@link Registers}).
     */
    @Override
    public void gram(double[] x, int d, int s, double[] g) {
        if (Registers.MANY) {
            gramInPairs(x, d, s, g);
        } else {
            gramByEntries(x, d, s, g);
        }
    }

    /**
     * How many vector registers the JIT's code has: 32 with AVX-512 (and on other architectures, such as ARM's),
     * 16 with AVX2. {@link #dot2}'s sixteen lane chains and its eight loaded values fit in 32; in 16 they spill, and
     * one entry at a time is faster: at d = 500, s = 50, 204 against 173 µs a Gram matrix under AVX2, 128 against
     * 185 µs with AVX-512 (BENCHMARKS.md, "Large d"). Read where the JVM says it (its preferred vector width, when
     * the Vector API module is present: it follows {@code -XX:UseAVX}), else from the CPU's flags;
     * {@code -Dmoecl.kernels.registers=16|32} decides instead (tests, benchmarks). Either way the bits are the same.
     */
    static final class Registers {
        static final boolean MANY = many();

        private Registers() {
        }

        private static boolean many() {
            String p = System.getProperty("moecl.kernels.registers");
            if (p != null && !p.isBlank()) {
                return !p.trim().equals("16");
            }
            if (Kernels.vectorModule()) {
                return Kernels.eightLaneVectors(); // Kernels found the JVM's vector width once already
            }
            String arch = System.getProperty("os.arch", "");
            if (!arch.equals("amd64") && !arch.equals("x86_64")) {
                return true;
            }
            try {
                for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/cpuinfo"))) {
                    if (line.startsWith("flags")) {
                        return line.contains(" avx512f");
                    }
                }
            } catch (java.io.IOException | RuntimeException e) {
                // unknown: the pairs
            }
            return true;
        }
    }

    /** {@link #gram} two entries at a time. */
    void gramInPairs(double[] x, int d, int s, double[] g) {
        for (int a = 0; a < s; a++) {
            int oa = a * d;
            int b = 0;
            for (; b + 1 <= a; b += 2) {
                dot2(x, oa, b * d, (b + 1) * d, d, g, a * s + b);
            }
            if (b <= a) {
                g[a * s + b] = dot(x, oa, x, b * d, d);
            }
        }
    }

    /** {@link #gram} one entry at a time. */
    void gramByEntries(double[] x, int d, int s, double[] g) {
        for (int a = 0; a < s; a++) {
            int oa = a * d;
            for (int b = 0; b <= a; b++) {
                g[a * s + b] = dot(x, oa, x, b * d, d);
            }
        }
    }

    /**
     * {@code g[at] = dot(x_a, x_b0)} and {@code g[at + 1] = dot(x_a, x_b1)} (columns at offsets oa, ob0, ob1) in one
     * pass: sixteen scalar lanes, the same chains as {@link #dot}'s (faster for the Gram matrix at d = 500:
     * BENCHMARKS.md).
     */
    private static void dot2(double[] x, int oa, int ob0, int ob1, int n, double[] g, int at) {
        double p0 = 0, p1 = 0, p2 = 0, p3 = 0, p4 = 0, p5 = 0, p6 = 0, p7 = 0;
        double q0 = 0, q1 = 0, q2 = 0, q3 = 0, q4 = 0, q5 = 0, q6 = 0, q7 = 0;
        int i = 0;
        for (int end = n - 7; i < end; i += 8) {
            double a0 = x[oa + i];
            double a1 = x[oa + i + 1];
            double a2 = x[oa + i + 2];
            double a3 = x[oa + i + 3];
            double a4 = x[oa + i + 4];
            double a5 = x[oa + i + 5];
            double a6 = x[oa + i + 6];
            double a7 = x[oa + i + 7];
            p0 = Math.fma(a0, x[ob0 + i], p0);
            p1 = Math.fma(a1, x[ob0 + i + 1], p1);
            p2 = Math.fma(a2, x[ob0 + i + 2], p2);
            p3 = Math.fma(a3, x[ob0 + i + 3], p3);
            p4 = Math.fma(a4, x[ob0 + i + 4], p4);
            p5 = Math.fma(a5, x[ob0 + i + 5], p5);
            p6 = Math.fma(a6, x[ob0 + i + 6], p6);
            p7 = Math.fma(a7, x[ob0 + i + 7], p7);
            q0 = Math.fma(a0, x[ob1 + i], q0);
            q1 = Math.fma(a1, x[ob1 + i + 1], q1);
            q2 = Math.fma(a2, x[ob1 + i + 2], q2);
            q3 = Math.fma(a3, x[ob1 + i + 3], q3);
            q4 = Math.fma(a4, x[ob1 + i + 4], q4);
            q5 = Math.fma(a5, x[ob1 + i + 5], q5);
            q6 = Math.fma(a6, x[ob1 + i + 6], q6);
            q7 = Math.fma(a7, x[ob1 + i + 7], q7);
        }
        int rest = n - i; // lane k takes term i + k; no array for the tail: a non-constant index keeps C2 from
        // scalar-replacing it, and an array made per call was most of a large-d run's allocation
        if (rest > 0) {
            p0 = Math.fma(x[oa + i], x[ob0 + i], p0);
            q0 = Math.fma(x[oa + i], x[ob1 + i], q0);
        }
        if (rest > 1) {
            p1 = Math.fma(x[oa + i + 1], x[ob0 + i + 1], p1);
            q1 = Math.fma(x[oa + i + 1], x[ob1 + i + 1], q1);
        }
        if (rest > 2) {
            p2 = Math.fma(x[oa + i + 2], x[ob0 + i + 2], p2);
            q2 = Math.fma(x[oa + i + 2], x[ob1 + i + 2], q2);
        }
        if (rest > 3) {
            p3 = Math.fma(x[oa + i + 3], x[ob0 + i + 3], p3);
            q3 = Math.fma(x[oa + i + 3], x[ob1 + i + 3], q3);
        }
        if (rest > 4) {
            p4 = Math.fma(x[oa + i + 4], x[ob0 + i + 4], p4);
            q4 = Math.fma(x[oa + i + 4], x[ob1 + i + 4], q4);
        }
        if (rest > 5) {
            p5 = Math.fma(x[oa + i + 5], x[ob0 + i + 5], p5);
            q5 = Math.fma(x[oa + i + 5], x[ob1 + i + 5], q5);
        }
        if (rest > 6) {
            p6 = Math.fma(x[oa + i + 6], x[ob0 + i + 6], p6);
            q6 = Math.fma(x[oa + i + 6], x[ob1 + i + 6], q6);
        }
        g[at] = tree(p0, p1, p2, p3, p4, p5, p6, p7);
        g[at + 1] = tree(q0, q1, q2, q3, q4, q5, q6, q7);
    }

    /**
     * A block of a vector Gram kernel finished from its lanes: {@code rows} columns from {@code a0} against two from
     * {@code b0}, pair (a0 + p, b0 + q) with its eight lanes at {@code acc[o0 + (2p + q)·8 ..]}; the scalar tail
     * from row {@code from} into the lanes, then the tree; only the lower triangle is kept. Kept out of the vector
     * loops so that C2 compiles those quickly.
     */
    static void finishBlock(double[] acc, int o0, double[] g, int s, int a0, int b0, int rows, double[] x, int d,
                            int from) {
        for (int p = 0; p < rows; p++) {
            int oa = (a0 + p) * d;
            for (int q = 0; q < 2 && b0 + q <= a0 + p; q++) {
                int ob = (b0 + q) * d;
                int o = o0 + (2 * p + q) * 8;
                for (int i = from, k = o; i < d; i++, k++) {
                    acc[k] = Math.fma(x[oa + i], x[ob + i], acc[k]);
                }
                g[(a0 + p) * s + b0 + q] = tree(acc[o], acc[o + 1], acc[o + 2], acc[o + 3], acc[o + 4], acc[o + 5],
                        acc[o + 6], acc[o + 7]);
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
    public double addCombination(double[] x, int d, int s, double[] c, double[] w) {
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
    public void labels(double[] x, int d, int s, double[] w, double[] y, double[] g) {
        for (int j = 0; j < s; j++) {
            int off = j * d;
            y[j] = dot(x, off, w, 0, d);
            for (int i = 0; i < d; i++) {
                g[i] += x[off + i];
            }
        }
    }

    @Override
    public String name() {
        return "scalar";
    }
}
