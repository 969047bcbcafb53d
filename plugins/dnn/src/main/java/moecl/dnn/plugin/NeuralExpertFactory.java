package moecl.dnn.plugin;

import java.util.ArrayList;
import java.util.List;

import moecl.dnn.nn.Loss;
import moecl.dnn.nn.Network;
import moecl.dnn.nn.Precision;
import moecl.expert.Expert;
import moecl.plugin.BuildContext;
import moecl.plugin.ExpertFactory;
import moecl.plugin.Param;
import moecl.plugin.Params;
import moecl.plugin.Variant;
import moecl.rng.RandomSource;

/**
 * What the neural experts ({@code lenet}, {@code mlp}) share: SGD settings, the reset rule and the initialisation.
 *
 * <p>Initial weights: PyTorch's default initialisation from the run's seed. With {@code reset=shared-init} every
 * expert of a run draws from the stream {@code expert.init}, so all experts start from, and are reset to, one
 * shared state; with {@code reset=none} expert m draws from its own stream {@code expert.<m>.init}. Minibatch
 * orders (only when {@code batch} is smaller than the task's training set) come from {@code expert.<m>.batches}:
 * one permutation per learned task, cut into consecutive minibatches that are used in order, cyclically (a
 * remainder smaller than a batch is not used).
 */
abstract class NeuralExpertFactory implements ExpertFactory {

    static List<Param> common() {
        List<Param> out = new ArrayList<>();
        out.add(Param.real("lr", 0.1).positive().doc("SGD learning rate"));
        out.add(Param.integer("steps", 600).min(1).doc("SGD steps per learned task"));
        out.add(Param.integer("batch", 100).min(1)
                .doc("minibatch size; >= the training images per arrival means full batch"));
        out.add(Param.choice("loss", "mse",
                Variant.of("mse", "mean squared error on the sigmoid output (the reference)"),
                Variant.of("bce", "binary cross-entropy on the sigmoid output"))
                .doc("training loss (also the loss of the locality signal Δ)"));
        out.add(Param.choice("reset", "shared-init",
                Variant.of("shared-init", "when chosen, reset to the run's one shared initial state and train on the "
                        + "newest task only (the reference)"),
                Variant.of("none", "keep training the current weights (true continual learning)"))
                .doc("what happens to the weights when the expert is chosen"));
        out.add(Param.integer("threads", 1).min(1).doc("threads per training batch (results do not depend on it)"));
        out.add(Param.choice("precision", "float32",
                Variant.of("float32", "parameters, activations and gradients in float32, as the reference script "
                        + "(PyTorch's default); 16 floats per AVX-512 vector"),
                Variant.of("float64", "in float64: bit for bit what PyTorch computes in float64"))
                .doc("floating-point format of the network"));
        return out;
    }

    /** The untrained network in float64, initialised from {@code rng}. */
    abstract Network network(Params p, RandomSource rng);

    /** The {@code precision} parameter. */
    static Precision precision(Params p) {
        return Precision.of(p.choice("precision").variant());
    }

    /** The network's layers for the memory estimate, without building it ({@link Network#memoryBytes}). */
    abstract List<Network.LayerSize> layerSizes(Params p);

    /** What the estimate names besides the tasks' image counts: the network's own size parameters. */
    List<String> sizeParameters() {
        return List.of();
    }

    /** Bytes of one learned task in an expert's list: the slice and its train and test image indices. */
    static long sliceBytes(long train, long test) {
        return moecl.plugin.Sizes.add(moecl.plugin.Sizes.ints(train), moecl.plugin.Sizes.ints(test), 40,
                NEURAL_METRICS_PER_TASK);
    }

    /** What {@link NeuralMetrics} keeps per learned task: three boxed values in three lists. */
    static final long NEURAL_METRICS_PER_TASK = 3 * (16 + 4);

    /**
     * One expert: its network ({@link Network#memoryBytes} for training batches of {@code min(batch, train)} and
     * {@code threads} threads, in its precision) and the initial parameters it resets to (as doubles); what one
     * learned task allocates: the arrival's training images as network inputs (train × 784 doubles, in float32 also
     * as floats, and a minibatch copy in the network's precision when batches are smaller) and the test images of the
     * previous task it evaluates (test × 784); and its share of the learned tasks' lists, T/M slices of train + test
     * indices (with what the metrics keep per task). The tasks' train and test come from the mnist generator; other
     * generators are refused by {@link #create}.
     */
    @Override
    public moecl.plugin.Memory memory(Params p, BuildContext ctx) {
        long train = 100;
        long test = 1000;
        if (ctx.generator() instanceof MnistGenerator g) {
            train = g.world().train();
            test = g.world().test();
        }
        int batch = (int) Math.min(p.int32("batch"), train);
        List<Network.LayerSize> layers = layerSizes(p);
        long params = 0;
        for (Network.LayerSize l : layers) {
            params = moecl.plugin.Sizes.add(params, l.parameters());
        }
        long image = moecl.dnn.data.MnistData.SIDE * moecl.dnn.data.MnistData.SIDE;
        Precision precision = precision(p);
        boolean f32 = precision == Precision.FLOAT32;
        long net = moecl.plugin.Sizes.add(Network.memoryBytes(image, layers, batch, p.int32("threads"), precision),
                moecl.plugin.Sizes.doubles(params));
        long learn = moecl.plugin.Sizes.add(moecl.plugin.Sizes.doubles(moecl.plugin.Sizes.times(train, image)),
                moecl.plugin.Sizes.times(3, moecl.plugin.Sizes.doubles(train)),
                f32 ? moecl.plugin.Sizes.ints(moecl.plugin.Sizes.times(train, image)) : 0); // float[] = int[]
        if (batch < train) {
            long copy = moecl.plugin.Sizes.times(batch, image);
            learn = moecl.plugin.Sizes.add(learn, moecl.plugin.Sizes.ints(train),
                    f32 ? moecl.plugin.Sizes.ints(copy) : moecl.plugin.Sizes.doubles(copy),
                    moecl.plugin.Sizes.doubles(batch));
        }
        long evaluate = moecl.plugin.Sizes.add(moecl.plugin.Sizes.doubles(moecl.plugin.Sizes.times(test, image)),
                moecl.plugin.Sizes.times(2, moecl.plugin.Sizes.doubles(test)));
        long share = (ctx.rounds() + ctx.experts() - 1) / ctx.experts();
        long learned = moecl.plugin.Sizes.times(share, sliceBytes(train, test));
        List<String> lower = new ArrayList<>(sizeParameters());
        lower.addAll(List.of("batch", "train", "test"));
        return new moecl.plugin.Memory(moecl.plugin.Sizes.add(net, learn, evaluate, learned, 256), lower);
    }

    @Override
    public Expert create(Params p, BuildContext ctx) {
        if (ctx.generator() != null && !moecl.engine.PluginView.isA(ctx.generator(), MnistGenerator.class)) {
            throw new IllegalArgumentException(descriptor().name() + " experts need image tasks (tasks=mnist); this "
                    + "task generator's tasks are not images");
        }
        NeuralExpert.Reset reset = p.choice("reset").variant().equals("none") ? NeuralExpert.Reset.NONE
                : NeuralExpert.Reset.SHARED_INIT;
        int m = Math.max(ctx.expertIndex(), 0);
        RandomSource init = reset == NeuralExpert.Reset.SHARED_INIT ? ctx.stream("expert.init")
                : ctx.stream("expert." + m + ".init");
        Network net = network(p, init);
        if (precision(p) != net.precision()) {
            net = net.to(precision(p)); // the same draws, rounded to nearest float
        }
        net.threads(p.int32("threads"));
        Loss loss = p.choice("loss").variant().equals("bce") ? Loss.BCE : Loss.MSE;
        NeuralExpert.Training t = new NeuralExpert.Training(p.real("lr"), p.int32("steps"), p.int32("batch"), loss,
                reset);
        return new NeuralExpert(net, t, ctx.stream("expert." + m + ".batches"));
    }
}
