package moecl.theory;

import moecl.engine.RunResult;
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
     * The curves for a finished run, or an {@link IllegalArgumentException} saying why the theory does not apply.
     */
    public static TheoryCurve curve(TaskGenerator world, RunResult run) {
        Projection p = world.theoryProjection();
        if (p == null || world.groundTruths() == null) {
            throw new IllegalArgumentException(world.theoryNote());
        }
        return RoutedMoETheory.curve(p, world.labelNoise(), run.taskType(), run.expert(), run.experts(),
                TruthGeometry.of(world.groundTruths()));
    }
}
