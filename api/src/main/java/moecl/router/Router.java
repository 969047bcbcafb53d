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

    /**
     * What the router can tell about itself at the end of a run, recorded with the run's results (the
     * {@code routerState} entry of its record in {@code summary.json}): for the paper's router, which experts its
     * stop rule flagged. Values must be JSON-friendly (numbers, strings, booleans, lists, maps) and deterministic.
     * Experimental: the entries may change.
     */
    default java.util.Map<String, Object> diagnostics() {
        return java.util.Map.of();
    }

    /** The gate parameters θ (M × dimension), or {@code null} for routers without a linear gate. */
    default double[][] gateWeights() {
        return null;
    }
}
