package moecl.theory;

import java.util.Arrays;

/**
 * Expected forgetting and generalization curves, index {@code t−1} holding round {@code t = 1..T}. By convention
 * {@code F_1 = 0} (the paper's {@code 1/(t−1)} average over no past tasks is empty).
 *
 * <p>The record copies the arrays on the way in and on the way out; use {@link #forgettingAt(int)} and
 * {@link #generalizationAt(int)} for single values.
 */
public record TheoryCurve(double[] forgetting, double[] generalization) {

    public TheoryCurve {
        Check.notNull("forgetting", forgetting);
        Check.notNull("generalization", generalization);
        if (forgetting.length != generalization.length) {
            throw Check.fail("forgetting and generalization must have the same length; got " + forgetting.length
                    + " and " + generalization.length);
        }
        if (forgetting.length < 1) {
            throw Check.fail("a curve must have at least one round (T >= 1); got T = 0");
        }
        forgetting = forgetting.clone();
        generalization = generalization.clone();
    }

    /** Number of rounds {@code T}. */
    public int length() {
        return forgetting.length;
    }

    /** Expected forgetting {@code E[F_t]}, {@code 1 ≤ t ≤ T}. */
    public double forgettingAt(int t) {
        return forgetting[index(t)];
    }

    /** Expected generalization error {@code E[G_t]}, {@code 1 ≤ t ≤ T}. */
    public double generalizationAt(int t) {
        return generalization[index(t)];
    }

    /** A copy of the forgetting curve. */
    @Override
    public double[] forgetting() {
        return forgetting.clone();
    }

    /** A copy of the generalization curve. */
    @Override
    public double[] generalization() {
        return generalization.clone();
    }

    private int index(int t) {
        if (t < 1 || t > forgetting.length) {
            throw Check.fail("t must be in [1, T] = [1, " + forgetting.length + "]; got t = " + t);
        }
        return t - 1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TheoryCurve c && Arrays.equals(forgetting, c.forgetting)
                && Arrays.equals(generalization, c.generalization);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(forgetting) + Arrays.hashCode(generalization);
    }

    @Override
    public String toString() {
        int t = forgetting.length;
        return "TheoryCurve[T=" + t + ", F_T=" + forgetting[t - 1] + ", G_T=" + generalization[t - 1] + "]";
    }
}
