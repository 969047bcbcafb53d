package moecl.baselines;

import moecl.expert.LearnReport;
import moecl.router.Decision;
import moecl.router.Router;
import moecl.task.KeepsNoRoundArrays;
import moecl.task.Task;

/**
 * Sends the task of round t to expert {@code (t − 1) mod M}: perfectly balanced load, no specialisation.
 *
 * <p>Why: it isolates the load-balancing objective from the specialisation one. Its load is exactly uniform (what
 * the auxiliary loss {@code L_aux} pushes towards) while the task types each expert sees are as mixed as under
 * {@link RandomRouter}; with a fixed arrival order it is deterministic, which also makes it a handy test fixture.
 */
public final class RoundRobinRouter implements Router, KeepsNoRoundArrays {

    private final int experts;

    public RoundRobinRouter(int experts) {
        if (experts < 1) {
            throw new IllegalArgumentException("roundrobin: M must be >= 1, got " + experts);
        }
        this.experts = experts;
    }

    @Override
    public Decision route(Task task) {
        return Decision.of(Math.floorMod(task.round() - 1, experts));
    }

    @Override
    public void learn(Task task, Decision decision, LearnReport report) {
        // nothing to learn
    }
}
