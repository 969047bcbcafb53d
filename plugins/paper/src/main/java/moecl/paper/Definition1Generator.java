package moecl.paper;

import moecl.linalg.kernels.Kernels;
import moecl.rng.RandomSource;
import moecl.task.Task;
import moecl.task.TaskGenerator;

/**
 * The paper's Definition 1 (paper.md §1.2): one column, at a random position, is {@code β_t · v_{n_t}} with
 * {@code β_t ~ U(0, C]}; the other {@code s − 1} columns are i.i.d. {@code N(0, σ_t² I_d)}; no label noise. The
 * labels are summed by the generic loop at every d (as they always were here: the wide kernels would change the
 * last bits of runs with d ≥ 64).
 */
public final class Definition1Generator extends LinearGenerator implements moecl.task.ReusesRoundArrays {

    private final double betaMax;
    private final double sigmaT;
    private final ClusterPool pool;
    /** A task's X, reused round after round once the engine allows it ({@link #reuseRoundArrays}), with y and x̄. */
    private double[] xBuf;

    @Override
    public void reuseRoundArrays() {
        xBuf = new double[d * s];
        reuseLabelArrays();
    }

    public Definition1Generator(int d, int s, double betaMax, double sigmaT, ClusterPool pool, int[] sequence,
                                RandomSource perRound) {
        super(d, s, pool.truths(), pool.signals(), sequence, perRound, Kernels.vec(d, Kernels.Mode.GENERIC));
        this.betaMax = betaMax;
        this.sigmaT = sigmaT;
        this.pool = pool;
    }

    @Override
    public moecl.theory.Projection theoryProjection() {
        return null; // see the note
    }

    @Override
    public String theoryNote() {
        return "the closed-form theory does not apply to definition1: its features are not rotation-invariant "
                + "and no effective r is known";
    }

    @Override
    Task draw(int type) {
        int star = rng.nextInt(s);
        double beta = betaMax * (1.0 - rng.nextDouble()); // (0, C]
        double[] x = xBuf != null ? xBuf : new double[d * s]; // every entry is written below
        for (int j = 0; j < s; j++) {
            int off = j * d;
            if (j == star) {
                double[] v = pool.signals()[type];
                for (int i = 0; i < d; i++) {
                    x[off + i] = beta * v[i];
                }
            } else {
                for (int i = 0; i < d; i++) {
                    x[off + i] = sigmaT * rng.nextGaussian();
                }
            }
        }
        return labelled(type, x);
    }

    @Override
    public TaskGenerator restart(RandomSource perRound) {
        return new Definition1Generator(d, s, betaMax, sigmaT, pool, sequence, perRound);
    }
}
