package moecl.dnn.plugin;

import moecl.metrics.RoundMetrics;
import moecl.rng.RandomSource;
import moecl.task.Task;
import moecl.task.TaskGenerator;

/**
 * The {@code mnist} task generator: binary image tasks of {@link MnistWorld}, one type per round drawn uniformly
 * up front ({@link #arrivals()}); the gate input of a task is its type's feature row. Nothing is drawn per round.
 */
public final class MnistGenerator implements TaskGenerator, moecl.task.TypeSignals, moecl.task.ArrivalSequence,
        moecl.metrics.OwnMetrics, moecl.theory.TheoryWorld {

    private final MnistWorld world;
    private final int[] sequence;
    private int round;

    public MnistGenerator(MnistWorld world, int[] sequence) {
        this.world = world;
        this.sequence = sequence;
    }

    public MnistWorld world() {
        return world;
    }

    @Override
    public int dimension() {
        return world.features()[0].length;
    }

    @Override
    public int types() {
        return world.types();
    }

    @Override
    public Task next() {
        if (round >= sequence.length) {
            throw new IllegalStateException("the arrival sequence has " + sequence.length + " rounds");
        }
        int type = sequence[round++];
        return new MnistTask(round, type, world.features()[type], world);
    }

    @Override
    public TaskGenerator restart(RandomSource perRound) {
        return new MnistGenerator(world, sequence);
    }

    @Override
    public int[] arrivals() {
        return sequence.clone();
    }

    /** The gate features, so that expert sets {@code M_n} can be computed. */
    @Override
    public double[][] signals() {
        return world.features();
    }

    /** Forgetting and generalization on test losses (§7): {@link NeuralMetrics}. */
    @Override
    public RoundMetrics metrics(int experts) {
        return new NeuralMetrics(experts);
    }

    @Override
    public moecl.theory.Projection theoryProjection() {
        return null; // see the note
    }

    @Override
    public String theoryNote() {
        return "the closed-form theory is for linear experts; it does not apply to MNIST tasks with neural experts";
    }
}
