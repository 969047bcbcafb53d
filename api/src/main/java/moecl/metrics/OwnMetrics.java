package moecl.metrics;

/**
 * Capability of a task generator that brings its own metrics: worlds that are not linear (image tasks with neural
 * experts). A generator without it gets the linear metrics when it is a {@link moecl.task.LinearWorld} and its
 * experts are {@link moecl.expert.LinearModel}s, and none otherwise.
 */
@moecl.spi.Stable
public interface OwnMetrics {

    /** The metrics of a run with {@code experts} experts, fresh for each run. */
    RoundMetrics metrics(int experts);
}
