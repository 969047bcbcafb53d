package moecl.expert;

import moecl.task.Task;

/**
 * A learner that takes the tasks routed to it. Only the chosen expert of a round learns.
 */
public interface Expert {

    /** Learns from the task and reports what happened. */
    LearnReport learn(Task task);

    /** A copy of the expert's state, for snapshots and replays. */
    Object snapshot();

    /** Restores a state taken with {@link #snapshot()}. */
    void restore(Object snapshot);
}
