package moecl.router;

import moecl.expert.LearnReport;
import moecl.task.Task;

/**
 * Decides which expert takes each task, and learns from the outcome. A router that stops learning (the paper's
 * Algorithm 1) reports itself {@link #frozen()}.
 */
@moecl.spi.Stable
public interface Router {

    /** Routes the task. May draw exploration noise from the router's stream. */
    Decision route(Task task);

    /** Learns from the outcome of the round (the gate step); called once per round after the experts learned. */
    void learn(Task task, Decision decision, LearnReport report);

    /** Whether the gate has stopped updating. */
    default boolean frozen() {
        return false;
    }

    /** The gate parameters θ (M × dimension), or {@code null} for routers without a linear gate. */
    default double[][] gateWeights() {
        return null;
    }
}
