package moecl.testkit;

import moecl.expert.Expert;
import moecl.task.TaskGenerator;

/**
 * Every call the test kit makes to the optional parts of the SPI, in one place: what a task generator may know of
 * its world (ground truths, signals, the arrival sequence) and an expert's snapshots. The run's metrics come from
 * the engine ({@code Sweep.metricsFor}). When those parts move (e.g. to capability interfaces), this class is what
 * changes.
 */
final class OptionalSpi {

    private OptionalSpi() {
    }

    /** The ground truths {@code w_n} of a linear world, or {@code null}. */
    static double[][] groundTruths(TaskGenerator g) {
        return g.groundTruths();
    }

    /** The feature signals {@code v_n}, or {@code null}. */
    static double[][] signals(TaskGenerator g) {
        return g.signals();
    }

    /** The arrival sequence when drawn up front, or {@code null}. */
    static int[] arrivals(TaskGenerator g) {
        return g.arrivals();
    }

    /** A snapshot of the expert's state, or {@code null} when it offers none. */
    static Object snapshot(Expert e) {
        try {
            return e.snapshot();
        } catch (UnsupportedOperationException notOffered) {
            return null;
        }
    }

    /** Restores a snapshot taken with {@link #snapshot}. */
    static void restore(Expert e, Object snapshot) {
        e.restore(snapshot);
    }
}
