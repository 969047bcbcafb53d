package moecl.workbench.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The column file gives back every bit it was given, block by block, and refuses a damaged file by name. */
class ColumnsTest {

    @TempDir
    Path tmp;

    static final List<Columns.Column> LAYOUT = List.of(new Columns.Column("task", Columns.Type.I32),
            new Columns.Column("F", Columns.Type.F64), new Columns.Column("frozen", Columns.Type.U8));

    Path write(int[] blocks, int[] task, double[] f, boolean[] frozen) throws IOException {
        Path p = tmp.resolve("x.cols");
        int total = 0;
        for (int b : blocks) {
            total += b;
        }
        try (OutputStream os = Files.newOutputStream(p);
             Columns.Writer w = new Columns.Writer(os, total, LAYOUT)) {
            int at = 0;
            for (int n : blocks) {
                w.block(n, new Object[] {java.util.Arrays.copyOfRange(task, at, at + n),
                    java.util.Arrays.copyOfRange(f, at, at + n), java.util.Arrays.copyOfRange(frozen, at, at + n)});
                at += n;
            }
        }
        return p;
    }

    /** prepare() leaves a context of each kind in the pools, from any thread, while other threads use them. */
    @Test
    void preparedContextsServeCompressionFromAnyThread() throws Exception {
        byte[] src = new byte[5000];
        new SplittableRandom(3).nextBytes(src);
        for (int i = 0; i < src.length; i += 3) {
            src[i] = 7; // compressible
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<byte[]>> got = new java.util.ArrayList<>();
            for (int k = 0; k < 16; k++) {
                final int job = k;
                got.add(pool.submit(() -> {
                    if (job % 2 == 0) {
                        Columns.prepare();
                    }
                    byte[] packed = new byte[src.length + 1024];
                    int n = Columns.compress(packed, src, src.length);
                    byte[] back = new byte[src.length];
                    Columns.decompress(back, packed, 0, n);
                    return back;
                }));
            }
            for (java.util.concurrent.Future<byte[]> f : got) {
                assertArrayEquals(src, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        Columns.prepare();
        int[] n = Columns.pooled();
        assertTrue(n[0] >= 1 && n[1] >= 1, "a context of each kind waits: " + n[0] + ", " + n[1]);
    }

    @Test
    void roundTripsEveryBit() throws IOException {
        SplittableRandom r = new SplittableRandom(7);
        int n = 10_000;
        int[] task = new int[n];
        double[] f = new double[n];
        boolean[] frozen = new boolean[n];
        for (int i = 0; i < n; i++) {
            task[i] = i % 97 == 0 ? Integer.MIN_VALUE + i : r.nextInt(-3, 30);
            f[i] = switch (i % 50) {
                case 0 -> Double.NaN;
                case 1 -> -0.0;
                case 2 -> Double.NEGATIVE_INFINITY;
                case 3 -> Double.MIN_VALUE;
                default -> r.nextDouble() * Math.exp(r.nextDouble(-30, 30));
            };
            frozen[i] = r.nextBoolean();
        }
        Path p = write(new int[] {4096, 1, 5000, 903}, task, f, frozen);
        try (Columns.Reader rd = new Columns.Reader(p)) {
            assertEquals(n, rd.rows());
            assertEquals(4, rd.blocks());
            assertEquals(LAYOUT, rd.columns());
            rd.verify();
            int at = 0;
            for (int b = 0; b < rd.blocks(); b++) {
                Object[] v = rd.block(b, null);
                int k = rd.blockRows(b);
                assertArrayEquals(java.util.Arrays.copyOfRange(task, at, at + k), (int[]) v[0]);
                long[] want = new long[k];
                long[] got = new long[k];
                for (int i = 0; i < k; i++) {
                    want[i] = Double.doubleToRawLongBits(f[at + i]);
                    got[i] = Double.doubleToRawLongBits(((double[]) v[1])[i]);
                }
                assertArrayEquals(want, got);
                assertArrayEquals(java.util.Arrays.copyOfRange(frozen, at, at + k), (boolean[]) v[2]);
                Object[] only = rd.block(b, new boolean[] {false, true, false});
                assertEquals(null, only[0]);
                at += k;
            }
        }
    }

    @Test
    void aDamagedFileIsRefusedWithItsName() throws IOException {
        int n = 3000;
        double[] f = new double[n];
        for (int i = 0; i < n; i++) {
            f[i] = 1.0 / (i + 1);
        }
        Path p = write(new int[] {n}, new int[n], f, new boolean[n]);
        byte[] good = Files.readAllBytes(p);

        Files.write(p, java.util.Arrays.copyOf(good, good.length - 30)); // cut short, as by a kill
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Columns.Reader(p).close());
        assertTrue(e.getMessage().startsWith("corrupt column file " + p + ": "), e.getMessage());

        Files.write(p, "not a column file at all, just text".getBytes());
        e = assertThrows(IllegalArgumentException.class, () -> new Columns.Reader(p).close());
        assertEquals("corrupt column file " + p + ": not a moecl column file", e.getMessage());

        byte[] flipped = good.clone();
        flipped[good.length / 2] ^= 0x10; // inside the compressed data
        Files.write(p, flipped);
        try (Columns.Reader rd = new Columns.Reader(p)) {
            e = assertThrows(IllegalArgumentException.class, rd::verify);
            assertEquals("corrupt column file " + p + ": checksum mismatch", e.getMessage());
        }
    }

    @Test
    void compressesTheRunsItStores() throws IOException {
        // a smooth metric and small integers: the shuffled bytes compress far below their raw size
        int n = 65_536;
        double[] f = new double[n];
        int[] task = new int[n];
        for (int i = 0; i < n; i++) {
            f[i] = 0.1 + 0.05 / Math.sqrt(i + 1.0);
            task[i] = i % 7;
        }
        Path p = write(new int[] {n}, task, f, new boolean[n]);
        long raw = n * (4L + 8 + 1);
        assertTrue(Files.size(p) < raw / 2, Files.size(p) + " bytes for " + raw + " raw");
    }
}
