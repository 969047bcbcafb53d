package moecl.rng;

import java.util.Locale;

/** The random-number generator of a run. */
public enum RngKind {
    /** {@link FastRandom} with named streams derived from the master seed. */
    FAST("fast"),
    /** {@link NumpyLegacyRandom}: one shared stream, consumed in the reference scripts' order. */
    NUMPY_LEGACY("numpy-legacy");

    private final String label;

    RngKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static RngKind parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (RngKind k : values()) {
            if (k.label.equals(t)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown rng '" + text + "'; allowed: fast, numpy-legacy");
    }
}
