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
        int[] h = new int[hidden.size()];
        for (int i = 0; i < h.length; i++) {
            long v = hidden.get(i);
            if (v < 1) {
                throw new IllegalArgumentException("mlp hidden sizes must be >= 1, got " + v);
            }
            h[i] = (int) v;
        }
        return Mlp.create(rng, h);
    }
}
