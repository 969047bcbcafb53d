package moecl.dnn.nn;

import java.util.ArrayList;
import java.util.Arrays;
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
    /** Samples per task when only outputs are needed. */
    static final int INFERENCE_CHUNK = 16;
    /**
     * Samples a training chunk pushes through forward and backward at a time, so that what backward reads is
     * still in cache. Does not change results: every gradient accumulation continues the same chain.
     */
    static final int SUB_BATCH = 8;
    /** {@link #SUB_BATCH} in float32, where a vector holds twice as many values. */
    static final int SUB_BATCH_32 = 16;

    /** Samples a training chunk processes at a time in {@code precision}. */
    static int subBatch(Precision precision) {
        return precision == Precision.FLOAT32 ? SUB_BATCH_32 : SUB_BATCH;
    }
    /** Parameters per task when summing chunk gradients in parallel. */
    private static final int REDUCE_BLOCK = 1 << 14;

    private final List<Layer> layers;
    private final int[] offsets;
    private final int parameterCount;
    private final int maxActivation;
    private final Precision precision;
    /** The parameters and their gradient in float64, or null. */
    private final double[] params;
    private final double[] grad;
    /** The parameters and their gradient in float32, or null. */
    private final float[] paramsF;
    private final float[] gradF;
    private int threads = 1;

    private Chunk[] chunks;
    private int chunksBatch = -1;
    private double[] lastInput;
    private float[] lastInputF;
    private boolean forwardDone;
    private InferenceBuffers[] inferenceBuffers;

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
        int vb = precision.bytes();
        long params = 0;
        long outputs = 0;
        long maxActivation = inputs;
        for (LayerSize l : layers) {
            params = moecl.plugin.Sizes.add(params, l.parameters());
            outputs = moecl.plugin.Sizes.add(outputs, l.outputs());
            maxActivation = Math.max(maxActivation, l.outputs());
        }
        int c = trainingChunks(batch);
        long perChunk = (batch + c - 1) / c;
        long sub = Math.min(perChunk, subBatch(precision));
        long trainScratch = 0;
        long inferScratch = 0;
        for (LayerSize l : layers) {
            trainScratch = Math.max(trainScratch, l.scratch().applyAsLong(sub));
            inferScratch = Math.max(inferScratch, l.scratch().applyAsLong(INFERENCE_CHUNK));
        }
        long last = layers.isEmpty() ? 0 : layers.getLast().outputs();
        boolean f32 = precision == Precision.FLOAT32;
        long chunk = moecl.plugin.Sizes.add(values(params, vb),
                moecl.plugin.Sizes.times(2, values(moecl.plugin.Sizes.times(sub, maxActivation), vb)),
                values(moecl.plugin.Sizes.times(perChunk, last), vb),
                values(trainScratch, vb), moecl.plugin.Sizes.refs(layers.size()), 64,
                f32 ? values(moecl.plugin.Sizes.times(sub, inputs), vb) : 0);
        long activations = moecl.plugin.Sizes.add(moecl.plugin.Sizes.times(batch, outputs, vb),
                moecl.plugin.Sizes.times(c, layers.size(), 16));
        long inference = moecl.plugin.Sizes.times(threads, moecl.plugin.Sizes.add(
                moecl.plugin.Sizes.times(2, values(moecl.plugin.Sizes.times(INFERENCE_CHUNK, maxActivation), vb)),
                values(inferScratch, vb),
                f32 ? values(moecl.plugin.Sizes.times(INFERENCE_CHUNK, inputs), vb) : 0));
        return moecl.plugin.Sizes.add(moecl.plugin.Sizes.times(2, values(params, vb)),
                moecl.plugin.Sizes.times(c, chunk), activations, inference);
    }

    /** Bytes of an array of {@code n} values of {@code bytes} bytes each. */
    private static long values(long n, int bytes) {
        return bytes == Double.BYTES ? moecl.plugin.Sizes.doubles(n) : moecl.plugin.Sizes.ints(n); // float[] = int[]
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
        Chunk[] cs = chunks(n);
        float[] xf = paramsF == null ? null : new float[x.length];
        if (xf != null) {
            narrow(x, 0, xf, 0, x.length);
        }
        Parallel.forEach(cs.length, threads, (t, w) -> {
            Chunk c = cs[t];
            for (int b = 0; b < c.subBatches; b++) {
                int from = c.subStart(b);
                int xOff = (c.start + from) * inputSize();
                if (xf == null) {
                    forwardChunk(x, xOff, c, from, c.subSize(b));
                } else {
                    forwardChunk(xf, xOff, c, from, c.subSize(b));
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
        Chunk[] cs = chunks;
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
            Chunk c = cs[t];
            c.clearGradient();
            for (int b = 0; b < c.subBatches; b++) {
                int from = c.subStart(b);
                int xOff = (c.start + from) * inputSize();
                if (dOutF == null) {
                    backwardChunk(lastInput, xOff, c, from, c.subSize(b), dOutput, (c.start + from) * outSize);
                } else {
                    backwardChunk(lastInputF, xOff, c, from, c.subSize(b), dOutF, (c.start + from) * outSize);
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
        Chunk[] cs = chunks(n);
        int outSize = outputSize();
        int total = n * outSize;
        int inSize = inputSize();
        Parallel.forEach(cs.length, threads, (t, w) -> {
            Chunk c = cs[t];
            c.clearGradient();
            for (int b = 0; b < c.subBatches; b++) {
                int from = c.subStart(b);
                int count = c.subSize(b);
                int xOff = (c.start + from) * inSize;
                if (paramsF == null) {
                    forwardChunk(x, xOff, c, from, count);
                    loss.gradient(c.act[layers.size() - 1], from * outSize, y, (c.start + from) * outSize,
                            count * outSize, total, c.dOut, from * outSize);
                    backwardChunk(x, xOff, c, from, count, c.dOut, from * outSize);
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
        Chunk[] cs = chunks(n);
        int total = n * outputSize();
        Parallel.forEach(cs.length, threads, (t, w) -> {
            Chunk c = cs[t];
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
    private void trainSubBatch(float[] x, int xOff, Chunk c, int from, int count, double[] y, int total, Loss loss) {
        int outSize = outputSize();
        forwardChunk(x, xOff, c, from, count);
        loss.gradient(c.actF[layers.size() - 1], from * outSize, y, (c.start + from) * outSize, count * outSize,
                total, c.dOutF, from * outSize);
        backwardChunk(x, xOff, c, from, count, c.dOutF, from * outSize);
    }

    /** The outputs for {@code x} ({@code n × outputSize()}), keeping no state. */
    public double[] predict(double[] x) {
        int n = batchSize(x);
        double[] out = new double[n * outputSize()];
        int tasks = (n + INFERENCE_CHUNK - 1) / INFERENCE_CHUNK;
        int workers = Math.min(threads, tasks);
        InferenceBuffers[] buffers = inferenceBuffers(workers);
        Parallel.forEach(tasks, workers, (t, w) -> {
            int start = t * INFERENCE_CHUNK;
            int count = Math.min(INFERENCE_CHUNK, n - start);
            if (paramsF == null) {
                inferChunk(x, start, count, out, buffers[w]);
            } else {
                inferChunk32(x, start, count, out, buffers[w]);
            }
        });
        return out;
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

    // ---------------------------------------------------------------------------------------------------------

    /**
     * Buffers of one training chunk: activations of every layer for all its samples (so {@link #backward} can
     * follow {@link #forward}), the chunk's gradient, and per-sub-batch back-propagation buffers and scratch; in the
     * network's precision (the other precision's fields are null). In float32 also {@code xF}, one sub-batch of
     * inputs rounded to float.
     */
    private final class Chunk {
        final int start;
        final int n;
        final double[][] act;
        final double[] dA;
        final double[] dB;
        final double[] dOut;
        final double[] grad;
        final double[] scratch;
        final float[][] actF;
        final float[] dAF;
        final float[] dBF;
        final float[] dOutF;
        final float[] gradF;
        final float[] scratchF;
        final float[] xF;
        /** Number of sub-batches: {@code ⌈n / subBatch⌉} of near-equal sizes (25 → 7, 6, 6, 6 in float64). */
        final int subBatches;

        Chunk(int start, int n) {
            this.start = start;
            this.n = n;
            int subBatch = subBatch(precision);
            this.subBatches = (n + subBatch - 1) / subBatch;
            int scratchSize = 0;
            int sub = Math.min(n, subBatch); // the largest sub-batch
            for (Layer layer : layers) {
                scratchSize = Math.max(scratchSize, layer.scratchSize(sub));
            }
            boolean f32 = precision == Precision.FLOAT32;
            this.act = f32 ? null : new double[layers.size()][];
            this.actF = f32 ? new float[layers.size()][] : null;
            for (int l = 0; l < layers.size(); l++) {
                int size = n * layers.get(l).outputSize();
                if (f32) {
                    actF[l] = new float[size];
                } else {
                    act[l] = new double[size];
                }
            }
            this.dA = f32 ? null : new double[sub * maxActivation];
            this.dB = f32 ? null : new double[sub * maxActivation];
            this.dOut = f32 ? null : new double[n * outputSize()];
            this.grad = f32 ? null : new double[parameterCount];
            this.scratch = f32 ? null : new double[scratchSize];
            this.dAF = f32 ? new float[sub * maxActivation] : null;
            this.dBF = f32 ? new float[sub * maxActivation] : null;
            this.dOutF = f32 ? new float[n * outputSize()] : null;
            this.gradF = f32 ? new float[parameterCount] : null;
            this.scratchF = f32 ? new float[scratchSize] : null;
            this.xF = f32 ? new float[sub * inputSize()] : null;
        }

        /** First sample of sub-batch {@code b}, relative to the chunk. */
        int subStart(int b) {
            return (int) ((long) b * n / subBatches);
        }

        /** Samples in sub-batch {@code b}. */
        int subSize(int b) {
            return subStart(b + 1) - subStart(b);
        }

        void clearGradient() {
            if (grad != null) {
                Arrays.fill(grad, 0.0);
            } else {
                Arrays.fill(gradF, 0f);
            }
        }
    }

    private Chunk[] chunks(int n) {
        if (chunks == null || chunksBatch != n) {
            int c = trainingChunks(n);
            Chunk[] cs = new Chunk[c];
            for (int i = 0; i < c; i++) {
                int from = (int) ((long) i * n / c);
                int to = (int) ((long) (i + 1) * n / c);
                cs[i] = new Chunk(from, to - from);
            }
            chunks = cs;
            chunksBatch = n;
        }
        return chunks;
    }

    /**
     * Forward for samples {@code [from, from+count)} of chunk {@code c} (offsets relative to the chunk), whose inputs
     * start at {@code x[xOff]}.
     */
    private void forwardChunk(double[] x, int xOff, Chunk c, int from, int count) {
        double[] in = x;
        int inOff = xOff;
        for (int l = 0; l < layers.size(); l++) {
            int yOff = from * layers.get(l).outputSize();
            layers.get(l).forward(params, offsets[l], in, inOff, c.act[l], yOff, count, c.scratch);
            in = c.act[l];
            inOff = yOff;
        }
    }

    /** {@link #forwardChunk(double[], int, Chunk, int, int)} in float32. */
    private void forwardChunk(float[] x, int xOff, Chunk c, int from, int count) {
        float[] in = x;
        int inOff = xOff;
        for (int l = 0; l < layers.size(); l++) {
            int yOff = from * layers.get(l).outputSize();
            layers.get(l).forward(paramsF, offsets[l], in, inOff, c.actF[l], yOff, count, c.scratchF);
            in = c.actF[l];
            inOff = yOff;
        }
    }

    /**
     * Backward for samples {@code [from, from+count)} of chunk {@code c} (inputs from {@code x[xOff]}), adding to
     * the chunk's gradient; {@code dOut} holds their output gradients from {@code dOutOff}.
     */
    private void backwardChunk(double[] x, int xOff, Chunk c, int from, int count, double[] dOut, int dOutOff) {
        double[] dy = dOut;
        int dyOff = dOutOff;
        for (int l = layers.size() - 1; l >= 0; l--) {
            Layer layer = layers.get(l);
            double[] in = l == 0 ? x : c.act[l - 1];
            int inOff = l == 0 ? xOff : from * layer.inputSize();
            double[] dx = l == 0 ? null : (dy == c.dA ? c.dB : c.dA);
            layer.backward(params, offsets[l], in, inOff, c.act[l], from * layer.outputSize(), dy, dyOff, dx, 0,
                    c.grad, offsets[l], count, c.scratch);
            dy = dx;
            dyOff = 0;
        }
    }

    /** {@link #backwardChunk(double[], int, Chunk, int, int, double[], int)} in float32. */
    private void backwardChunk(float[] x, int xOff, Chunk c, int from, int count, float[] dOut, int dOutOff) {
        float[] dy = dOut;
        int dyOff = dOutOff;
        for (int l = layers.size() - 1; l >= 0; l--) {
            Layer layer = layers.get(l);
            float[] in = l == 0 ? x : c.actF[l - 1];
            int inOff = l == 0 ? xOff : from * layer.inputSize();
            float[] dx = l == 0 ? null : (dy == c.dAF ? c.dBF : c.dAF);
            layer.backward(paramsF, offsets[l], in, inOff, c.actF[l], from * layer.outputSize(), dy, dyOff, dx, 0,
                    c.gradF, offsets[l], count, c.scratchF);
            dy = dx;
            dyOff = 0;
        }
    }

    /** {@code grad = Σ_chunks chunk.grad} in chunk order; then, if {@code lr ≠ 0}, {@code θ ← θ − lr·grad}. */
    private void reduce(Chunk[] cs, double lr) {
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

    private void collectOutputs(Chunk[] cs, double[] out) {
        int outSize = outputSize();
        for (Chunk c : cs) {
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

    /**
     * Per-worker buffers for inference: two ping-pong activation regions and the layers' scratch, in the network's
     * precision; in float32 also one inference chunk of inputs rounded to float.
     */
    private record InferenceBuffers(double[] a, double[] b, double[] scratch, float[] aF, float[] bF, float[] scratchF,
                                    float[] xF) {
    }

    private InferenceBuffers[] inferenceBuffers(int workers) {
        if (inferenceBuffers == null || inferenceBuffers.length < workers) {
            int scratchSize = 0;
            for (Layer l : layers) {
                scratchSize = Math.max(scratchSize, l.scratchSize(INFERENCE_CHUNK));
            }
            InferenceBuffers[] b = new InferenceBuffers[workers];
            int act = INFERENCE_CHUNK * maxActivation;
            for (int w = 0; w < workers; w++) {
                b[w] = paramsF == null
                        ? new InferenceBuffers(new double[act], new double[act], new double[scratchSize], null, null,
                                null, null)
                        : new InferenceBuffers(null, null, null, new float[act], new float[act],
                                new float[scratchSize], new float[INFERENCE_CHUNK * inputSize()]);
            }
            inferenceBuffers = b;
        }
        return inferenceBuffers;
    }

    /** Forward for samples {@code [start, start+n)} through the ping-pong buffers, the last layer into out. */
    private void inferChunk(double[] x, int start, int n, double[] out, InferenceBuffers buf) {
        double[] in = x;
        int inOff = start * inputSize();
        int last = layers.size() - 1;
        for (int l = 0; l <= last; l++) {
            double[] y = l == last ? out : (l % 2 == 0 ? buf.a() : buf.b());
            int yOff = l == last ? start * outputSize() : 0;
            layers.get(l).forward(params, offsets[l], in, inOff, y, yOff, n, buf.scratch());
            in = y;
            inOff = yOff;
        }
    }

    /** {@link #inferChunk} in float32: the inputs rounded to float, the outputs widened into out. */
    private void inferChunk32(double[] x, int start, int n, double[] out, InferenceBuffers buf) {
        narrow(x, start * inputSize(), buf.xF(), 0, n * inputSize());
        float[] in = buf.xF();
        int last = layers.size() - 1;
        for (int l = 0; l <= last; l++) {
            float[] y = l % 2 == 0 ? buf.aF() : buf.bF();
            layers.get(l).forward(paramsF, offsets[l], in, 0, y, 0, n, buf.scratchF());
            in = y;
        }
        int outSize = outputSize();
        for (int i = 0; i < n * outSize; i++) {
            out[start * outSize + i] = in[i];
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
