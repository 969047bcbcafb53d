package moecl.dnn.nn;

import java.util.Objects;

import moecl.rng.RandomSource;

/**
 * One stage of a feed-forward {@link Network}, as a pure function of its parameters and input: a layer holds only
 * its configuration, never activations or parameters, so one instance is shared by every copy of a network and by
 * every thread.
 *
 * <p>Memory layout shared by all layers: a batch of {@code n} samples is one {@code double[]} region, sample-major
 * ({@code sample s} at {@code off + s·size}), each sample in {@link Shape} order (channel, row, column). A layer's
 * parameters are one contiguous region of the network's flat parameter vector, the weight first in PyTorch's layout
 * and then the bias, so the flat vector equals {@code torch.cat([p.flatten() for p in model.parameters()])}.
 *
 * <p>Contracts of the kernels: {@code forward} overwrites its output; {@code backward} <em>adds</em> the parameter
 * gradient to {@code grad} (so calls for successive samples continue one accumulation) and <em>overwrites</em>
 * {@code dx} (which may be {@code null} when the input gradient is not needed, e.g. for the first layer). Every
 * kernel computes each output element with a fixed order of floating-point operations that depends on nothing but
 * the layer and its inputs: results are reproducible bit for bit. Every kernel exists twice, on {@code double[]}
 * and on {@code float[]} ({@link Precision}), with the same order of operations.
 */
public abstract sealed class Layer permits Conv2d, MaxPool2d, ReLU, Sigmoid, Linear {

    private final Shape input;
    private final Shape output;

    Layer(Shape input, Shape output) {
        this.input = Objects.requireNonNull(input, "input");
        this.output = Objects.requireNonNull(output, "output");
    }

    /** Shape of one input sample. */
    public final Shape inputShape() {
        return input;
    }

    /** Shape of one output sample. */
    public final Shape outputShape() {
        return output;
    }

    /** Values per input sample. */
    public final int inputSize() {
        return input.size();
    }

    /** Values per output sample. */
    public final int outputSize() {
        return output.size();
    }

    /** Number of trainable parameters (0 for activations and pooling). */
    public int parameterCount() {
        return 0;
    }

    /**
     * Draws this layer's initial parameters into {@code params[off .. off + parameterCount())}. Layers without
     * parameters draw nothing.
     */
    public void initialise(RandomSource rng, double[] params, int off) {
    }

    /**
     * Computes the outputs of {@code n} samples.
     *
     * @param params  the network's parameters; this layer's start at {@code pOff}
     * @param x       input, {@code n × inputSize()} values from {@code xOff}
     * @param y       output, {@code n × outputSize()} values from {@code yOff}, overwritten
     * @param scratch at least {@link #scratchSize(int) scratchSize(n)} doubles the layer may use freely
     */
    public abstract void forward(double[] params, int pOff, double[] x, int xOff, double[] y, int yOff, int n,
                                 double[] scratch);

    /**
     * Back-propagates through {@code n} samples whose forward pass gave {@code y} from {@code x}.
     *
     * @param dy   gradient of the loss with respect to {@code y}, {@code n × outputSize()} values from {@code dyOff}
     * @param dx   receives the gradient with respect to {@code x} ({@code n × inputSize()} from {@code dxOff},
     *             overwritten), or {@code null} to skip it
     * @param grad receives the parameter gradient, <em>added</em> to {@code grad[gOff .. gOff + parameterCount())}
     */
    public abstract void backward(double[] params, int pOff, double[] x, int xOff, double[] y, int yOff,
                                  double[] dy, int dyOff, double[] dx, int dxOff, double[] grad, int gOff, int n,
                                  double[] scratch);

    /** {@link #forward(double[], int, double[], int, double[], int, int, double[])} in float32. */
    public abstract void forward(float[] params, int pOff, float[] x, int xOff, float[] y, int yOff, int n,
                                 float[] scratch);

    /**
     * {@link #backward(double[], int, double[], int, double[], int, double[], int, double[], int, double[], int, int,
     * double[])} in float32.
     */
    public abstract void backward(float[] params, int pOff, float[] x, int xOff, float[] y, int yOff,
                                  float[] dy, int dyOff, float[] dx, int dxOff, float[] grad, int gOff, int n,
                                  float[] scratch);

    /**
     * Values (doubles or floats, as the network's precision) of scratch space {@code forward} and {@code backward}
     * need for {@code n} samples.
     */
    public int scratchSize(int n) {
        return 0;
    }

    /** A short PyTorch-like description, e.g. {@code Conv2d(1, 6, kernel_size=5)}. */
    @Override
    public abstract String toString();

    /** Bound of PyTorch's default initialisation for a layer with {@code fanIn} inputs per output. */
    static double defaultBound(int fanIn) {
        return 1.0 / Math.sqrt(fanIn);
    }
}
