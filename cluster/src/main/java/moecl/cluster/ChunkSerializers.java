package moecl.cluster;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.hazelcast.config.Config;
import com.hazelcast.config.SerializerConfig;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.StreamSerializer;

/**
 * How chunks and their results cross the wire: plain fields and byte arrays, not Java serialization. A result's
 * column files are written from the member's buffers as they are and read into one array per run (Java
 * serialization of one packed array cost two extra copies of every result byte and the object stream's own
 * work, on the member's compute thread and on the driver). Every moecl member config registers both
 * ({@link ClusterConfigs}).
 */
final class ChunkSerializers {

    /** Hazelcast type ids of the two serializers (positive, unique among this cluster's custom serializers). */
    static final int TASK_TYPE = 0x6D6F_0001;
    static final int RESULT_TYPE = 0x6D6F_0002;
    /**
     * Ends a result: a stream cut short is caught by it (Hazelcast's {@code readFully} returns a partial array
     * without complaint when some bytes are left; the column files' own checksums would catch it only later).
     */
    private static final int END = 0x4D4F_454E;
    /** A record or a column file larger than this is taken as a malformed stream rather than allocated. */
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 16;

    private ChunkSerializers() {
    }

    /** Registers both serializers in a member config. */
    static void register(Config c) {
        c.getSerializationConfig()
                .addSerializerConfig(new SerializerConfig().setTypeClass(ChunkTask.class)
                        .setImplementation(new TaskSerializer()))
                .addSerializerConfig(new SerializerConfig().setTypeClass(ChunkResult.class)
                        .setImplementation(new ResultSerializer()));
    }

    /** {@link ChunkTask}: plan hash, plan text (or none), chunk number, run indices, unit ends. */
    static final class TaskSerializer implements StreamSerializer<ChunkTask> {

        @Override
        public int getTypeId() {
            return TASK_TYPE;
        }

        @Override
        public void write(ObjectDataOutput out, ChunkTask t) throws IOException {
            out.writeString(t.planHash());
            out.writeString(t.planText());
            out.writeInt(t.chunk());
            out.writeIntArray(t.runs());
            out.writeIntArray(t.unitEnds());
        }

        @Override
        public ChunkTask read(ObjectDataInput in) throws IOException {
            String hash = in.readString();
            String text = in.readString();
            int chunk = in.readInt();
            int[] runs = in.readIntArray();
            int[] ends = in.readIntArray();
            if (hash == null || runs == null || ends == null) {
                throw new IOException("a malformed chunk of a sweep arrived: no plan hash or no runs");
            }
            return new ChunkTask(hash, text, chunk, runs, ends);
        }
    }

    /**
     * {@link ChunkResult}: its fields, then per run its index, flag, nanos, record and (if finished) columns, then
     * {@link #END}.
     */
    static final class ResultSerializer implements StreamSerializer<ChunkResult> {

        @Override
        public int getTypeId() {
            return RESULT_TYPE;
        }

        @Override
        public void write(ObjectDataOutput out, ChunkResult r) throws IOException {
            out.writeInt(r.chunk());
            out.writeBoolean(r.needPlan());
            out.writeLong(r.computeNanos());
            out.writeInt(r.runs().size());
            for (ChunkResult.RunBytes b : r.runs()) {
                out.writeInt(b.index());
                out.writeBoolean(b.failed());
                out.writeLong(b.nanos());
                out.writeInt(b.bytes().length);
                out.write(b.bytes());
                if (!b.failed()) {
                    out.writeInt(b.columnsLength());
                    out.write(b.columns(), 0, b.columnsLength());
                }
            }
            out.writeInt(END);
        }

        @Override
        public ChunkResult read(ObjectDataInput in) throws IOException {
            int chunk = in.readInt();
            boolean needPlan = in.readBoolean();
            long nanos = in.readLong();
            int n = in.readInt();
            if (n < 0) {
                throw malformed(chunk, "a negative run count");
            }
            List<ChunkResult.RunBytes> runs = new ArrayList<>(Math.min(n, 1 << 16));
            for (int k = 0; k < n; k++) {
                int index = in.readInt();
                boolean failed = in.readBoolean();
                long runNanos = in.readLong();
                byte[] bytes = array(in, chunk);
                byte[] cols = failed ? null : array(in, chunk);
                int length = cols == null ? 0 : cols.length;
                runs.add(new ChunkResult.RunBytes(index, failed, runNanos, bytes, cols, length));
            }
            if (in.readInt() != END) {
                throw malformed(chunk, "no end mark after " + n + " runs");
            }
            return new ChunkResult(chunk, needPlan, runs, nanos);
        }

        private static byte[] array(ObjectDataInput in, int chunk) throws IOException {
            int len = in.readInt();
            if (len < 0 || len > MAX_ARRAY) {
                throw malformed(chunk, "an array length of " + len);
            }
            byte[] b = new byte[len];
            in.readFully(b);
            return b;
        }

        private static IOException malformed(int chunk, String what) {
            return new IOException("a cluster member sent a malformed result for chunk " + chunk + " (" + what + ")");
        }
    }
}
