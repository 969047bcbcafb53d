package moecl.dnn.plugin;

import java.util.List;

import moecl.dnn.nn.Mlp;
import moecl.dnn.nn.Network;
import moecl.plugin.Param;
import moecl.plugin.Params;
import moecl.plugin.PluginDescriptor;
import moecl.plugin.PluginKind;
import moecl.rng.RandomSource;

/** {@code mlp}: 784 → hidden ReLU layers → 1, sigmoid, plain SGD; see {@link NeuralExpertFactory}. */
public final class MlpExpertFactory extends NeuralExpertFactory {

    @Override
    public PluginDescriptor descriptor() {
        List<Param> params = new java.util.ArrayList<>();
        params.add(Param.intList("hidden", List.of(100L)).doc("sizes of the hidden ReLU layers"));
        params.addAll(common());
        return new PluginDescriptor(PluginKind.EXPERT, "mlp", List.of(),
                "multilayer perceptron on MNIST tasks (784 -> hidden ReLU layers -> 1, sigmoid), plain SGD", params);
    }

    @Override
    Network network(Params p, RandomSource rng) {
        List<Long> hidden = p.intList("hidden");
        checkHidden(hidden);
        int[] h = new int[hidden.size()];
        for (int i = 0; i < h.length; i++) {
            h[i] = (int) (long) hidden.get(i);
        }
        return Mlp.create(rng, h);
    }

    /**
     * Hidden sizes at least 1, and parameters that fit the network's one array: each layer's {@code in·out + out}
     * and their sum, counted in {@code long}.
     */
    static void checkHidden(List<Long> hidden) {
        for (long v : hidden) {
            if (v < 1) {
                throw new IllegalArgumentException("mlp hidden sizes must be >= 1, got " + v);
            }
        }
        long params = 0;
        for (Network.LayerSize l : Mlp.sizes(Mlp.INPUT, hidden)) {
            params = moecl.plugin.Sizes.add(params, l.parameters());
        }
        moecl.plugin.Sizes.length(params, "mlp: the parameters of 784 -> hidden=" + moecl.spec.Echo.of(
                moecl.plugin.Params.valueText(hidden)) + " -> 1", List.of("hidden"));
    }

    @Override
    List<Network.LayerSize> layerSizes(Params p) {
        List<Long> hidden = p.intList("hidden");
        checkHidden(hidden);
        return Mlp.sizes(Mlp.INPUT, hidden);
    }

    @Override
    List<String> sizeParameters() {
        return List.of("hidden");
    }
}
