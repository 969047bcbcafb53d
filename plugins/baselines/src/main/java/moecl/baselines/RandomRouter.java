package moecl.baselines;

import moecl.expert.LearnReport;
import moecl.rng.RandomSource;
import moecl.router.Decision;
import moecl.router.Router;
import moecl.task.KeepsNoRoundArrays;
import moecl.task.Task;

/**
 * Sends each task to an expert drawn uniformly at random, independently every round, from the run's
 * {@code router} stream (one {@code nextInt(M)} per round).
 *
 * <p>Why: it is the MoE with no gate at all. Every expert sees a random mix of task types, so each one behaves
 * like a single expert trained on all types (paper.md §6: it never converges), only updated M times less
 * often. Any learned gate should beat it once specialised.
 */
public final class RandomRouter implements Router, KeepsNoRoundArrays {

    private final int experts;
    private final RandomSource rng;

    public RandomRouter(int experts, RandomSource rng) {
        if (experts < 1) {
            throw new IllegalArgumentException("random: M must be >= 1, got " + experts);
        }
        this.experts = experts;
        this.rng = rng;
    }

    @Override
    public Decision route(Task task) {
        return Decision.of(rng.nextInt(experts));
    }

    @Override
    public void learn(Task task, Decision decision, LearnReport report) {
        // nothing to learn
    }
}
