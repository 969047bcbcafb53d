package moecl.rng;

/**
 * A stream of pseudo-random numbers. Every random draw in moecl goes through this interface so that a run can be
 * replayed either with a fast generator or, in {@code numpy-legacy} mode, draw for draw against the authors'
 * numpy scripts.
 *
 * <p>Implementations are not thread-safe: a run owns its streams.
 */
@moecl.spi.Stable
public interface RandomSource {

    /** A standard normal draw, N(0, 1) (numpy: {@code randn()} / {@code standard_normal}). */
    double nextGaussian();

    /** A uniform double in [0, 1) (numpy: {@code random_sample()}). */
    double nextDouble();

    /** A uniform integer in [0, n), n &ge; 1 (numpy: {@code randint(0, n)}). */
    int nextInt(int n);

    /** A uniform double in [a, b) (numpy: {@code uniform(a, b)} is {@code a + (b - a) * random_sample()}). */
    default double uniform(double a, double b) {
        return a + (b - a) * nextDouble();
    }

    /** Fills {@code out[from..from+n)} with standard normal draws, in order. */
    default void fillGaussian(double[] out, int from, int n) {
        for (int i = 0; i < n; i++) {
            out[from + i] = nextGaussian();
        }
    }

    /**
     * Fills {@code out[from..from+n)} with {@code uniform(a, b)} draws, in order: the same values and the same
     * generator state afterwards as {@code n} calls of {@link #uniform(double, double)}.
     */
    default void fillUniform(double[] out, int from, int n, double a, double b) {
        for (int i = 0; i < n; i++) {
            out[from + i] = uniform(a, b);
        }
    }

    /** How many draws of the underlying generator this stream has consumed (provenance). */
    long draws();
}
