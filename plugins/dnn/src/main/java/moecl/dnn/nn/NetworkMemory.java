package moecl.dnn.nn;

import java.util.List;

import moecl.plugin.Sizes;

/** {@link Network#memoryBytes}: the heap a network's training and inference buffers take, before it is built. */
final class NetworkMemory {

    private NetworkMemory() {
    }

    /**
     * The heap a network of these layers holds while it is trained on batches of {@code batch} samples and
     * evaluated with {@code threads} threads: its parameters and their gradient, the training chunks
     * ({@link Network#trainingChunks}: per chunk a gradient of every parameter, its samples' activations, two sub-batch
     * gradient buffers, its output gradient and the layers' scratch) and the per-thread inference buffers, each
     * value {@link Precision#bytes()} bytes; in float32 also the buffers that round double inputs to float (one
     * sub-batch per chunk, one inference chunk per thread). The input batch itself is the caller's.
     *
     * @param inputs values per input sample
     */
    static long bytes(long inputs, List<Network.LayerSize> layers, int batch, int threads, Precision precision) {
        int vb = precision.bytes();
        long params = 0;
        long outputs = 0;
        long maxActivation = inputs;
        for (Network.LayerSize l : layers) {
            params = Sizes.add(params, l.parameters());
            outputs = Sizes.add(outputs, l.outputs());
            maxActivation = Math.max(maxActivation, l.outputs());
        }
        int c = Network.trainingChunks(batch);
        long perChunk = (batch + c - 1) / c;
        long sub = Math.min(perChunk, TrainingChunk.subBatch(precision));
        long trainScratch = 0;
        long inferScratch = 0;
        for (Network.LayerSize l : layers) {
            trainScratch = Math.max(trainScratch, l.scratch().applyAsLong(sub));
            inferScratch = Math.max(inferScratch, l.scratch().applyAsLong(Inference.CHUNK));
        }
        long last = layers.isEmpty() ? 0 : layers.getLast().outputs();
        boolean f32 = precision == Precision.FLOAT32;
        long chunk = Sizes.add(values(params, vb),
                Sizes.times(2, values(Sizes.times(sub, maxActivation), vb)),
                values(Sizes.times(perChunk, last), vb),
                values(trainScratch, vb), Sizes.refs(layers.size()), 64,
                f32 ? values(Sizes.times(sub, inputs), vb) : 0);
        long activations = Sizes.add(Sizes.times(batch, outputs, vb),
                Sizes.times(c, layers.size(), 16));
        long inference = Sizes.times(threads, Sizes.add(
                Sizes.times(2, values(Sizes.times(Inference.CHUNK, maxActivation), vb)),
                values(inferScratch, vb),
                f32 ? values(Sizes.times(Inference.CHUNK, inputs), vb) : 0));
        return Sizes.add(Sizes.times(2, values(params, vb)),
                Sizes.times(c, chunk), activations, inference);
    }

    /** Bytes of an array of {@code n} values of {@code bytes} bytes each. */
    private static long values(long n, int bytes) {
        return bytes == Double.BYTES ? Sizes.doubles(n) : Sizes.ints(n); // float[] = int[]
    }
}
