package moecl.dnn.nn;

import java.util.List;

/**
 * {@link Network#predict}: the outputs of a batch, keeping no state, in tasks of {@value #CHUNK} samples over the
 * network's threads; each worker pushes its samples through two ping-pong activation buffers of its own. Every
 * sample is computed on its own, so the outputs do not depend on the chunking or the thread count.
 */
final class Inference {

    /** Samples per task when only outputs are needed. */
    static final int CHUNK = 16;

    private final Network net;
    /** One set per worker, grown when more threads ask. */
    private Buffers[] buffers;

    Inference(Network net) {
        this.net = net;
    }

    /** The outputs for the n samples of {@code x} ({@code n × outputSize()}) on {@code threads} threads. */
    double[] predict(double[] x, int n, int threads) {
        double[] out = new double[n * net.outputSize()];
        int tasks = (n + CHUNK - 1) / CHUNK;
        int workers = Math.min(threads, tasks);
        Buffers[] bufs = buffers(workers);
        Parallel.forEach(tasks, workers, (t, w) -> {
            int start = t * CHUNK;
            int count = Math.min(CHUNK, n - start);
            if (net.paramsF == null) {
                chunk(x, start, count, out, bufs[w]);
            } else {
                chunk32(x, start, count, out, bufs[w]);
            }
        });
        return out;
    }

    /**
     * Per-worker buffers for inference: two ping-pong activation regions and the layers' scratch, in the network's
     * precision; in float32 also one inference chunk of inputs rounded to float.
     */
    private record Buffers(double[] a, double[] b, double[] scratch, float[] aF, float[] bF, float[] scratchF,
                                    float[] xF) {
    }

    private Buffers[] buffers(int workers) {
        if (buffers == null || buffers.length < workers) {
            int scratchSize = 0;
            for (Layer l : net.layers) {
                scratchSize = Math.max(scratchSize, l.scratchSize(CHUNK));
            }
            Buffers[] b = new Buffers[workers];
            int act = CHUNK * net.maxActivation;
            for (int w = 0; w < workers; w++) {
                b[w] = net.paramsF == null
                        ? new Buffers(new double[act], new double[act], new double[scratchSize], null, null,
                                null, null)
                        : new Buffers(null, null, null, new float[act], new float[act],
                                new float[scratchSize], new float[CHUNK * net.inputSize()]);
            }
            buffers = b;
        }
        return buffers;
    }

    /** Forward for samples {@code [start, start+n)} through the ping-pong buffers, the last layer into out. */
    private void chunk(double[] x, int start, int n, double[] out, Buffers buf) {
        final List<Layer> layers = net.layers;
        final int[] offsets = net.offsets;
        double[] in = x;
        int inOff = start * net.inputSize();
        int last = layers.size() - 1;
        for (int l = 0; l <= last; l++) {
            double[] y = l == last ? out : (l % 2 == 0 ? buf.a() : buf.b());
            int yOff = l == last ? start * net.outputSize() : 0;
            layers.get(l).forward(net.params, offsets[l], in, inOff, y, yOff, n, buf.scratch());
            in = y;
            inOff = yOff;
        }
    }

    /** {@link #chunk} in float32: the inputs rounded to float, the outputs widened into out. */
    private void chunk32(double[] x, int start, int n, double[] out, Buffers buf) {
        final List<Layer> layers = net.layers;
        final int[] offsets = net.offsets;
        Network.narrow(x, start * net.inputSize(), buf.xF(), 0, n * net.inputSize());
        float[] in = buf.xF();
        int last = layers.size() - 1;
        for (int l = 0; l <= last; l++) {
            float[] y = l % 2 == 0 ? buf.aF() : buf.bF();
            layers.get(l).forward(net.paramsF, offsets[l], in, 0, y, 0, n, buf.scratchF());
            in = y;
        }
        int outSize = net.outputSize();
        for (int i = 0; i < n * outSize; i++) {
            out[start * outSize + i] = in[i];
        }
    }
}
