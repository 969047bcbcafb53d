package moecl.dnn.nn;

import moecl.rng.RandomSource;

/**
 * The paper's MNIST expert (Fig. 3), a LeNet-5 style CNN that outputs a probability:
 * input 1×28×28 → conv 1→6 5×5 → ReLU → maxpool 2 → conv 6→16 5×5 → ReLU → maxpool 2 → flatten 256 →
 * fc 256→120 → ReLU → fc 120→84 → ReLU → fc 84→1 → sigmoid. 43,661 parameters.
 */
public final class LeNet {

    /** Input shape: one 28×28 greyscale channel. */
    public static final Shape INPUT = Shape.of(1, 28, 28);

    private LeNet() {
    }

    /** The architecture with all parameters zero. */
    public static Network architecture() {
        return Network.builder(INPUT)
                .conv2d(6, 5).relu().maxPool2d(2)
                .conv2d(16, 5).relu().maxPool2d(2)
                .linear(120).relu()
                .linear(84).relu()
                .linear(1).sigmoid()
                .build();
    }

    /** A freshly initialised LeNet (PyTorch default initialisation, draw order of {@link Network#initialise}). */
    public static Network create(RandomSource rng) {
        return architecture().initialise(rng);
    }
}
