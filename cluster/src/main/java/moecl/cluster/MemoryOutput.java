package moecl.cluster;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import moecl.workbench.sweep.RunOutput;
import moecl.workbench.sweep.SweepPlan;

/**
 * A member's {@link RunOutput}: each run's column file in memory, handed to the driver as it is
 * ({@link ChunkSerializers.ResultSerializer} writes it from these buffers).
 */
final class MemoryOutput implements RunOutput {

    /** A byte array output stream whose buffer is read in place. */
    private static final class Buffer extends ByteArrayOutputStream {
        Buffer(int size) {
            super(size);
        }

        /** The buffer itself (its first {@link #size} bytes are the data): sent as it is, not copied. */
        byte[] array() {
            return buf;
        }
    }

    private record Entry(int index, boolean failed, long nanos, byte[] bytes, Buffer columns) {
    }

    private final Map<Integer, Buffer> open = new HashMap<>();
    private final List<Entry> entries = new ArrayList<>();

    @Override
    public OutputStream open(SweepPlan.Run run) {
        // a column file is about 35 bytes a round (compressed); start near it, grow when more
        Buffer b = new Buffer((int) Math.min(1 << 24, 1024 + 40L * run.spec().rounds()));
        open.put(run.index(), b);
        return b;
    }

    @Override
    public void finished(SweepPlan.Run run, byte[] record, long nanos) throws IOException {
        Buffer cols = open.remove(run.index());
        if (cols == null) {
            throw new IllegalStateException("run " + run.index() + " finished without a column file");
        }
        entries.add(new Entry(run.index(), false, nanos, record, cols));
    }

    @Override
    public void failed(SweepPlan.Run run, byte[] failure) {
        open.remove(run.index());
        entries.add(new Entry(run.index(), true, 0, failure, null));
    }

    /** The chunk's result: the runs in the order they ended, their column files in this output's buffers. */
    ChunkResult result(int chunk, long computeNanos) {
        List<ChunkResult.RunBytes> runs = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            runs.add(e.failed ? new ChunkResult.RunBytes(e.index, true, 0, e.bytes, null, 0)
                    : new ChunkResult.RunBytes(e.index, false, e.nanos, e.bytes, e.columns.array(), e.columns.size()));
        }
        ChunkResult r = new ChunkResult(chunk, false, runs, computeNanos);
        if (r.bytes() + 64L * runs.size() > Integer.MAX_VALUE - 1024) { // one serialized message holds at most 2 GB
            throw new IllegalStateException("the results of one chunk exceed 2 GB; use smaller chunks");
        }
        return r;
    }
}
