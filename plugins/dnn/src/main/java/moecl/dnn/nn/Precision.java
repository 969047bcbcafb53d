package moecl.dnn.nn;

/**
 * The floating-point format of a {@link Network}'s parameters, activations and gradients. {@link #FLOAT64}
 * reproduces PyTorch's float64 bit for bit in what this module computes (fixed FMA chains); {@link #FLOAT32} is
 * PyTorch's default format, twice as many values per vector and half the memory traffic, and agrees with PyTorch
 * float32 within float32 rounding (README: "Precision").
 */
public enum Precision {
    /** IEEE binary32 ({@code float}). */
    FLOAT32("float32", Float.BYTES),
    /** IEEE binary64 ({@code double}). */
    FLOAT64("float64", Double.BYTES);

    private final String label;
    private final int bytes;

    Precision(String label, int bytes) {
        this.label = label;
        this.bytes = bytes;
    }

    /** The name used in specs and benchmarks: {@code float32} or {@code float64}. */
    public String label() {
        return label;
    }

    /** Bytes per value. */
    public int bytes() {
        return bytes;
    }

    /** The precision named {@code float32} or {@code float64}. */
    public static Precision of(String label) {
        for (Precision p : values()) {
            if (p.label.equals(label)) {
                return p;
            }
        }
        throw new IllegalArgumentException("precision '" + label + "' is not allowed; allowed: float32, float64");
    }

    @Override
    public String toString() {
        return label;
    }
}
