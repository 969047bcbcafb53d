package moecl.rng;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Which generator a run uses. Chosen per run (configuration key {@code rng}) and recorded with it, because the
 * same seed gives entirely different numbers under the two kinds.
 */
public enum RngKind {

    /** {@link FastRandom}, one independent named stream per consumer ({@link Seeds#stream}). The default. */
    FAST("fast"),

    /**
     * {@link NumpyLegacyRandom}: one global stream consumed in the reference scripts' order, to replay them
     * number for number (see {@link Seeds#numpy(long)}).
     */
    NUMPY_LEGACY("numpy-legacy");

    private final String id;

    RngKind(String id) {
        this.id = id;
    }

    /**
     * The name used in configurations and on the command line.
     *
     * @return {@code fast} or {@code numpy-legacy}
     */
    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return id;
    }

    /**
     * Parses {@link #id()} values. Case and surrounding blanks are ignored, so that hand-written configurations
     * are forgiving; anything else is an error naming the allowed values.
     *
     * @param text {@code fast} or {@code numpy-legacy}
     * @return the kind
     * @throws IllegalArgumentException for null or any other text
     */
    public static RngKind parse(String text) {
        if (text != null) {
            String t = text.strip().toLowerCase(Locale.ROOT);
            for (RngKind k : values()) {
                if (k.id.equals(t)) {
                    return k;
                }
            }
        }
        throw new IllegalArgumentException("unknown rng kind "
                + (text == null ? "null" : "'" + moecl.spec.Echo.of(text) + "'")
                + "; allowed values: " + Arrays.stream(values()).map(RngKind::id).collect(Collectors.joining(", ")));
    }
}
