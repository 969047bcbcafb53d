package moecl.dnn.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files (the format of the MNIST distribution, http://yann.lecun.com/exdb/mnist/), gzip-compressed or raw.
 *
 * <p>Compression is detected from the content, not the name: a file starting with the gzip magic bytes
 * {@code 1f 8b} is decompressed on the fly. The IDX header is a big-endian magic number {@code 00 00 tt nn}
 * (type {@code tt = 08} for unsigned bytes, {@code nn} dimensions) followed by {@code nn} big-endian 32-bit sizes;
 * then exactly the product of the sizes in data bytes. Everything is checked: the magic number, that sizes are
 * positive and small enough for one Java array, that the data is complete, and that nothing follows it. Every
 * failure is an {@link IdxFormatException} naming the file and the problem.
 */
public final class IdxReader {

    /** Magic number of an IDX file of unsigned-byte images: 3 dimensions (count, rows, cols). */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of an IDX file of unsigned-byte labels: 1 dimension (count). */
    public static final int LABELS_MAGIC = 0x00000801;

    private IdxReader() {
    }

    /** Reads an image file (magic {@code 0x00000803}); the exception names the file by its file name. */
    public static IdxImages readImages(Path file) {
        String name = displayName(file);
        try (InputStream in = Files.newInputStream(file)) {
            return readImages(in, name);
        } catch (IOException e) {
            throw new IdxFormatException(name, "cannot read: " + e, e);
        }
    }

    /** Reads a label file (magic {@code 0x00000801}); the exception names the file by its file name. */
    public static IdxLabels readLabels(Path file) {
        String name = displayName(file);
        try (InputStream in = Files.newInputStream(file)) {
            return readLabels(in, name);
        } catch (IOException e) {
            throw new IdxFormatException(name, "cannot read: " + e, e);
        }
    }

    /**
     * Reads an image file from a stream (gzip or raw); {@code name} is used in error messages. Does not close
     * {@code in}.
     */
    public static IdxImages readImages(InputStream in, String name) {
        try (Source src = Source.open(in, name)) {
            return readImages(src, name);
        }
    }

    private static IdxImages readImages(Source src, String name) {
        int[] dims = src.header(IMAGES_MAGIC, "image", 3);
        int count = dims[0];
        int rows = dims[1];
        int cols = dims[2];
        if (rows == 0 || cols == 0) {
            throw new IdxFormatException(name, "bad dimensions: images of " + rows + "x" + cols + " pixels");
        }
        long total = (long) count * rows * cols;
        if (total > Integer.MAX_VALUE - 16) {
            throw new IdxFormatException(name, "too large: " + count + " images of " + rows + "x" + cols
                    + " pixels do not fit in one array");
        }
        byte[] pixels = src.data((int) total, "pixel");
        return new IdxImages(count, rows, cols, pixels);
    }

    /**
     * Reads a label file from a stream (gzip or raw); {@code name} is used in error messages. Does not close
     * {@code in}.
     */
    public static IdxLabels readLabels(InputStream in, String name) {
        try (Source src = Source.open(in, name)) {
            int[] dims = src.header(LABELS_MAGIC, "label", 1);
            return new IdxLabels(src.data(dims[0], "label"));
        }
    }

    static String displayName(Path file) {
        Path fileName = file.getFileName();
        return fileName == null ? file.toString() : fileName.toString();
    }

    /**
     * The decompressed byte stream of one file, with the bookkeeping that makes error messages precise. Closing it
     * releases the decompressor but never closes the caller's stream.
     */
    private static final class Source implements AutoCloseable {
        private final InputStream in;
        private final String name;
        private final boolean gzip;

        private Source(InputStream in, String name, boolean gzip) {
            this.in = in;
            this.name = name;
            this.gzip = gzip;
        }

        static Source open(InputStream raw, String name) {
            try {
                InputStream shielded = new FilterInputStream(raw) {
                    @Override
                    public void close() {
                        // the caller owns raw
                    }
                };
                BufferedInputStream buffered = new BufferedInputStream(shielded, 1 << 16);
                buffered.mark(2);
                int b0 = buffered.read();
                int b1 = buffered.read();
                buffered.reset();
                if (b0 < 0) {
                    throw new IdxFormatException(name, "empty file");
                }
                if (b0 == 0x1f && b1 == 0x8b) {
                    return new Source(new GZIPInputStream(buffered, 1 << 16), name, true);
                }
                return new Source(buffered, name, false);
            } catch (ZipException e) {
                throw new IdxFormatException(name, "corrupt gzip header: " + e.getMessage(), e);
            } catch (EOFException e) {
                throw new IdxFormatException(name, "truncated gzip header", e);
            } catch (IOException e) {
                throw new IdxFormatException(name, "cannot read: " + e, e);
            }
        }

        @Override
        public void close() {
            try {
                in.close();
            } catch (IOException e) {
                // nothing was written; the data has been read or the reading failed already
            }
        }

        /** Reads and checks the magic number and the sizes; returns the sizes. */
        int[] header(int expectedMagic, String kind, int ndims) {
            int headerBytes = 4 + 4 * ndims;
            byte[] h = new byte[headerBytes];
            int got = fill(h, 0, headerBytes);
            if (got < 4) {
                throw new IdxFormatException(name, "truncated: the IDX header needs " + headerBytes
                        + " bytes, found " + got);
            }
            int magic = bigEndian(h, 0);
            if (magic != expectedMagic) {
                throw new IdxFormatException(name, String.format(
                        "bad magic number 0x%08x, expected 0x%08x (IDX unsigned-byte %s file)%s",
                        magic, expectedMagic, kind, magicHint(magic)));
            }
            if (got < headerBytes) {
                throw new IdxFormatException(name, "truncated: the IDX header needs " + headerBytes
                        + " bytes, found " + got);
            }
            int[] dims = new int[ndims];
            for (int i = 0; i < ndims; i++) {
                dims[i] = bigEndian(h, 4 + 4 * i);
                if (dims[i] < 0) {
                    throw new IdxFormatException(name, "bad dimensions: size " + (i + 1) + " of " + ndims
                            + " is " + Integer.toUnsignedString(dims[i]) + " (negative as a 32-bit int)");
                }
            }
            return dims;
        }

        /** Reads exactly {@code n} data bytes and checks that nothing follows them. */
        byte[] data(int n, String what) {
            // grown as the bytes arrive, so that a header announcing billions of items in a small file is found
            // truncated instead of allocating what it announces
            byte[] data = new byte[Math.min(n, 1 << 20)];
            int got = 0;
            while (true) {
                got += fill(data, got, data.length);
                if (got < data.length || data.length == n) {
                    break;
                }
                data = java.util.Arrays.copyOf(data, (int) Math.min(n, 2L * data.length));
            }
            if (got < n) {
                throw new IdxFormatException(name, "truncated: expected " + n + " " + what + " bytes, found "
                        + got + (truncatedGzip ? " (the gzip stream ends early)" : ""));
            }
            long trailing = skipRest();
            if (trailing > 0) {
                throw new IdxFormatException(name, "corrupt: " + trailing + " bytes of trailing data after the "
                        + n + " " + what + " bytes announced by the header");
            }
            return data;
        }

        private boolean truncatedGzip;

        /** Reads into {@code buf[from..n)} until full or the end; returns the bytes read. */
        private int fill(byte[] buf, int from, int n) {
            int off = from;
            try {
                while (off < n) {
                    int r = in.read(buf, off, n - off);
                    if (r < 0) {
                        break;
                    }
                    off += r;
                }
            } catch (EOFException e) {
                if (!gzip) {
                    throw new IdxFormatException(name, "cannot read: " + e, e);
                }
                truncatedGzip = true;
            } catch (ZipException e) {
                throw new IdxFormatException(name, "corrupt gzip stream after " + off
                        + " decompressed bytes: " + e.getMessage(), e);
            } catch (IOException e) {
                throw new IdxFormatException(name, "cannot read: " + e, e);
            }
            return off - from;
        }

        private long skipRest() {
            byte[] buf = new byte[8192];
            long total = 0;
            try {
                for (int r; (r = in.read(buf)) >= 0; ) {
                    total += r;
                }
            } catch (EOFException e) {
                throw new IdxFormatException(name, "truncated gzip stream (its trailer is incomplete)", e);
            } catch (ZipException e) {
                throw new IdxFormatException(name, "corrupt gzip stream: " + e.getMessage(), e);
            } catch (IOException e) {
                throw new IdxFormatException(name, "cannot read: " + e, e);
            }
            return total;
        }

        private static int bigEndian(byte[] b, int off) {
            return (b[off] & 0xFF) << 24 | (b[off + 1] & 0xFF) << 16 | (b[off + 2] & 0xFF) << 8 | (b[off + 3] & 0xFF);
        }

        private static String magicHint(int magic) {
            if (magic == IMAGES_MAGIC) {
                return ": this is an image file";
            }
            if (magic == LABELS_MAGIC) {
                return ": this is a label file";
            }
            if ((magic >>> 16) == 0x1f8b) {
                return ": the content is gzip-compressed twice";
            }
            if ((magic >>> 16) != 0) {
                return ": not an IDX file";
            }
            return "";
        }
    }
}
