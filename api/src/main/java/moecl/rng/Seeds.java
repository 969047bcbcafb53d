package moecl.rng;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Splitting one master seed into named, independent random streams.
 *
 * <p><b>Why named streams.</b> A run has one master seed, but its consumers (task arrivals, router noise, expert
 * initialisation, ...) each get their own stream derived from the master seed and a stable name. Adding a draw to
 * one consumer then leaves every other consumer's numbers unchanged, so experiments stay comparable across code
 * changes and options (for example, switching the router does not change the task sequence).
 *
 * <p><b>Why not in numpy-legacy mode.</b> The reference scripts draw everything from numpy's single global
 * stream, in program order. To replay them the engine must use one {@link NumpyLegacyRandom} created with
 * {@link #numpy(long)} from the master seed itself and consume it in the scripts' order (docs/paper.md section
 * 8); it does not use named streams then. {@link #stream(RngKind, long, String)} still accepts
 * {@link RngKind#NUMPY_LEGACY} (giving a numpy-legacy generator seeded from the derived seed), for auxiliary
 * streams and tests, but such a stream is <em>not</em> what the scripts draw.
 *
 * <p><b>Stability.</b> {@link #derive(long, String)} is part of the reproducibility contract: run folders record
 * the master seed and stream names, and the same pair must give the same stream forever. Its definition must not
 * change (the tests pin some values).
 */
public final class Seeds {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private Seeds() {
    }

    /**
     * The seed of stream {@code name} under master seed {@code master}:
     * {@code mix64(mix64(master + golden) ^ mix64(fnv1a64(utf8(name))))}, with SplitMix64's mixer
     * {@code mix64}.
     *
     * <p>Why this form: {@code mix64(master + golden)} is SplitMix64's first output for {@code master}, so
     * neighbouring master seeds (0, 1, 2, ...) give unrelated values; the name is hashed with 64-bit FNV-1a over
     * its UTF-8 bytes, which is fixed by specification (unlike a 32-bit {@link String#hashCode()}, which
     * collides easily, e.g. "Aa" and "BB") and then mixed so that names differing in one character differ in
     * about half the bits; the final mix decorrelates the combination. Both inner mixes are bijections, so two
     * names give the same seed under a master seed only if their FNV-1a hashes collide.
     *
     * @param master the run's master seed
     * @param name   the stream name, e.g. {@code "tasks"}; any string, not null
     * @return the derived seed
     */
    public static long derive(long master, String name) {
        Objects.requireNonNull(name, "stream name");
        return FastRandom.mix64(FastRandom.mix64(master + GOLDEN_GAMMA) ^ FastRandom.mix64(fnv1a64(name)));
    }

    /** 64-bit FNV-1a over the UTF-8 bytes of {@code s}. */
    static long fnv1a64(String s) {
        long h = FNV_OFFSET;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xFF;
            h *= FNV_PRIME;
        }
        return h;
    }

    /**
     * The named stream {@code name} of a run with master seed {@code master}.
     *
     * @param kind   {@link RngKind#FAST}: a {@link FastRandom} seeded with {@link #derive(long, String)};
     *               {@link RngKind#NUMPY_LEGACY}: a {@link NumpyLegacyRandom} seeded with the derived seed folded
     *               to 32 bits (high half xor low half), which is a valid numpy stream but not the reference
     *               scripts' stream (use {@link #numpy(long)} for that)
     * @param master the run's master seed
     * @param name   the stream name, not null
     * @return a fresh generator
     */
    public static RandomSource stream(RngKind kind, long master, String name) {
        Objects.requireNonNull(kind, "rng kind");
        long seed = derive(master, name);
        return switch (kind) {
            case FAST -> new FastRandom(seed);
            case NUMPY_LEGACY -> new NumpyLegacyRandom((seed ^ (seed >>> 32)) & NumpyLegacyRandom.MAX_SEED);
        };
    }

    /**
     * The one global stream of the reference scripts, {@code np.random.seed(seed)}: used as is, with no name
     * derivation, when a run replays the scripts ({@link RngKind#NUMPY_LEGACY}).
     *
     * @param seed in [0, 2^32 - 1], as numpy requires
     * @return a fresh generator
     * @throws IllegalArgumentException for seeds outside that range
     */
    public static NumpyLegacyRandom numpy(long seed) {
        return new NumpyLegacyRandom(seed);
    }
}
