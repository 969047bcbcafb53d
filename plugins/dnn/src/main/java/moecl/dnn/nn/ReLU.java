package moecl.dnn.nn;

/**
 * Rectified linear unit, {@code y = max(x, 0)} elementwise ({@link Math#max}, so {@code −0.0} becomes {@code 0.0}).
 * The gradient at exactly 0 is taken as 0 (as in PyTorch), decided from the output: {@code dx = y > 0 ? dy : 0}.
 * Both loops are vectorised in {@link LayerKernels} and free of branches: with half the units active a branch is
 * mispredicted so often that it costs ten times the arithmetic.
 */
public final class ReLU extends Layer {

    public ReLU(Shape shape) {
        super(shape, shape);
    }

    @Override
    public void forward(double[] params, int pOff, double[] x, int xOff, double[] y, int yOff, int n,
                        double[] scratch) {
        LayerKernels.INSTANCE.relu(n * inputSize(), x, xOff, y, yOff);
    }

    @Override
    public void backward(double[] params, int pOff, double[] x, int xOff, double[] y, int yOff, double[] dy,
                         int dyOff, double[] dx, int dxOff, double[] grad, int gOff, int n, double[] scratch) {
        if (dx == null) {
            return;
        }
        LayerKernels.INSTANCE.reluBackward(n * inputSize(), y, yOff, dy, dyOff, dx, dxOff);
    }

    @Override
    public void forward(float[] params, int pOff, float[] x, int xOff, float[] y, int yOff, int n, float[] scratch) {
        LayerKernels.INSTANCE.relu(n * inputSize(), x, xOff, y, yOff);
    }

    @Override
    public void backward(float[] params, int pOff, float[] x, int xOff, float[] y, int yOff, float[] dy, int dyOff,
                         float[] dx, int dxOff, float[] grad, int gOff, int n, float[] scratch) {
        if (dx == null) {
            return;
        }
        LayerKernels.INSTANCE.reluBackward(n * inputSize(), y, yOff, dy, dyOff, dx, dxOff);
    }

    @Override
    public String toString() {
        return "ReLU()";
    }
}
