package moecl.dnn.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

/** Builds small IDX files for tests. */
final class IdxFiles {

    private IdxFiles() {
    }

    /** Header {@code magic, dims...} followed by {@code data}. */
    static byte[] idx(int magic, int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        b.putInt(magic);
        for (int d : dims) {
            b.putInt(d);
        }
        b.put(data);
        return b.array();
    }

    /** A valid image file of {@code count} images, pixel value {@code (i·31 + j) mod 256}. */
    static byte[] images(int count, int rows, int cols) {
        return idx(IdxReader.IMAGES_MAGIC, new int[] {count, rows, cols}, pixels(count * rows * cols));
    }

    static byte[] pixels(int n) {
        byte[] p = new byte[n];
        for (int i = 0; i < n; i++) {
            p[i] = (byte) (i * 31 % 256);
        }
        return p;
    }

    /** A valid label file. */
    static byte[] labels(int... labels) {
        byte[] l = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            l[i] = (byte) labels[i];
        }
        return idx(IdxReader.LABELS_MAGIC, new int[] {labels.length}, l);
    }

    static byte[] gzip(byte[] raw) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                gz.write(raw);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] truncate(byte[] bytes, int length) {
        return Arrays.copyOf(bytes, length);
    }

    static Path write(Path dir, String name, byte[] bytes) {
        try {
            return Files.write(dir.resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
