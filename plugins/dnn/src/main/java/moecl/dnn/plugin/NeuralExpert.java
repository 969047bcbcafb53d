package moecl.dnn.plugin;

import java.util.ArrayList;
import java.util.List;

import moecl.dnn.nn.Loss;
import moecl.dnn.nn.Network;
import moecl.dnn.nn.Precision;
import moecl.expert.Expert;
import moecl.expert.LearnReport;
import moecl.rng.RandomSource;
import moecl.task.Task;

/**
 * A neural expert on {@link MnistTask}s: trains its network with plain SGD on the arrival's training images and
 * keeps the list of tasks it learned (type and images), so that metrics can evaluate it on each.
 *
 * <p>Locality signal (the paper router's Δ): {@link LearnReport#moved()} is the expert's test loss (its training
 * loss function) on the previous task of its list after training, 0 for its first task, as in the reference
 * script. {@link LearnReport#loss()} is the training loss of the last step (before that step's update).
 */
public final class NeuralExpert implements Expert, moecl.expert.Snapshots {

    /** What happens to the weights when the expert is chosen. */
    public enum Reset {
        /** reset to the run's one shared initial state, then train on the newest task only (the reference) */
        SHARED_INIT,
        /** keep the current weights and continue training (true continual learning) */
        NONE
    }

    /** Training settings. */
    public record Training(double lr, int steps, int batch, Loss loss, Reset reset) {
    }

    /** One evaluation: test MSE and accuracy (threshold 0.5). */
    public record Evaluation(double mse, double accuracy) {
    }

    private final Network net;
    private final double[] initial;
    private final Training training;
    private final RandomSource batches;
    private final List<MnistWorld.Slice> learned = new ArrayList<>();

    /**
     * @param net     the network, already initialised (its parameters are the initial state)
     * @param batches where minibatch orders come from (unused with full batches)
     */
    public NeuralExpert(Network net, Training training, RandomSource batches) {
        this.net = net;
        this.initial = net.parameters();
        this.training = training;
        this.batches = batches;
    }

    public Network network() {
        return net;
    }

    /** The number of tasks in this expert's list. */
    public int tasks() {
        return learned.size();
    }

    /** The j-th task of this expert's list. */
    public MnistWorld.Slice task(int j) {
        return learned.get(j);
    }

    @Override
    public LearnReport learn(Task task) {
        if (!(task instanceof MnistTask t)) {
            throw new IllegalArgumentException("neural experts learn MNIST tasks (mnist generator); this task is "
                    + "not one");
        }
        MnistWorld world = t.world();
        MnistWorld.Slice slice = t.slice(learned.size());
        if (training.reset() == Reset.SHARED_INIT) {
            net.setParameters(initial);
        }
        double[] x = world.inputs(slice.trainIndices());
        double[] y = world.targets(slice.type(), slice.trainIndices());
        double last = train(x, y);
        learned.add(slice);
        double moved = 0;
        if (learned.size() >= 2) {
            MnistWorld.Slice prev = learned.get(learned.size() - 2);
            moved = net.evaluate(world.inputs(prev.testIndices()), world.targets(prev.type(), prev.testIndices()),
                    training.loss());
        }
        lastWorld = world;
        return new LearnReport(moved, last);
    }

    private MnistWorld lastWorld;

    private double train(double[] x, double[] y) {
        int n = y.length;
        int size = x.length / n;
        int b = Math.min(training.batch(), n);
        float[] xf = null;
        if (net.precision() == Precision.FLOAT32) {
            xf = new float[x.length]; // the network's inputs in its precision, once per task
            for (int i = 0; i < x.length; i++) {
                xf[i] = (float) x[i];
            }
        }
        double last = 0;
        if (b == n) {
            for (int s = 0; s < training.steps(); s++) {
                last = xf != null ? net.trainStep(xf, y, training.lr(), training.loss())
                        : net.trainStep(x, y, training.lr(), training.loss());
            }
            return last;
        }
        int[] order = MnistWorld.permutation(batches, n);
        int per = n / b;
        double[] xb = xf != null ? null : new double[b * size];
        float[] xbf = xf != null ? new float[b * size] : null;
        double[] yb = new double[b];
        for (int s = 0; s < training.steps(); s++) {
            int from = (s % per) * b;
            for (int i = 0; i < b; i++) {
                int src = order[from + i];
                if (xf != null) {
                    System.arraycopy(xf, src * size, xbf, i * size, size);
                } else {
                    System.arraycopy(x, src * size, xb, i * size, size);
                }
                yb[i] = y[src];
            }
            last = xf != null ? net.trainStep(xbf, yb, training.lr(), training.loss())
                    : net.trainStep(xb, yb, training.lr(), training.loss());
        }
        return last;
    }

    /** Test MSE and accuracy of the current network on the j-th task of its list. */
    public Evaluation evaluate(int j) {
        MnistWorld.Slice s = learned.get(j);
        double[] y = lastWorld.targets(s.type(), s.testIndices());
        double[] p = net.predict(lastWorld.inputs(s.testIndices()));
        double mse = Loss.MSE.value(p, y);
        int right = 0;
        for (int i = 0; i < y.length; i++) {
            if ((p[i] >= 0.5 ? 1 : 0) == y[i]) {
                right++;
            }
        }
        return new Evaluation(mse, right / (double) y.length);
    }

    private record State(double[] params, List<MnistWorld.Slice> learned, MnistWorld world) {
    }

    @Override
    public Object snapshot() {
        return new State(net.parameters(), List.copyOf(learned), lastWorld);
    }

    @Override
    public void restore(Object snapshot) {
        State s = (State) snapshot;
        net.setParameters(s.params());
        learned.clear();
        learned.addAll(s.learned());
        lastWorld = s.world();
    }
}
