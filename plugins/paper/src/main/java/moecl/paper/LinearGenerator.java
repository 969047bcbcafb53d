package moecl.paper;

import moecl.linalg.kernels.VecKernel;
import moecl.rng.RandomSource;
import moecl.task.LinearTask;
import moecl.task.Task;
import moecl.task.TaskGenerator;

/**
 * What the paper's three linear task generators ({@code clusters}, {@code definition1}, {@code gaussian}) share: the
 * shape (d rows, s samples), the types' ground truths and signals, the arrival sequence fixed in advance (round t
 * draws type {@code sequence[t − 1]}; {@link #next()} refuses a round past its end), and the labels
 * {@code y = X^T w_{n_t}} with the gate input {@code X 1_s}. A subclass draws X ({@link #draw}) and labels it with
 * {@link #labelled}.
 */
public abstract sealed class LinearGenerator implements TaskGenerator, moecl.task.LinearWorld,
        moecl.task.TypeSignals, moecl.task.ArrivalSequence, moecl.theory.TheoryWorld
        permits ClustersGenerator, Definition1Generator, GaussianGenerator {

    final int d;
    final int s;
    final double[][] truths;
    private final double[][] signals;
    /** The types of rounds 1, 2, …: fixed before the run (a restart replays it). */
    final int[] sequence;
    /** The per-round random stream: X's draws, in each generator's order. */
    final RandomSource rng;
    /** The labels' kernel for length d, chosen once. */
    private final VecKernel labels;
    private int round;
    /** y and x̄, reused round after round once {@link #reuseLabelArrays} was called (else fresh every round). */
    private double[] yBuf;
    private double[] gBuf;

    LinearGenerator(int d, int s, double[][] truths, double[][] signals, int[] sequence, RandomSource perRound,
                    VecKernel labels) {
        this.d = d;
        this.s = s;
        this.truths = truths;
        this.signals = signals;
        this.sequence = sequence;
        this.rng = perRound;
        this.labels = labels;
    }

    @Override
    public int dimension() {
        return d;
    }

    @Override
    public int types() {
        return truths.length;
    }

    @Override
    public int samplesPerTask() {
        return s;
    }

    @Override
    public double[][] groundTruths() {
        return truths;
    }

    @Override
    public double[][] signals() {
        return signals;
    }

    @Override
    public int[] arrivals() {
        return sequence.clone();
    }

    @Override
    public final Task next() {
        if (round >= sequence.length) {
            throw new IllegalStateException("the arrival sequence has " + sequence.length + " rounds");
        }
        return draw(sequence[round++]);
    }

    /** This round's task, of the given type; {@link #round()} is already its number. */
    abstract Task draw(int type);

    /** The current round's number: 1 in the first {@link #draw}. */
    final int round() {
        return round;
    }

    /** The labels and gate input of X for the type's truth ({@link LinearTask#labelled} with this kernel). */
    final LinearTask labelled(int type, double[] x) {
        if (yBuf != null) {
            java.util.Arrays.fill(gBuf, 0.0); // x̄ is summed into
            labels.labels(x, s, truths[type], yBuf, gBuf); // as LinearTask.labelled, into the reused arrays
            return new LinearTask(round, type, d, s, x, yBuf, gBuf);
        }
        return LinearTask.labelled(round, type, d, s, x, truths[type], labels);
    }

    /** From now on {@link #labelled} writes into the same y and x̄ every round (for {@code ReusesRoundArrays}). */
    final void reuseLabelArrays() {
        yBuf = new double[s];
        gBuf = new double[d];
    }
}
