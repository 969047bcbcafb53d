package moecl.workbench.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The finished runs of a sweep folder, found in its segment files. A segment ({@code results/NNNN.runs}) is written
 * by one thread at a time, run after run; each run is one frame:
 *
 * <pre>
 * segment = "MOECLSEG" version:u8  frame*
 * frame   = "MOECLRUN" run:i32 idLength:u8 id:ASCII columnsLength:i64 recordLength:i32 check:i32  columns  record
 * columns = the run's column file ({@link Columns}), with its own checksum
 * record  = the run's record, UTF-8 JSON (final metrics, freeze round, load, expert sets)
 * check   = crc32c of run, idLength, id, columnsLength, recordLength, the columns' checksum and the record
 * </pre>
 * All numbers are little-endian. A frame's header is written first with both lengths -1; the lengths and the check
 * are written last, once the columns and the record are on disk, so a frame that checks is complete and a process
 * killed while writing leaves at most an incomplete last frame, which readers ignore and {@link SweepStore#open}
 * cuts off. Appending to a few open files instead of creating two files per run matters: creating and renaming
 * two files per run costs many times the system time of appending the same bytes (BENCHMARKS.md, "Numbers behind
 * the code").
 *
 * <p>A damaged frame followed by complete ones (a disk error, a file edited by hand) is not a killed process's
 * incomplete frame: the scan skips the damaged bytes to the next frame that checks ({@link #damaged()}), so the runs
 * stored after them are kept and only the damaged ones are computed again.
 *
 * <p>Folders written by earlier builds keep each run as {@code results/ID.cols} and {@code results/ID.json}; those
 * are read too.
 */
public final class RunIndex {

    static final byte[] SEGMENT_MAGIC = "MOECLSEG".getBytes(StandardCharsets.US_ASCII);
    static final byte[] FRAME_MAGIC = "MOECLRUN".getBytes(StandardCharsets.US_ASCII);
    static final int SEGMENT_VERSION = 1;
    static final int SEGMENT_HEADER = SEGMENT_MAGIC.length + 1;
    /** A segment file's name ends so. */
    static final String SUFFIX = ".runs";

    /** A finished run's data: in a segment, or (older folders) a column file and a record file. */
    public static final class Ref {
        private final String id;
        private final int run;
        private final Path file;
        private final long columnsOffset;
        private final long columnsLength;
        private final long recordOffset;
        private final int recordLength;
        private final Path recordFile;

        Ref(String id, int run, Path file, long columnsOffset, long columnsLength, long recordOffset,
            int recordLength, Path recordFile) {
            this.id = id;
            this.run = run;
            this.file = file;
            this.columnsOffset = columnsOffset;
            this.columnsLength = columnsLength;
            this.recordOffset = recordOffset;
            this.recordLength = recordLength;
            this.recordFile = recordFile;
        }

        public String id() {
            return id;
        }

        /** The run's index in the plan, -1 for a run of an older folder (whose files do not say). */
        public int run() {
            return run;
        }

        /** The file holding the columns (a segment, or an older folder's column file). */
        public Path file() {
            return file;
        }

        /** Where the run's column file starts in {@link #file}. */
        public long columnsOffset() {
            return columnsOffset;
        }

        @Override
        public String toString() {
            return "run " + id + " in " + where();
        }

        /** Where the run is, for messages: {@code results/0001.runs at byte 1234}. */
        public String where() {
            return file + (recordFile == null ? " at byte " + columnsOffset : "");
        }

        /** The record file of an earlier build's file pair, or null for a run in a segment. */
        Path recordFile() {
            return recordFile;
        }

        /** Opens the run's columns. */
        public Columns.Reader columns() {
            return new Columns.Reader(file, columnsOffset, columnsLength);
        }

        /** The run's column file, as bytes. */
        public byte[] columnBytes() {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                long len = columnsLength >= 0 ? columnsLength : ch.size();
                if (len > Integer.MAX_VALUE - 16) {
                    throw new IllegalStateException("run " + id + "'s columns are larger than 2 GB");
                }
                return read(ch, columnsOffset, (int) len).array();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + where() + ": " + e.getMessage(), e);
            }
        }

        /** The run's record, as bytes. */
        public byte[] recordBytes() {
            try {
                if (recordFile != null) {
                    return Files.readAllBytes(recordFile);
                }
                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                    return read(ch, recordOffset, recordLength).array();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read run " + id + " in " + where() + ": " + e.getMessage(), e);
            }
        }

        /** The run's record. */
        public JsonNode record() {
            try {
                return RunIo.JSON.readTree(recordBytes());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read run " + id + "'s record in "
                        + (recordFile != null ? recordFile.toString() : where()) + ": "
                        + e.getMessage().split("\n")[0], e);
            }
        }
    }

    /** A segment whose last frame is incomplete: a process was killed while writing it. */
    public record Torn(Path file, long validLength, long size) {
    }

    /** Bytes {@code [from, to)} of a segment that hold no frame that checks, followed by frames that do. */
    public record Damaged(Path file, long from, long to) {
    }

    private final Map<String, Ref> runs;
    private final List<Ref> frames;
    private final List<Torn> torn;
    private final List<Damaged> damaged;
    private final List<Path> segments;

    private RunIndex(Map<String, Ref> runs, List<Ref> frames, List<Torn> torn, List<Damaged> damaged,
                     List<Path> segments) {
        this.runs = runs;
        this.frames = frames;
        this.torn = torn;
        this.damaged = damaged;
        this.segments = segments;
    }

    /** Reads the folder's results (read-only: an incomplete frame is ignored, not removed). */
    public static RunIndex scan(Path folder) {
        return scan(folder, SEARCH_CHUNK);
    }

    /** {@link #scan(Path)}, searching for the frame after a damaged stretch {@code searchChunk} bytes at a time. */
    static RunIndex scan(Path folder, int searchChunk) {
        Path results = folder.resolve(SweepStore.RESULTS);
        Map<String, Ref> runs = new LinkedHashMap<>();
        List<Ref> frames = new ArrayList<>();
        List<Torn> torn = new ArrayList<>();
        List<Damaged> damaged = new ArrayList<>();
        List<Path> segments = new ArrayList<>();
        if (!Files.isDirectory(results)) {
            return new RunIndex(runs, frames, torn, damaged, segments);
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(results)) {
            files = s.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + results + ": " + e.getMessage(), e);
        }
        for (Path f : files) {
            String name = f.getFileName().toString();
            if (name.endsWith(SUFFIX)) {
                segments.add(f);
                Torn t = scanSegment(f, frames, damaged, searchChunk);
                if (t != null) {
                    torn.add(t);
                }
            } else if (name.endsWith(".cols")) {
                String id = name.substring(0, name.length() - 5);
                Path rec = results.resolve(id + ".json");
                if (Files.isRegularFile(rec)) {
                    frames.add(new Ref(id, -1, f, 0, -1, 0, -1, rec));
                }
            }
        }
        for (Ref r : frames) {
            runs.putIfAbsent(r.id(), r);
        }
        return new RunIndex(runs, frames, torn, damaged, segments);
    }

    /**
     * Adds the segment's complete frames, and its damaged stretches that complete frames follow; returns where its
     * incomplete end begins (no complete frame after it), or null.
     */
    private static Torn scanSegment(Path f, List<Ref> out, List<Damaged> damaged, int searchChunk) {
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < SEGMENT_HEADER) {
                return new Torn(f, 0, size);
            }
            ByteBuffer head = read(ch, 0, SEGMENT_HEADER);
            byte[] magic = new byte[SEGMENT_MAGIC.length];
            head.get(magic);
            long pos = SEGMENT_HEADER;
            if (!Arrays.equals(magic, SEGMENT_MAGIC)) {
                // a damaged header (the frames after it check) or not a segment at all (none does)
                long first = nextFrame(ch, f, 0, size, searchChunk);
                if (first < 0) {
                    if (!f.getFileName().toString().matches("\\d{1,9}\\" + SUFFIX)) {
                        throw new IllegalArgumentException("corrupt segment " + f + ": not a moecl segment file");
                    }
                    // moecl's own segment name, nothing in it checks (zeros after a power loss, say): all damage
                    damaged.add(new Damaged(f, 0, size));
                    return null;
                }
                damaged.add(new Damaged(f, 0, first));
                pos = first;
            } else {
                int version = head.get();
                if (version != SEGMENT_VERSION) {
                    throw new IllegalArgumentException("segment " + f + " has format version " + version
                            + "; this moecl reads version " + SEGMENT_VERSION);
                }
            }
            while (pos < size) {
                Ref r = frame(ch, f, pos, size);
                if (r != null) {
                    out.add(r);
                    pos = r.recordOffset + r.recordLength;
                    continue;
                }
                long next = nextFrame(ch, f, pos + 1, size, searchChunk);
                if (next < 0) {
                    if (interrupted(ch, pos, size)) {
                        return new Torn(f, pos, size);
                    }
                    damaged.add(new Damaged(f, pos, size)); // a whole frame that does not check: damage
                    return null;
                }
                damaged.add(new Damaged(f, pos, next));
                pos = next;
            }
            return null;
        } catch (NoSuchFileException e) {
            return null; // removed while listing
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
        }
    }

    /**
     * Whether the bytes from {@code pos} to the end look like a frame a stopped process was writing: part of a frame
     * header, or a header whose lengths are still -1 or whose frame runs past the end. A frame whose lengths were
     * written and that ends within the file but does not check is damage instead (a review found such a frame cut off
     * as "a run a stopped process had not finished writing", and its bytes lost).
     */
    private static boolean interrupted(FileChannel ch, long pos, long size) throws IOException {
        int fixed = FRAME_MAGIC.length + 4 + 1;
        long left = size - pos;
        ByteBuffer h = read(ch, pos, (int) Math.min(left, fixed));
        byte[] magic = new byte[(int) Math.min(left, FRAME_MAGIC.length)];
        h.get(magic);
        if (!Arrays.equals(magic, 0, magic.length, FRAME_MAGIC, 0, magic.length)) {
            return false;
        }
        if (left < fixed) {
            return true;
        }
        h.getInt();
        int idLength = h.get() & 0xff;
        if (left < fixed + idLength + 12) {
            return true;
        }
        ByteBuffer lengths = read(ch, pos + fixed + idLength, 12);
        long columnsLength = lengths.getLong();
        int recordLength = lengths.getInt();
        return columnsLength < 0 || recordLength < 0
                || pos + fixed + idLength + 16 + columnsLength + recordLength > size;
    }

    /** Bytes searched at a time for the next frame's magic. */
    private static final int SEARCH_CHUNK = 1 << 20;

    /** The offset of the first complete frame at or after {@code from}, or -1 when there is none. */
    private static long nextFrame(FileChannel ch, Path f, long from, long size, int chunk) throws IOException {
        int m = FRAME_MAGIC.length;
        long start = from;
        while (start + m <= size) {
            int len = (int) Math.min(Math.max(chunk, m), size - start);
            byte[] buf = read(ch, start, len).array();
            for (int i = 0; i + m <= len; i++) {
                if (buf[i] == FRAME_MAGIC[0] && Arrays.equals(buf, i, i + m, FRAME_MAGIC, 0, m)
                        && frame(ch, f, start + i, size) != null) {
                    return start + i;
                }
            }
            if (start + len >= size) {
                break;
            }
            start += len - (m - 1); // a magic across the chunks' boundary is seen in the next chunk
        }
        return -1;
    }

    /** The complete frame at {@code pos}, or null when it is incomplete or damaged. */
    private static Ref frame(FileChannel ch, Path f, long pos, long size) throws IOException {
        int fixed = FRAME_MAGIC.length + 4 + 1;
        if (pos + fixed > size) {
            return null;
        }
        ByteBuffer h = read(ch, pos, fixed);
        byte[] magic = new byte[FRAME_MAGIC.length];
        h.get(magic);
        if (!Arrays.equals(magic, FRAME_MAGIC)) {
            return null;
        }
        int run = h.getInt();
        int idLength = h.get() & 0xff;
        if (pos + fixed + idLength + 16 > size) {
            return null;
        }
        ByteBuffer rest = read(ch, pos + fixed, idLength + 16);
        byte[] idBytes = new byte[idLength];
        rest.get(idBytes);
        long columnsLength = rest.getLong();
        int recordLength = rest.getInt();
        int check = rest.getInt();
        long columnsOffset = pos + fixed + idLength + 16;
        if (columnsLength < Columns.FOOTER || recordLength < 0
                || columnsOffset + columnsLength + recordLength > size) {
            return null;
        }
        ByteBuffer tail = read(ch, columnsOffset + columnsLength - 12, 12);
        int columnsCrc = tail.getInt();
        byte[] end = new byte[Columns.END.length];
        tail.get(end);
        if (!Arrays.equals(end, Columns.END)) {
            return null;
        }
        long recordOffset = columnsOffset + columnsLength;
        byte[] record = read(ch, recordOffset, recordLength).array();
        if (check(run, idBytes, columnsLength, recordLength, columnsCrc, record) != check) {
            return null;
        }
        return new Ref(new String(idBytes, StandardCharsets.US_ASCII), run, f, columnsOffset, columnsLength,
                recordOffset, recordLength, null);
    }

    /** A frame's check value. */
    static int check(int run, byte[] id, long columnsLength, int recordLength, int columnsCrc, byte[] record) {
        ByteBuffer b = ByteBuffer.allocate(4 + 1 + id.length + 8 + 4 + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(run).put((byte) id.length).put(id).putLong(columnsLength).putInt(recordLength).putInt(columnsCrc);
        CRC32C crc = new CRC32C();
        crc.update(b.array());
        crc.update(record);
        return (int) crc.getValue();
    }

    static ByteBuffer read(FileChannel ch, long pos, int len) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(len).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (ch.read(b, pos + b.position()) < 0) {
                throw new java.io.EOFException("unexpected end of file at byte " + (pos + b.position()));
            }
        }
        return b.flip();
    }

    /** The run of that id, or null when it has not finished. */
    public Ref get(String id) {
        return runs.get(id);
    }

    public boolean has(String id) {
        return runs.containsKey(id);
    }

    /** Finished runs by id (the first frame of each), in the order they were found. */
    public Map<String, Ref> runs() {
        return java.util.Collections.unmodifiableMap(runs);
    }

    /** Every complete frame, duplicates included (a run stored twice would show here twice). */
    public List<Ref> frames() {
        return java.util.Collections.unmodifiableList(frames);
    }

    /** Segments whose last frame is incomplete. */
    public List<Torn> torn() {
        return List.copyOf(torn);
    }

    /** Damaged stretches of segments that complete frames follow (skipped; their runs count as not finished). */
    public List<Damaged> damaged() {
        return List.copyOf(damaged);
    }

    /** The segment files, sorted by name. */
    public List<Path> segments() {
        return List.copyOf(segments);
    }

    /**
     * A folder's finished runs as {@code ID.cols} and {@code ID.json} byte arrays, sorted by name, however they are
     * stored: what two sweeps that must agree bit for bit are compared by (the segments' layout depends on which
     * thread finished which run first; their runs' bytes do not). Holds everything in memory: for tests and checks.
     */
    public static java.util.SortedMap<String, byte[]> contents(Path folder) {
        java.util.SortedMap<String, byte[]> out = new java.util.TreeMap<>();
        for (Ref r : scan(folder).runs().values()) {
            out.put(r.id() + ".cols", r.columnBytes());
            out.put(r.id() + ".json", r.recordBytes());
        }
        return out;
    }

    /**
     * Rewrites segment {@code seg} with only the frames {@code keep} (frames of that file, in file order), in one
     * atomic replacement. With {@code saveAs}, the file as it was is kept there first (a hard link, or a copy where
     * the file system has none): a crash at any point leaves either the old file or the new one, never a mix.
     */
    static void keepOnly(Path seg, List<Ref> keep, Path saveAs) throws IOException {
        Path tmp = seg.resolveSibling("." + seg.getFileName() + ".tmp-rewrite");
        try (FileChannel in = FileChannel.open(seg, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE,
                     StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            ByteBuffer header = ByteBuffer.allocate(SEGMENT_HEADER); // written anew: the old one may be damaged
            header.put(SEGMENT_MAGIC).put((byte) SEGMENT_VERSION).flip();
            Segment.writeFully(out, header);
            for (Ref r : keep) {
                long start = r.columnsOffset - 16 - r.id().length() - 1 - 4 - FRAME_MAGIC.length;
                long end = r.recordOffset + r.recordLength;
                for (long p = start; p < end; ) {
                    p += in.transferTo(p, end - p, out);
                }
            }
            out.force(true);
        }
        if (saveAs != null) {
            try {
                Files.createLink(saveAs, seg);
            } catch (UnsupportedOperationException | IOException e) {
                Files.copy(seg, saveAs, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        RunIo.move(tmp, seg);
    }

    /**
     * Rewrites the folder's results without the runs of these ids, as if they had never finished; a
     * {@code resume} then computes them again. Only while no process works on the folder.
     */
    public static void forget(Path folder, java.util.Collection<String> ids) {
        RunIndex index = scan(folder);
        try {
            for (Path seg : index.segments()) {
                List<Ref> keep = new ArrayList<>();
                boolean drop = false;
                for (Ref r : index.frames()) {
                    if (r.file().equals(seg)) {
                        if (ids.contains(r.id())) {
                            drop = true;
                        } else {
                            keep.add(r);
                        }
                    }
                }
                if (!drop) {
                    continue;
                }
                keepOnly(seg, keep, null);
            }
            for (Ref r : index.frames()) {
                if (r.recordFile != null && ids.contains(r.id())) {
                    Files.deleteIfExists(r.file());
                    Files.deleteIfExists(r.recordFile);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite the results of " + folder + ": " + e.getMessage(), e);
        }
    }
}
