package moecl.task;

/**
 * A generator or router that can hand out, round after round, the same arrays (a task's X, y and x̄; a decision's
 * gate outputs and probabilities), overwritten in place, instead of new ones: at the paper's sizes those
 * allocations are a third of the bytes a round allocates.
 *
 * <p>Off by default: a task's and a decision's arrays belong to it (experts written as scripts may keep tasks, a
 * recording wrapper keeps decisions). {@code moecl.engine.RunEngine.run} switches it on for one run only when
 * nothing else can see the arrays after the round: for a generator, when every expert, the router and the metrics are
 * {@link KeepsNoRoundArrays}; for a router, always (its decision goes only back to its own {@code learn}; a wrapper
 * that records decisions does not implement this interface, so its inner router is never switched). The numbers
 * are the same either way: the arrays are fully rewritten every round.
 */
public interface ReusesRoundArrays {

    /** From now on, the arrays handed out in round t may be overwritten in round t + 1. */
    void reuseRoundArrays();
}
