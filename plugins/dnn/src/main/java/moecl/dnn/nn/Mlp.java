package moecl.dnn.nn;

import java.util.List;

import moecl.rng.RandomSource;

/**
 * A multilayer perceptron for 28×28 images that outputs a probability: input 784 → (fc → ReLU) for each hidden
 * size → fc → 1 → sigmoid. With no hidden layer it is logistic regression.
 */
public final class Mlp {

    /** Input size: a flattened 28×28 image. */
    public static final int INPUT = 784;

    private Mlp() {
    }

    /** The architecture with the given hidden sizes, parameters zero. */
    public static Network architecture(int... hidden) {
        return forInputs(INPUT, hidden);
    }

    /** The same architecture on {@code inputs} features instead of 784, parameters zero. */
    public static Network forInputs(int inputs, int... hidden) {
        Network.Builder b = Network.builder(Shape.flat(inputs));
        for (int h : hidden) {
            b.linear(h).relu();
        }
        return b.linear(1).sigmoid().build();
    }

    /**
     * The layer sizes of {@code inputs → hidden → 1} for a memory estimate ({@link Network#memoryBytes}), computed
     * without building the network: each fully connected layer {@code in·out + out} parameters and a scratch of
     * {@code n·(in + out)} for n > 1 samples, each activation its layer's outputs.
     */
    public static List<Network.LayerSize> sizes(long inputs, List<Long> hidden) {
        List<Network.LayerSize> out = new java.util.ArrayList<>();
        long in = inputs;
        List<Long> widths = new java.util.ArrayList<>(hidden);
        widths.add(1L);
        for (int i = 0; i < widths.size(); i++) {
            long o = widths.get(i);
            long width = in;
            out.add(new Network.LayerSize(moecl.plugin.Sizes.add(moecl.plugin.Sizes.times(in, o), o), o,
                    n -> n == 1 ? 0 : moecl.plugin.Sizes.times(n, moecl.plugin.Sizes.add(width, o))));
            out.add(new Network.LayerSize(0, o, n -> 0)); // ReLU, the last one Sigmoid
            in = o;
        }
        return out;
    }

    /** A freshly initialised MLP on 784 inputs (PyTorch default initialisation). */
    public static Network create(RandomSource rng, int... hidden) {
        return architecture(hidden).initialise(rng);
    }
}
