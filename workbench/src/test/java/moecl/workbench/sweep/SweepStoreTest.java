package moecl.workbench.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import moecl.engine.RunEngine;
import moecl.engine.RunSpec;
import moecl.expert.LearnReport;
import moecl.plugin.BuildContext;
import moecl.plugin.Params;
import moecl.plugin.PluginDescriptor;
import moecl.plugin.PluginKind;
import moecl.plugin.Registry;
import moecl.plugin.RouterFactory;
import moecl.rng.RngKind;
import moecl.router.Decision;
import moecl.router.Router;
import moecl.task.Task;
import moecl.workbench.Presets;
import moecl.workbench.RunRequest;

/**
 * The sweep store keeps every finished run, records failed ones, resumes to the very bytes of an uninterrupted
 * sweep, and never lets two writers collide.
 */
class SweepStoreTest {

    @TempDir
    Path tmp;

    static List<RunSpec> grid(int rounds, long... seeds) {
        List<Long> s = new ArrayList<>();
        for (long x : seeds) {
            s.add(x);
        }
        return new RunRequest().setAll(List.of("router=[paper, paper(stop=never)]", "M=[2,3]", "T=" + rounds))
                .expand(s, Map.of());
    }

    /**
     * A flipped bit in a stored run's column data is reported by export (and the other views), naming the file,
     * instead of turning into a wrong value in rounds.csv: a review found bits that decompressed without complaint.
     */
    @Test
    void viewsRefuseColumnDataThatFailsItsChecksum() throws IOException {
        Registry reg = Registry.standard();
        List<RunSpec> specs = new RunRequest().setAll(List.of("M=[1,5]", "T=200")).expand(List.of(1L, 2L, 3L),
                Map.of());
        Path folder = sweep(reg, specs, tmp.resolve("corrupt"), 1).folder();
        Path segment;
        try (Stream<Path> s = Files.list(folder.resolve("results"))) {
            segment = s.filter(p -> p.toString().endsWith(RunIndex.SUFFIX)).sorted().findFirst().orElseThrow();
        }
        byte[] good = Files.readAllBytes(segment);
        int start = indexOf(good, "MOECLCOL".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        int end = indexOf(good, "MOECLEND".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertTrue(start >= 0 && end > start + 4000, "a column file in " + segment);
        for (int at = start + 1000; at < end - 100; at += (end - start) / 7) {
            byte[] bad = good.clone();
            bad[at] ^= 0x04;
            Files.write(segment, bad);
            Files.deleteIfExists(folder.resolve("rounds.csv"));
            int offset = at;
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> SweepExport.roundsCsv(folder), "bit flipped at byte " + offset);
            assertTrue(e.getMessage().startsWith("corrupt column file " + segment), e.getMessage());
            assertFalse(Files.exists(folder.resolve("rounds.csv")), "no half-written rounds.csv");
        }
        Files.write(segment, good);
        assertTrue(Files.size(SweepExport.roundsCsv(folder)) > 0);
    }

    /**
     * Resume after damage: a damaged first frame (its magic), a damaged frame in the middle (its record) and a
     * flipped bit in a frame's column data each cost exactly that run, computed again; the segment keeps its other
     * runs, its damaged copy is kept beside it, the resume says what it found, and the folder ends as an undamaged
     * one (a review found the first case truncating the whole segment silently).
     */
    @Test
    void resumeRecomputesOnlyTheDamagedRunsAndSaysWhat() throws IOException {
        Registry reg = Registry.standard();
        List<RunSpec> specs = grid(120, 1, 2);
        Path whole = sweep(reg, specs, tmp.resolve("whole"), 1).folder();
        RunIndex index = RunIndex.scan(whole);
        assertEquals(1, index.segments().size());
        List<RunIndex.Ref> frames = index.frames();
        String[] expect = {"in which no run checks", "in which no run checks", "whose columns are damaged"};
        for (int k = 0; k < 3; k++) {
            Path copy = tmp.resolve("damaged-" + k);
            copyTree(whole, copy);
            Path seg = copy.resolve("results").resolve(index.segments().get(0).getFileName());
            byte[] b = Files.readAllBytes(seg);
            RunIndex.Ref victim = frames.get(k == 0 ? 0 : 4);
            int at = switch (k) {
                case 0 -> RunIndex.SEGMENT_HEADER + 1; // the first frame's magic
                case 1 -> (int) (victim.columnsOffset() + victim.columnBytes().length) + 3; // the middle frame's record
                default -> (int) victim.columnsOffset() + 200; // column data, which only its checksum covers
            };
            b[at] ^= 0x10;
            Files.write(seg, b);
            Files.delete(copy.resolve("summary.json"));
            SweepRunner.Result r = SweepRunner.resume(reg, copy, new LocalExecutor(reg, 1), SweepViews.Rounds.AUTO,
                    RunEngine.Progress.NONE);
            String what = "case " + k + ": " + r.repairs();
            assertEquals(1, r.computed(), what);
            assertTrue(r.complete(), what);
            assertEquals(1, r.repairs().size(), what);
            String note = r.repairs().get(0);
            assertTrue(note.startsWith("results/" + seg.getFileName() + " was damaged: ") && note.contains(expect[k])
                    && note.contains("It now holds its " + (frames.size() - 1) + " intact runs")
                    && note.contains("results/" + seg.getFileName() + ".damaged"), note);
            if (k == 2) {
                assertTrue(note.contains("run " + victim.id() + ", whose columns are damaged"), note);
            }
            assertArrayEquals(b, Files.readAllBytes(seg.resolveSibling(seg.getFileName() + ".damaged")),
                    "the damaged file is kept as it was");
            Files.delete(seg.resolveSibling(seg.getFileName() + ".damaged"));
            assertSameFiles(whole, copy);
            RunIndex after = RunIndex.scan(copy);
            assertEquals(List.of(), after.damaged(), what);
            try (SweepStore again = SweepStore.openToResume(copy)) {
                assertEquals(List.of(), again.repairs(), "a second open finds nothing to repair");
            }
        }
    }

    /** A damaged segment header: resume computes nothing, rewrites the header and says so; export notes gaps. */
    @Test
    void aDamagedSegmentHeaderIsRewrittenAndExportNotesMissingRuns() throws IOException {
        Registry reg = Registry.standard();
        Path whole = sweep(reg, grid(80, 1, 2), tmp.resolve("whole"), 1).folder();
        Path copy = tmp.resolve("header");
        copyTree(whole, copy);
        Path seg = RunIndex.scan(copy).segments().get(0);
        byte[] b = Files.readAllBytes(seg);
        b[0] ^= 0x01;
        Files.write(seg, b);
        SweepRunner.Result r = SweepRunner.resume(reg, copy, new LocalExecutor(reg, 1), SweepViews.Rounds.AUTO,
                RunEngine.Progress.NONE);
        assertEquals(0, r.computed(), r.repairs().toString());
        assertEquals(1, r.repairs().size(), r.repairs().toString());
        assertTrue(r.repairs().get(0).contains("9 bytes at offset 0 in which no run checks. It now holds its 8 intact "
                + "runs"), r.repairs().get(0));
        Files.delete(seg.resolveSibling(seg.getFileName() + ".damaged"));
        assertSameFiles(whole, copy);
        // export of a folder with a run gone: rounds.csv holds the others, and the note says so
        RunIndex.forget(copy, List.of(RunIndex.scan(copy).runs().keySet().iterator().next()));
        SweepExport.Written w = SweepExport.rounds(copy);
        assertEquals(7, w.runs());
        assertEquals(8, w.planned());
        assertEquals("note: header is incomplete: rounds.csv holds its 7 finished runs of 8; moecl resume " + copy
                + " computes the others", w.note());
        assertEquals(null, SweepExport.rounds(whole).note());
    }

    /**
     * The manifest's invocations: a sweep stopped before its end and a resume stopped in its turn are kept, marked as
     * stopped, beside the resume that finished (a review found only the last resume); its timings sum the loop times
     * over the rounds of the runs whose loop time is known.
     */
    @Test
    void stoppedInvocationsStayInTheManifest() throws IOException {
        Registry reg = Registry.standard();
        Path folder = sweep(reg, grid(50, 1), tmp.resolve("inv"), 1).folder();
        Path file = folder.resolve("manifest.json");
        com.fasterxml.jackson.databind.node.ObjectNode m = (com.fasterxml.jackson.databind.node.ObjectNode)
                RunIo.JSON.readTree(file.toFile());
        assertEquals(1, m.path("invocations").size(), m.toString());
        assertFalse(m.path("invocations").get(0).has("status"), "a finished invocation has no status");
        // a resume killed after it marked itself started
        m.withArray("invocations").addObject().put("at", "2026-01-01T00:00:00Z").put("command", "resume")
                .put("status", "started");
        Files.writeString(file, m.toString());
        List<SweepPlan.Run> runs = SweepPlan.fromJson(RunIo.JSON.readTree(folder.resolve("sweep.json").toFile()))
                .runs();
        RunIndex.forget(folder, List.of(runs.get(0).id()));
        SweepRunner.Result r = SweepRunner.resume(reg, folder, new LocalExecutor(reg, 1), SweepViews.Rounds.AUTO,
                RunEngine.Progress.NONE);
        assertEquals(1, r.computed());
        JsonNode after = RunIo.JSON.readTree(file.toFile());
        JsonNode inv = after.path("invocations");
        assertEquals(3, inv.size(), inv.toString());
        assertEquals("test", inv.get(0).path("command").asText(), inv.toString());
        assertTrue(inv.get(1).path("status").asText().startsWith("stopped before its end"), inv.toString());
        assertEquals("resume", inv.get(2).path("command").asText(), inv.toString());
        assertFalse(inv.get(2).has("status"), inv.toString());
        assertEquals(1, inv.get(2).path("computed").asInt(), inv.toString());
        long timed = 0;
        for (JsonNode e : after.path("runs")) {
            timed += e.path("loopMillis").isNumber() ? 50 : 0;
        }
        assertEquals(4 * 50, timed, "every run's loop time is known: the first invocation's and the resume's");
        assertEquals(timed, after.path("timings").path("roundsTotal").asLong(), after.path("timings").toString());
    }

    /**
     * A segment of zeros (a power loss) and an earlier build's damaged record file: resume computes their runs again
     * and says so; the folder ends as an undamaged one.
     */
    @Test
    void aZeroedSegmentAndADamagedLegacyRecordAreComputedAgain() throws IOException {
        Registry reg = Registry.standard();
        Path whole = sweep(reg, grid(60, 1, 2), tmp.resolve("whole"), 1).folder();
        Path zeroed = tmp.resolve("zeroed");
        copyTree(whole, zeroed);
        Path seg = RunIndex.scan(zeroed).segments().get(0);
        Files.write(seg, new byte[(int) Files.size(seg)]);
        SweepRunner.Result r = SweepRunner.resume(reg, zeroed, new LocalExecutor(reg, 1), SweepViews.Rounds.AUTO,
                RunEngine.Progress.NONE);
        assertEquals(8, r.computed(), r.repairs().toString());
        assertTrue(r.repairs().get(0).contains("in which no run checks. It now holds its 0 intact runs"),
                r.repairs().toString());
        Files.delete(seg.resolveSibling(seg.getFileName() + ".damaged"));
        assertSameFiles(whole, zeroed);
        // an earlier build's layout, ID.cols + ID.json per run, one record damaged
        Path legacy = tmp.resolve("legacy");
        copyTree(whole, legacy);
        for (Path p : RunIndex.scan(legacy).segments()) {
            Files.delete(p);
        }
        java.util.SortedMap<String, byte[]> runs = RunIndex.contents(whole);
        for (Map.Entry<String, byte[]> e : runs.entrySet()) {
            Files.write(legacy.resolve("results").resolve(e.getKey()), e.getValue());
        }
        String victim = runs.firstKey().replace(".cols", "").replace(".json", "");
        Path record = legacy.resolve("results").resolve(victim + ".json");
        byte[] b = Files.readAllBytes(record);
        b[1] = (byte) 0x96;
        Files.write(record, b);
        SweepRunner.Result l = SweepRunner.resume(reg, legacy, new LocalExecutor(reg, 1), SweepViews.Rounds.AUTO,
                RunEngine.Progress.NONE);
        assertEquals(1, l.computed(), l.repairs().toString());
        assertTrue(l.repairs().get(0).contains("whose record " + victim + ".json is damaged"), l.repairs().toString());
        assertEquals(runs.keySet(), RunIndex.contents(legacy).keySet());
        RunIndex.contents(legacy).forEach((k, v) -> assertArrayEquals(runs.get(k), v, k));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path q = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(q);
                } else if (!p.getFileName().toString().equals(".lock")) {
                    Files.copy(p, q);
                }
            }
        }
    }

    private static int indexOf(byte[] b, byte[] what) {
        for (int i = 0; i + what.length <= b.length; i++) {
            if (Arrays.equals(b, i, i + what.length, what, 0, what.length)) {
                return i;
            }
        }
        return -1;
    }

    static SweepRunner.Result sweep(Registry reg, List<RunSpec> specs, Path root, int threads) {
        return SweepRunner.run(reg, specs, false, "t", Map.of("command", "test"), root,
                new LocalExecutor(reg, threads), SweepViews.Rounds.AUTO, RunEngine.Progress.NONE);
    }

    /**
     * Every file of a sweep folder by relative path, except the lock and the manifest (it has timings), with the
     * segments replaced by their runs' bytes ({@code results/ID.cols}, {@code results/ID.json}): which thread wrote
     * which run first into which segment may differ, the runs may not. No run may be stored twice.
     */
    static Map<String, byte[]> files(Path folder) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(folder)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String rel = folder.relativize(p).toString();
                if (!rel.equals(".lock") && !rel.equals("manifest.json") && !rel.endsWith(RunIndex.SUFFIX)) {
                    out.put(rel, Files.readAllBytes(p));
                }
            }
        }
        RunIndex index = RunIndex.scan(folder);
        assertEquals(index.runs().size(), index.frames().size(), "a run is stored twice in " + folder);
        assertEquals(List.of(), index.torn(), "an incomplete frame is left in " + folder);
        RunIndex.contents(folder).forEach((k, v) -> out.put("results/" + k, v));
        return out;
    }

    static void assertSameFiles(Path a, Path b) throws IOException {
        Map<String, byte[]> fa = files(a);
        Map<String, byte[]> fb = files(b);
        assertEquals(fa.keySet(), fb.keySet());
        fa.forEach((k, v) -> assertArrayEquals(v, fb.get(k), k + " differs"));
    }

    @Test
    void resumeComputesOnlyWhatIsMissingAndGivesTheSameBytes() throws IOException {
        Registry reg = Registry.standard();
        List<RunSpec> specs = grid(300, 1, 2, 3);
        SweepRunner.Result whole = sweep(reg, specs, tmp.resolve("a"), 2);
        assertTrue(whole.complete());
        assertEquals(12, whole.computed());

        SweepRunner.Result cut = sweep(reg, specs, tmp.resolve("b"), 1);
        Path b = cut.folder();
        // as a killed process leaves it: five runs gone, one of them half written, a temporary file, no views
        List<SweepPlan.Run> runs = cut.plan().runs();
        List<String> gone = new ArrayList<>();
        for (int i : new int[] {0, 3, 4, 7, 11}) {
            gone.add(runs.get(i).id());
        }
        RunIndex.forget(b, gone);
        RunIndex.Ref kept = RunIndex.scan(b).get(runs.get(1).id());
        Path segment = kept.file();
        long before = Files.size(segment);
        byte[] frame = Files.readAllBytes(segment);
        // a copy of a frame whose lengths were never written: the header and half of its columns
        long start = kept.columnsOffset() - 16 - kept.id().length() - 1 - 4 - 8;
        byte[] half = Arrays.copyOfRange(frame, (int) start, (int) (kept.columnsOffset() + 100));
        java.nio.ByteBuffer.wrap(half).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(half.length - 100 - 16, -1L);
        Files.write(segment, half, java.nio.file.StandardOpenOption.APPEND);
        assertEquals(1, RunIndex.scan(b).torn().size());
        Files.writeString(b.resolve("results").resolve("." + runs.get(0).id() + ".cols.tmp-1-1"), "partial");
        Files.delete(b.resolve("summary.json"));
        Files.delete(b.resolve("rounds.csv"));

        SweepRunner.Result resumed = SweepRunner.resume(reg, b, new LocalExecutor(reg, 2), SweepViews.Rounds.AUTO,
                RunEngine.Progress.NONE);
        assertEquals(5, resumed.computed(), "only the missing runs are computed");
        assertTrue(resumed.complete());
        assertEquals(before, Files.size(segment), "the incomplete frame is cut off");
        assertSameFiles(whole.folder(), b);
        JsonNode manifest = RunIo.JSON.readTree(b.resolve("manifest.json").toFile());
        assertEquals(2, manifest.path("invocations").size());
        assertEquals("resume", manifest.path("invocations").get(1).path("command").asText());
    }

    /**
     * A thread's arrays serve its next run (the engine's block, the sink's rows, the column writer's scratch, the
     * segment's buffer): a short run after a long one on the same thread stores exactly what it stores alone.
     */
    @Test
    void aRunAfterAnotherOnTheSameThreadStoresWhatItStoresAlone() throws IOException {
        Registry reg = Registry.standard();
        List<RunSpec> both = new RunRequest().setAll(List.of("M=[7,2]", "T=[3000,40]", "tasks=[clusters, "
                + "gaussian(d=12, s=4, N=3)]")).expand(List.of(4L), Map.of());
        SweepRunner.Result after = sweep(reg, both, tmp.resolve("a"), 1);
        assertEquals(8, after.computed());
        Map<String, byte[]> a = RunIndex.contents(after.folder());
        for (RunSpec alone : both) {
            SweepRunner.Result r = sweep(reg, List.of(alone), tmp.resolve("b" + alone.hashCode()), 1);
            for (Map.Entry<String, byte[]> e : RunIndex.contents(r.folder()).entrySet()) {
                if (e.getKey().endsWith(".json")) { // the record names the run's place in its sweep
                    com.fasterxml.jackson.databind.node.ObjectNode x = (com.fasterxml.jackson.databind.node.ObjectNode)
                            RunIo.JSON.readTree(e.getValue());
                    com.fasterxml.jackson.databind.node.ObjectNode y = (com.fasterxml.jackson.databind.node.ObjectNode)
                            RunIo.JSON.readTree(a.get(e.getKey()));
                    x.remove("run");
                    y.remove("run");
                    assertEquals(y, x, e.getKey());
                } else {
                    assertArrayEquals(e.getValue(), a.get(e.getKey()), e.getKey() + " differs");
                }
            }
        }
    }

    @Test
    void everyRunResolvesItsOwnComputedDefaults() throws IOException {
        // the paper router's minRounds defaults to 80 + 3M (its default stop rule): each run of a sweep over M must
        // use its own (a default shared through the descriptor and resolved in place once gave every run the first
        // run's value, and fig2 runs froze at round 84 with M = 5, 10 or 20)
        Registry reg = Registry.standard();
        List<RunSpec> specs = Presets.fig2(java.util.stream.LongStream.rangeClosed(1, 16).boxed().toList(),
                RngKind.FAST, 300);
        SweepRunner.Result r = sweep(reg, specs, tmp.resolve("all"), 2);
        int atMin = 0;
        for (JsonNode rec : r.records()) {
            if (rec.path("freezeRound").isNumber()) {
                int least = 80 + 3 * rec.path("M").asInt() + 1;
                assertTrue(rec.path("freezeRound").asInt() >= least, rec.toString());
                atMin += rec.path("freezeRound").asInt() == least ? 1 : 0;
            }
        }
        assertTrue(atMin >= 3, atMin + " runs froze right after their minRounds: too few to tell");
    }

    @Test
    void numpyLegacyWorldsResumeAsWholeUnitsAndDuplicatesAreCheckedBitForBit() throws IOException {
        Registry reg = Registry.standard();
        List<RunSpec> specs = Presets.fig2(List.of(1L, 2L), RngKind.NUMPY_LEGACY, 150);
        SweepRunner.Result whole = sweep(reg, specs, tmp.resolve("a"), 2);
        SweepRunner.Result cut = sweep(reg, specs, tmp.resolve("b"), 2);
        SweepPlan.Run third = cut.plan().run(2); // M=10 of seed 1, variant stop: its stream follows M=1 and M=5
        RunIndex.forget(cut.folder(), List.of(third.id()));
        SweepRunner.Result resumed = SweepRunner.resume(reg, cut.folder(), new LocalExecutor(reg, 2),
                SweepViews.Rounds.AUTO, RunEngine.Progress.NONE);
        assertEquals(1, resumed.computed());
        assertEquals(3, resumed.duplicates(), "the unit's three other runs are recomputed and compared");
        assertSameFiles(whole.folder(), cut.folder());
    }

    @Test
    void aDuplicateThatDiffersIsADeterminismFailure() throws IOException {
        Registry reg = Registry.standard();
        List<RunSpec> specs = Presets.fig2(List.of(3L), RngKind.NUMPY_LEGACY, 100);
        SweepRunner.Result r = sweep(reg, specs, tmp.resolve("a"), 1);
        SweepPlan.Run first = r.plan().run(0);
        RunIndex.forget(r.folder(), List.of(r.plan().run(1).id()));
        RunIndex.Ref ref = RunIndex.scan(r.folder()).get(first.id());
        byte[] bytes = Files.readAllBytes(ref.file());
        // inside the header's JSON, with the columns' checksum and the frame's check made to match: a stored run
        // that is whole but not what the engine computes now
        int co = (int) ref.columnsOffset();
        int cl = ref.columnBytes().length;
        int rl = ref.recordBytes().length;
        bytes[co + 40] ^= 1;
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(bytes, co, cl - Columns.FOOTER);
        int columnsCrc = (int) crc.getValue();
        java.nio.ByteBuffer le = java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        le.putInt(co + cl - 12, columnsCrc);
        le.putInt(co - 4, RunIndex.check(ref.run(), ref.id().getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                cl, rl, columnsCrc, Arrays.copyOfRange(bytes, co + cl, co + cl + rl)));
        Files.write(ref.file(), bytes);
        assertEquals(List.of(), RunIndex.scan(r.folder()).damaged());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SweepRunner.resume(reg, r.folder(),
                new LocalExecutor(reg, 1), SweepViews.Rounds.AUTO, RunEngine.Progress.NONE));
        assertTrue(e.getMessage().startsWith("determinism check failed: run 0 (" + first.id() + ")"), e.getMessage());
    }

    /** A router that throws at round 7 for seed 2 while {@link #broken} is set. */
    static final class FlakyFactory implements RouterFactory {
        static volatile boolean broken = true;
        static volatile Throwable what = new IllegalStateException("gate exploded");

        @Override
        public PluginDescriptor descriptor() {
            return PluginDescriptor.of(PluginKind.ROUTER, "flaky", "expert 0, except when it fails");
        }

        @Override
        public Router create(Params params, BuildContext context) {
            boolean fails = broken && context.seed() == 2;
            return new Router() {
                int t;

                @Override
                public Decision route(Task task) {
                    if (fails && ++t == 7) {
                        sneaky(what);
                    }
                    return Decision.of(0);
                }

                @Override
                public void learn(Task task, Decision decision, LearnReport report) {
                }
            };
        }

        @SuppressWarnings("unchecked")
        static <E extends Throwable> void sneaky(Throwable t) throws E {
            throw (E) t;
        }
    }

    @Test
    void aFailingRunIsRecordedTheOthersCompleteAndResumeRetriesIt() throws IOException {
        Registry reg = Registry.standard();
        reg.register(PluginKind.ROUTER, new FlakyFactory());
        FlakyFactory.broken = true;
        FlakyFactory.what = new IllegalStateException("gate exploded");
        List<RunSpec> specs = new RunRequest().setAll(List.of("router=[paper, flaky]", "M=2", "T=50"))
                .expand(List.of(1L, 2L, 3L), Map.of());
        SweepRunner.Result r = sweep(reg, specs, tmp, 2);
        assertEquals(Map.of(3, "router flaky failed at round 7: gate exploded"), r.failures());
        assertFalse(r.complete());
        assertEquals(5, r.computed());
        RunIndex index = RunIndex.scan(r.folder());
        assertEquals(5, index.frames().size(), "the failed run's half-written frame is rolled back");
        assertEquals(List.of(), index.torn());
        SweepPlan.Run bad = r.plan().run(3);
        JsonNode rec = RunIo.JSON.readTree(r.folder().resolve("failed").resolve(bad.id() + ".json").toFile());
        assertEquals(2, rec.path("seed").asLong());
        assertEquals("router flaky", rec.path("component").asText());
        assertEquals(7, rec.path("round").asInt());
        JsonNode summary = RunIo.JSON.readTree(r.folder().resolve("summary.json").toFile());
        assertEquals("incomplete", summary.path("status").asText());
        assertEquals(5, summary.path("runs").size());
        assertEquals(1, summary.path("failed").size());
        assertEquals(List.of("run 3 (router=flaky, seed 2): router flaky failed at round 7: gate exploded"),
                r.failureLines());

        FlakyFactory.broken = false; // the plugin is fixed
        SweepRunner.Result resumed = SweepRunner.resume(reg, r.folder(), new LocalExecutor(reg, 2),
                SweepViews.Rounds.AUTO, RunEngine.Progress.NONE);
        assertEquals(1, resumed.computed());
        assertTrue(resumed.complete());
        try (Stream<Path> s = Files.list(r.folder().resolve("failed"))) {
            assertEquals(0, s.count());
        }
        summary = RunIo.JSON.readTree(r.folder().resolve("summary.json").toFile());
        assertEquals("complete", summary.path("status").asText());
    }

    @Test
    void errorsThatAreNotExceptionsAreContainedToo() {
        Registry reg = Registry.standard();
        reg.register(PluginKind.ROUTER, new FlakyFactory());
        FlakyFactory.broken = true;
        try {
            // InternalError and an undeclared checked exception once ended the whole sweep (a review's finding)
            for (Throwable t : List.of(new StackOverflowError(), new NoClassDefFoundError("thirdparty/Missing"),
                    new OutOfMemoryError("Java heap space"), new InternalError("hostile internal error"),
                    new java.io.IOException("hostile checked"))) {
                FlakyFactory.what = t;
                List<RunSpec> specs = new RunRequest().setAll(List.of("router=flaky", "M=2", "T=20"))
                        .expand(List.of(1L, 2L), Map.of());
                SweepRunner.Result r = sweep(reg, specs, tmp.resolve(t.getClass().getSimpleName()), 1);
                assertEquals(1, r.failures().size(), t.toString());
                assertTrue(r.failures().get(1).startsWith("router flaky failed at round 7: "
                        + t.getClass().getSimpleName()), r.failures().get(1));
                assertTrue(r.records()[0] != null);
            }
        } finally {
            FlakyFactory.what = new IllegalStateException("gate exploded");
        }
    }

    @Test
    void settingsAreLabelledByTheKeysThatVary() {
        Registry reg = Registry.standard();
        SweepPlan plan = SweepPlan.of(reg, new RunRequest().setAll(List.of(
                "router=[paper, paper(stop=never), paper(eta=0.1)]", "tasks=[clusters, gaussian]", "M=5", "T=10"))
                .expand(List.of(1L, 2L), Map.of()), false);
        assertEquals(List.of("router", "tasks"), plan.varying());
        assertEquals(List.of("router=paper tasks=clusters", "router=paper(stop=never) tasks=clusters",
                "router=paper(eta=0.1) tasks=clusters", "router=paper tasks=gaussian",
                "router=paper(stop=never) tasks=gaussian", "router=paper(eta=0.1) tasks=gaussian"),
                plan.settings().stream().map(SweepPlan.Setting::label).toList());
        assertEquals(List.of(0, 6), plan.settings().get(0).runs());
        // a key fixed by the keys before it is left out: Fig. 2's router follows from its variant
        SweepPlan fig2 = SweepPlan.of(reg, Presets.fig2(List.of(1L, 2L), RngKind.FAST, 10), false);
        assertEquals(List.of("variant", "M"), fig2.varying());
        assertEquals(List.of("variant=stop M=1", "variant=stop M=5", "variant=stop M=10", "variant=stop M=20",
                "variant=nostop M=1", "variant=nostop M=5", "variant=nostop M=10", "variant=nostop M=20"),
                fig2.settings().stream().map(SweepPlan.Setting::label).toList());
        assertEquals(List.of("variant"), SweepPlan.of(reg, Presets.fig45(List.of(1L), RngKind.FAST, 10, 2, false),
                false).varying());
        // ids: stable, distinct, and the same for the same request
        SweepPlan again = SweepPlan.of(reg, plan.specs(), false);
        assertEquals(plan.runs().stream().map(SweepPlan.Run::id).toList(),
                again.runs().stream().map(SweepPlan.Run::id).toList());
        assertEquals(12, plan.runs().stream().map(SweepPlan.Run::id).distinct().count());
        // a default spelled out is the same run
        SweepPlan spelled = SweepPlan.of(reg, new RunRequest().setAll(List.of("router=paper(eta=0.5)", "M=5",
                "T=10")).expand(List.of(1L), Map.of()), false);
        SweepPlan plain = SweepPlan.of(reg, new RunRequest().setAll(List.of("router=paper", "M=5", "T=10"))
                .expand(List.of(1L), Map.of()), false);
        assertEquals(plain.run(0).id(), spelled.run(0).id());
        assertNotEquals(plain.run(0).id(), SweepPlan.of(reg, plain.specs(), true).run(0).id());
        // the same run twice would count twice in its setting's n: refused, naming it (once written out, once
        // equal only after the defaults)
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class, () -> SweepPlan.of(reg,
                new RunRequest().setAll(List.of("M=[5,5]", "T=10")).expand(List.of(1L), Map.of()), false));
        assertEquals("the request asks for the same run twice (seed 1): tasks=clusters experts=minnorm router=paper "
                + "M=5 T=10; give each value once (more samples of a setting come from more seeds)",
                twice.getMessage());
        IllegalArgumentException defaults = assertThrows(IllegalArgumentException.class, () -> SweepPlan.of(reg,
                new RunRequest().setAll(List.of("router=[paper, paper(eta=0.5)]", "M=5", "T=10"))
                        .expand(List.of(3L), Map.of()), false));
        assertTrue(defaults.getMessage().startsWith("the request asks for the same run twice (seed 3): tasks=clusters "
                + "experts=minnorm router=paper M=5 T=10 and tasks=clusters experts=minnorm router=paper(eta=0.5) M=5 "
                + "T=10 are equal once defaults are filled in;"), defaults.getMessage());
    }

    @Test
    void concurrentWritersClaimDistinctFolders() throws Exception {
        Registry reg = Registry.standard();
        SweepPlan plan = SweepPlan.of(reg, grid(10, 1), false);
        int writers = 8;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        ConcurrentHashMap<Path, Boolean> folders = new ConcurrentHashMap<>();
        List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int i = 0; i < writers; i++) {
            Thread t = new Thread(() -> {
                try {
                    go.await();
                    try (SweepStore s = SweepStore.create(tmp, "same", plan)) {
                        folders.put(s.folder(), true);
                    }
                } catch (Throwable e) {
                    errors.add(e);
                }
            });
            t.start();
            threads.add(t);
        }
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(List.of(), errors);
        assertEquals(writers, folders.size());
    }

    @Test
    void aFolderBeingWrittenCannotBeResumedTwice() throws IOException {
        Registry reg = Registry.standard();
        SweepPlan plan = SweepPlan.of(reg, grid(10, 1), false);
        try (SweepStore s = SweepStore.create(tmp, "busy", plan)) {
            assertTrue(SweepStore.busy(s.folder()));
            assertTrue(SweepStore.busy(s.folder()), "asking twice keeps the lock");
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> SweepStore.open(s.folder()));
            assertTrue(e.getMessage().endsWith("is being written by this moecl process already; wait for that sweep "
                    + "to finish"), e.getMessage());
            // another process sees the lock too
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), LockProbe.class.getName(), s.folder().toString());
            Process p = pb.redirectErrorStream(true).start();
            String said = new String(p.getInputStream().readAllBytes()).strip();
            assertEquals("busy", said);
        }
        assertFalse(SweepStore.busy(tmp.resolve("no-such-folder")));
    }

    /** Run in another JVM: says whether the folder is locked. */
    public static final class LockProbe {
        public static void main(String[] args) {
            System.out.println(SweepStore.busy(Path.of(args[0])) ? "busy" : "free");
        }
    }

    @Test
    void anUnwritableOutputIsRefusedBeforeAnyRun() throws IOException {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        StoreFailure e = assertThrows(StoreFailure.class, () -> sweep(Registry.standard(), grid(10, 1),
                file.resolve("runs"), 1));
        assertTrue(e.getMessage().startsWith("cannot create the output folder " + file.resolve("runs")),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SweepStore.checkName("../escape"));
        assertThrows(IllegalArgumentException.class, () -> SweepStore.checkName(".hidden"));
    }

    @Test
    void aCancelledFreshSweepWithNothingSavedLeavesNoFolder() throws Exception {
        Registry reg = Registry.standard();
        List<RunSpec> specs = new RunRequest().setAll(List.of("M=20", "T=3000000")).expand(List.of(1L), Map.of());
        Path root = tmp.resolve("runs");
        Thread t = new Thread(() -> {
            try {
                sweep(reg, specs, root, 1);
            } catch (java.util.concurrent.CancellationException expected) {
                // the interrupt
            }
        });
        t.start();
        while (!Files.isDirectory(root) || listed(root) == 0) {
            Thread.sleep(5);
        }
        t.interrupt();
        t.join();
        assertEquals(0, listed(root));
    }

    /** A sweep that used a plugin its session defined cannot be resumed without it: the message says so. */
    @Test
    void aSweepWithSessionPluginsSaysHowItCanBeCompleted() throws IOException {
        Registry reg = Registry.standard();
        reg.register(PluginKind.ROUTER, new FlakyFactory());
        FlakyFactory.broken = true;
        try {
            List<RunSpec> specs = new RunRequest().setAll(List.of("router=[paper, flaky]", "M=2", "T=30"))
                    .expand(List.of(1L, 2L), Map.of());
            SweepRunner.Result r = sweep(reg, specs, tmp, 2);
            assertFalse(r.complete());
            assertEquals(List.of("router 'flaky'"), SweepRunner.sessionPlugins(r.folder()));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SweepRunner.resume(
                    Registry.standard(), r.folder(), new LocalExecutor(reg, 1), null, RunEngine.Progress.NONE));
            assertEquals(r.folder().getFileName() + " used router 'flaky', defined in the session that ran it (a "
                    + "script or the REPL), which moecl resume cannot rebuild: run that script or session again to "
                    + "complete it", e.getMessage());
            // with the plugin defined again (the script run anew in this session), the resume completes it
            FlakyFactory.broken = false;
            assertTrue(SweepRunner.resume(reg, r.folder(), new LocalExecutor(reg, 1), null, RunEngine.Progress.NONE)
                    .complete());
            // a plugin registered by `moecl script` (origin script) is named the same way, not "unknown router"
            FlakyFactory.broken = true;
            Registry scripted = Registry.standard();
            scripted.register(PluginKind.ROUTER, new FlakyFactory(), new Registry.Origin("script", null, null));
            SweepRunner.Result s = sweep(scripted, specs, tmp.resolve("scripted"), 2);
            assertFalse(s.complete());
            assertEquals(List.of("router 'flaky'"), SweepRunner.sessionPlugins(s.folder()));
            IllegalArgumentException fromScript = assertThrows(IllegalArgumentException.class, () ->
                    SweepRunner.resume(Registry.standard(), s.folder(), new LocalExecutor(reg, 1), null,
                            RunEngine.Progress.NONE));
            assertTrue(fromScript.getMessage().contains("used router 'flaky', defined in the session that ran it"),
                    fromScript.getMessage());
        } finally {
            FlakyFactory.broken = false;
        }
    }

    /**
     * A resume that cannot read the folder's manifest keeps it as manifest.json.damaged and says so in the new one,
     * instead of replacing the original provenance without a word.
     */
    @Test
    void aDamagedManifestIsKeptBesideTheOneAResumeWrites() throws IOException {
        Registry reg = Registry.standard();
        reg.register(PluginKind.ROUTER, new FlakyFactory());
        FlakyFactory.broken = true;
        try {
            List<RunSpec> specs = new RunRequest().setAll(List.of("router=flaky", "M=2", "T=20"))
                    .expand(List.of(1L, 2L), Map.of());
            Path folder = sweep(reg, specs, tmp.resolve("manifest"), 1).folder();
            byte[] whole = Files.readAllBytes(folder.resolve("manifest.json"));
            byte[] cut = Arrays.copyOf(whole, 300);
            Files.write(folder.resolve("manifest.json"), cut);
            FlakyFactory.broken = false;
            assertTrue(SweepRunner.resume(reg, folder, new LocalExecutor(reg, 1), null, RunEngine.Progress.NONE)
                    .complete());
            assertArrayEquals(cut, Files.readAllBytes(folder.resolve("manifest.json.damaged")));
            JsonNode m = RunIo.JSON.readTree(folder.resolve("manifest.json").toFile());
            assertTrue(m.path("previousManifest").asText().startsWith("manifest.json could not be read (malformed "
                    + "JSON at line "), m.toString());
            assertTrue(m.path("previousManifest").asText().endsWith("); kept as manifest.json.damaged"), m.toString());
        } finally {
            FlakyFactory.broken = false;
        }
    }

    /** A damaged sweep.json is named with the parser's words and place, not its internals ("[Source: REDACTED"). */
    @Test
    void aMalformedPlanGetsTheParsersWordsAndPlaceOnly() throws IOException {
        Path folder = Files.createDirectories(tmp.resolve("damaged"));
        Files.writeString(folder.resolve("sweep.json"), "{\"runs\": [1,\n  2");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SweepStore.open(folder));
        assertEquals("cannot read " + folder.resolve("sweep.json") + ": malformed JSON at line 2, column 4: "
                + "Unexpected end-of-input: expected close marker for Array (opened at line 1, column 10)",
                e.getMessage());
    }

    /** A paper report folder given where a sweep folder is wanted: the message points to its sweeps. */
    @Test
    void aReportFolderIsNotTakenForASweep() throws IOException {
        Path report = Files.createDirectories(tmp.resolve("20261206-150215-paper-quick"));
        Files.writeString(report.resolve("paper.json"), "{}");
        Files.createDirectories(report.resolve("20261206-150215-fig2"));
        Files.writeString(report.resolve("20261206-150215-fig2").resolve("sweep.json"), "{}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SweepStore.open(report));
        assertEquals(report + " is not a resumable sweep folder (it has no sweep.json); it is a paper report: its "
                + "sweeps are the folders inside it, e.g. " + report.resolve("20261206-150215-fig2"), e.getMessage());
    }

    /** A router that waits at round 5 while {@link #hold} is set (until interrupted). */
    static final class HoldFactory implements RouterFactory {
        static volatile boolean hold = true;

        @Override
        public PluginDescriptor descriptor() {
            return PluginDescriptor.of(PluginKind.ROUTER, "hold", "expert 0; waits at round 5 while held");
        }

        @Override
        public Router create(Params params, BuildContext context) {
            return new Router() {
                int t;

                @Override
                public Decision route(Task task) {
                    if (hold && ++t == 5) {
                        try {
                            Thread.sleep(60_000);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    return Decision.of(0);
                }

                @Override
                public void learn(Task task, Decision decision, LearnReport report) {
                }
            };
        }
    }

    /**
     * A sweep stopped before its end keeps the command that started it: the manifest written at the start says it,
     * and the resume's manifest keeps it (with the resume as an invocation) instead of calling the sweep a resume.
     */
    @Test
    void aStoppedSweepKeepsItsCommandThroughTheResume() throws Exception {
        Registry reg = Registry.standard();
        reg.register(PluginKind.ROUTER, new HoldFactory());
        HoldFactory.hold = true;
        List<RunSpec> specs = new RunRequest().setAll(List.of("router=[paper, hold]", "M=2", "T=200"))
                .expand(List.of(1L), Map.of());
        Path root = tmp.resolve("runs");
        Map<String, Object> command = Map.of("command", "run", "arguments", List.of("router=[paper, hold]"));
        java.util.concurrent.atomic.AtomicReference<Throwable> thrown =
                new java.util.concurrent.atomic.AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                SweepRunner.run(reg, specs, false, "held", command, root, new LocalExecutor(reg, 2),
                        SweepViews.Rounds.NONE, RunEngine.Progress.NONE);
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        t.start();
        Path folder = null;
        for (int i = 0; i < 2000 && folder == null; i++) {
            Thread.sleep(5);
            if (Files.isDirectory(root) && listed(root) == 1) {
                try (Stream<Path> s = Files.list(root)) {
                    Path f = s.findFirst().orElseThrow();
                    if (RunIndex.scan(f).runs().size() == 1) {
                        folder = f;
                    }
                }
            }
        }
        assertNotNull(folder, "the paper run was not stored");
        JsonNode start = RunIo.JSON.readTree(folder.resolve("manifest.json").toFile());
        assertEquals("started", start.path("status").asText());
        assertEquals("run", start.path("command").asText());
        assertEquals("none", start.path("rounds").asText());
        t.interrupt();
        t.join();
        assertInstanceOf(java.util.concurrent.CancellationException.class, thrown.get());

        HoldFactory.hold = false;
        SweepRunner.Result r = SweepRunner.resume(reg, folder, new LocalExecutor(reg, 2), null,
                RunEngine.Progress.NONE);
        assertTrue(r.complete());
        assertEquals(1, r.computed());
        JsonNode end = RunIo.JSON.readTree(folder.resolve("manifest.json").toFile());
        assertEquals("run", end.path("command").asText());
        assertEquals("router=[paper, hold]", end.path("arguments").get(0).asText());
        assertEquals(start.path("created"), end.path("created"));
        assertFalse(end.has("status"), end.toString());
        assertEquals("none", end.path("rounds").asText(), "the resume keeps the sweep's --rounds");
        assertEquals(2, end.path("invocations").size(), "the stopped run and the resume: " + end);
        assertEquals("run", end.path("invocations").get(0).path("command").asText());
        assertTrue(end.path("invocations").get(0).path("status").asText().startsWith("stopped before its end"));
        assertEquals(start.path("created"), end.path("invocations").get(0).path("at"));
        assertEquals("resume", end.path("invocations").get(1).path("command").asText());
    }

    private static long listed(Path root) throws IOException {
        try (Stream<Path> s = Files.list(root)) {
            return s.count();
        }
    }
}
