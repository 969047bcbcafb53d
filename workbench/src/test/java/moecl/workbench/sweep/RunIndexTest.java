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
