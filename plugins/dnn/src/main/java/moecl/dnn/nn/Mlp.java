package moecl.dnn.nn;

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

    /** A freshly initialised MLP on 784 inputs (PyTorch default initialisation). */
    public static Network create(RandomSource rng, int... hidden) {
        return architecture(hidden).initialise(rng);
    }
}
