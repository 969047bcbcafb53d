package moecl.paper;

import moecl.rng.RandomSource;
import moecl.task.LinearTask;
import moecl.task.Task;
import moecl.task.TaskGenerator;

/**
 * The paper's Definition 1 (paper.md §1.2): one column, at a random position, is {@code β_t · v_{n_t}} with
 * {@code β_t ~ U(0, C]}; the other {@code s − 1} columns are i.i.d. {@code N(0, σ_t² I_d)}; no label noise.
 */
public final class Definition1Generator implements TaskGenerator, moecl.task.LinearWorld, moecl.task.TypeSignals,
        moecl.task.ArrivalSequence, moecl.theory.TheoryWorld {

    private final int d;
    private final int s;
    private final double betaMax;
    private final double sigmaT;
    private final ClusterPool pool;
    private final int[] sequence;
    private final RandomSource rng;
    private int round;

    public Definition1Generator(int d, int s, double betaMax, double sigmaT, ClusterPool pool, int[] sequence,
                                RandomSource perRound) {
        this.d = d;
        this.s = s;
        this.betaMax = betaMax;
        this.sigmaT = sigmaT;
        this.pool = pool;
        this.sequence = sequence;
        this.rng = perRound;
    }

    @Override
    public int dimension() {
        return d;
    }

    @Override
    public int types() {
        return pool.truths().length;
    }

    @Override
    public int samplesPerTask() {
        return s;
    }

    @Override
    public double[][] groundTruths() {
        return pool.truths();
    }

    @Override
    public double[][] signals() {
        return pool.signals();
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
    public int[] arrivals() {
        return sequence.clone();
    }

    @Override
    public Task next() {
        if (round >= sequence.length) {
            throw new IllegalStateException("the arrival sequence has " + sequence.length + " rounds");
        }
        int type = sequence[round++];
        int star = rng.nextInt(s);
        double beta = betaMax * (1.0 - rng.nextDouble()); // (0, C]
        double[] x = new double[d * s];
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
        return LinearTask.labelled(round, type, d, s, x, pool.truths()[type]);
    }

    @Override
    public TaskGenerator restart(RandomSource perRound) {
        return new Definition1Generator(d, s, betaMax, sigmaT, pool, sequence, perRound);
    }
}
