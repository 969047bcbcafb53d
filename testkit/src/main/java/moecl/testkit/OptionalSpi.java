package moecl.testkit;

import moecl.expert.Expert;
import moecl.task.TaskGenerator;

/**
 * Every call the test kit makes to the optional capabilities of the SPI, in one place: what a task generator may
 * know of its world ({@link moecl.task.LinearWorld}, {@link moecl.task.TypeSignals},
 * {@link moecl.task.ArrivalSequence}) and an expert's {@link moecl.expert.Snapshots}. The run's metrics come from
 * the engine ({@code Sweep.metricsFor}).
 */
final class OptionalSpi {

    private OptionalSpi() {
    }

    /** The ground truths {@code w_n} of a linear world, or {@code null}. */
    static double[][] groundTruths(TaskGenerator g) {
        return g instanceof moecl.task.LinearWorld lw ? lw.groundTruths() : null;
    }

    /** The feature signals {@code v_n}, or {@code null}. */
    static double[][] signals(TaskGenerator g) {
        return g instanceof moecl.task.TypeSignals ts ? ts.signals() : null;
    }

    /** The arrival sequence when drawn up front, or {@code null}. */
    static int[] arrivals(TaskGenerator g) {
        return g instanceof moecl.task.ArrivalSequence a ? a.arrivals() : null;
    }

    /** A snapshot of the expert's state, or {@code null} when it offers none. */
    static Object snapshot(Expert e) {
        if (!(e instanceof moecl.expert.Snapshots s)) {
            return null;
        }
        try {
            return s.snapshot();
        } catch (UnsupportedOperationException notOffered) {
            return null;
        }
    }

    /** Restores a snapshot taken with {@link #snapshot}. */
    static void restore(Expert e, Object snapshot) {
        ((moecl.expert.Snapshots) e).restore(snapshot);
    }
}
