package moecl.paper;

import moecl.rng.RandomSource;
import moecl.task.LinearTask;
import moecl.task.Task;
import moecl.task.TaskGenerator;

/**
 * Rotation-invariant tasks for checking the theory (paper.md §1.3): every entry of X i.i.d. N(0, 1),
 * {@code y = X^T w_{n_t} + z}, {@code z ~ N(0, σ² I_s)}.
 */
public final class GaussianGenerator implements TaskGenerator, moecl.task.LinearWorld, moecl.task.TypeSignals,
        moecl.task.ArrivalSequence, moecl.theory.TheoryWorld {

    private final int d;
    private final int s;
    private final double sigma;
    private final double[][] truths;
    private final int[] sequence;
    private final RandomSource rng;
    private int round;
    /** The labels' kernel for length d, chosen once (in lanes for large d). */
    private final moecl.linalg.kernels.VecKernel labels;

    public GaussianGenerator(int d, int s, double sigma, double[][] truths, int[] sequence, RandomSource perRound) {
        this.d = d;
        this.s = s;
        this.sigma = sigma;
        this.truths = truths;
        this.sequence = sequence;
        this.rng = perRound;
        this.labels = moecl.linalg.kernels.Kernels.vec(d);
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

    /** The truths double as signals: the gate of a linear router can tell types apart by them. */
    @Override
    public double[][] signals() {
        return truths;
    }

    @Override
    public double labelNoise() {
        return sigma;
    }

    /** Rotation-invariant features: r = 1 − s/d is exact (paper.md §6). */
    @Override
    public moecl.theory.Projection theoryProjection() {
        return moecl.theory.Projection.isotropic(d, s);
    }

    @Override
    public String theoryNote() {
        return "exact: i.i.d. Gaussian features, r = 1 - s/d";
    }

    @Override
    public int[] arrivals() {
        return sequence.clone();
    }

    @Override
    public Task next() {
        if (round >= sequence.length) {
            throw new IllegalStateException("the arrival sequence has " + sequence.length + " rounds");
        }
        int type = sequence[round++];
        double[] x = new double[d * s];
        rng.fillGaussian(x, 0, d * s);
        LinearTask task = LinearTask.labelled(round, type, d, s, x, truths[type], labels);
        if (sigma != 0) {
            double[] y = task.y(); // the task's own fresh array: label noise, one draw per sample in order
            for (int j = 0; j < s; j++) {
                y[j] += sigma * rng.nextGaussian();
            }
        }
        return task;
    }

    @Override
    public TaskGenerator restart(RandomSource perRound) {
        return new GaussianGenerator(d, s, sigma, truths, sequence, perRound);
    }
}
