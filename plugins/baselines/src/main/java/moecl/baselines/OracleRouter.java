package moecl.baselines;

import moecl.expert.LearnReport;
import moecl.router.Decision;
import moecl.router.Router;
import moecl.task.KeepsNoRoundArrays;
import moecl.task.Task;

/**
 * Sends a task of hidden type n to expert {@code n mod M}.
 *
 * <p><b>This router cheats by design:</b> it reads {@link Task#type()}, the hidden type n_t that no learning
 * router may see. That is its purpose: with {@code M ≥ N} every type has an expert of its own, which is the
 * perfectly specialised MoE that the paper's Theorem 1 says a well-trained gate reaches after round T1. Its
 * forgetting and generalization error are therefore a lower bound (upper bound on quality) for every learned gate;
 * with the {@code clusters} tasks and the min-norm expert they drop to (numerically) zero once every type was
 * seen. With {@code M < N} several types share an expert ({@code n mod M}), and the residual error shows the
 * cost of too few experts (paper.md §6, {@code M < N}).
 */
public final class OracleRouter implements Router, KeepsNoRoundArrays {

    private final int experts;

    public OracleRouter(int experts) {
        if (experts < 1) {
            throw new IllegalArgumentException("oracle: M must be >= 1, got " + experts);
        }
        this.experts = experts;
    }

    @Override
    public Decision route(Task task) {
        return Decision.of(Math.floorMod(task.type(), experts));
    }

    @Override
    public void learn(Task task, Decision decision, LearnReport report) {
        // nothing to learn
    }
}
