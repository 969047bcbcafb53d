package moecl.linalg;

/**
 * The dot product of the engine's hot loops (Gram entries, predictions, gate outputs), at the paper's sizes a
 * handful of terms each: two interleaved partial sums halve the chain of dependent additions, which is what these
 * short products wait on.
 */
public final class Dot {

    private Dot() {
    }

    /** {@code Σ_{i<n} a[oa + i] b[ob + i]}, the even and the odd terms summed separately, then added. */
    public static double of(double[] a, int oa, double[] b, int ob, int n) {
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
}
