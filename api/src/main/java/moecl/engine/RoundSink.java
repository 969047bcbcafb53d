package moecl.engine;

import java.util.List;

/**
 * Receives a run's per-round record in blocks while the run goes on, so that a long run's rows need not be held in
 * memory: the engine keeps one block of rows and hands it over when it is full and at the end.
 */
public interface RoundSink {

    /** Called once before the first block: the metric columns in the order {@link #rows} passes them. */
    void start(List<String> metrics, int rounds);

    /**
     * Rows {@code from .. from + n − 1} (0-based, so round {@code t = from + 1} is index 0 of the arrays). The arrays
     * are reused for the next block and the thread's next run: copy what you keep.
     */
    void rows(int from, int n, int[] task, int[] expert, double[] moved, boolean[] frozen, double[][] metrics);
}
