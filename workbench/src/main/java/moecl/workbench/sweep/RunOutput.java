package moecl.workbench.sweep;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Where the runs of a unit go: the sweep store's files on the driver, or memory on a cluster member (the driver
 * then writes what comes back). Called on the unit's thread.
 */
public interface RunOutput {

    /** Opens the stream for a run's column file, just before its loop starts. */
    OutputStream open(SweepPlan.Run run) throws IOException;

    /**
     * Just before {@link #finished}: the run's metric columns, still in memory because the run fitted in one block
     * of its column file ({@code rows} rows each). Outputs that can use them (the sweep store's mean curves) do.
     */
    default void metrics(SweepPlan.Run run, java.util.List<String> names, double[][] cols, int rows) {
    }

    /** The run finished and its column stream is closed; {@code record} is its {@code results/<id>.json}. */
    void finished(SweepPlan.Run run, byte[] record, long nanos) throws IOException;

    /** The run failed; its column stream, if opened, is abandoned. */
    void failed(SweepPlan.Run run, byte[] failure) throws IOException;
}
