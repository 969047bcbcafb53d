package moecl.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import com.hazelcast.internal.serialization.Data;
import com.hazelcast.internal.serialization.InternalSerializationService;
import com.hazelcast.internal.serialization.impl.DefaultSerializationServiceBuilder;
import com.hazelcast.internal.serialization.impl.HeapData;
import org.junit.jupiter.api.Test;

/**
 * Chunks and their results through Hazelcast's serialization as the member configs set it up: every field and byte
 * comes back, a column file is cut at its length (the member's buffer is longer), and a damaged stream is refused
 * with a message naming the chunk instead of allocating what it claims.
 */
class ChunkSerializersTest {

    private static final InternalSerializationService SERIALIZATION = new DefaultSerializationServiceBuilder()
            .setConfig(ClusterConfigs.embedded(1).getSerializationConfig()).build();

    @Test
    void aChunkTaskComesBackWithAndWithoutThePlanText() {
        String text = "{\"runs\": [" + "\"é\", ".repeat(40_000) + "\"x\"]}"; // longer than 64 KB in UTF-8
        for (String planText : new String[] {text, null}) {
            ChunkTask t = new ChunkTask("0123abcd", planText, 77, new int[] {5, 9, 2, 40}, new int[] {3, 4});
            Data d = SERIALIZATION.toData(t);
            assertEquals(ChunkSerializers.TASK_TYPE, d.getType());
            ChunkTask back = SERIALIZATION.toObject(d);
            assertEquals("0123abcd", back.planHash());
            assertEquals(planText, back.planText());
            assertEquals(77, back.chunk());
            assertArrayEquals(new int[] {5, 9, 2, 40}, back.runs());
            assertArrayEquals(new int[] {3, 4}, back.unitEnds());
        }
    }

    @Test
    void aResultComesBackRunByRunWithColumnsCutAtTheirLength() {
        byte[] buffer = new byte[1000];
        for (int i = 0; i < buffer.length; i++) {
            buffer[i] = (byte) (i * 7 + 3);
        }
        byte[] record = "{\"run\":3}".getBytes(StandardCharsets.UTF_8);
        byte[] failure = "{\"message\":\"boom\"}".getBytes(StandardCharsets.UTF_8);
        ChunkResult r = new ChunkResult(12, false, List.of(
                new ChunkResult.RunBytes(3, false, 123_456_789L, record, buffer, 600),
                new ChunkResult.RunBytes(8, true, 0, failure, null, 0),
                new ChunkResult.RunBytes(4, false, 5L, new byte[0], buffer, 0)), 987_654_321L);
        assertEquals(record.length + 600 + failure.length, r.bytes());
        Data d = SERIALIZATION.toData(r);
        assertEquals(ChunkSerializers.RESULT_TYPE, d.getType());
        ChunkResult back = SERIALIZATION.toObject(d);
        assertEquals(12, back.chunk());
        assertFalse(back.needPlan());
        assertEquals(987_654_321L, back.computeNanos());
        assertEquals(3, back.runs().size());
        ChunkResult.RunBytes a = back.runs().get(0);
        assertEquals(3, a.index());
        assertFalse(a.failed());
        assertEquals(123_456_789L, a.nanos());
        assertArrayEquals(record, a.bytes());
        assertArrayEquals(Arrays.copyOf(buffer, 600), a.columns());
        assertEquals(600, a.columnsLength());
        ChunkResult.RunBytes b = back.runs().get(1);
        assertTrue(b.failed());
        assertArrayEquals(failure, b.bytes());
        assertNull(b.columns());
        ChunkResult.RunBytes c = back.runs().get(2);
        assertEquals(0, c.columnsLength());
        assertEquals(0, c.columns().length);
        assertEquals(r.bytes(), back.bytes());

        ChunkResult ask = SERIALIZATION.toObject(SERIALIZATION.toData(new ChunkResult(5, true, List.of(), 0)));
        assertTrue(ask.needPlan());
        assertTrue(ask.runs().isEmpty());
    }

    @Test
    void aDamagedResultIsRefusedNamingTheChunk() {
        byte[] cols = new byte[64];
        Data d = SERIALIZATION.toData(new ChunkResult(31, false,
                List.of(new ChunkResult.RunBytes(0, false, 1, new byte[] {1, 2}, cols, 64)), 10));
        byte[] bytes = d.toByteArray();
        // truncated: the column file's last bytes are missing
        Exception cut = assertThrows(RuntimeException.class,
                () -> SERIALIZATION.toObject(new HeapData(Arrays.copyOf(bytes, bytes.length - 10))));
        assertTrue(chain(cut).contains("EOF") || chain(cut).contains("chunk 31"), chain(cut));
        // the column file's length overwritten with a negative number
        byte[] bad = bytes.clone();
        int at = indexOfLength(bad, 64);
        ByteBuffer.wrap(bad, at, 4).putInt(-5);
        Exception neg = assertThrows(RuntimeException.class, () -> SERIALIZATION.toObject(new HeapData(bad)));
        assertTrue(chain(neg).contains("malformed result for chunk 31"), chain(neg));
        assertTrue(chain(neg).contains("-5"), chain(neg));
    }

    /** Where the big-endian int {@code len} stands last before the end mark (the column file's length field). */
    private static int indexOfLength(byte[] b, int len) {
        for (int i = b.length - 8; i >= 0; i--) {
            if (ByteBuffer.wrap(b, i, 4).getInt() == len) {
                return i;
            }
        }
        throw new AssertionError("no length field " + len);
    }

    private static String chain(Throwable e) {
        StringBuilder s = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            s.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage()).append(" / ");
        }
        return s.toString();
    }
}
