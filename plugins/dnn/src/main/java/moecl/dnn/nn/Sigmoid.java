package moecl.dnn.nn;

/**
 * Logistic function {@code y = 1 / (1 + e^{-x})} elementwise; backward uses the output,
 * {@code dx = dy · y · (1 − y)}. Uses {@link StrictMath#exp} (fdlibm) rather than the platform intrinsic so that,
 * like every other operation here, the result is the same on every JVM and machine; it is applied to one value per
 * sample, so the cost does not matter.
 */
public final class Sigmoid extends Layer {

    public Sigmoid(Shape shape) {
        super(shape, shape);
    }

    @Override
    public void forward(double[] params, int pOff, double[] x, int xOff, double[] y, int yOff, int n,
                        double[] scratch) {
        int len = n * inputSize();
        for (int i = 0; i < len; i++) {
            y[yOff + i] = 1.0 / (1.0 + StrictMath.exp(-x[xOff + i]));
        }
    }

    @Override
    public void backward(double[] params, int pOff, double[] x, int xOff, double[] y, int yOff, double[] dy,
                         int dyOff, double[] dx, int dxOff, double[] grad, int gOff, int n, double[] scratch) {
        if (dx == null) {
            return;
        }
        int len = n * inputSize();
        for (int i = 0; i < len; i++) {
            double s = y[yOff + i];
            dx[dxOff + i] = dy[dyOff + i] * s * (1.0 - s);
        }
    }

    /** Float32: the logistic function of the float input computed in double and rounded once to float. */
    @Override
    public void forward(float[] params, int pOff, float[] x, int xOff, float[] y, int yOff, int n, float[] scratch) {
        int len = n * inputSize();
        for (int i = 0; i < len; i++) {
            y[yOff + i] = (float) (1.0 / (1.0 + StrictMath.exp(-(double) x[xOff + i])));
        }
    }

    @Override
    public void backward(float[] params, int pOff, float[] x, int xOff, float[] y, int yOff, float[] dy, int dyOff,
                         float[] dx, int dxOff, float[] grad, int gOff, int n, float[] scratch) {
        if (dx == null) {
            return;
        }
        int len = n * inputSize();
        for (int i = 0; i < len; i++) {
            float s = y[yOff + i];
            dx[dxOff + i] = dy[dyOff + i] * s * (1f - s);
        }
    }

    @Override
    public String toString() {
        return "Sigmoid()";
    }
}
