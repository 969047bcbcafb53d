package moecl.dnn.data;

import static moecl.dnn.data.IdxFiles.gzip;
import static moecl.dnn.data.IdxFiles.idx;
import static moecl.dnn.data.IdxFiles.images;
import static moecl.dnn.data.IdxFiles.labels;
import static moecl.dnn.data.IdxFiles.truncate;
import static moecl.dnn.data.IdxFiles.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

    @TempDir
    Path dir;

    @Test
    void readsRawImagesWithDimensionsAndPixels() {
        Path f = write(dir, "imgs-idx3-ubyte", images(3, 4, 5));
        IdxImages im = IdxReader.readImages(f);
        assertEquals(3, im.count());
        assertEquals(4, im.rows());
        assertEquals(5, im.cols());
        assertArrayEquals(IdxFiles.pixels(60), im.pixels());
        assertEquals((2 * 20 + 3 * 5 + 4) * 31 % 256, im.pixel(2, 3, 4));
    }

    @Test
    void gzipIsDetectedByContentNotName() {
        byte[] raw = images(2, 3, 3);
        IdxImages fromGzipNamedRaw = IdxReader.readImages(write(dir, "a", gzip(raw)));
        IdxImages fromRawNamedGz = IdxReader.readImages(write(dir, "b.gz", raw));
        assertArrayEquals(fromRawNamedGz.pixels(), fromGzipNamedRaw.pixels());
        assertEquals(2, fromGzipNamedRaw.count());
    }

    @Test
    void readsLabelsRawAndGzip() {
        byte[] raw = labels(5, 0, 4, 1, 9, 255);
        for (byte[] bytes : new byte[][] {raw, gzip(raw)}) {
            IdxLabels l = IdxReader.readLabels(write(dir, "l", bytes));
            assertEquals(6, l.count());
            assertEquals(5, l.label(0));
            assertEquals(255, l.label(5));
        }
    }

    @Test
    void aHeaderAnnouncingBillionsOfItemsInASmallFileIsTruncatedNotAllocated() {
        byte[] labels = idx(0x00000801, new int[] {Integer.MAX_VALUE}, new byte[10]);
        for (byte[] bytes : new byte[][] {labels, gzip(labels)}) {
            IdxFormatException e = assertThrows(IdxFormatException.class,
                    () -> IdxReader.readLabels(write(dir, "train-labels-idx1-ubyte", bytes)));
            assertTrue(e.getMessage().startsWith("train-labels-idx1-ubyte: truncated: expected 2147483647 label bytes, "
                    + "found 10"), e.getMessage());
        }
        byte[] images = idx(0x00000803, new int[] {100_000, 140, 150}, new byte[3000]);
        IdxFormatException e = assertThrows(IdxFormatException.class,
                () -> IdxReader.readImages(write(dir, "train-images-idx3-ubyte", images)));
        assertEquals("train-images-idx3-ubyte: truncated: expected 2100000000 pixel bytes, found 3000", e.getMessage());
        // a file larger than one read chunk still reads whole
        byte[] many = new byte[3 << 20];
        for (int i = 0; i < many.length; i++) {
            many[i] = (byte) (i % 10);
        }
        IdxLabels l = IdxReader.readLabels(write(dir, "l", idx(0x00000801, new int[] {many.length}, many)));
        assertEquals(many.length, l.count());
        assertEquals((many.length - 3) % 10, l.label(many.length - 3));
        assertEquals(1_048_585 % 10, l.label(1_048_585)); // past the first chunk of 1 MiB
    }

    @Test
    void truncatedPixelsAreReportedWithExpectedAndFoundCounts() {
        byte[] raw = truncate(images(10, 28, 28), 16 + 1200);
        IdxFormatException e = assertThrows(IdxFormatException.class,
                () -> IdxReader.readImages(write(dir, "train-images-idx3-ubyte", raw)));
        assertEquals("train-images-idx3-ubyte: truncated: expected 7840 pixel bytes, found 1200", e.getMessage());
        assertEquals("train-images-idx3-ubyte", e.file());
    }

    @Test
    void truncatedGzipStreamIsReportedAsTruncated() {
        byte[] gz = gzip(images(10, 28, 28));
        byte[] cut = truncate(gz, gz.length / 2);
        IdxFormatException e = assertThrows(IdxFormatException.class,
                () -> IdxReader.readImages(write(dir, "train-images-idx3-ubyte.gz", cut)));
        assertTrue(e.getMessage().startsWith("train-images-idx3-ubyte.gz: truncated"), e.getMessage());
    }

    @Test
    void gzipMissingOnlyItsTrailerIsStillAnError() {
        byte[] gz = gzip(labels(1, 2, 3));
        byte[] cut = truncate(gz, gz.length - 4);
        IdxFormatException e = assertThrows(IdxFormatException.class,
                () -> IdxReader.readLabels(write(dir, "l.gz", cut)));
        assertTrue(e.getMessage().startsWith("l.gz: truncated"), e.getMessage());
    }

    @Test
    void gzipChecksumMismatchIsCorruption() {
        byte[] gz = gzip(images(10, 28, 28));
        gz[gz.length - 8] ^= 0x55; // first byte of the CRC-32 in the trailer
        IdxFormatException e = assertThrows(IdxFormatException.class,
                () -> IdxReader.readImages(write(dir, "x.gz", gz)));
        assertTrue(e.getMessage().startsWith("x.gz: corrupt gzip stream"), e.getMessage());
    }

    @Test
    void garbageInsideGzipIsAnIdxFormatExceptionNamingTheFile() {
        byte[] gz = gzip(images(10, 28, 28));
        for (int i = 20; i < 40; i++) {
            gz[i] = (byte) 0xFF;
        }
        IdxFormatException e = assertThrows(IdxFormatException.class,
                () -> IdxReader.readImages(write(dir, "x.gz", gz)));
        assertTrue(e.getMessage().startsWith("x.gz: "), e.getMessage());
    }

    @Test
    void truncatedLabels() {
        byte[] raw = truncate(labels(new int[60]), 8 + 10);
        IdxFormatException e = assertThrows(IdxFormatException.class,
                () -> IdxReader.readLabels(write(dir, "train-labels-idx1-ubyte", raw)));
        assertEquals("train-labels-idx1-ubyte: truncated: expected 60 label bytes, found 10", e.getMessage());
    }

    @Test
    void truncatedHeader() {
        byte[] raw = truncate(images(1, 2, 2), 7);
        IdxFormatException e = assertThrows(IdxFormatException.class,
                () -> IdxReader.readImages(write(dir, "h", raw)));
        assertEquals("h: truncated: the IDX header needs 16 bytes, found 7", e.getMessage());
    }

    @Test
    void emptyFile() {
        IdxFormatException e = assertThrows(IdxFormatException.class,
                () -> IdxReader.readLabels(write(dir, "empty", new byte[0])));
        assertEquals("empty: empty file", e.getMessage());
    }

    @Test
    void labelFileWhereImagesAreExpectedNamesBothMagicNumbers() {
        IdxFormatException e = assertThrows(IdxFormatException.class,
                () -> IdxReader.readImages(write(dir, "swapped", labels(1, 2))));
        assertEquals("swapped: bad magic number 0x00000801, expected 0x00000803 (IDX unsigned-byte image file): "
                + "this is a label file", e.getMessage());
    }

    @Test
    void nonIdxContent() {
        byte[] text = "hello, world, this is not IDX".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        IdxFormatException e = assertThrows(IdxFormatException.class,
                () -> IdxReader.readLabels(write(dir, "t", text)));
        assertTrue(e.getMessage().startsWith("t: bad magic number 0x68656c6c"), e.getMessage());
    }

    @Test
    void doublyGzippedFileIsRecognised() {
        IdxFormatException e = assertThrows(IdxFormatException.class,
                () -> IdxReader.readLabels(write(dir, "twice.gz", gzip(gzip(labels(1))))));
        assertTrue(e.getMessage().endsWith("gzip-compressed twice"), e.getMessage());
    }

    @Test
    void negativeCountIsBadDimensions() {
        byte[] raw = idx(IdxReader.IMAGES_MAGIC, new int[] {-1, 28, 28}, new byte[0]);
        IdxFormatException e = assertThrows(IdxFormatException.class,
                () -> IdxReader.readImages(write(dir, "neg", raw)));
        assertTrue(e.getMessage().startsWith("neg: bad dimensions: size 1 of 3 is 4294967295"), e.getMessage());
    }

    @Test
    void zeroSizedImagesAreBadDimensions() {
        byte[] raw = idx(IdxReader.IMAGES_MAGIC, new int[] {3, 0, 28}, new byte[0]);
        IdxFormatException e = assertThrows(IdxFormatException.class,
                () -> IdxReader.readImages(write(dir, "zero", raw)));
        assertEquals("zero: bad dimensions: images of 0x28 pixels", e.getMessage());
    }

    @Test
    void dimensionsTooLargeForAnArray() {
        byte[] raw = idx(IdxReader.IMAGES_MAGIC, new int[] {100_000, 1000, 1000}, new byte[0]);
        IdxFormatException e = assertThrows(IdxFormatException.class,
                () -> IdxReader.readImages(write(dir, "huge", raw)));
        assertTrue(e.getMessage().startsWith("huge: too large"), e.getMessage());
    }

    @Test
    void trailingDataIsCorruption() {
        byte[] raw = images(2, 2, 2);
        byte[] longer = Arrays.copyOf(raw, raw.length + 5);
        IdxFormatException e = assertThrows(IdxFormatException.class,
                () -> IdxReader.readImages(write(dir, "long", longer)));
        assertEquals("long: corrupt: 5 bytes of trailing data after the 8 pixel bytes announced by the header",
                e.getMessage());
    }

    @Test
    void missingFileIsReportedWithItsName() {
        IdxFormatException e = assertThrows(IdxFormatException.class,
                () -> IdxReader.readImages(dir.resolve("nope.gz")));
        assertTrue(e.getMessage().startsWith("nope.gz: cannot read"), e.getMessage());
    }

    @Test
    void normalisedMatchesTorchvisionFormula() {
        IdxImages im = IdxReader.readImages(write(dir, "n", images(3, 2, 2)));
        double[] x = im.normalised(new int[] {2, 0}, 0.1307, 0.3081);
        assertEquals(8, x.length);
        assertEquals(((im.pixel(2, 0, 0)) / 255.0 - 0.1307) / 0.3081, x[0], 0.0);
        assertEquals(((im.pixel(0, 1, 1)) / 255.0 - 0.1307) / 0.3081, x[7], 0.0);
    }
}
