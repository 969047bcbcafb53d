package moecl.expert;

import moecl.task.Task;

/**
 * A learner that takes the tasks routed to it. Only the chosen expert of a round learns.
 *
 * <p>Optional capabilities: {@link LinearModel} (a linear predictor {@code w}: the run then gets the paper's
 * {@code F} and {@code G} against the generator's ground truths, when the generator is a
 * {@link moecl.task.LinearWorld}; an expert without it gets no F/G), and {@link Snapshots}
 * (copying its state out and back).
 */
@moecl.spi.Stable
public interface Expert {

    /** Learns from the task and reports what happened. */
    LearnReport learn(Task task);
}
