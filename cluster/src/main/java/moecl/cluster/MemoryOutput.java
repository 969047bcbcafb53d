package moecl.cluster;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import moecl.workbench.sweep.RunOutput;
import moecl.workbench.sweep.SweepPlan;

/**
 * A member's {@link RunOutput}: each run's column file in memory, then the chunk's runs packed into one array for
 * the driver (one copy of each file).
 */
final class MemoryOutput implements RunOutput {

    /** A byte array output stream whose buffer is read in place. */
    private static final class Buffer extends ByteArrayOutputStream {
        Buffer(int size) {
            super(size);
        }

        void copyTo(ByteBuffer b) {
            b.put(buf, 0, count);
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

    /**
     * The runs in the order they ended ({@link ChunkResult#runs} reads them): their count, then per run its index,
     * failed flag, loop nanos, record (or failure record) and, if finished, its column file, each with its length.
     */
    byte[] payload() {
        long size = 4;
        for (Entry e : entries) {
            size += 4 + 1 + 8 + 4 + e.bytes.length + (e.failed ? 0 : 4 + e.columns.size());
        }
        if (size > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("the results of one chunk exceed 2 GB; use smaller chunks");
        }
        ByteBuffer b = ByteBuffer.allocate((int) size); // big-endian, as DataInputStream reads
        b.putInt(entries.size());
        for (Entry e : entries) {
            b.putInt(e.index).put((byte) (e.failed ? 1 : 0)).putLong(e.nanos).putInt(e.bytes.length).put(e.bytes);
            if (!e.failed) {
                b.putInt(e.columns.size());
                e.columns.copyTo(b);
            }
        }
        return b.array();
    }
}
