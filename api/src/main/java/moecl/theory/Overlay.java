package moecl.theory;

import moecl.task.TaskGenerator;

/**
 * The theory next to a run: the expected {@code F_t} and {@code G_t} (paper definitions) conditional on the run's
 * recorded routing (task types and chosen experts), from {@link RoutedMoETheory}. Exact for rotation-invariant
 * tasks when the routing does not depend on the tasks' data; an approximation for learned gates and for
 * generators that only offer an effective r.
 */
public final class Overlay {

    /** Column names added to a run's metrics. */
    public static final String F = "F_theory";
    public static final String G = "G_theory";

    private Overlay() {
    }

    /**
     * The curves for a finished run (its task types and chosen experts per round, 0-based), or an
     * {@link IllegalArgumentException} saying why the theory does not apply.
     */
    public static TheoryCurve curve(TaskGenerator world, int[] taskType, int[] expert, int experts) {
        WorldTheory w = WorldTheory.of(world);
        return RoutedMoETheory.curve(w.projection(), w.sigma(), taskType, expert, experts, w.geometry());
    }
}
