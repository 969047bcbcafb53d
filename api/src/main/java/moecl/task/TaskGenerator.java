package moecl.task;

import moecl.rng.RandomSource;

/**
 * A seeded stream of tasks: what every task generator implements. What only some worlds have comes as optional
 * capabilities the generator also implements: {@link LinearWorld} (ground truths, label noise, samples per task:
 * the paper's F and G), {@link TypeSignals} (feature directions: expert sets), {@link ArrivalSequence} (the types of
 * all rounds, drawn up front), {@link moecl.metrics.OwnMetrics} (metrics of a world that is not linear) and
 * {@link moecl.theory.TheoryWorld} (the closed-form theory). The engine and the plugins' view of the generator
 * ({@code BuildContext.generator()}) offer exactly the capabilities the generator has.
 *
 * <p>The world (pool of truths and, where it is drawn up front, the arrival sequence) is fixed when the generator
 * is built; {@link #restart(RandomSource)} replays the same world from round 1 with fresh per-round draws, so that
 * runs with different numbers of experts share one pool and one task sequence, as the paper's scripts do.
 */
@moecl.spi.Stable
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
}
