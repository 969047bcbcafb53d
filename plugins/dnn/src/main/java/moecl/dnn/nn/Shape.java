package moecl.dnn.nn;

/**
 * The shape of one sample flowing through a network: {@code channels × height × width}, stored channel-major then
 * row-major (the memory order of one sample of a PyTorch {@code N×C×H×W} tensor). A flat vector of {@code n}
 * features is {@code n × 1 × 1}.
 */
public record Shape(int channels, int height, int width) {

    public Shape {
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("shape dimensions must be positive: " + channels + "x" + height + "x"
                    + width);
        }
    }

    /** A {@code channels × height × width} image shape. */
    public static Shape of(int channels, int height, int width) {
        return new Shape(channels, height, width);
    }

    /** A flat vector of {@code features} values. */
    public static Shape flat(int features) {
        return new Shape(features, 1, 1);
    }

    /** Number of values per sample. */
    public int size() {
        return Math.multiplyExact(Math.multiplyExact(channels, height), width);
    }

    /** Whether this is a flat vector ({@code height = width = 1}). */
    public boolean isFlat() {
        return height == 1 && width == 1;
    }

    @Override
    public String toString() {
        return isFlat() ? Integer.toString(channels) : channels + "x" + height + "x" + width;
    }
}
