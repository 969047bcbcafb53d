package moecl.theory;

import java.util.OptionalInt;

/**
 * How much of an expert's error survives one minimum-norm update: the contraction factor {@code r} of the one-step
 * lemma {@code E||w_k − g||² = r·E||w_{k−1} − g||² + (1−r)·||w*_k − g||² + q}, together with the label-noise gain
 * that gives the per-update noise {@code q = sigma² · noiseGain}.
 *
 * <ul>
 *   <li>{@link #isotropic(int, int)}: features with i.i.d. N(0,1) entries (the {@code gaussian} generator, or any
 *       rotation-invariant distribution). Then the column span of {@code X} is a uniformly random {@code s}-dimensional
 *       subspace, {@code r = 1 − s/d} and {@code noiseGain = s/(d−s−1)} (mean of an inverse Wishart matrix, needs
 *       {@code d ≥ s+2}). <b>Exact.</b></li>
 *   <li>{@link #rEffective(double)} / {@link #rEffective(double, double)}: an <b>approximation</b> for generators that
 *       are not rotation-invariant, where the caller supplies an effective contraction factor. Example: for the
 *       {@code clusters} generator one update fits the task's model almost exactly in the directions that matter,
 *       so {@code rEffective(0)} is the documented approximation. The resulting curves are not exact expectations;
 *       they are the lemma's recursion evaluated with the given {@code r}.</li>
 * </ul>
 */
public final class Projection {

    private final double r;
    private final double noiseGain; // NaN: label noise not supported
    private final int d; // 0 when not isotropic
    private final int s;

    private Projection(double r, double noiseGain, int d, int s) {
        this.r = r;
        this.noiseGain = noiseGain;
        this.d = d;
        this.s = s;
    }

    /**
     * Exact projection factor for rotation-invariant features: {@code r = 1 − s/d}.
     *
     * @param d feature dimension, {@code d > s}
     * @param s samples per task, {@code 1 ≤ s < d}
     */
    public static Projection isotropic(int d, int s) {
        if (s < 1) {
            throw Check.fail("s must be >= 1; got s = " + s);
        }
        if (d <= s) {
            throw Check.fail("s must be < d (overparameterised regime); got s = " + s + ", d = " + d);
        }
        double gain = d >= s + 2 ? (double) s / (d - s - 1) : Double.NaN;
        return new Projection(1.0 - (double) s / d, gain, d, s);
    }

    /**
     * Approximate projection with an explicit effective contraction factor and no label-noise model (any
     * {@code sigma > 0} is then refused).
     *
     * @param r effective fraction of the error that survives one update, {@code 0 ≤ r < 1}
     */
    public static Projection rEffective(double r) {
        checkR(r);
        return new Projection(r, Double.NaN, 0, 0);
    }

    /**
     * Approximate projection with an explicit effective contraction factor and label-noise gain: each update adds
     * {@code sigma² · noiseGain} to the expected squared error (for isotropic features {@code noiseGain = s/(d−s−1)}).
     */
    public static Projection rEffective(double r, double noiseGain) {
        checkR(r);
        if (!(noiseGain >= 0) || Double.isInfinite(noiseGain)) {
            throw Check.fail("noiseGain must be finite and >= 0; got noiseGain = " + noiseGain);
        }
        return new Projection(r, noiseGain, 0, 0);
    }

    private static void checkR(double r) {
        if (!(r >= 0 && r < 1)) {
            throw Check.fail("r must be finite and in [0, 1); got r = " + r);
        }
    }

    /** The contraction factor {@code r}. */
    public double r() {
        return r;
    }

    /** True for {@link #isotropic(int, int)} (exact expectations); false for an {@code rEffective} approximation. */
    public boolean isExact() {
        return d > 0;
    }

    /** The feature dimension of an isotropic projection; empty for {@code rEffective}. */
    public OptionalInt d() {
        return d > 0 ? OptionalInt.of(d) : OptionalInt.empty();
    }

    /** The samples per task of an isotropic projection; empty for {@code rEffective}. */
    public OptionalInt s() {
        return d > 0 ? OptionalInt.of(s) : OptionalInt.empty();
    }

    /**
     * The expected squared error one update's label noise adds, {@code q = sigma² · noiseGain}
     * ({@code sigma² s/(d−s−1)} for isotropic features).
     *
     * @throws IllegalArgumentException if {@code sigma} is negative or not finite, or {@code sigma > 0} and the
     *         projection has no noise model ({@code d < s+2}, or {@code rEffective(r)} without a gain)
     */
    public double noisePerUpdate(double sigma) {
        Check.sigma(sigma);
        if (sigma == 0) {
            return 0;
        }
        if (Double.isNaN(noiseGain)) {
            if (d > 0) {
                throw Check.fail("label noise sigma = " + sigma + " > 0 requires d >= s + 2; got d = " + d
                        + ", s = " + s);
            }
            throw Check.fail("label noise sigma = " + sigma
                    + " > 0 needs a noise gain for an rEffective projection; use Projection.rEffective(r, noiseGain)");
        }
        return sigma * sigma * noiseGain;
    }

    /**
     * The limit of the accumulated label-noise error after many updates, {@code q/(1−r)}
     * ({@code d·sigma²/(d−s−1)} for isotropic features).
     */
    public double noiseFloor(double sigma) {
        return noisePerUpdate(sigma) / (1 - r);
    }

    @Override
    public String toString() {
        return d > 0
                ? "Projection.isotropic(d=" + d + ", s=" + s + ", r=" + r + ")"
                : "Projection.rEffective(r=" + r + (Double.isNaN(noiseGain) ? "" : ", noiseGain=" + noiseGain)
                        + ") [approximation]";
    }
}
