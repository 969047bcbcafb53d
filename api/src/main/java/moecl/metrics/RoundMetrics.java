package moecl.metrics;

import java.util.List;

import moecl.expert.Expert;
import moecl.expert.LearnReport;
import moecl.task.Task;

/**
 * Metrics computed every round, incrementally. An implementation names its columns once and fills one value per
 * column each round.
 */
@moecl.spi.Stable
public interface RoundMetrics {

    /** Column names, e.g. {@code F, G, F_ref, G_ref}. */
    List<String> columns();

    /**
     * Observes round {@code task.round()} after the chosen expert learned, and writes one value per column into
     * {@code out}.
     */
    void observe(Task task, int expert, Expert[] experts, LearnReport report, double[] out);
}
