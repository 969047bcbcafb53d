package moecl.dnn.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;

import moecl.rng.RandomSource;

/**
 * A feed-forward network: a chain of {@link Layer}s, one flat parameter vector, and full-batch training with plain
 * SGD. The paper's experts are built with {@link LeNet} and {@link Mlp}; {@link #builder(Shape)} makes others.
 *
 * <h2>Data layout</h2>
 * A batch of {@code n} samples is a {@code double[]} (or, for {@link #trainStep(float[], double[], double, Loss)}, a
 * {@code float[]}) of {@code n × inputSize()} values, sample after sample, each
 * sample in {@link Shape} order (channel, row, column: a PyTorch {@code N×C×H×W} tensor's memory). Outputs are
 * {@code n × outputSize()} the same way. The parameters are one flat vector, layer after layer, each layer's weight
 * (PyTorch layout) then its bias: exactly {@code torch.cat([p.flatten() for p in model.parameters()])}.
 *
 * <h2>Determinism and threads</h2>
 * Results are bit-identical for a given input, whatever the number of {@link #threads(int) threads}. The batch is
 * cut into chunks that depend only on the batch size ({@link #trainingChunks(int)}); a chunk's parameter gradient is
 * accumulated sample by sample in order (every layer continues one chain per parameter, so it makes no difference
 * that a chunk is processed a few samples at a time), and the chunk gradients are then summed in chunk order.
 * Threads only decide which chunk is computed where. Outputs of {@link #forward}, {@link #predict} and
 * {@link #evaluate} do not depend on chunking at all (every sample is computed on its own), so they are identical to
 * each other too. Every operation is exactly specified (IEEE fused multiply-adds in a fixed order, {@code StrictMath}
 * for the few transcendental functions), so the results are also the same on other machines and JVMs, and with or
 * without the Vector API.
 *
 * <h2>Precision</h2>
 * A network computes in {@link Precision#FLOAT64} (the default of the constructors and the builder) or
 * {@link Precision#FLOAT32} ({@link #to(Precision)}, {@link Builder#precision}): parameters, gradients, activations
 * and the kernels' FMA chains are then floats, with the same order of operations and the same determinism. The API
 * stays in doubles: inputs are rounded to float as they enter (per sub-batch, or take {@link #trainStep(float[],
 * double[], double, Loss)} with floats), {@link #parameters()} and outputs are widened exactly, and
 * {@link #setParameters} rounds to nearest. Loss values and loss gradients are computed in double from the float
 * outputs (the gradient rounded once to float).
 *
 * <h2>State</h2>
 * Not thread-safe: one network belongs to one thread at a time (its own helper threads aside). {@link #forward}
 * keeps the activations (and a reference to the input, which must not change until {@link #backward}) so that
 * {@link #backward} can follow; {@link #predict} and {@link #evaluate} keep nothing.
 */
public final class Network {

    /** Training chunks hold about this many samples (see {@link #trainingChunks(int)}). */
    static final int CHUNK_SAMPLES = 32;
    /** Parameters per task when summing chunk gradients in parallel. */
    private static final int REDUCE_BLOCK = 1 << 14;

    // package-private: the training chunks and the inference read them (they never replace an array)
    final List<Layer> layers;
    final int[] offsets;
    final int parameterCount;
    final int maxActivation;
    final Precision precision;
    /** The parameters and their gradient in float64, or null. */
    final double[] params;
    private final double[] grad;
    /** The parameters and their gradient in float32, or null. */
    final float[] paramsF;
    private final float[] gradF;
    private int threads = 1;

    private TrainingChunk[] chunks;
    private int chunksBatch = -1;
    private double[] lastInput;
    private float[] lastInputF;
    private boolean forwardDone;
    /** The outputs without state ({@link #predict}), with its per-worker buffers; made on first use. */
    private Inference inference;

    /**
     * A network of the given layers, each layer's input shape equal in size to the previous layer's output (a flat
     * layer may follow an image-shaped one: flattening is free). Parameters start at zero: call
     * {@link #initialise(RandomSource)}.
     */
    public Network(List<? extends Layer> layers) {
        this(layers, Precision.FLOAT64);
    }

    /** A network of the given layers computing in {@code precision}; see {@link #Network(List)}. */
    public Network(List<? extends Layer> layers, Precision precision) {
        this.precision = Objects.requireNonNull(precision, "precision");
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a network needs at least one layer");
        }
        this.layers = List.copyOf(layers);
        this.offsets = new int[this.layers.size()];
        int off = 0;
        int max = this.layers.getFirst().inputSize();
        for (int l = 0; l < this.layers.size(); l++) {
            Layer layer = this.layers.get(l);
            if (l > 0 && this.layers.get(l - 1).outputSize() != layer.inputSize()) {
                throw new IllegalArgumentException("layer " + l + " " + layer + " takes " + layer.inputShape()
                        + " but layer " + (l - 1) + " gives " + this.layers.get(l - 1).outputShape());
            }
            offsets[l] = off;
            off = Math.addExact(off, layer.parameterCount());
            max = Math.max(max, layer.outputSize());
        }
        this.parameterCount = off;
        this.maxActivation = max;
        boolean f32 = precision == Precision.FLOAT32;
        this.params = f32 ? null : new double[off];
        this.grad = f32 ? null : new double[off];
        this.paramsF = f32 ? new float[off] : null;
        this.gradF = f32 ? new float[off] : null;
    }

    /** A network of the given layers; see {@link #Network(List)}. */
    public static Network of(Layer... layers) {
        return new Network(List.of(layers));
    }

    /**
     * One layer as a memory estimate sees it ({@link #memoryBytes}): its parameters, its outputs per sample and the
     * scratch it asks for a given number of samples, all in {@code long} so that sizes too large read as large.
     */
    public record LayerSize(long parameters, long outputs, java.util.function.LongUnaryOperator scratch) {
    }

    /** The layer sizes of an existing network (a small one: building it allocates its parameters). */
    public static List<LayerSize> sizes(Network net) {
        List<LayerSize> out = new ArrayList<>();
        for (Layer l : net.layers()) {
            out.add(new LayerSize(l.parameterCount(), l.outputSize(), n -> l.scratchSize((int) n)));
        }
        return out;
    }

    /**
     * The heap a network of these layers holds while it is trained on batches of {@code batch} samples and
     * evaluated with {@code threads} threads: its parameters and their gradient, the training chunks
     * ({@link #trainingChunks}: per chunk a gradient of every parameter, its samples' activations, two sub-batch
     * gradient buffers, its output gradient and the layers' scratch) and the per-thread inference buffers, each
     * value {@link Precision#bytes()} bytes; in float32 also the buffers that round double inputs to float (one
     * sub-batch per chunk, one inference chunk per thread). The input batch itself is the caller's.
     *
     * @param inputs values per input sample
     */
    public static long memoryBytes(long inputs, List<LayerSize> layers, int batch, int threads, Precision precision) {
        return NetworkMemory.bytes(inputs, layers, batch, threads, precision);
    }

    /** Starts a network taking samples of shape {@code input}; each builder step appends a layer. */
    public static Builder builder(Shape input) {
        return new Builder(input);
    }

    /** Appends layers, each taking the previous layer's output shape. */
    public static final class Builder {
        private final List<Layer> layers = new ArrayList<>();
        private Shape shape;
        private Precision precision = Precision.FLOAT64;

        private Builder(Shape input) {
            this.shape = Objects.requireNonNull(input, "input");
        }

        /** {@link Conv2d} with {@code outChannels} filters of {@code kernel × kernel}. */
        public Builder conv2d(int outChannels, int kernel) {
            return add(new Conv2d(shape, outChannels, kernel));
        }

        /** {@link MaxPool2d} with windows and stride {@code size}. */
        public Builder maxPool2d(int size) {
            return add(new MaxPool2d(shape, size));
        }

        /** {@link Linear} to {@code out} features (flattening the input). */
        public Builder linear(int out) {
            return add(new Linear(shape, out));
        }

        /** {@link ReLU}. */
        public Builder relu() {
            return add(new ReLU(shape));
        }

        /** {@link Sigmoid}. */
        public Builder sigmoid() {
            return add(new Sigmoid(shape));
        }

        /** Any layer whose input size matches the current output. */
        public Builder add(Layer layer) {
            if (layer.inputSize() != shape.size()) {
                throw new IllegalArgumentException(layer + " takes " + layer.inputShape() + ", current output is "
                        + shape);
            }
            layers.add(layer);
            shape = layer.outputShape();
            return this;
        }

        /** The precision the network computes in (default {@link Precision#FLOAT64}). */
        public Builder precision(Precision p) {
            this.precision = Objects.requireNonNull(p, "precision");
            return this;
        }

        /** The network, parameters zero. */
        public Network build() {
            return new Network(layers, precision);
        }
    }

    /**
     * Which kernel implementation this JVM uses, e.g. {@code "vector-256"} or {@code "scalar"} (for provenance and
     * benchmarks; the results do not depend on it).
     */
    public static String kernels() {
        return LayerKernels.INSTANCE.name();
    }

    /** The precision this network computes in. */
    public Precision precision() {
        return precision;
    }

    /**
     * An independent network with the same layers and thread count computing in {@code p}, its parameters this
     * network's converted (rounded to nearest float for {@link Precision#FLOAT32}, widened exactly for
     * {@link Precision#FLOAT64}).
     */
    public Network to(Precision p) {
        Network c = new Network(layers, p);
        c.setParameters(parameters());
        c.threads = threads;
        return c;
    }

    /** The layers, in order. */
    public List<Layer> layers() {
        return layers;
    }

    /** Shape of one input sample. */
    public Shape inputShape() {
        return layers.getFirst().inputShape();
    }

    /** Shape of one output sample. */
    public Shape outputShape() {
        return layers.getLast().outputShape();
    }

    /** Values per input sample. */
    public int inputSize() {
        return layers.getFirst().inputSize();
    }

    /** Values per output sample. */
    public int outputSize() {
        return layers.getLast().outputSize();
    }

    /** Length of the flat parameter vector. */
    public int parameterCount() {
        return parameterCount;
    }

    /** Where layer {@code index}'s parameters start in the flat vector. */
    public int parameterOffset(int index) {
        return offsets[index];
    }

    /**
     * Draws every parameter with PyTorch's default initialisation ({@code U(−1/√fanIn, 1/√fanIn)} for weights and
     * biases of {@link Conv2d} and {@link Linear}). Order of draws, which fixes the result for a given stream: layers
     * in order, in each the weight elements in flat order and then the biases, one {@code rng.uniform} per value.
     *
     * @return this network
     */
    public Network initialise(RandomSource rng) {
        double[] p = params != null ? params : new double[parameterCount];
        for (int l = 0; l < layers.size(); l++) {
            layers.get(l).initialise(rng, p, offsets[l]);
        }
        if (paramsF != null) {
            narrow(p, 0, paramsF, 0, parameterCount); // float32: the same draws rounded to nearest
        }
        forwardDone = false;
        return this;
    }

    /** A copy of the flat parameter vector (for snapshots and comparisons). */
    public double[] parameters() {
        return params != null ? params.clone() : widen(paramsF);
    }

    /** Replaces every parameter (restore a snapshot). */
    public void setParameters(double[] values) {
        if (values.length != parameterCount) {
            throw new IllegalArgumentException("expected " + parameterCount + " parameters, got " + values.length);
        }
        if (params != null) {
            System.arraycopy(values, 0, params, 0, parameterCount);
        } else {
            narrow(values, 0, paramsF, 0, parameterCount);
        }
        forwardDone = false;
    }

    /** A copy of the gradient of the loss with respect to the parameters, as computed by the last backward pass. */
    public double[] gradient() {
        return grad != null ? grad.clone() : widen(gradF);
    }

    /** {@code dst[dOff + i] = (float) src[sOff + i]} for {@code i < len}. */
    static void narrow(double[] src, int sOff, float[] dst, int dOff, int len) {
        for (int i = 0; i < len; i++) {
            dst[dOff + i] = (float) src[sOff + i];
        }
    }

    /** The values of {@code v} as doubles (exact). */
    static double[] widen(float[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }

    /** Number of threads used for one batch (default 1). */
    public int threads() {
        return threads;
    }

    /**
     * Sets the number of threads for one batch. Results do not depend on it.
     *
     * @return this network
     */
    public Network threads(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + count);
        }
        this.threads = count;
        return this;
    }

    /** An independent network with the same layers, parameters and thread count (and no forward pass pending). */
    public Network copy() {
        Network c = new Network(layers, precision);
        if (params != null) {
            System.arraycopy(params, 0, c.params, 0, parameterCount);
        } else {
            System.arraycopy(paramsF, 0, c.paramsF, 0, parameterCount);
        }
        c.threads = threads;
        return c;
    }

    /**
     * Number of chunks a training batch of {@code batch} samples is cut into: about one per
     * {@value #CHUNK_SAMPLES} samples, rounded up to a multiple of 4 (so 1, 2 and 4 threads share the work evenly),
     * at most one per sample. Chunk {@code i} holds samples {@code [i·batch/c, (i+1)·batch/c)}. This, and nothing
     * else, decides how the batch gradient is summed.
     */
    public static int trainingChunks(int batch) {
        int c = (batch + CHUNK_SAMPLES - 1) / CHUNK_SAMPLES;
        c = (c + 3) / 4 * 4;
        return Math.min(batch, c);
    }

    /**
     * Forward pass in training mode: returns the outputs ({@code n × outputSize()}) and keeps what
     * {@link #backward} needs, including a reference to {@code x}.
     */
    public double[] forward(double[] x) {
        int n = batchSize(x);
        TrainingChunk[] cs = chunks(n);
        float[] xf = paramsF == null ? null : new float[x.length];
        if (xf != null) {
            narrow(x, 0, xf, 0, x.length);
        }
        Parallel.forEach(cs.length, threads, (t, w) -> {
            TrainingChunk c = cs[t];
            for (int b = 0; b < c.subBatches; b++) {
                int from = c.subStart(b);
                int xOff = (c.start + from) * inputSize();
                if (xf == null) {
                    c.forward(x, xOff, from, c.subSize(b));
                } else {
                    c.forward(xf, xOff, from, c.subSize(b));
                }
            }
        });
        lastInput = x;
        lastInputF = xf;
        forwardDone = true;
        double[] out = new double[n * outputSize()];
        collectOutputs(cs, out);
        return out;
    }

    /**
     * Back-propagates {@code dOutput} (the gradient of the loss with respect to the outputs of the last
     * {@link #forward}) and stores the parameter gradient, available from {@link #gradient()}.
     */
    public void backward(double[] dOutput) {
        if (!forwardDone) {
            throw new IllegalStateException("backward needs a forward pass first (parameters changed since?)");
        }
        TrainingChunk[] cs = chunks;
        if (dOutput.length != chunksBatch * outputSize()) {
            throw new IllegalArgumentException("expected " + chunksBatch * outputSize() + " output gradients, got "
                    + dOutput.length);
        }
        int outSize = outputSize();
        float[] dOutF = paramsF == null ? null : new float[dOutput.length];
        if (dOutF != null) {
            narrow(dOutput, 0, dOutF, 0, dOutput.length);
        }
        Parallel.forEach(cs.length, threads, (t, w) -> {
            TrainingChunk c = cs[t];
            c.clearGradient();
            for (int b = 0; b < c.subBatches; b++) {
                int from = c.subStart(b);
                int xOff = (c.start + from) * inputSize();
                if (dOutF == null) {
                    c.backward(lastInput, xOff, from, c.subSize(b), dOutput, (c.start + from) * outSize);
                } else {
                    c.backward(lastInputF, xOff, from, c.subSize(b), dOutF, (c.start + from) * outSize);
                }
            }
        });
        reduce(cs, 0);
    }

    /** Plain SGD on the stored gradient: {@code θ ← θ − lr·∇θ}. */
    public void sgdStep(double lr) {
        if (params != null) {
            for (int i = 0; i < parameterCount; i++) {
                params[i] -= lr * grad[i];
            }
        } else {
            float lrf = (float) lr;
            for (int i = 0; i < parameterCount; i++) {
                paramsF[i] -= lrf * gradF[i];
            }
        }
        forwardDone = false;
    }

    /**
     * One full-batch training step: forward, loss, backward, {@code θ ← θ − lr·∇θ}.
     *
     * @param x    inputs, {@code n × inputSize()}
     * @param y    targets, {@code n × outputSize()}
     * @param lr   learning rate
     * @param loss the loss (mean over the batch)
     * @return the loss before the update
     */
    public double trainStep(double[] x, double[] y, double lr, Loss loss) {
        int n = batchSize(x);
        checkTargets(y, n);
        TrainingChunk[] cs = chunks(n);
        int outSize = outputSize();
        int total = n * outSize;
        int inSize = inputSize();
        Parallel.forEach(cs.length, threads, (t, w) -> {
            TrainingChunk c = cs[t];
            c.clearGradient();
            for (int b = 0; b < c.subBatches; b++) {
                int from = c.subStart(b);
                int count = c.subSize(b);
                int xOff = (c.start + from) * inSize;
                if (paramsF == null) {
                    c.forward(x, xOff, from, count);
                    loss.gradient(c.act[layers.size() - 1], from * outSize, y, (c.start + from) * outSize,
                            count * outSize, total, c.dOut, from * outSize);
                    c.backward(x, xOff, from, count, c.dOut, from * outSize);
                } else {
                    narrow(x, xOff, c.xF, 0, count * inSize); // this sub-batch's inputs rounded to float
                    trainSubBatch(c.xF, 0, c, from, count, y, total, loss);
                }
            }
        });
        double[] out = new double[total];
        collectOutputs(cs, out);
        double value = loss.value(out, y);
        reduce(cs, lr);
        lastInput = null;
        lastInputF = null;
        forwardDone = false;
        return value;
    }

    /**
     * {@link #trainStep(double[], double[], double, Loss)} with float inputs, which a float32 network uses as they
     * are (a float64 network widens them).
     */
    public double trainStep(float[] x, double[] y, double lr, Loss loss) {
        if (paramsF == null) {
            double[] xd = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                xd[i] = x[i];
            }
            return trainStep(xd, y, lr, loss);
        }
        Objects.requireNonNull(x, "x");
        if (x.length == 0 || x.length % inputSize() != 0) {
            throw new IllegalArgumentException("input length " + x.length + " is not a positive multiple of "
                    + inputSize() + " (" + inputShape() + " per sample)");
        }
        int n = x.length / inputSize();
        checkTargets(y, n);
        TrainingChunk[] cs = chunks(n);
        int total = n * outputSize();
        Parallel.forEach(cs.length, threads, (t, w) -> {
            TrainingChunk c = cs[t];
            c.clearGradient();
            for (int b = 0; b < c.subBatches; b++) {
                int from = c.subStart(b);
                trainSubBatch(x, (c.start + from) * inputSize(), c, from, c.subSize(b), y, total, loss);
            }
        });
        double[] out = new double[total];
        collectOutputs(cs, out);
        double value = loss.value(out, y);
        reduce(cs, lr);
        lastInput = null;
        lastInputF = null;
        forwardDone = false;
        return value;
    }

    /** Float32 forward, loss gradient and backward of one sub-batch whose inputs start at {@code x[xOff]}. */
    private void trainSubBatch(float[] x, int xOff, TrainingChunk c, int from, int count, double[] y, int total,
                               Loss loss) {
        int outSize = outputSize();
        c.forward(x, xOff, from, count);
        loss.gradient(c.actF[layers.size() - 1], from * outSize, y, (c.start + from) * outSize, count * outSize,
                total, c.dOutF, from * outSize);
        c.backward(x, xOff, from, count, c.dOutF, from * outSize);
    }

    /** The outputs for {@code x} ({@code n × outputSize()}), keeping no state. */
    public double[] predict(double[] x) {
        int n = batchSize(x);
        if (inference == null) {
            inference = new Inference(this);
        }
        return inference.predict(x, n, threads);
    }

    /** The mean loss of the outputs for {@code x} against {@code y}, keeping no state. */
    public double evaluate(double[] x, double[] y, Loss loss) {
        double[] out = predict(x);
        checkTargets(y, out.length / outputSize());
        return loss.value(out, y);
    }

    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(", ", "Network[" + inputShape() + " -> ", " -> " + outputShape() + ", "
                + parameterCount + " parameters]");
        layers.forEach(l -> j.add(l.toString()));
        return j.toString();
    }

    private TrainingChunk[] chunks(int n) {
        if (chunks == null || chunksBatch != n) {
            int c = trainingChunks(n);
            TrainingChunk[] cs = new TrainingChunk[c];
            for (int i = 0; i < c; i++) {
                int from = (int) ((long) i * n / c);
                int to = (int) ((long) (i + 1) * n / c);
                cs[i] = new TrainingChunk(this, from, to - from);
            }
            chunks = cs;
            chunksBatch = n;
        }
        return chunks;
    }

    /** {@code grad = Σ_chunks chunk.grad} in chunk order; then, if {@code lr ≠ 0}, {@code θ ← θ − lr·grad}. */
    private void reduce(TrainingChunk[] cs, double lr) {
        int blocks = (parameterCount + REDUCE_BLOCK - 1) / REDUCE_BLOCK;
        float lrf = (float) lr;
        Parallel.forEach(blocks, threads, (b, w) -> {
            int from = b * REDUCE_BLOCK;
            int to = Math.min(parameterCount, from + REDUCE_BLOCK);
            if (params != null) {
                System.arraycopy(cs[0].grad, from, grad, from, to - from);
                for (int c = 1; c < cs.length; c++) {
                    double[] g = cs[c].grad;
                    for (int i = from; i < to; i++) {
                        grad[i] += g[i];
                    }
                }
                if (lr != 0) {
                    for (int i = from; i < to; i++) {
                        params[i] -= lr * grad[i];
                    }
                }
            } else {
                System.arraycopy(cs[0].gradF, from, gradF, from, to - from);
                for (int c = 1; c < cs.length; c++) {
                    float[] g = cs[c].gradF;
                    for (int i = from; i < to; i++) {
                        gradF[i] += g[i];
                    }
                }
                if (lr != 0) {
                    for (int i = from; i < to; i++) {
                        paramsF[i] -= lrf * gradF[i];
                    }
                }
            }
        });
    }

    private void collectOutputs(TrainingChunk[] cs, double[] out) {
        int outSize = outputSize();
        for (TrainingChunk c : cs) {
            if (c.act != null) {
                System.arraycopy(c.act[layers.size() - 1], 0, out, c.start * outSize, c.n * outSize);
            } else {
                float[] a = c.actF[layers.size() - 1];
                int o = c.start * outSize;
                for (int i = 0; i < c.n * outSize; i++) {
                    out[o + i] = a[i];
                }
            }
        }
    }

    private int batchSize(double[] x) {
        Objects.requireNonNull(x, "x");
        if (x.length == 0 || x.length % inputSize() != 0) {
            throw new IllegalArgumentException("input length " + x.length + " is not a positive multiple of "
                    + inputSize() + " (" + inputShape() + " per sample)");
        }
        return x.length / inputSize();
    }

    private void checkTargets(double[] y, int n) {
        if (y.length != n * outputSize()) {
            throw new IllegalArgumentException("expected " + n * outputSize() + " targets for " + n + " samples, got "
                    + y.length);
        }
    }
}
