package moecl.dnn.plugin;

import moecl.dnn.nn.LeNet;
import moecl.dnn.nn.Network;
import moecl.plugin.Params;
import moecl.plugin.PluginDescriptor;
import moecl.plugin.PluginKind;
import moecl.rng.RandomSource;

/**
 * {@code lenet}: the reference script's CNN (conv 1→6 5×5, ReLU, maxpool 2, conv 6→16 5×5, ReLU, maxpool 2,
 * fc 256→120, ReLU, fc 120→84, ReLU, fc 84→1, sigmoid), plain SGD; see {@link NeuralExpertFactory}.
 */
public final class LeNetExpertFactory extends NeuralExpertFactory {

    @Override
    public PluginDescriptor descriptor() {
        return new PluginDescriptor(PluginKind.EXPERT, "lenet", java.util.List.of(),
                "LeNet-5 style CNN on MNIST tasks, plain SGD (lr 0.1, 600 full-batch steps, MSE), Fig. 3", common());
    }

    @Override
    Network network(Params p, RandomSource rng) {
        return LeNet.create(rng);
    }

    /** The fixed architecture's layers (43,661 parameters: building it to read them costs 350 KB). */
    @Override
    java.util.List<Network.LayerSize> layerSizes(Params p) {
        return Network.sizes(LeNet.architecture());
    }
}
