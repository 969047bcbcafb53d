package moecl.paper;

import moecl.linalg.kernels.Kernels;
import moecl.rng.RandomSource;
import moecl.task.LinearTask;
import moecl.task.Task;
import moecl.task.TaskGenerator;

/**
 * Rotation-invariant tasks for checking the theory (paper.md §1.3): every entry of X i.i.d. N(0, 1),
 * {@code y = X^T w_{n_t} + z}, {@code z ~ N(0, σ² I_s)}.
 */
public final class GaussianGenerator extends LinearGenerator {

    private final double sigma;

    /** The truths double as signals: the gate of a linear router can tell types apart by them. */
    public GaussianGenerator(int d, int s, double sigma, double[][] truths, int[] sequence, RandomSource perRound) {
        super(d, s, truths, truths, sequence, perRound, Kernels.vec(d)); // the labels' kernel: in lanes for large d
        this.sigma = sigma;
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
    Task draw(int type) {
        double[] x = new double[d * s];
        rng.fillGaussian(x, 0, d * s);
        LinearTask task = labelled(type, x);
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
