package moecl.workbench.sweep;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;

/**
 * The per-run column file ({@code .cols}): a run's per-round rows as binary columns in blocks, each column of each
 * block byte-shuffled and compressed with Zstandard, with a block index and a checksum at the end. It is written
 * while the run goes on (one block in memory) and read back block by block, so neither side holds a long run.
 *
 * <pre>
 * file    = "MOECLCOL" version:u8 headerLength:i32 header:UTF-8 JSON  block*  index  footer
 * header  = {"rows":T,"columns":[{"name":"task","type":"i32"},...]}
 * block   = rows:i32 (length:i32 zstd(shuffle(column bytes)))  for each column
 * index   = blocks:i32 (offset:i64 rows:i32)  for each block
 * footer  = indexOffset:i64 crc32c:i32 "MOECLEND"      (crc32c of every byte before the footer)
 * </pre>
 * All numbers are little-endian. Types: {@code i32} (4 bytes), {@code f64} (IEEE 754 bits, 8 bytes), {@code u8}
 * (1 byte). Shuffling stores byte 0 of every value, then byte 1, ...: the sign, exponent and high mantissa bytes of
 * slowly changing doubles, and the zero high bytes of small integers, then sit together and compress well. The
 * format is documented in docs/sweeps.md.
 */
public final class Columns {

    static final byte[] MAGIC = "MOECLCOL".getBytes(StandardCharsets.US_ASCII);
    static final byte[] END = "MOECLEND".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    static final int FOOTER = 8 + 4 + 8;
    /**
     * Zstandard level: -1 (the first of the fast levels) compresses these columns markedly faster than level 1, to
     * nearly the same size (docs/sweeps.md; BENCHMARKS.md, "Numbers behind the code").
     */
    static final int LEVEL = -1;

    /**
     * Compression and decompression contexts for reuse: a context made per call (what {@code Zstd.compressByteArray}
     * does) costs as much as compressing a 2000-row column (BENCHMARKS.md), and sweeps compress and decompress tens of
     * thousands of them. A context serves one call at a time; at most {@link #POOLED} of each kind are kept.
     */
    private static final java.util.concurrent.ConcurrentLinkedQueue<ZstdCompressCtx> COMPRESSORS =
            new java.util.concurrent.ConcurrentLinkedQueue<>();
    private static final java.util.concurrent.ConcurrentLinkedQueue<ZstdDecompressCtx> DECOMPRESSORS =
            new java.util.concurrent.ConcurrentLinkedQueue<>();
    private static final int POOLED = 64;

    /**
     * Makes one compression and one decompression context ready in the pools. A JVM's first context costs about
     * 100 ms (zstd-jni then binds its native functions through the FFM linker), which a command that writes a run
     * folder would otherwise pay inside its first run: most of a paper-size run's loop time (BENCHMARKS.md, "Large
     * d"). Called on a spare core at start-up it costs the command nothing. Safe from any thread, any number of
     * times; a failure here only means that the first write pays the cost (and reports what is wrong).
     */
    public static void prepare() {
        if (!COMPRESSORS.isEmpty() && !DECOMPRESSORS.isEmpty()) {
            return;
        }
        try {
            ZstdCompressCtx c = new ZstdCompressCtx();
            c.setLevel(LEVEL);
            release(COMPRESSORS, c);
            release(DECOMPRESSORS, new ZstdDecompressCtx());
        } catch (RuntimeException | LinkageError e) {
            // the write that needs a context will report it
        }
    }

    /** How many compression and decompression contexts wait in the pools (tests). */
    static int[] pooled() {
        return new int[] {COMPRESSORS.size(), DECOMPRESSORS.size()};
    }

    static int compress(byte[] dst, byte[] src, int len) {
        ZstdCompressCtx c = COMPRESSORS.poll();
        if (c == null) {
            c = new ZstdCompressCtx();
            c.setLevel(LEVEL);
        }
        try {
            return c.compressByteArray(dst, 0, dst.length, src, 0, len);
        } finally {
            release(COMPRESSORS, c);
        }
    }

    /** Decompresses exactly {@code dst.length} bytes, or throws. */
    static void decompress(byte[] dst, byte[] src, int off, int len) {
        ZstdDecompressCtx d = DECOMPRESSORS.poll();
        if (d == null) {
            d = new ZstdDecompressCtx();
        }
        try {
            int got = d.decompressByteArray(dst, 0, dst.length, src, off, len);
            if (got != dst.length) {
                throw new IllegalStateException("got " + got + " bytes, expected " + dst.length);
            }
        } finally {
            release(DECOMPRESSORS, d);
        }
    }

    private static <T extends AutoCloseable> void release(java.util.Queue<T> pool, T ctx) {
        if (pool.size() < POOLED) {
            pool.offer(ctx);
        } else {
            try {
                ctx.close();
            } catch (Exception ignored) {
                // a native context: closing frees it
            }
        }
    }

    /** A column's element type. */
    public enum Type {
        I32(4), F64(8), U8(1);

        final int width;

        Type(int width) {
            this.width = width;
        }

        String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Type of(String id) {
            for (Type t : values()) {
                if (t.id().equals(id)) {
                    return t;
                }
            }
            throw new IllegalArgumentException("unknown column type '" + id + "'");
        }
    }

    /** A column: name and type. */
    public record Column(String name, Type type) {
    }

    private Columns() {
    }

    /** Writes a column file to a stream, block by block. Not thread-safe. */
    public static final class Writer implements AutoCloseable {
        /**
         * The last closed writer's scratch arrays on this thread, for the next one: a sweep writes thousands of
         * short runs per thread, and fresh arrays for each added up.
         */
        private static final ThreadLocal<byte[][]> SCRATCH = new ThreadLocal<>();

        private final OutputStream out;
        private final List<Column> columns;
        private final CRC32C crc = new CRC32C();
        private final List<long[]> index = new ArrayList<>();
        private long position;
        private long rows;
        private byte[] shuffled;
        private byte[] packed;
        private boolean closed;

        public Writer(OutputStream out, long totalRows, List<Column> columns) throws IOException {
            this.out = out instanceof BufferedOutputStream || out instanceof java.io.ByteArrayOutputStream
                    || out instanceof Segment.Buffered ? out
                    : new BufferedOutputStream(out, 1 << 16);
            this.columns = List.copyOf(columns);
            byte[][] scratch = SCRATCH.get();
            SCRATCH.remove(); // a writer opened while this one is open gets its own
            shuffled = scratch == null ? new byte[0] : scratch[0];
            packed = scratch == null ? new byte[0] : scratch[1];
            StringBuilder h = new StringBuilder("{\"rows\":").append(totalRows).append(",\"columns\":[");
            for (int i = 0; i < columns.size(); i++) {
                Column c = columns.get(i);
                h.append(i == 0 ? "" : ",").append("{\"name\":\"").append(c.name().replace("\"", ""))
                        .append("\",\"type\":\"").append(c.type().id()).append("\"}");
            }
            byte[] header = h.append("]}").toString().getBytes(StandardCharsets.UTF_8);
            write(MAGIC);
            write(new byte[] {VERSION});
            writeInt(header.length);
            write(header);
        }

        public List<Column> columns() {
            return columns;
        }

        /**
         * Appends a block of {@code n} rows; {@code values[c]} is an {@code int[]}, {@code double[]} or
         * {@code boolean[]} (for {@code u8}) holding at least n values of column c.
         */
        public void block(int n, Object[] values) throws IOException {
            if (values.length != columns.size()) {
                throw new IllegalArgumentException("expected " + columns.size() + " columns, got " + values.length);
            }
            index.add(new long[] {position, n});
            writeInt(n);
            for (int c = 0; c < values.length; c++) {
                Type t = columns.get(c).type();
                int len = n * t.width;
                if (shuffled.length < len) {
                    shuffled = new byte[len];
                    packed = new byte[(int) Zstd.compressBound(len)];
                }
                encode(t, values[c], n, shuffled);
                int z = compress(packed, shuffled, len);
                writeInt(z);
                write(packed, z);
            }
            rows += n;
        }

        /** Writes the index and footer and closes the stream. */
        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            SCRATCH.set(new byte[][] {shuffled, packed});
            try (OutputStream o = out) { // closed even when a write fails (a full disk): no file left open
                long indexOffset = position;
                writeInt(index.size());
                ByteBuffer b = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
                for (long[] e : index) {
                    b.clear();
                    b.putLong(e[0]).putInt((int) e[1]);
                    write(b.array());
                }
                ByteBuffer f = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
                f.putLong(indexOffset).putInt((int) crc.getValue());
                o.write(f.array());
                o.write(END);
            }
        }

        public long rows() {
            return rows;
        }

        private void writeInt(int v) throws IOException {
            byte[] b = {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
            write(b);
        }

        private void write(byte[] b) throws IOException {
            write(b, b.length);
        }

        private void write(byte[] b, int len) throws IOException {
            out.write(b, 0, len);
            crc.update(b, 0, len);
            position += len;
        }
    }

    static void encode(Type t, Object values, int n, byte[] out) {
        switch (t) {
            case I32 -> {
                int[] v = (int[]) values;
                for (int i = 0; i < n; i++) {
                    int x = v[i];
                    out[i] = (byte) x;
                    out[n + i] = (byte) (x >>> 8);
                    out[2 * n + i] = (byte) (x >>> 16);
                    out[3 * n + i] = (byte) (x >>> 24);
                }
            }
            case F64 -> {
                double[] v = (double[]) values;
                for (int k = 0; k < 8; k++) { // plane by plane: sequential writes
                    int shift = 8 * k;
                    int base = k * n;
                    for (int i = 0; i < n; i++) {
                        out[base + i] = (byte) (Double.doubleToRawLongBits(v[i]) >>> shift);
                    }
                }
            }
            case U8 -> {
                if (values instanceof boolean[] v) {
                    for (int i = 0; i < n; i++) {
                        out[i] = (byte) (v[i] ? 1 : 0);
                    }
                } else {
                    System.arraycopy((byte[]) values, 0, out, 0, n);
                }
            }
            default -> throw new IllegalStateException(t.toString());
        }
    }

    static Object decode(Type t, byte[] in, int n) {
        switch (t) {
            case I32 -> {
                int[] v = new int[n];
                for (int i = 0; i < n; i++) {
                    v[i] = (in[i] & 0xff) | (in[n + i] & 0xff) << 8 | (in[2 * n + i] & 0xff) << 16
                            | (in[3 * n + i] & 0xff) << 24;
                }
                return v;
            }
            case F64 -> {
                // one pass gathering each value from the eight planes (eight sequential streams): faster than the
                // plane by plane version, most of all before it is compiled (the views run it cold, at the end of a
                // sweep; BENCHMARKS.md, "Numbers behind the code")
                double[] v = new double[n];
                for (int i = 0; i < n; i++) {
                    long x = (in[i] & 0xffL) | (in[n + i] & 0xffL) << 8 | (in[2 * n + i] & 0xffL) << 16
                            | (in[3 * n + i] & 0xffL) << 24 | (in[4 * n + i] & 0xffL) << 32
                            | (in[5 * n + i] & 0xffL) << 40 | (in[6 * n + i] & 0xffL) << 48
                            | (in[7 * n + i] & 0xffL) << 56;
                    v[i] = Double.longBitsToDouble(x);
                }
                return v;
            }
            case U8 -> {
                boolean[] v = new boolean[n];
                for (int i = 0; i < n; i++) {
                    v[i] = in[i] != 0;
                }
                return v;
            }
            default -> throw new IllegalStateException(t.toString());
        }
    }

    /** A column file's header, parsed. */
    private record Header(long rows, List<Column> columns) {
    }

    /**
     * Parsed headers by their text: the runs of a sweep share a handful of headers, and the views open every run's
     * columns (parsing 8,000 headers with Jackson took a tenth of the views' time). Bounded; cleared when full.
     */
    private static final java.util.Map<String, Header> HEADERS = new java.util.concurrent.ConcurrentHashMap<>();

    private static Header header(String text) throws IOException {
        Header h = HEADERS.get(text);
        if (h == null) {
            var json = moecl.workbench.RunFolder.JSON.readTree(text);
            List<Column> cols = new ArrayList<>();
            for (var c : json.path("columns")) {
                cols.add(new Column(c.path("name").asText(), Type.of(c.path("type").asText())));
            }
            h = new Header(json.path("rows").asLong(-1), List.copyOf(cols));
            if (HEADERS.size() >= 1024) {
                HEADERS.clear();
            }
            HEADERS.put(text, h);
        }
        return h;
    }

    /** A column file opened for reading: its columns, rows and block index (checked against the footer). */
    public static final class Reader implements AutoCloseable {
        private final Path file;
        private final FileChannel ch;
        private final List<Column> columns = new ArrayList<>();
        private final long rows;
        private final long[] offsets;
        private final int[] blockRows;
        private final long indexOffset;
        private final long base;
        private final long size;

        public Reader(Path file) {
            this(file, 0, -1);
        }

        /**
         * A column file stored at {@code base} inside a larger file (a run inside a sweep's segment file,
         * {@link RunIndex}) and {@code length} bytes long; {@code length} -1 means up to the end of the file.
         */
        public Reader(Path file, long base, long length) {
            this.file = file;
            this.base = base;
            try {
                ch = FileChannel.open(file, StandardOpenOption.READ);
                long size = length >= 0 ? length : ch.size() - base;
                if (base < 0 || base + size > ch.size()) {
                    throw corrupt("the run's columns end beyond the file");
                }
                this.size = size;
                if (size < MAGIC.length + 1 + 4 + FOOTER) {
                    throw corrupt("too short (" + size + " bytes)");
                }
                ByteBuffer head = read(0, MAGIC.length + 5);
                byte[] magic = new byte[MAGIC.length];
                head.get(magic);
                if (!java.util.Arrays.equals(magic, MAGIC)) {
                    throw corrupt("not a moecl column file");
                }
                int version = head.get();
                if (version != VERSION) {
                    throw corrupt("format version " + version + ", this moecl reads version " + VERSION);
                }
                int hlen = head.getInt();
                if (hlen < 0 || hlen > size) {
                    throw corrupt("bad header length");
                }
                String header = StandardCharsets.UTF_8.decode(read(MAGIC.length + 5, hlen)).toString();
                Header h = header(header);
                rows = h.rows();
                columns.addAll(h.columns());
                ByteBuffer foot = read(size - FOOTER, FOOTER);
                indexOffset = foot.getLong();
                foot.getInt();
                byte[] end = new byte[8];
                foot.get(end);
                if (!java.util.Arrays.equals(end, END) || indexOffset < 0 || indexOffset > size - FOOTER - 4) {
                    throw corrupt("incomplete (no footer): the run that wrote it did not finish");
                }
                int blocks = read(indexOffset, 4).getInt();
                if (blocks < 0 || indexOffset + 4 + 12L * blocks != size - FOOTER) {
                    throw corrupt("bad block index");
                }
                ByteBuffer idx = read(indexOffset + 4, 12 * blocks);
                offsets = new long[blocks];
                blockRows = new int[blocks];
                long total = 0;
                for (int i = 0; i < blocks; i++) {
                    offsets[i] = idx.getLong();
                    blockRows[i] = idx.getInt();
                    total += blockRows[i];
                }
                if (total != rows) {
                    throw corrupt("holds " + total + " rows, its header says " + rows);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }

        private IllegalArgumentException corrupt(String why) {
            return new IllegalArgumentException("corrupt column file " + file + (base == 0 ? "" : " (at byte " + base
                    + ")") + ": " + why);
        }

        private ByteBuffer read(long pos, int len) throws IOException {
            try {
                return RunIndex.read(ch, base + pos, len);
            } catch (java.io.EOFException e) {
                throw corrupt("truncated");
            }
        }

        public List<Column> columns() {
            return columns;
        }

        public int columnIndex(String name) {
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i).name().equals(name)) {
                    return i;
                }
            }
            return -1;
        }

        public long rows() {
            return rows;
        }

        public int blocks() {
            return offsets.length;
        }

        public int blockRows(int b) {
            return blockRows[b];
        }

        /**
         * Decodes block {@code b}: one array per column ({@code int[]}, {@code double[]} or {@code boolean[]}), or
         * {@code null} for columns not wanted ({@code want} null means all).
         */
        public Object[] block(int b, boolean[] want) {
            try {
                long start = offsets[b];
                long end = b + 1 < offsets.length ? offsets[b + 1] : indexOffset;
                if (end - start < 4 || end - start > Integer.MAX_VALUE) {
                    throw corrupt("bad extent of block " + b);
                }
                ByteBuffer buf = read(start, (int) (end - start)); // the whole block in one read
                int n = buf.getInt();
                if (n != blockRows[b]) {
                    throw corrupt("block " + b + " holds " + n + " rows, the index says " + blockRows[b]);
                }
                Object[] out = new Object[columns.size()];
                for (int c = 0; c < columns.size(); c++) {
                    if (buf.remaining() < 4) {
                        throw corrupt("block " + b + " ends early");
                    }
                    int len = buf.getInt();
                    if (len < 0 || len > buf.remaining()) {
                        throw corrupt("bad length in block " + b);
                    }
                    if (want == null || want[c]) {
                        Type t = columns.get(c).type();
                        byte[] raw = new byte[n * t.width];
                        try {
                            decompress(raw, buf.array(), buf.position(), len);
                        } catch (RuntimeException e) {
                            throw corrupt("block " + b + " column " + columns.get(c).name() + ": "
                                    + e.getMessage());
                        }
                        out[c] = decode(t, raw, n);
                    }
                    buf.position(buf.position() + len);
                }
                return out;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }

        /** This reader, once {@link #verify} passed (closed when it fails): for readers of files users may damage. */
        public Reader verified() {
            try {
                verify();
                return this;
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }

        /** Checks the whole file's checksum. */
        public void verify() {
            try {
                CRC32C crc = new CRC32C();
                ByteBuffer buf = ByteBuffer.allocate(1 << 16);
                long pos = 0;
                long left = size - FOOTER;
                while (left > 0) {
                    buf.clear().limit((int) Math.min(buf.capacity(), left));
                    int k = ch.read(buf, base + pos);
                    if (k < 0) {
                        throw corrupt("truncated");
                    }
                    buf.flip();
                    crc.update(buf);
                    pos += k;
                    left -= k;
                }
                int stored = read(size - FOOTER + 8, 4).getInt();
                if (stored != (int) crc.getValue()) {
                    throw corrupt("checksum mismatch");
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            try {
                if (ch != null) {
                    ch.close();
                }
            } catch (IOException ignored) {
                // read-only
            }
        }
    }
}
