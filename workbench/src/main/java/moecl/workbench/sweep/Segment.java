package moecl.workbench.sweep;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;

/**
 * A segment file being written ({@link RunIndex} describes the format): one frame at a time, by one thread at a
 * time. {@link #close} cuts off a frame that was begun and never committed.
 */
final class Segment implements AutoCloseable {

    private final Path file;
    private final FileChannel ch;
    /** The end of the last committed frame. */
    private long committed;
    private Frame open;
    /** The frames' write buffer: one frame is written at a time, so they share it (one per run was 64 KB each). */
    private final byte[] buffer = new byte[1 << 16];

    private Segment(Path file, FileChannel ch) {
        this.file = file;
        this.ch = ch;
    }

    /** Creates the next free {@code NNNN.runs} in {@code results} (an atomic create: another process skips it). */
    static Segment create(Path results) throws IOException {
        int next = 1;
        try (Stream<Path> s = Files.list(results)) {
            for (Path p : s.toList()) {
                String n = p.getFileName().toString();
                if (n.endsWith(RunIndex.SUFFIX) && n.matches("\\d{1,9}\\.runs")) {
                    next = Math.max(next, Integer.parseInt(n.substring(0, n.length() - RunIndex.SUFFIX.length())) + 1);
                }
            }
        }
        for (int k = next; ; k++) {
            Path f = results.resolve(String.format("%04d", k) + RunIndex.SUFFIX);
            FileChannel ch;
            try {
                ch = FileChannel.open(f, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                        StandardOpenOption.READ);
            } catch (FileAlreadyExistsException e) {
                continue;
            }
            try {
                ByteBuffer h = ByteBuffer.allocate(RunIndex.SEGMENT_HEADER);
                h.put(RunIndex.SEGMENT_MAGIC).put((byte) RunIndex.SEGMENT_VERSION).flip();
                writeFully(ch, h);
            } catch (IOException e) {
                ch.close();
                Files.deleteIfExists(f);
                throw e;
            }
            Segment s = new Segment(f, ch);
            s.committed = RunIndex.SEGMENT_HEADER;
            return s;
        }
    }

    Path file() {
        return file;
    }

    /** Bytes committed so far. */
    long size() {
        return committed;
    }

    /** Begins a run's frame; its columns go to the returned frame's {@link Frame#stream}. */
    Frame begin(SweepPlan.Run run) throws IOException {
        if (open != null) {
            throw new IllegalStateException("segment " + file + " has a frame open already");
        }
        byte[] id = run.id().getBytes(StandardCharsets.US_ASCII);
        if (id.length > 255) {
            throw new IllegalArgumentException("run id too long: " + run.id());
        }
        ch.position(committed);
        ByteBuffer h = ByteBuffer.allocate(RunIndex.FRAME_MAGIC.length + 4 + 1 + id.length + 16)
                .order(ByteOrder.LITTLE_ENDIAN);
        h.put(RunIndex.FRAME_MAGIC).putInt(run.index()).put((byte) id.length).put(id).putLong(-1).putInt(-1).putInt(0);
        h.flip();
        try {
            writeFully(ch, h);
        } catch (IOException e) {
            ch.truncate(committed); // a full disk: no half header left behind
            throw e;
        }
        open = new Frame(run.index(), id, committed, ch.position());
        return open;
    }

    /** A stream that buffers itself (writers need not wrap it in another buffer). */
    abstract static class Buffered extends OutputStream {
    }

    /** A run's frame being written. */
    final class Frame {
        private final int run;
        private final byte[] id;
        private final long start;
        private final long columnsStart;
        private final OutputStream stream;
        private boolean ended;

        private Frame(int run, byte[] id, long start, long columnsStart) {
            this.run = run;
            this.id = id;
            this.start = start;
            this.columnsStart = columnsStart;
            this.stream = new Buffered() {
                private int n;

                @Override
                public void write(int b) throws IOException {
                    if (n == buffer.length) {
                        flush();
                    }
                    buffer[n++] = (byte) b;
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    if (len >= buffer.length) {
                        flush();
                        out(b, off, len);
                        return;
                    }
                    if (len > buffer.length - n) {
                        flush();
                    }
                    System.arraycopy(b, off, buffer, n, len);
                    n += len;
                }

                @Override
                public void flush() throws IOException {
                    if (n > 0) {
                        out(buffer, 0, n);
                        n = 0;
                    }
                }

                @Override
                public void close() throws IOException {
                    flush(); // the segment stays open for the next run
                }

                private void out(byte[] b, int off, int len) throws IOException {
                    if (ended) {
                        throw new IOException("the frame of run " + run + " is closed");
                    }
                    writeFully(ch, ByteBuffer.wrap(b, off, len));
                }
            };
        }

        /** The segment this frame is written into. */
        Segment segment() {
            return Segment.this;
        }

        /** Where the run's column file goes. Closing it only flushes. */
        OutputStream stream() {
            return stream;
        }

        /** The bytes of the columns written so far (for a duplicate check before {@link #rollback}). */
        byte[] columnBytes() throws IOException {
            stream.flush();
            long len = ch.position() - columnsStart;
            return RunIndex.read(ch, columnsStart, Math.toIntExact(len)).array();
        }

        /**
         * Appends the record and completes the frame; returns where the run is. The column stream must be complete
         * (its writer closed).
         */
        RunIndex.Ref commit(byte[] record) throws IOException {
            stream.flush();
            long columnsEnd = ch.position();
            long columnsLength = columnsEnd - columnsStart;
            if (columnsLength < Columns.FOOTER) {
                throw new IllegalStateException("run " + run + "'s column file is incomplete (" + columnsLength
                        + " bytes)");
            }
            int columnsCrc = RunIndex.read(ch, columnsEnd - 12, 4).getInt();
            writeFully(ch, ByteBuffer.wrap(record));
            ByteBuffer tail = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            tail.putLong(columnsLength).putInt(record.length)
                    .putInt(RunIndex.check(run, id, columnsLength, record.length, columnsCrc, record)).flip();
            long at = columnsStart - 16;
            while (tail.hasRemaining()) { // the lengths last: until now, readers see an incomplete frame
                ch.write(tail, at + tail.position());
            }
            ended = true;
            committed = ch.position();
            open = null;
            return new RunIndex.Ref(new String(id, StandardCharsets.US_ASCII), run, file, columnsStart, columnsLength,
                    columnsEnd, record.length, null);
        }

        /** Drops the frame (the run failed, or it was a duplicate). */
        void rollback() throws IOException {
            ended = true;
            open = null;
            ch.truncate(start);
            ch.position(start);
            committed = start;
        }
    }

    /**
     * Cuts off whatever follows the last committed frame (a frame begun and not committed, or the part of a header
     * a full disk took) and closes the file.
     */
    @Override
    public void close() throws IOException {
        try {
            if (open != null) {
                open.ended = true;
                open = null;
            }
            if (ch.isOpen()) {
                if (ch.size() != committed) {
                    ch.truncate(committed);
                }
            } else {
                // an interrupt (a cancelled sweep) closes a channel under a thread that was writing to it
                try (FileChannel again = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    if (again.size() != committed) {
                        again.truncate(committed);
                    }
                }
            }
        } finally {
            ch.close();
        }
    }

    static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }
}
