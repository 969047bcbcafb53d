package moecl.workbench.sweep;

import java.util.List;
import java.util.function.LongConsumer;

/**
 * Computes the units of a sweep plan and hands every run's result to the store: {@link LocalExecutor} on this
 * process's threads, or a cluster implementation on other machines. Executors do not write files; the store does,
 * keyed by run id, so at-least-once execution still gives exactly-once output.
 */
public interface RunExecutor extends AutoCloseable {

    /** {@code local}, {@code hazelcast}, ... (recorded in the manifest). */
    String name();

    /** The number of runs that can compute at once (threads here, or the cluster's), for the manifest. */
    int parallelism();

    /**
     * Computes {@code units} of {@code plan}; each run ends in {@code store} as finished or failed. Interrupting the
     * calling thread cancels it ({@link java.util.concurrent.CancellationException}); a {@link StoreFailure} stops
     * it.
     *
     * @param advance receives rounds done (for progress), from any thread
     */
    void execute(SweepPlan plan, List<int[]> units, SweepStore store, LongConsumer advance);

    @Override
    default void close() {
    }
}
