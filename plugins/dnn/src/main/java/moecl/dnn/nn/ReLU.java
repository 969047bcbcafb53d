package moecl.dnn.nn;

/**
 * Rectified linear unit, {@code y = max(x, 0)} elementwise ({@link Math#max}, so {@code −0.0} becomes {@code 0.0}).
 * The gradient at exactly 0 is taken as 0 (as in PyTorch), decided from the output: {@code dx = y > 0 ? dy : 0}.
 * Both loops are written without branches (the backward one masks the bits of {@code dy} with the sign of
 * {@code −bits(y)}, valid because {@code y ≥ +0.0}): with half the units active a branch is mispredicted so often
 * that it costs ten times the arithmetic.
 */
public final class ReLU extends Layer {

    public ReLU(Shape shape) {
        super(shape, shape);
    }

    @Override
    public void forward(double[] params, int pOff, double[] x, int xOff, double[] y, int yOff, int n,
                        double[] scratch) {
        int len = n * inputSize();
        for (int i = 0; i < len; i++) {
            y[yOff + i] = Math.max(x[xOff + i], 0.0);
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
            long active = -Double.doubleToRawLongBits(y[yOff + i]) >> 63;
            dx[dxOff + i] = Double.longBitsToDouble(Double.doubleToRawLongBits(dy[dyOff + i]) & active);
        }
    }

    @Override
    public String toString() {
        return "ReLU()";
    }
}
