package moecl.dnn.nn;

import java.util.Arrays;
import java.util.List;

/**
 * Buffers of one training chunk: activations of every layer for all its samples (so {@link Network#backward} can
 * follow {@link Network#forward}), the chunk's gradient, and per-sub-batch back-propagation buffers and scratch; in the
 * network's precision (the other precision's fields are null). In float32 also {@code xF}, one sub-batch of
 * inputs rounded to float. (The float32 passes are deliberate twins of the float64 ones: Java has no generics over
 * primitive arrays.)
 */
final class TrainingChunk {

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

    private final Network net;
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

    TrainingChunk(Network net, int start, int n) {
        this.net = net;
        this.start = start;
        this.n = n;
        int subBatch = subBatch(net.precision);
        this.subBatches = (n + subBatch - 1) / subBatch;
        int scratchSize = 0;
        int sub = Math.min(n, subBatch); // the largest sub-batch
        for (Layer layer : net.layers) {
            scratchSize = Math.max(scratchSize, layer.scratchSize(sub));
        }
        boolean f32 = net.precision == Precision.FLOAT32;
        List<Layer> layers = net.layers;
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
        this.dA = f32 ? null : new double[sub * net.maxActivation];
        this.dB = f32 ? null : new double[sub * net.maxActivation];
        this.dOut = f32 ? null : new double[n * net.outputSize()];
        this.grad = f32 ? null : new double[net.parameterCount];
        this.scratch = f32 ? null : new double[scratchSize];
        this.dAF = f32 ? new float[sub * net.maxActivation] : null;
        this.dBF = f32 ? new float[sub * net.maxActivation] : null;
        this.dOutF = f32 ? new float[n * net.outputSize()] : null;
        this.gradF = f32 ? new float[net.parameterCount] : null;
        this.scratchF = f32 ? new float[scratchSize] : null;
        this.xF = f32 ? new float[sub * net.inputSize()] : null;
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

    /**
     * Forward for samples {@code [from, from+count)} of this chunk (offsets relative to the chunk), whose inputs
     * start at {@code x[xOff]}.
     */
    void forward(double[] x, int xOff, int from, int count) {
        final List<Layer> layers = net.layers;
        final int[] offsets = net.offsets;
        double[] in = x;
        int inOff = xOff;
        for (int l = 0; l < layers.size(); l++) {
            int yOff = from * layers.get(l).outputSize();
            layers.get(l).forward(net.params, offsets[l], in, inOff, act[l], yOff, count, scratch);
            in = act[l];
            inOff = yOff;
        }
    }

    /** {@link #forward(double[], int, int, int)} in float32. */
    void forward(float[] x, int xOff, int from, int count) {
        final List<Layer> layers = net.layers;
        final int[] offsets = net.offsets;
        float[] in = x;
        int inOff = xOff;
        for (int l = 0; l < layers.size(); l++) {
            int yOff = from * layers.get(l).outputSize();
            layers.get(l).forward(net.paramsF, offsets[l], in, inOff, actF[l], yOff, count, scratchF);
            in = actF[l];
            inOff = yOff;
        }
    }

    /**
     * Backward for samples {@code [from, from+count)} of this chunk (inputs from {@code x[xOff]}), adding to
     * the chunk's gradient; {@code dOut} holds their output gradients from {@code dOutOff}.
     */
    void backward(double[] x, int xOff, int from, int count, double[] dOut, int dOutOff) {
        final List<Layer> layers = net.layers;
        final int[] offsets = net.offsets;
        double[] dy = dOut;
        int dyOff = dOutOff;
        for (int l = layers.size() - 1; l >= 0; l--) {
            Layer layer = layers.get(l);
            double[] in = l == 0 ? x : act[l - 1];
            int inOff = l == 0 ? xOff : from * layer.inputSize();
            double[] dx = l == 0 ? null : (dy == dA ? dB : dA);
            layer.backward(net.params, offsets[l], in, inOff, act[l], from * layer.outputSize(), dy, dyOff, dx, 0,
                    grad, offsets[l], count, scratch);
            dy = dx;
            dyOff = 0;
        }
    }

    /** {@link #backward(double[], int, int, int, double[], int)} in float32. */
    void backward(float[] x, int xOff, int from, int count, float[] dOut, int dOutOff) {
        final List<Layer> layers = net.layers;
        final int[] offsets = net.offsets;
        float[] dy = dOut;
        int dyOff = dOutOff;
        for (int l = layers.size() - 1; l >= 0; l--) {
            Layer layer = layers.get(l);
            float[] in = l == 0 ? x : actF[l - 1];
            int inOff = l == 0 ? xOff : from * layer.inputSize();
            float[] dx = l == 0 ? null : (dy == dAF ? dBF : dAF);
            layer.backward(net.paramsF, offsets[l], in, inOff, actF[l], from * layer.outputSize(), dy, dyOff, dx, 0,
                    gradF, offsets[l], count, scratchF);
            dy = dx;
            dyOff = 0;
        }
    }
}
