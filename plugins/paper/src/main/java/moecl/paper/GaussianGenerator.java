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
public final class GaussianGenerator extends LinearGenerator implements moecl.task.ReusesRoundArrays {

    private final double sigma;
    /**
     * A task's X, reused round after round once the engine allows it ({@link #reuseRoundArrays}), with y and x̄: at
     * d = 500, s = 50 a fresh X is 200 KB a round, and collecting them cost a large-d run two or three young
     * collections of 10–20 ms each (BENCHMARKS.md, "Large d").
     */
    private double[] xBuf;

    @Override
    public void reuseRoundArrays() {
        xBuf = new double[d * s];
        reuseLabelArrays();
    }

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
        double[] x = xBuf != null ? xBuf : new double[d * s];
        rng.fillGaussian(x, 0, d * s); // every entry is written
        LinearTask task = labelled(type, x);
        if (sigma != 0) {
            double[] y = task.y(); // this round's labels (fresh or reused): label noise, one draw per sample in order
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
