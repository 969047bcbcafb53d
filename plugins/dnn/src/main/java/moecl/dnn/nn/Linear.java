package moecl.dnn.nn;

import moecl.rng.RandomSource;

/**
 * Fully connected layer {@code y = W·x + b} on the flattened input (flattening is free: a sample is already
 * contiguous in channel, row, column order, PyTorch's {@code flatten(1)}).
 *
 * <p>Parameters: the weight {@code W} as {@code out × in} (PyTorch's layout, row {@code o} holds the weights into
 * output {@code o}), then the bias ({@code out}). Initialisation is PyTorch's default: weight and bias
 * {@code U(−1/√in, 1/√in)}, weight elements first in flat order, then the biases.
 *
 * <p>Forward computes {@code Yᵀ (out×n) = W · Xᵀ} on transposed copies of the small activation blocks so the vector
 * kernel runs along the batch; backward computes {@code dX = dY · W} and {@code dW += dYᵀ · X} (one FMA chain per
 * weight over the samples in order).
 */
public final class Linear extends Layer {

    private final int in;
    private final int out;

    /** A layer from {@code input} (any shape, flattened) to {@code out} features. */
    public Linear(Shape input, int out) {
        super(input, Shape.flat(out));
        this.in = input.size();
        this.out = out;
    }

    /** A layer from {@code in} to {@code out} features. */
    public Linear(int in, int out) {
        this(Shape.flat(in), out);
    }

    /** Number of input features. */
    public int inFeatures() {
        return in;
    }

    /** Number of output features. */
    public int outFeatures() {
        return out;
    }

    @Override
    public int parameterCount() {
        return out * in + out;
    }

    @Override
    public void initialise(RandomSource rng, double[] params, int off) {
        double bound = defaultBound(in);
        int count = parameterCount();
        for (int i = 0; i < count; i++) {
            params[off + i] = rng.uniform(-bound, bound);
        }
    }

    @Override
    public int scratchSize(int n) {
        return n == 1 ? 0 : n * (in + out);
    }

    @Override
    public void forward(double[] params, int pOff, double[] x, int xOff, double[] y, int yOff, int n,
                        double[] scratch) {
        int biasOff = pOff + out * in;
        if (n == 1) {
            System.arraycopy(params, biasOff, y, yOff, out);
            LayerKernels.INSTANCE.multiply(out, 1, in, params, pOff, in, 1, x, xOff, 1, y, yOff, 1, true);
            return;
        }
        int xt = 0;
        int yt = n * in;
        for (int s = 0; s < n; s++) {
            for (int i = 0; i < in; i++) {
                scratch[xt + i * n + s] = x[xOff + s * in + i];
            }
        }
        for (int o = 0; o < out; o++) {
            java.util.Arrays.fill(scratch, yt + o * n, yt + (o + 1) * n, params[biasOff + o]);
        }
        LayerKernels.INSTANCE.multiply(out, n, in, params, pOff, in, 1, scratch, xt, n, scratch, yt, n, true);
        for (int s = 0; s < n; s++) {
            for (int o = 0; o < out; o++) {
                y[yOff + s * out + o] = scratch[yt + o * n + s];
            }
        }
    }

    @Override
    public void backward(double[] params, int pOff, double[] x, int xOff, double[] y, int yOff, double[] dy,
                         int dyOff, double[] dx, int dxOff, double[] grad, int gOff, int n, double[] scratch) {
        int gBias = gOff + out * in;
        for (int o = 0; o < out; o++) {
            double acc = grad[gBias + o];
            for (int s = 0; s < n; s++) {
                acc += dy[dyOff + s * out + o];
            }
            grad[gBias + o] = acc;
        }
        LayerKernels.INSTANCE.multiply(out, in, n, dy, dyOff, 1, out, x, xOff, in, grad, gOff, in, true);
        if (dx != null) {
            LayerKernels.INSTANCE.multiply(n, in, out, dy, dyOff, out, 1, params, pOff, in, dx, dxOff, in, false);
        }
    }

    @Override
    public void forward(float[] params, int pOff, float[] x, int xOff, float[] y, int yOff, int n,
                        float[] scratch) {
        int biasOff = pOff + out * in;
        if (n == 1) {
            System.arraycopy(params, biasOff, y, yOff, out);
            LayerKernels.INSTANCE.multiply(out, 1, in, params, pOff, in, 1, x, xOff, 1, y, yOff, 1, true);
            return;
        }
        int xt = 0;
        int yt = n * in;
        for (int s = 0; s < n; s++) {
            for (int i = 0; i < in; i++) {
                scratch[xt + i * n + s] = x[xOff + s * in + i];
            }
        }
        for (int o = 0; o < out; o++) {
            java.util.Arrays.fill(scratch, yt + o * n, yt + (o + 1) * n, params[biasOff + o]);
        }
        LayerKernels.INSTANCE.multiply(out, n, in, params, pOff, in, 1, scratch, xt, n, scratch, yt, n, true);
        for (int s = 0; s < n; s++) {
            for (int o = 0; o < out; o++) {
                y[yOff + s * out + o] = scratch[yt + o * n + s];
            }
        }
    }

    @Override
    public void backward(float[] params, int pOff, float[] x, int xOff, float[] y, int yOff, float[] dy,
                         int dyOff, float[] dx, int dxOff, float[] grad, int gOff, int n, float[] scratch) {
        int gBias = gOff + out * in;
        for (int o = 0; o < out; o++) {
            float acc = grad[gBias + o];
            for (int s = 0; s < n; s++) {
                acc += dy[dyOff + s * out + o];
            }
            grad[gBias + o] = acc;
        }
        LayerKernels.INSTANCE.multiply(out, in, n, dy, dyOff, 1, out, x, xOff, in, grad, gOff, in, true);
        if (dx != null) {
            LayerKernels.INSTANCE.multiply(n, in, out, dy, dyOff, out, 1, params, pOff, in, dx, dxOff, in, false);
        }
    }

    @Override
    public String toString() {
        return "Linear(in_features=" + in + ", out_features=" + out + ")";
    }
}
