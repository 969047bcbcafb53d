package moecl.cluster;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What a member sends back for a chunk: every run's record and column file (or its failure record) packed into one
 * byte array ({@link MemoryOutput}), so that the transport serializes a single array.
 *
 * @param chunk        the chunk's number
 * @param needPlan     the member did not know the plan: send the chunk again with its text
 * @param payload      the runs, see {@link #runs()}
 * @param computeNanos the member's wall time for the chunk
 */
record ChunkResult(int chunk, boolean needPlan, byte[] payload, long computeNanos) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** One run's outcome: finished ({@code columns} non-null) or failed ({@code bytes} is the failure record). */
    record RunBytes(int index, boolean failed, long nanos, byte[] bytes, byte[] columns) {
    }

    List<RunBytes> runs() {
        List<RunBytes> out = new ArrayList<>();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload))) {
            int n = in.readInt();
            for (int k = 0; k < n; k++) {
                int index = in.readInt();
                boolean failed = in.readBoolean();
                long nanos = in.readLong();
                byte[] bytes = new byte[in.readInt()];
                in.readFully(bytes);
                byte[] cols = null;
                if (!failed) {
                    cols = new byte[in.readInt()];
                    in.readFully(cols);
                }
                out.add(new RunBytes(index, failed, nanos, bytes, cols));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("a cluster member sent a malformed result for chunk " + chunk, e);
        }
        return out;
    }
}
