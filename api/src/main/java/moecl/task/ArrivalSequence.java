package moecl.task;

/**
 * Capability of a task generator that draws its arrival sequence (the task type of every round) up front, as the
 * paper's scripts do; the closed-form theory for a fixed order uses it.
 */
@moecl.spi.Stable
public interface ArrivalSequence {

    /** The task types of rounds 1..T. */
    int[] arrivals();
}
