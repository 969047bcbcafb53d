package moecl.workbench.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import moecl.engine.RunEngine;
import moecl.engine.RunSpec;
import moecl.plugin.Registry;

/**
 * Segment files: a run counts once its frame is complete; any cut of a segment (a process killed while writing)
 * leaves the runs before the cut readable and nothing else; older folders with a file pair per run still read.
 */
class RunIndexTest {

    @TempDir
    Path tmp;

    private static final Registry REG = Registry.standard();
    /** One sweep of eight short runs, written once and copied by the property below. */
    private static Path sweep;
    private static SortedMap<String, byte[]> contents;

    private static synchronized Path sweep() throws IOException {
        if (sweep == null) {
            Path root = Files.createTempDirectory("moecl-runindex");
            List<RunSpec> specs = SweepStoreTest.grid(60, 1, 2);
            sweep = SweepRunner.run(REG, specs, false, "t", Map.of("command", "test"), root,
                    new LocalExecutor(REG, 1), SweepViews.Rounds.NONE, RunEngine.Progress.NONE).folder();
            contents = RunIndex.contents(sweep);
        }
        return sweep;
    }

    @Test
    void oneThreadWritesOneSegmentWithEveryRunOnce() throws IOException {
        Path f = sweep();
        RunIndex index = RunIndex.scan(f);
        assertEquals(1, index.segments().size());
        assertEquals(8, index.frames().size());
        assertEquals(8, index.runs().size());
        assertEquals(List.of(), index.torn());
        SweepPlan plan = SweepPlan.fromJson(RunIo.JSON.readTree(f.resolve("sweep.json").toFile()));
        for (SweepPlan.Run r : plan.runs()) {
            RunIndex.Ref ref = index.get(r.id());
            assertEquals(r.index(), ref.run());
            assertEquals(r.id(), ref.record().path("id").asText());
            try (Columns.Reader cols = ref.columns()) {
                assertEquals(60, cols.rows());
                cols.verify();
            }
        }
    }

    /** Cutting the segment anywhere keeps exactly the frames that end before the cut. */
    @Property(tries = 200)
    void aSegmentCutAnywhereKeepsTheRunsBeforeTheCut(@ForAll @IntRange(min = 0, max = 1_000_000) int where)
            throws IOException {
        Path f = sweep();
        Path copy = Files.createTempDirectory("moecl-cut");
        try {
            Files.createDirectories(copy.resolve("results"));
            RunIndex index = RunIndex.scan(f);
            Path seg = index.segments().get(0);
            byte[] all = Files.readAllBytes(seg);
            int cut = where % (all.length + 1);
            Files.write(copy.resolve("results").resolve(seg.getFileName()), Arrays.copyOf(all, cut));
            RunIndex got = RunIndex.scan(copy);
            int expected = 0;
            for (RunIndex.Ref r : index.frames()) {
                if (endOf(r) <= cut) {
                    expected++;
                }
            }
            assertEquals(expected, got.runs().size(), "cut at " + cut + " of " + all.length);
            boolean onBoundary = cut == RunIndex.SEGMENT_HEADER
                    || index.frames().stream().anyMatch(r -> endOf(r) == cut);
            assertEquals(onBoundary ? 0 : 1, got.torn().size(), "cut at " + cut);
            for (RunIndex.Ref r : got.runs().values()) {
                assertArrayEquals(contents.get(r.id() + ".cols"), r.columnBytes());
                assertArrayEquals(contents.get(r.id() + ".json"), r.recordBytes());
            }
        } finally {
            SweepStore.delete(copy);
        }
    }

    /**
     * Damaging a stretch of a segment (a disk error, a hand edit) loses exactly the frames whose checked bytes it
     * touches (header, record, the columns' checksum and end mark); the frames after it are still found, with their
     * bytes. Damage inside a frame's column data is not seen by the scan (only reading the columns tells: the store's
     * open checks them, see SweepStoreTest).
     */
    @Property(tries = 300)
    void aDamagedStretchLosesOnlyTheFramesItTouches(@ForAll @IntRange(min = 0, max = 1_000_000) int where,
                                                    @ForAll @IntRange(min = 1, max = 40) int length)
            throws IOException {
        Path f = sweep();
        Path copy = Files.createTempDirectory("moecl-damage");
        try {
            Files.createDirectories(copy.resolve("results"));
            RunIndex index = RunIndex.scan(f);
            Path seg = index.segments().get(0);
            byte[] all = Files.readAllBytes(seg);
            int from = RunIndex.SEGMENT_HEADER + where % (all.length - RunIndex.SEGMENT_HEADER);
            int to = Math.min(all.length, from + length);
            for (int i = from; i < to; i++) {
                all[i] ^= 0x5a;
            }
            Files.write(copy.resolve("results").resolve(seg.getFileName()), all);
            RunIndex got = RunIndex.scan(copy);
            int lost = 0;
            for (RunIndex.Ref r : index.frames()) {
                long start = startOf(r);
                long colsEnd = r.columnsOffset() + r.columnBytes().length;
                boolean checked = overlaps(from, to, start, r.columnsOffset())
                        || overlaps(from, to, colsEnd - 12, colsEnd) || overlaps(from, to, colsEnd, endOf(r));
                String what = "damage at [" + from + ", " + to + ") of " + all.length + ", " + r;
                if (checked) {
                    lost++;
                    assertTrue(got.get(r.id()) == null, what + ": lost");
                } else {
                    assertTrue(got.get(r.id()) != null, what + ": kept");
                    assertArrayEquals(contents.get(r.id() + ".json"), got.get(r.id()).recordBytes(), what);
                    if (!overlaps(from, to, r.columnsOffset(), colsEnd)) {
                        assertArrayEquals(contents.get(r.id() + ".cols"), got.get(r.id()).columnBytes(), what);
                    }
                }
            }
            assertEquals(index.frames().size() - lost, got.frames().size());
            assertEquals(lost > 0, got.damaged().size() + got.torn().size() == 1,
                    "one damaged stretch or one torn end when frames are lost: " + got.damaged() + got.torn());
        } finally {
            SweepStore.delete(copy);
        }
    }

    private static boolean overlaps(long a0, long a1, long b0, long b1) {
        return a0 < b1 && b0 < a1;
    }

    private static long startOf(RunIndex.Ref r) {
        return r.columnsOffset() - 16 - r.id().length() - 1 - 4 - RunIndex.FRAME_MAGIC.length;
    }

    /**
     * A damaged segment header (its magic) with intact frames after it is a damaged stretch, not an unreadable folder
     * (a review found every command refusing the whole folder); a file with no frame at all is still refused.
     */
    @Test
    void aDamagedHeaderLosesNoRunButAFileWithoutFramesIsRefused() throws IOException {
        Path f = sweep();
        Path copy = tmp.resolve("header");
        Files.createDirectories(copy.resolve("results"));
        RunIndex index = RunIndex.scan(f);
        Path seg = index.segments().get(0);
        byte[] all = Files.readAllBytes(seg);
        all[3] ^= 0x20;
        Path damaged = copy.resolve("results").resolve(seg.getFileName());
        Files.write(damaged, all);
        RunIndex got = RunIndex.scan(copy);
        assertEquals(8, got.runs().size());
        assertEquals(List.of(new RunIndex.Damaged(damaged, 0, RunIndex.SEGMENT_HEADER)), got.damaged());
        // moecl's own segment with nothing in it that checks (zeros after a power loss): all damage, no refusal
        Files.write(damaged, new byte[5000]);
        RunIndex zeros = RunIndex.scan(copy);
        assertEquals(0, zeros.runs().size());
        assertEquals(List.of(new RunIndex.Damaged(damaged, 0, 5000)), zeros.damaged());
        // a file of another name with no frame: not a moecl segment
        Files.delete(damaged);
        Path other = copy.resolve("results").resolve("notes.runs");
        Files.write(other, "not a segment, no frame in it".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> RunIndex.scan(copy));
        assertEquals("corrupt segment " + other + ": not a moecl segment file", e.getMessage());
    }

    /**
     * The last frame complete but damaged (its lengths written, its check failing) is damage, not a frame a stopped
     * process left unfinished (a review found it cut off as such); a last frame cut short is still torn.
     */
    @Test
    void aDamagedLastFrameIsDamageNotATornEnd() throws IOException {
        Path f = sweep();
        Path copy = tmp.resolve("last");
        Files.createDirectories(copy.resolve("results"));
        RunIndex index = RunIndex.scan(f);
        Path seg = index.segments().get(0);
        byte[] all = Files.readAllBytes(seg);
        RunIndex.Ref last = index.frames().get(index.frames().size() - 1);
        all[all.length - 2] ^= 0x01; // in its record
        Path damaged = copy.resolve("results").resolve(seg.getFileName());
        Files.write(damaged, all);
        RunIndex got = RunIndex.scan(copy);
        assertEquals(7, got.runs().size());
        assertEquals(List.of(), got.torn());
        assertEquals(List.of(new RunIndex.Damaged(damaged, startOf(last), all.length)), got.damaged());
        Files.write(damaged, Arrays.copyOf(Files.readAllBytes(seg), all.length - 2));
        RunIndex cut = RunIndex.scan(copy);
        assertEquals(List.of(new RunIndex.Torn(damaged, startOf(last), all.length - 2)), cut.torn());
        assertEquals(List.of(), cut.damaged());
    }

    /** The first frame damaged: the search finds the second one whatever the size of the chunks it reads. */
    @Test
    void theSearchForTheNextFrameFindsItAcrossChunks() throws IOException {
        Path f = sweep();
        Path copy = tmp.resolve("chunks");
        Files.createDirectories(copy.resolve("results"));
        RunIndex index = RunIndex.scan(f);
        Path seg = index.segments().get(0);
        byte[] all = Files.readAllBytes(seg);
        all[RunIndex.SEGMENT_HEADER + 2] ^= 1; // the first frame's magic
        Path damaged = copy.resolve("results").resolve(seg.getFileName());
        Files.write(damaged, all);
        long second = startOf(index.frames().get(1));
        for (int chunk : new int[] {1, 8, 9, 13, 100, 4096, 1 << 20}) {
            RunIndex got = RunIndex.scan(copy, chunk);
            assertEquals(7, got.runs().size(), "chunk " + chunk);
            assertEquals(List.of(new RunIndex.Damaged(damaged, RunIndex.SEGMENT_HEADER, second)), got.damaged(),
                    "chunk " + chunk);
            assertEquals(List.of(), got.torn());
        }
    }

    private static long endOf(RunIndex.Ref r) {
        return r.columnsOffset() + r.columnBytes().length + r.recordBytes().length;
    }

    @Test
    void aFolderOfAnEarlierBuildWithAFilePairPerRunStillReads() throws IOException {
        Path f = sweep();
        Path old = tmp.resolve("old");
        Files.createDirectories(old.resolve("results"));
        Files.copy(f.resolve("sweep.json"), old.resolve("sweep.json"));
        contents.forEach((name, bytes) -> {
            try {
                Files.write(old.resolve("results").resolve(name), bytes);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        RunIndex index = RunIndex.scan(old);
        assertEquals(8, index.runs().size());
        assertEquals(-1, index.runs().values().iterator().next().run());
        assertEquals(contents.keySet(), RunIndex.contents(old).keySet());
        RunIndex.contents(old).forEach((k, v) -> assertArrayEquals(contents.get(k), v, k));
        // and it resumes into segments: forget two runs, resume computes them, the runs are the same bits
        List<String> two = index.runs().keySet().stream().limit(2).toList();
        RunIndex.forget(old, two);
        assertEquals(6, RunIndex.scan(old).runs().size());
        assertTrue(Files.notExists(old.resolve("results").resolve(two.get(0) + ".cols")));
        SweepRunner.Result r = SweepRunner.resume(REG, old, new LocalExecutor(REG, 2), SweepViews.Rounds.NONE,
                RunEngine.Progress.NONE);
        assertEquals(2, r.computed());
        int segments = RunIndex.scan(old).segments().size(); // one per thread that wrote a run
        assertTrue(segments == 1 || segments == 2, segments + " segments");
        RunIndex.contents(old).forEach((k, v) -> assertArrayEquals(contents.get(k), v, k));
        assertEquals(contents.keySet(), RunIndex.contents(old).keySet());
    }

    @Test
    void twoThreadsWriteTwoSegmentsAndTheSameRuns() throws IOException {
        sweep();
        Path root = tmp.resolve("two");
        Path f = SweepRunner.run(REG, SweepStoreTest.grid(60, 1, 2), false, "t", Map.of("command", "test"), root,
                new LocalExecutor(REG, 2), SweepViews.Rounds.NONE, RunEngine.Progress.NONE).folder();
        RunIndex index = RunIndex.scan(f);
        assertTrue(index.segments().size() <= 2, index.segments().toString());
        assertEquals(8, index.frames().size());
        SortedMap<String, byte[]> two = RunIndex.contents(f);
        assertEquals(contents.keySet(), two.keySet());
        two.forEach((k, v) -> assertArrayEquals(contents.get(k), v, k));
    }
}
