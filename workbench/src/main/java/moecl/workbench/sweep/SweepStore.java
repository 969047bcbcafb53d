package moecl.workbench.sweep;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A sweep folder on disk, written by the driver only:
 * <pre>
 * sweep.json            the plan (written first)
 * results/NNNN.runs     segments: finished runs, each its per-round columns ({@link Columns}) and its record
 *                       (final metrics, freeze round, load, expert sets), appended as it finishes ({@link RunIndex})
 * failed/ID.json        a failed run: component, round, message
 * summary.json, rounds.csv, curves/, manifest.json     views, rebuilt from the results ({@link SweepViews})
 * .lock                 held (an OS file lock, {@link FolderLock}) while a process works on the folder
 * </pre>
 * A run's frame in a segment counts only once complete (its lengths and check are written last), and every other
 * file is written under a temporary name and renamed into place when complete, so a killed process leaves finished
 * runs intact and at most an incomplete last frame and some temporary files, which {@link #open} removes. The
 * folder itself is claimed with an atomic create, so concurrent processes writing into one {@code --out} never
 * collide.
 */
public final class SweepStore implements AutoCloseable {

    static final String PLAN = "sweep.json";
    static final String RESULTS = "results";
    static final String FAILED = "failed";

    private final Path folder;
    private final SweepPlan plan;
    private final FolderLock lock;
    private final Set<Integer> done = ConcurrentHashMap.newKeySet();
    private final Map<String, RunIndex.Ref> refs = new ConcurrentHashMap<>();
    /** Records of runs stored by this process, for the views ({@link #record}). */
    private final Map<Integer, byte[]> recordCache = new ConcurrentHashMap<>();
    private final AtomicLong cachedRecordBytes = new AtomicLong();
    /** Mean curves accumulated as runs finish ({@link #accumulateCurves}); null until then. */
    private volatile CurveAccumulator curves;
    /** Segments open for writing and not in use; a thread takes one for a run and gives it back. */
    private final java.util.Deque<Segment> idle = new java.util.ArrayDeque<>();
    private final List<Segment> segments = new ArrayList<>();
    private boolean closed;
    private final Map<Integer, Long> nanos = new ConcurrentHashMap<>();
    private final Map<Integer, String> failures = new ConcurrentHashMap<>();
    private final Map<Integer, String> errors = new ConcurrentHashMap<>();
    private final Map<Integer, Boolean> computedNow = new ConcurrentHashMap<>();
    /** What {@link #open} found damaged or incomplete in the folder's results, and what it did about it. */
    private final List<String> repairs = new ArrayList<>();
    private volatile int duplicates;

    private SweepStore(Path folder, SweepPlan plan, FolderLock lock) {
        this.folder = folder;
        this.plan = plan;
        this.lock = lock;
    }

    /** A folder or file name a user may give with {@code --name}. */
    public static String checkName(String name) {
        if (name == null || !name.matches("[A-Za-z0-9_.\\-]{1,80}") || name.startsWith(".")) {
            throw new IllegalArgumentException("name '" + name + "' is not allowed; use 1 to 80 letters, digits, '.', "
                    + "'_' or '-', not starting with '.'");
        }
        return name;
    }

    /**
     * Claims a new folder {@code root/<yyyyMMdd-HHmmss>-<name>[-k]} with an atomic create (a name another process
     * took is skipped), writes the plan into it and locks it. Fails before any computation when {@code root} cannot
     * be written.
     */
    public static SweepStore create(Path root, String name, SweepPlan plan) {
        checkName(name);
        Path folder;
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new IllegalArgumentException("--out " + root + " is a file, not a folder");
        }
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new StoreFailure("cannot create the output folder " + root + ": " + RunIo.reason(e), e);
        }
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("--out " + root + " is not a folder");
        }
        try {
            folder = moecl.workbench.RunFolder.claim(root, name);
        } catch (FileAlreadyExistsException e) {
            throw new StoreFailure("cannot find a free folder name under " + root, e);
        } catch (IOException e) {
            throw new StoreFailure("cannot write into " + root + ": " + RunIo.reason(e), e);
        }
        SweepStore store = null;
        try {
            Files.createDirectory(folder.resolve(RESULTS));
            Files.createDirectory(folder.resolve(FAILED));
            store = lock(folder, plan);
            RunIo.writeAtomically(folder.resolve(PLAN), out -> RunIo.PRETTY.writeValue(out, plan.toJson()));
            return store;
        } catch (IOException e) {
            if (store != null) {
                store.close();
            }
            delete(folder);
            throw new StoreFailure("cannot write into " + folder + ": " + RunIo.reason(e), e);
        } catch (RuntimeException e) {
            if (store != null) {
                store.close();
            }
            delete(folder);
            throw e;
        }
    }

    /**
     * Opens an existing sweep folder to resume it: reads the plan, takes the lock (refused while another process
     * holds it), removes temporary files left by a killed process and finds which runs are done or failed.
     */
    public static SweepStore open(Path folder) {
        return open(folder, false);
    }

    /**
     * {@link #open(Path)} to compute the folder's missing runs: also sets aside what is damaged in its results (see
     * {@link #repairs()}), so that the runs stored there are computed again. Reads every stored run's columns once.
     */
    public static SweepStore openToResume(Path folder) {
        return open(folder, true);
    }

    private static SweepStore open(Path folder, boolean repair) {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("no sweep folder " + folder);
        }
        Path planFile = folder.resolve(PLAN);
        if (!Files.isRegularFile(planFile)) {
            throw new IllegalArgumentException(folder + " is not a resumable sweep folder (it has no " + PLAN + ")"
                    + reportHint(folder));
        }
        SweepPlan plan;
        try {
            plan = SweepPlan.fromJson(RunIo.JSON.readTree(planFile.toFile()));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + planFile + ": " + RunIo.reason(e), e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot read " + planFile + ": " + e.getMessage(), e);
        }
        try {
            Files.createDirectories(folder.resolve(RESULTS));
            Files.createDirectories(folder.resolve(FAILED));
        } catch (IOException e) {
            throw new StoreFailure("cannot write into " + folder + ": " + RunIo.reason(e), e);
        }
        SweepStore store = lock(folder, plan);
        try {
            store.removeTemporaries();
            store.scan(repair);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }

    private static SweepStore lock(Path folder, SweepPlan plan) {
        return new SweepStore(folder, plan, FolderLock.take(folder));
    }

    /**
     * For a paper report folder ({@code repro paper}): {@code "; it is a paper report: its sweeps are the folders
     * inside it (fig2, fig45, ...), e.g. REPORT/NAME"}; else empty.
     */
    public static String reportHint(Path folder) {
        if (!Files.isRegularFile(folder.resolve("paper.json"))) {
            return "";
        }
        List<String> sweeps = new ArrayList<>();
        try (Stream<Path> s = Files.list(folder)) {
            s.filter(p -> Files.isRegularFile(p.resolve(PLAN))).map(p -> p.getFileName().toString()).sorted()
                    .forEach(sweeps::add);
        } catch (IOException e) {
            return "; it is a paper report";
        }
        return sweeps.isEmpty() ? "; it is a paper report (resume it to run its experiments)"
                : "; it is a paper report: its sweeps are the folders inside it, e.g. " + folder.resolve(sweeps.get(0));
    }

    /** Whether another process holds the folder's lock right now (a sweep in progress). */
    public static boolean busy(Path folder) {
        return FolderLock.busy(folder);
    }

    /** Removes temporary files a killed process left behind; returns how many. */
    int removeTemporaries() {
        int n = 0;
        for (Path dir : List.of(folder, folder.resolve(RESULTS), folder.resolve(FAILED), folder.resolve("curves"))) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> s = Files.list(dir)) {
                for (Path p : s.filter(p -> p.getFileName().toString().startsWith(".")
                        && p.getFileName().toString().contains(".tmp")).toList()) {
                    Files.deleteIfExists(p);
                    n++;
                }
            } catch (IOException e) {
                throw new StoreFailure("cannot clean " + dir + ": " + RunIo.reason(e), e);
            }
        }
        return n;
    }

    /** Finds the finished and failed runs, and cuts off the incomplete frames a killed process left. */
    private void scan(boolean repair) {
        RunIndex index = RunIndex.scan(folder);
        for (RunIndex.Torn t : index.torn()) {
            try (FileChannel ch = FileChannel.open(t.file(), StandardOpenOption.WRITE)) {
                ch.truncate(t.validLength());
            } catch (IOException e) {
                throw new StoreFailure("cannot repair " + t.file() + ": " + RunIo.reason(e), e);
            }
            repairs.add(where(t.file()) + ": cut off " + bytes(t.size() - t.validLength())
                    + " at its end, a run a stopped process had not finished writing");
        }
        if (repair) {
            index = dropDamaged(index);
        }
        for (SweepPlan.Run r : plan.runs()) {
            RunIndex.Ref ref = index.get(r.id());
            if (ref != null) {
                refs.put(r.id(), ref);
                done.add(r.index());
            } else if (Files.isRegularFile(failedFile(r))) {
                JsonNode f = readFailure(failedFile(r));
                failures.put(r.index(), f.path("message").asText("failed"));
                errors.put(r.index(), f.path("error").asText(f.path("message").asText("failed")));
            }
        }
    }

    /**
     * Rewrites the segments that hold damaged bytes without them: stretches where no frame checks (with complete
     * frames after them), and frames whose columns fail their checksum (the frame check does not cover the column
     * bytes; their own checksum does, and only reading them all tells). Each such segment keeps its good frames; the
     * file as it was is kept beside it as {@code NNNN.runs.damaged}; the runs that were in the damaged bytes count
     * as not finished, so the resume computes them again. Returns the index of the folder as it is now.
     */
    private RunIndex dropDamaged(RunIndex index) {
        java.util.Map<Path, List<String>> why = new java.util.LinkedHashMap<>();
        for (RunIndex.Damaged d : index.damaged()) {
            why.computeIfAbsent(d.file(), k -> new ArrayList<>()).add(bytes(d.to() - d.from()) + " at offset "
                    + d.from() + " in which no run checks");
        }
        Set<RunIndex.Ref> bad = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (RunIndex.Ref r : index.frames()) {
            try (Columns.Reader c = r.columns()) {
                c.verify();
            } catch (RuntimeException e) {
                bad.add(r);
                why.computeIfAbsent(r.file(), k -> new ArrayList<>()).add("run " + r.id() + ", whose columns are "
                        + "damaged (" + e.getMessage() + ")");
                continue;
            }
            if (r.recordFile() != null) { // an earlier build's record file: no frame check covers it
                try {
                    r.record();
                } catch (RuntimeException e) {
                    bad.add(r);
                    why.computeIfAbsent(r.file(), k -> new ArrayList<>()).add("run " + r.id() + ", whose record "
                            + r.recordFile().getFileName() + " is damaged (" + e.getMessage() + ")");
                }
            }
        }
        if (why.isEmpty()) {
            return index;
        }
        for (java.util.Map.Entry<Path, List<String>> e : why.entrySet()) {
            Path f = e.getKey();
            List<RunIndex.Ref> keep = index.frames().stream().filter(r -> r.file().equals(f) && !bad.contains(r))
                    .toList();
            try {
                if (f.getFileName().toString().endsWith(RunIndex.SUFFIX)) {
                    Path saved = damagedCopy(f);
                    RunIndex.keepOnly(f, keep, saved);
                    repairs.add(where(f) + " was damaged: " + String.join("; ", e.getValue()) + ". It now holds its "
                            + keep.size() + " intact runs (the file as it was: " + where(saved) + "); the runs that "
                            + "were in the damaged bytes are computed again");
                } else { // an earlier build's file pair (ID.cols, ID.json): set aside, the run computed again
                    Path saved = damagedCopy(f);
                    RunIo.move(f, saved);
                    for (RunIndex.Ref r : index.frames()) {
                        if (r.file().equals(f) && r.recordFile() != null) {
                            RunIo.move(r.recordFile(), damagedCopy(r.recordFile()));
                        }
                    }
                    repairs.add(where(f) + " was damaged: " + String.join("; ", e.getValue()) + ". It was set aside "
                            + "as " + where(saved) + " and the run is computed again");
                }
            } catch (IOException x) {
                throw new StoreFailure("cannot repair " + f + ": " + RunIo.reason(x), x);
            }
        }
        return RunIndex.scan(folder);
    }

    /** A free name for a damaged file's copy: {@code F.damaged}, else {@code F.damaged.2}, ... */
    private static Path damagedCopy(Path f) {
        Path p = f.resolveSibling(f.getFileName() + ".damaged");
        for (int k = 2; Files.exists(p); k++) {
            p = f.resolveSibling(f.getFileName() + ".damaged." + k);
        }
        return p;
    }

    /** A file of this folder as {@code results/0001.runs}. */
    private String where(Path f) {
        return folder.relativize(f).toString().replace('\\', '/');
    }

    private static String bytes(long n) {
        return n == 1 ? "1 byte" : String.format(java.util.Locale.ROOT, "%,d bytes", n);
    }

    /**
     * What opening the folder found damaged or incomplete in its results and did about it, one sentence each
     * (empty when nothing was): for the command to print, so that nothing is recomputed or cut off silently.
     */
    public List<String> repairs() {
        return List.copyOf(repairs);
    }

    private static JsonNode readFailure(Path f) {
        try {
            return RunIo.JSON.readTree(f.toFile());
        } catch (IOException e) {
            return RunIo.JSON.createObjectNode().put("message", "failed (unreadable record " + f + ")");
        }
    }

    public Path folder() {
        return folder;
    }

    public SweepPlan plan() {
        return plan;
    }

    /** Where a finished run's data is. */
    public RunIndex.Ref ref(SweepPlan.Run r) {
        RunIndex.Ref ref = refs.get(r.id());
        if (ref == null) {
            throw new IllegalStateException("run " + r.index() + " (" + r.id() + ") has not finished");
        }
        return ref;
    }

    /** Opens a finished run's columns. */
    public Columns.Reader columns(SweepPlan.Run r) {
        return ref(r).columns();
    }

    Path failedFile(SweepPlan.Run r) {
        return folder.resolve(FAILED).resolve(r.id() + ".json");
    }

    public boolean isDone(int index) {
        return done.contains(index);
    }

    public int doneCount() {
        return done.size();
    }

    /** Failed runs by index, with their messages. */
    public Map<Integer, String> failures() {
        return Map.copyOf(failures);
    }

    /** Failed runs by index, with the error alone (no component or round). */
    public Map<Integer, String> errors() {
        return Map.copyOf(errors);
    }

    /** Loop times of the runs computed by this process, by index. */
    public Map<Integer, Long> nanos() {
        return Map.copyOf(nanos);
    }

    /** How many results arrived twice (at-least-once execution) and matched bit for bit. */
    public int duplicates() {
        return duplicates;
    }

    /** The units that still have a run to compute (missing or failed), in plan order. */
    public List<int[]> pendingUnits() {
        List<int[]> out = new ArrayList<>();
        for (int[] u : plan.units()) {
            for (int i : u) {
                if (!done.contains(i)) {
                    out.add(u);
                    break;
                }
            }
        }
        return out;
    }

    /** A finished run's record, read back (from memory when it was stored by this process). */
    public JsonNode record(int index) {
        byte[] b = recordCache.get(index);
        if (b != null) {
            try {
                return RunIo.JSON.readTree(b);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read run " + index + "'s record: " + e.getMessage(), e);
            }
        }
        return ref(plan.run(index)).record();
    }

    /** Keeps a record stored now for the views (a file read per record was a tenth of their time). */
    private void cacheRecord(SweepPlan.Run run, byte[] record) {
        if (cachedRecordBytes.addAndGet(record.length) <= MAX_CACHED_RECORD_BYTES) {
            recordCache.put(run.index(), record);
        } else {
            cachedRecordBytes.addAndGet(-record.length);
        }
    }

    /** Record bytes kept in memory at most: 64 MB, or a sixteenth of the heap when that is less. */
    static final long MAX_CACHED_RECORD_BYTES = Math.min(64L << 20, Runtime.getRuntime().maxMemory() / 16);

    /** A failed run's record, read back. */
    public JsonNode failure(int index) {
        Path f = failedFile(plan.run(index));
        try {
            return RunIo.JSON.readTree(f.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
        }
    }

    /**
     * Starts accumulating each setting's mean curve as runs finish from now on ({@link CurveAccumulator}); the
     * settings with runs done before are left to the views.
     */
    public void accumulateCurves() {
        curves = new CurveAccumulator(plan, Set.copyOf(done));
    }

    /** A setting's mean curve accumulated during this invocation, or null (see {@link CurveAccumulator#curve}). */
    CurveAccumulator.Curve accumulatedCurve(SweepPlan.Setting s, java.util.function.IntPredicate isDone) {
        CurveAccumulator c = curves;
        return c == null ? null : c.curve(s, isDone);
    }

    /** The output that writes runs computed in this process straight into the folder's segments. */
    public RunOutput output() {
        return new RunOutput() {
            private final Map<Integer, Segment.Frame> frames = new ConcurrentHashMap<>();
            private final Map<Integer, MetricColumns> metrics = new ConcurrentHashMap<>();

            @Override
            public void metrics(SweepPlan.Run run, List<String> names, double[][] cols, int rows) {
                if (curves != null) {
                    metrics.put(run.index(), new MetricColumns(names, cols, rows));
                }
            }

            @Override
            public OutputStream open(SweepPlan.Run run) throws IOException {
                Segment seg = take();
                try {
                    Segment.Frame f = seg.begin(run);
                    frames.put(run.index(), f);
                    return f.stream();
                } catch (IOException | RuntimeException e) {
                    give(seg);
                    throw e;
                }
            }

            @Override
            public void finished(SweepPlan.Run run, byte[] record, long loopNanos) throws IOException {
                Segment.Frame f = frames.remove(run.index());
                if (f == null) {
                    throw new IllegalStateException("run " + run.index() + " finished without a column file");
                }
                Segment seg = f.segment();
                try {
                    synchronized (lockFor(run)) {
                        if (done.contains(run.index())) {
                            byte[] cols = f.columnBytes();
                            f.rollback();
                            checkDuplicate(run, record, cols);
                            return;
                        }
                        refs.put(run.id(), f.commit(record));
                        complete(run, loopNanos);
                        cacheRecord(run, record);
                        curveOf(run, metrics.remove(run.index()));
                    }
                } finally {
                    metrics.remove(run.index());
                    give(seg);
                }
            }

            @Override
            public void failed(SweepPlan.Run run, byte[] failure) throws IOException {
                Segment.Frame f = frames.remove(run.index());
                if (f != null) {
                    try {
                        f.rollback();
                    } finally {
                        give(f.segment());
                    }
                }
                metrics.remove(run.index());
                recordFailure(run, failure);
                CurveAccumulator c = curves;
                if (c != null) {
                    c.failed(run);
                }
            }
        };
    }

    /** A run's metric columns handed over before its record ({@link RunOutput#metrics}). */
    private record MetricColumns(List<String> names, double[][] cols, int rows) {
    }

    /** Feeds a run stored now to the curves, or takes its setting out of them when its columns are not here. */
    private void curveOf(SweepPlan.Run run, MetricColumns m) {
        CurveAccumulator c = curves;
        if (c == null) {
            return;
        }
        if (m == null) {
            c.drop(run);
        } else {
            c.finished(run, m.names(), m.cols(), m.rows());
        }
    }

    /** An idle segment, or a new one. */
    private Segment take() throws IOException {
        synchronized (idle) {
            if (closed) {
                throw new IOException("the sweep store of " + folder + " is closed");
            }
            Segment s = idle.pollFirst();
            if (s != null) {
                return s;
            }
            s = Segment.create(folder.resolve(RESULTS));
            segments.add(s);
            return s;
        }
    }

    /** Gives a segment back; one past {@link #SEGMENT_BYTES} is closed (the next run starts a new one). */
    private void give(Segment s) {
        synchronized (idle) {
            if (closed) {
                return;
            }
            if (s.size() >= SEGMENT_BYTES) {
                segments.remove(s);
                try {
                    s.close();
                } catch (IOException e) {
                    throw new StoreFailure("cannot close " + s.file() + ": " + RunIo.reason(e), e);
                }
            } else {
                idle.addFirst(s);
            }
        }
    }

    /** A segment grows to about this size before a new one starts. */
    static final long SEGMENT_BYTES = 1L << 30;

    /**
     * A run computed elsewhere (a cluster member): its record and column file as bytes. A run that is already done
     * is compared bit for bit instead (at-least-once execution makes duplicates; they must be identical).
     */
    public void accept(SweepPlan.Run run, byte[] record, byte[] columns, long loopNanos) {
        accept(run, record, columns, columns.length, loopNanos);
    }

    /** As {@link #accept(SweepPlan.Run, byte[], byte[], long)}, the column file being {@code columns[0, length)}. */
    public void accept(SweepPlan.Run run, byte[] record, byte[] columns, int length, long loopNanos) {
        if (length < 0 || length > columns.length) {
            throw new IllegalArgumentException("column file length " + length + " outside its array of "
                    + columns.length + " bytes");
        }
        synchronized (lockFor(run)) {
            if (done.contains(run.index())) {
                checkDuplicate(run, record, length == columns.length ? columns : Arrays.copyOf(columns, length));
                return;
            }
            Segment seg;
            try {
                seg = take();
            } catch (IOException e) {
                throw StoreFailure.writing(run.id(), e);
            }
            try {
                Segment.Frame f = seg.begin(run);
                try {
                    f.stream().write(columns, 0, length);
                    refs.put(run.id(), f.commit(record));
                } catch (IOException | RuntimeException e) {
                    f.rollback();
                    throw e;
                }
                complete(run, loopNanos);
                cacheRecord(run, record);
                curveOf(run, null);
            } catch (IOException e) {
                throw StoreFailure.writing(run.id(), e);
            } finally {
                give(seg);
            }
        }
    }

    /** A run that failed elsewhere. */
    public void acceptFailure(SweepPlan.Run run, byte[] failure) {
        synchronized (lockFor(run)) {
            if (!done.contains(run.index())) {
                recordFailure(run, failure);
                CurveAccumulator c = curves;
                if (c != null) {
                    c.failed(run);
                }
            }
        }
    }

    private void complete(SweepPlan.Run run, long loopNanos) throws IOException {
        if (failures.containsKey(run.index())) { // a failed run that now succeeds
            Files.deleteIfExists(failedFile(run));
        }
        failures.remove(run.index());
        errors.remove(run.index());
        done.add(run.index());
        nanos.put(run.index(), loopNanos);
        computedNow.put(run.index(), true);
    }

    private void recordFailure(SweepPlan.Run run, byte[] failure) {
        RunIo.writeAtomically(failedFile(run), out -> out.write(failure));
        try {
            JsonNode f = RunIo.JSON.readTree(failure);
            failures.put(run.index(), f.path("message").asText("failed"));
            errors.put(run.index(), f.path("error").asText(f.path("message").asText("failed")));
        } catch (IOException e) {
            failures.put(run.index(), "failed");
            errors.put(run.index(), "failed");
        }
    }

    private void checkDuplicate(SweepPlan.Run run, byte[] record, byte[] columns) {
        try {
            RunIndex.Ref ref = ref(run);
            byte[] r0 = ref.recordBytes();
            byte[] c0 = ref.columnBytes();
            if (!Arrays.equals(r0, record) || !Arrays.equals(c0, columns)) {
                throw new IllegalStateException("determinism check failed: run " + run.index() + " (" + run.id()
                        + ") was computed twice with different results; a plugin is not deterministic");
            }
            duplicates++;
        } catch (UncheckedIOException e) {
            throw new StoreFailure("cannot read run " + run.id() + " back: " + RunIo.reason(e.getCause()), e);
        }
    }

    private final Object[] stripes = newStripes();

    private static Object[] newStripes() {
        Object[] s = new Object[64];
        for (int i = 0; i < s.length; i++) {
            s[i] = new Object();
        }
        return s;
    }

    private Object lockFor(SweepPlan.Run run) {
        return stripes[run.index() & 63];
    }

    /** Whether every planned run is done. */
    public boolean complete() {
        return done.size() == plan.runs().size();
    }

    /** Deletes the folder (a sweep cancelled before any run finished leaves nothing behind). */
    public void deleteFolder() {
        close();
        delete(folder);
    }

    static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }

    @Override
    public void close() {
        synchronized (idle) {
            if (!closed) {
                closed = true;
                for (Segment seg : segments) { // a run still being written when the sweep stopped is cut off
                    try {
                        seg.close();
                    } catch (IOException ignored) {
                        // the next open() cuts an incomplete frame off anyway
                    }
                }
                segments.clear();
                idle.clear();
            }
        }
        lock.release();
    }
}
