package moecl.linalg.kernels;

/**
 * The wide kernels' arithmetic, defined once so that the Vector API and the scalar code give the same bits on every
 * machine: a reduction over n terms runs in eight lanes, term i going to lane {@code i mod 8} as a fused
 * multiply-add ({@code lane = fma(a_i, b_i, lane)}, i ascending, every lane starting at +0), and the lanes are added
 * in the fixed tree {@code ((l0 + l1) + (l2 + l3)) + ((l4 + l5) + (l6 + l7))}. Element-wise results (Δ = X c, the
 * column sums) are chains in a fixed order per element, so how many elements are processed at a time does not
 * change them.
 *
 * <p>{@link ScalarLanes} writes this out in plain Java; {@code VectorLanes} uses 512-bit vectors (one vector is the
 * eight lanes) and {@code VectorLanes256} 256-bit ones (two vectors are the eight lanes); they are loaded only when
 * the {@code jdk.incubator.vector} module is present and the machine has such vectors (AVX-512, AVX2). Instances
 * may hold scratch: one per kernel object, not shared between threads. Get them from {@link Kernels#lanes} or
 * {@link Kernels#scalarLanes}.
 */
public abstract sealed class Lanes permits ScalarLanes {

    /** The lanes' fixed reduction tree. */
    static double tree(double l0, double l1, double l2, double l3, double l4, double l5, double l6, double l7) {
        return ((l0 + l1) + (l2 + l3)) + ((l4 + l5) + (l6 + l7));
    }

    static double tree(double[] l) {
        return tree(l[0], l[1], l[2], l[3], l[4], l[5], l[6], l[7]);
    }

    /** {@code Σ_{i<n} a[oa+i] b[ob+i]} in the eight lanes. */
    public abstract double dot(double[] a, int oa, double[] b, int ob, int n);

    /** {@code Σ_{i<n} (a[i] − b[i])²}: the differences rounded, then squared into the lanes. */
    public abstract double sqDist(double[] a, double[] b, int n);

    /**
     * The lower triangle of {@code X^T X} for X of s columns of length d (column j at {@code x[j·d ..]}):
     * {@code g[a·s + b] = dot(x_a, x_b)} for {@code b ≤ a}, each entry exactly {@link #dot}'s value.
     */
    public abstract void gram(double[] x, int d, int s, double[] g);

    /**
     * {@code w += X c} (d entries, s columns of x): {@code Δ_i = fma(x[(s−1)d+i], c[s−1], … fma(x[i], c[0], +0))},
     * then {@code w_i += Δ_i}; returns {@code Σ Δ_i²} in the lanes.
     */
    public abstract double addCombination(double[] x, int d, int s, double[] c, double[] w);

    /**
     * A task's labels and gate input: {@code y[j] = dot(x_j, w)} and {@code g[i] += x[j·d + i]} for j ascending
     * (g's additions in the same order as a plain loop's).
     */
    public abstract void labels(double[] x, int d, int s, double[] w, double[] y, double[] g);

    /** Which implementation this is, for diagnostics. */
    public abstract String name();
}
