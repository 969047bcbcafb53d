package moecl.cluster;

import java.util.List;

/**
 * What a member sends back for a chunk: every run's record and column file, or its failure record. It travels by
 * {@link ChunkSerializers.ResultSerializer}, which writes each run's bytes straight from the member's buffers and
 * reads them into one array per run: no packing into one array, no unpacking copy on the driver.
 *
 * @param chunk        the chunk's number
 * @param needPlan     the member did not know the plan: send the chunk again with its text
 * @param runs         the runs in the order they ended (empty when {@code needPlan})
 * @param computeNanos the member's wall time for the chunk
 */
record ChunkResult(int chunk, boolean needPlan, List<RunBytes> runs, long computeNanos) {

    /**
     * One run's outcome: finished (its column file is the first {@code columnsLength} bytes of {@code columns}) or
     * failed ({@code bytes} is the failure record, {@code columns} null).
     */
    record RunBytes(int index, boolean failed, long nanos, byte[] bytes, byte[] columns, int columnsLength) {
    }

    /** The result bytes of the chunk's runs (records and column files). */
    long bytes() {
        long n = 0;
        for (RunBytes r : runs) {
            n += r.bytes().length + (r.failed() ? 0 : r.columnsLength());
        }
        return n;
    }
}
