package moecl.rng;

import java.nio.charset.StandardCharsets;

/**
 * Splits one master seed into named, independent streams ({@code pool}, {@code sequence}, {@code tasks},
 * {@code router}, {@code expert.3}, ...), so that adding a draw to one component never shifts another's numbers.
 *
 * <p>In {@code numpy-legacy} mode the engine does not use named streams: the reference scripts draw everything
 * from one global generator, so one {@link #numpy(long)} stream is shared and consumed in the scripts' order.
 */
public final class Seeds {

    private Seeds() {
    }

    /** SplitMix64's finaliser: a bijective 64-bit mix. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A 64-bit seed for stream {@code name} of master seed {@code master} (FNV-1a of the name, then mixed). */
    public static long derive(long master, String name) {
        long h = 0xcbf29ce484222325L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return mix(mix(master) ^ mix(h + 0x9E3779B97F4A7C15L));
    }

    /** The named stream of a master seed. In numpy-legacy mode, a fresh {@code RandomState(master)}. */
    public static RandomSource stream(RngKind kind, long master, String name) {
        return switch (kind) {
            case FAST -> new FastRandom(derive(master, name));
            case NUMPY_LEGACY -> numpy(master);
        };
    }

    /** {@code numpy.random.RandomState(seed)}. */
    public static NumpyLegacyRandom numpy(long seed) {
        return new NumpyLegacyRandom(seed);
    }
}
