package moecl.theory;

import moecl.task.ArrivalSequence;
import moecl.task.LinearWorld;
import moecl.task.TaskGenerator;

/**
 * What the closed-form theory says of a world, before any run: its projection, label noise and truth geometry, the
 * expectation under uniform arrivals and, when the world draws its arrival sequence up front, along that sequence.
 * Shared by {@code moecl theory}, scripts' {@code theory()} and the run overlay ({@link Overlay}).
 *
 * @param projection the world's projection factor r
 * @param sigma      the label noise σ
 * @param geometry   the ground truths' geometry
 */
public record WorldTheory(Projection projection, double sigma, TruthGeometry geometry) {

    /** Whether the theory applies to {@code world}: a linear world with a projection factor. */
    public static boolean applies(TaskGenerator world) {
        return world instanceof LinearWorld && TheoryWorld.projection(world) != null;
    }

    /** The theory of {@code world}, or an {@link IllegalArgumentException} with its note when it does not apply. */
    public static WorldTheory of(TaskGenerator world) {
        if (!applies(world)) {
            throw new IllegalArgumentException(TheoryWorld.note(world));
        }
        LinearWorld lw = (LinearWorld) world;
        return new WorldTheory(TheoryWorld.projection(world), lw.labelNoise(), TruthGeometry.of(lw.groundTruths()));
    }

    /** Expectations under uniform arrivals. */
    public UniformArrivalTheory uniform() {
        return new UniformArrivalTheory(projection, sigma, geometry);
    }

    /** Expectations along the world's own arrival sequence, rounds 1..T; null when it has none drawn up front. */
    public TheoryCurve fixedOrder(TaskGenerator world) {
        int[] seq = world instanceof ArrivalSequence a ? a.arrivals() : null;
        return seq == null ? null : FixedOrderTheory.curve(projection, sigma, seq, geometry);
    }
}
