package moecl.linalg;

import moecl.linalg.kernels.VecKernel;

/**
 * The generic dot product: two interleaved partial sums halve the chain of dependent additions, which is what short
 * products wait on. Hot loops take theirs from a {@link VecKernel} chosen once by length
 * ({@link moecl.linalg.kernels.Kernels#vec}), which at n = 10 is written out with these same bits.
 */
public final class Dot {

    private Dot() {
    }

    /** {@code Σ_{i<n} a[oa + i] b[ob + i]}, the even and the odd terms summed separately, then added. */
    public static double of(double[] a, int oa, double[] b, int ob, int n) {
        return VecKernel.dotLoop(a, oa, b, ob, n);
    }
}
