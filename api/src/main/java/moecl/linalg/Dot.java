package moecl.linalg;

/**
 * The dot product of the engine's hot loops (Gram entries, predictions, gate outputs), at the paper's sizes a
 * handful of terms each: two interleaved partial sums halve the chain of dependent additions, which is what these
 * short products wait on.
 *
 * <p>At n = 10, the paper's dimension, a straight-line kernel does the same additions in the same order: a loop of
 * five steps runs in C2's unaligned pre- and post-loops, and the loop control cost more than the arithmetic
 * (same-JVM A/B of the engine round, M = 20: 0.92 with this and the gate step's unrolled update).
 */
public final class Dot {

    private Dot() {
    }

    /** {@code Σ_{i<n} a[oa + i] b[ob + i]}, the even and the odd terms summed separately, then added. */
    public static double of(double[] a, int oa, double[] b, int ob, int n) {
        if (n == 10) {
            return of10(a, oa, b, ob);
        }
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

    /** {@link #of} at n = 10, straight-line: the same terms in the same order ({@code 0.0 +} keeps a −0 sum +0). */
    static double of10(double[] a, int oa, double[] b, int ob) {
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
}
