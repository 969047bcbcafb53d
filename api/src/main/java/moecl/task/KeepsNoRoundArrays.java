package moecl.task;

/**
 * An expert, router or metrics object that keeps no reference to a task, a decision or their arrays once the call
 * that received them returns, so that a generator may reuse those arrays in the next round
 * ({@link ReusesRoundArrays}).
 */
public interface KeepsNoRoundArrays {
}
