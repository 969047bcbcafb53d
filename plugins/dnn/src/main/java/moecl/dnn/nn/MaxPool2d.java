package moecl.dnn.nn;

import java.util.Arrays;

/**
 * Max pooling over non-overlapping {@code size × size} windows (stride = size, no padding; trailing rows and
 * columns that do not fill a window are dropped, as in PyTorch's default {@code floor} mode).
 *
 * <p>Ties go to the first maximum in row-major window order (PyTorch's rule), ordering {@code −0.0} below
 * {@code 0.0} as {@link Math#max} does. The backward pass finds the winner again from the input with the same
 * comparisons instead of storing indices, which keeps the layer stateless; it routes {@code dy} to that one input and
 * 0 to the others. The common 2×2 case is computed without branches (comparisons become sign bits), because with
 * random data a branch per comparison is mispredicted half the time.
 */
public final class MaxPool2d extends Layer {

    private final int size;

    /** Pooling with square windows of {@code size} (the paper's LeNet uses 2). */
    public MaxPool2d(Shape input, int size) {
        super(input, outputShape(input, size));
        this.size = size;
    }

    private static Shape outputShape(Shape in, int size) {
        if (size <= 0 || in.height() < size || in.width() < size) {
            throw new IllegalArgumentException("max pool " + size + " does not fit input " + in);
        }
        return Shape.of(in.channels(), in.height() / size, in.width() / size);
    }

    /** Window side (and stride). */
    public int size() {
        return size;
    }

    @Override
    public void forward(double[] params, int pOff, double[] x, int xOff, double[] y, int yOff, int n,
                        double[] scratch) {
        Shape in = inputShape();
        Shape out = outputShape();
        int h = in.height();
        int w = in.width();
        int planes = n * in.channels();
        if (size == 2) {
            forward2(x, xOff, y, yOff, planes, h, w);
            return;
        }
        for (int pl = 0; pl < planes; pl++) {
            int xp = xOff + pl * h * w;
            int yp = yOff + pl * out.height() * out.width();
            for (int oy = 0; oy < out.height(); oy++) {
                for (int ox = 0; ox < out.width(); ox++) {
                    y[yp + oy * out.width() + ox] = x[argmax(x, xp, w, oy, ox)];
                }
            }
        }
    }

    @Override
    public void backward(double[] params, int pOff, double[] x, int xOff, double[] y, int yOff, double[] dy,
                         int dyOff, double[] dx, int dxOff, double[] grad, int gOff, int n, double[] scratch) {
        if (dx == null) {
            return;
        }
        Shape in = inputShape();
        Shape out = outputShape();
        int h = in.height();
        int w = in.width();
        int planes = n * in.channels();
        if (size == 2) {
            backward2(x, xOff, dy, dyOff, dx, dxOff, planes, h, w);
            return;
        }
        Arrays.fill(dx, dxOff, dxOff + n * in.size(), 0.0);
        for (int pl = 0; pl < planes; pl++) {
            int xp = xOff + pl * h * w;
            int yp = dyOff + pl * out.height() * out.width();
            for (int oy = 0; oy < out.height(); oy++) {
                for (int ox = 0; ox < out.width(); ox++) {
                    dx[dxOff + argmax(x, xp, w, oy, ox) - xOff] = dy[yp + oy * out.width() + ox];
                }
            }
        }
    }

    private static void forward2(double[] x, int xOff, double[] y, int yOff, int planes, int h, int w) {
        int oh = h / 2;
        int ow = w / 2;
        for (int pl = 0; pl < planes; pl++) {
            int xp = xOff + pl * h * w;
            int yp = yOff + pl * oh * ow;
            for (int oy = 0; oy < oh; oy++) {
                int r0 = xp + 2 * oy * w;
                int r1 = r0 + w;
                int yr = yp + oy * ow;
                for (int ox = 0; ox < ow; ox++) {
                    int c = 2 * ox;
                    y[yr + ox] = Math.max(Math.max(x[r0 + c], x[r0 + c + 1]), Math.max(x[r1 + c], x[r1 + c + 1]));
                }
            }
        }
    }

    private static void backward2(double[] x, int xOff, double[] dy, int dyOff, double[] dx, int dxOff, int planes,
                                  int h, int w) {
        int oh = h / 2;
        int ow = w / 2;
        for (int pl = 0; pl < planes; pl++) {
            int xp = pl * h * w;
            int yp = dyOff + pl * oh * ow;
            if (h % 2 != 0 || w % 2 != 0) {
                Arrays.fill(dx, dxOff + xp, dxOff + xp + h * w, 0.0);
            }
            for (int oy = 0; oy < oh; oy++) {
                int r0 = xp + 2 * oy * w;
                for (int ox = 0; ox < ow; ox++) {
                    int i0 = r0 + 2 * ox;
                    double a = x[xOff + i0];
                    double b = x[xOff + i0 + 1];
                    double c = x[xOff + i0 + w];
                    double d = x[xOff + i0 + w + 1];
                    int right0 = greater(b, a);
                    int right1 = greater(d, c);
                    int bottom = greater(Math.max(c, d), Math.max(a, b));
                    int col = (right0 & (bottom ^ 1)) | (right1 & bottom);
                    int o = dxOff + i0;
                    dx[o] = 0.0;
                    dx[o + 1] = 0.0;
                    dx[o + w] = 0.0;
                    dx[o + w + 1] = 0.0;
                    dx[o + bottom * w + col] = dy[yp + oy * ow + ox];
                }
            }
        }
    }

    /**
     * 1 if {@code v > m} else 0, branch-free: the sign bit of {@code m − v}. Agrees with {@link Math#max} on
     * signed zeros ({@code 0.0 > −0.0}); for finite values it is the ordinary comparison.
     */
    static int greater(double v, double m) {
        return (int) (Double.doubleToRawLongBits(m - v) >>> 63);
    }

    /** Index in {@code x} of the first maximum of window {@code (oy, ox)} of the plane starting at {@code xp}. */
    private int argmax(double[] x, int xp, int w, int oy, int ox) {
        int best = xp + oy * size * w + ox * size;
        double max = x[best];
        for (int dy = 0; dy < size; dy++) {
            int row = xp + (oy * size + dy) * w + ox * size;
            for (int dx = 0; dx < size; dx++) {
                if (greater(x[row + dx], max) != 0) {
                    max = x[row + dx];
                    best = row + dx;
                }
            }
        }
        return best;
    }

    @Override
    public void forward(float[] params, int pOff, float[] x, int xOff, float[] y, int yOff, int n,
                        float[] scratch) {
        Shape in = inputShape();
        Shape out = outputShape();
        int h = in.height();
        int w = in.width();
        int planes = n * in.channels();
        if (size == 2) {
            forward2(x, xOff, y, yOff, planes, h, w);
            return;
        }
        for (int pl = 0; pl < planes; pl++) {
            int xp = xOff + pl * h * w;
            int yp = yOff + pl * out.height() * out.width();
            for (int oy = 0; oy < out.height(); oy++) {
                for (int ox = 0; ox < out.width(); ox++) {
                    y[yp + oy * out.width() + ox] = x[argmax(x, xp, w, oy, ox)];
                }
            }
        }
    }

    @Override
    public void backward(float[] params, int pOff, float[] x, int xOff, float[] y, int yOff, float[] dy,
                         int dyOff, float[] dx, int dxOff, float[] grad, int gOff, int n, float[] scratch) {
        if (dx == null) {
            return;
        }
        Shape in = inputShape();
        Shape out = outputShape();
        int h = in.height();
        int w = in.width();
        int planes = n * in.channels();
        if (size == 2) {
            backward2(x, xOff, dy, dyOff, dx, dxOff, planes, h, w);
            return;
        }
        Arrays.fill(dx, dxOff, dxOff + n * in.size(), 0f);
        for (int pl = 0; pl < planes; pl++) {
            int xp = xOff + pl * h * w;
            int yp = dyOff + pl * out.height() * out.width();
            for (int oy = 0; oy < out.height(); oy++) {
                for (int ox = 0; ox < out.width(); ox++) {
                    dx[dxOff + argmax(x, xp, w, oy, ox) - xOff] = dy[yp + oy * out.width() + ox];
                }
            }
        }
    }

    private static void forward2(float[] x, int xOff, float[] y, int yOff, int planes, int h, int w) {
        int oh = h / 2;
        int ow = w / 2;
        for (int pl = 0; pl < planes; pl++) {
            int xp = xOff + pl * h * w;
            int yp = yOff + pl * oh * ow;
            for (int oy = 0; oy < oh; oy++) {
                int r0 = xp + 2 * oy * w;
                int r1 = r0 + w;
                int yr = yp + oy * ow;
                for (int ox = 0; ox < ow; ox++) {
                    int c = 2 * ox;
                    y[yr + ox] = Math.max(Math.max(x[r0 + c], x[r0 + c + 1]), Math.max(x[r1 + c], x[r1 + c + 1]));
                }
            }
        }
    }

    private static void backward2(float[] x, int xOff, float[] dy, int dyOff, float[] dx, int dxOff, int planes,
                                  int h, int w) {
        int oh = h / 2;
        int ow = w / 2;
        for (int pl = 0; pl < planes; pl++) {
            int xp = pl * h * w;
            int yp = dyOff + pl * oh * ow;
            if (h % 2 != 0 || w % 2 != 0) {
                Arrays.fill(dx, dxOff + xp, dxOff + xp + h * w, 0f);
            }
            for (int oy = 0; oy < oh; oy++) {
                int r0 = xp + 2 * oy * w;
                for (int ox = 0; ox < ow; ox++) {
                    int i0 = r0 + 2 * ox;
                    float a = x[xOff + i0];
                    float b = x[xOff + i0 + 1];
                    float c = x[xOff + i0 + w];
                    float d = x[xOff + i0 + w + 1];
                    int right0 = greater(b, a);
                    int right1 = greater(d, c);
                    int bottom = greater(Math.max(c, d), Math.max(a, b));
                    int col = (right0 & (bottom ^ 1)) | (right1 & bottom);
                    int o = dxOff + i0;
                    dx[o] = 0f;
                    dx[o + 1] = 0f;
                    dx[o + w] = 0f;
                    dx[o + w + 1] = 0f;
                    dx[o + bottom * w + col] = dy[yp + oy * ow + ox];
                }
            }
        }
    }

    /**
     * 1 if {@code v > m} else 0, branch-free: the sign bit of {@code m − v}. Agrees with {@link Math#max} on
     * signed zeros ({@code 0.0 > −0.0}); for finite values it is the ordinary comparison.
     */
    static int greater(float v, float m) {
        return Float.floatToRawIntBits(m - v) >>> 31;
    }

    /** Index in {@code x} of the first maximum of window {@code (oy, ox)} of the plane starting at {@code xp}. */
    private int argmax(float[] x, int xp, int w, int oy, int ox) {
        int best = xp + oy * size * w + ox * size;
        float max = x[best];
        for (int dy = 0; dy < size; dy++) {
            int row = xp + (oy * size + dy) * w + ox * size;
            for (int dx = 0; dx < size; dx++) {
                if (greater(x[row + dx], max) != 0) {
                    max = x[row + dx];
                    best = row + dx;
                }
            }
        }
        return best;
    }

    @Override
    public String toString() {
        return "MaxPool2d(kernel_size=" + size + ")";
    }
}
