package moecl.task;

import moecl.rng.RandomSource;

/**
 * A seeded stream of tasks plus what metrics need to know about the world: the number of task types, and for
 * linear worlds the ground truths {@code w_n} and feature signals {@code v_n}.
 *
 * <p>The world (pool of truths and, where it is drawn up front, the arrival sequence) is fixed when the generator
 * is built; {@link #restart(RandomSource)} replays the same world from round 1 with fresh per-round draws, so that
 * runs with different numbers of experts share one pool and one task sequence, as the paper's scripts do.
 */
public interface TaskGenerator {

    /** The length of the gate input vector. */
    int dimension();

    /** The number N of task types. */
    int types();

    /** The next task; rounds are numbered from 1. */
    Task next();

    /**
     * A generator over the same world and arrival sequence, starting again at round 1, drawing its per-round data
     * from {@code perRound}.
     */
    TaskGenerator restart(RandomSource perRound);

    /** The task types of the arrival sequence, rounds 1..T, when drawn up front; {@code null} otherwise. */
    default int[] arrivals() {
        return null;
    }

    /** The ground truths {@code w_n} (N × d), or {@code null} when the world is not linear. */
    default double[][] groundTruths() {
        return null;
    }

    /** The feature signals {@code v_n} (N × d), or {@code null}: used to compute expert sets. */
    default double[][] signals() {
        return null;
    }

    /**
     * Metrics for worlds that are not linear (e.g. image tasks with neural experts), or {@code null} to use the
     * standard linear metrics against {@link #groundTruths()}.
     */
    default moecl.metrics.RoundMetrics metrics(int experts) {
        return null;
    }

    /**
     * How the closed-form theory ({@code moecl.theory}) applies to this world: the projection factor r of one
     * min-norm update, exact for rotation-invariant features, an approximation otherwise; {@code null} when the
     * theory does not apply. {@link #theoryNote()} says which.
     */
    default moecl.theory.Projection theoryProjection() {
        return null;
    }

    /** One line on whether and how the theory applies (shown when it does not, or only approximately). */
    default String theoryNote() {
        return "the closed-form theory does not apply to this task generator";
    }

    /** The label-noise standard deviation σ of the tasks (0 without label noise). */
    default double labelNoise() {
        return 0;
    }

    /** Samples per task (s) for linear tasks, 0 when not applicable. */
    default int samplesPerTask() {
        return 0;
    }
}
