package moecl.workbench.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

import com.fasterxml.jackson.databind.JsonNode;

import moecl.engine.RunEngine;
import moecl.engine.RunSpec;
import moecl.plugin.PluginKind;
import moecl.plugin.Registry;
import moecl.workbench.Manifest;
import moecl.workbench.Provenance;

/**
 * The one path of every command that runs many runs ({@code run}, {@code sweep}, {@code repro}, scripts'
 * {@code moecl.run}): plan, claim the folder, compute what is missing on an executor, rebuild the views. Resuming
 * is the same path on an existing folder.
 */
public final class SweepRunner {

    private SweepRunner() {
    }

    /**
     * What a sweep invocation left.
     *
     * @param folder   the folder (its store closed)
     * @param records  the finished runs' records, by index (null where not done)
     * @param computed runs computed by this invocation
     * @param csv      whether rounds.csv was written
     * @param nanos    loop time of each run computed by this invocation
     * @param errors   each failed run's error alone (its message says the component and round too)
     * @param repairs  what opening the folder found damaged or incomplete and did about it (resume only)
     */
    public record Result(SweepPlan plan, Path folder, JsonNode[] records, Map<Integer, String> failures, int computed,
                         int duplicates, boolean csv, String engine, Map<Integer, Long> nanos,
                         Map<Integer, String> errors, List<String> repairs) {

        public boolean complete() {
            for (JsonNode r : records) {
                if (r == null) {
                    return false;
                }
            }
            return true;
        }

        /** The table printed after a sweep (one row per run, or per setting when settings have several runs). */
        public String table() {
            return SweepTable.table(plan, records);
        }

        /**
         * Finished runs whose final metrics are not all finite, in lines: {@code run 0 (router=paper M=5, seed 1):
         * F=NaN G=NaN}. Such a run finished, but its numbers mean nothing.
         */
        public List<String> nonFiniteLines() {
            List<String> out = new ArrayList<>();
            for (SweepPlan.Run r : plan.runs()) {
                JsonNode rec = records[r.index()];
                List<String> bad = rec == null ? List.of() : SweepViews.nonFinite(rec);
                if (!bad.isEmpty()) {
                    out.add(describe(r) + ": " + String.join(" ", bad));
                }
            }
            return out;
        }

        /**
         * What the command line and scripts print about runs whose final metrics are not finite: a header, at most
         * 20 of {@link #nonFiniteLines}, and how many more; empty when there are none.
         */
        public List<String> nonFiniteReport() {
            List<String> bad = nonFiniteLines();
            if (bad.isEmpty()) {
                return List.of();
            }
            List<String> out = new ArrayList<>();
            out.add("moecl: " + bad.size() + " of " + plan.runs().size()
                    + " runs ended with NaN or infinite metrics (check the sizes and scales of the spec):");
            bad.stream().limit(20).forEach(l -> out.add("  " + l));
            if (bad.size() > 20) {
                out.add("  ... and " + (bad.size() - 20) + " more (summary.json: nonFinite)");
            }
            return out;
        }

        /** {@code run 3 (router=paper M=5, seed 2)}. */
        private String describe(SweepPlan.Run r) {
            return "run " + r.index() + " (" + plan.settings().get(r.setting()).label() + ", seed " + r.spec().seed()
                    + ")";
        }

        /** The failures in lines: {@code run 3 (seed 2, M=5): router paper failed at round 17: ...}. */
        public List<String> failureLines() {
            List<String> out = new ArrayList<>();
            failures.forEach((i, msg) -> out.add(describe(plan.run(i)) + ": " + msg));
            out.sort(null);
            return out;
        }
    }

    /** Plans the specs and runs them into a new folder under {@code root}. */
    public static Result run(Registry registry, List<RunSpec> specs, boolean theory, String name,
                             Map<String, Object> command, Path root, RunExecutor executor, SweepViews.Rounds rounds,
                             RunEngine.Progress progress) {
        SweepPlan plan = SweepPlan.of(registry, specs, theory);
        SweepStore store = SweepStore.create(root, name, plan);
        String startedAt;
        try {
            startedAt = writeStartManifest(store, command, rounds);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        return compute(registry, store, command, executor, rounds, progress, startedAt);
    }

    /**
     * The manifest of a sweep just started: versions, when, the command that started it and its {@code --rounds}
     * choice. A sweep killed before its end keeps them, so that its resume (which rewrites the manifest in full)
     * still says what started it rather than {@code resume}. Returns when it started, as its entry says.
     */
    private static String writeStartManifest(SweepStore store, Map<String, Object> command,
                                             SweepViews.Rounds rounds) {
        Map<String, Object> m = Manifest.stamp();
        String at = Instant.now().toString();
        m.put("created", at);
        m.putAll(command);
        m.put("rounds", rounds.name().toLowerCase(java.util.Locale.ROOT));
        m.put("status", "started");
        m.put("invocations", List.of(started(at, command)));
        RunIo.writeAtomically(store.folder().resolve("manifest.json"), out -> RunIo.PRETTY.writeValue(out, m));
        return at;
    }

    /** An invocation's entry while it runs: a killed one keeps it, and the next one records it as stopped. */
    private static Map<String, Object> started(String at, Map<String, Object> command) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("at", at);
        e.put("command", command.get("command"));
        e.put("status", STARTED);
        return e;
    }

    private static final String STARTED = "started";
    private static final String STOPPED = "stopped before its end (its finished runs are kept; their loop times are "
            + "not known)";

    /**
     * For a resume: adds this invocation to the folder's manifest as started, so that a resume killed in its turn is
     * recorded too (a review found a killed sweep and its killed resumes missing from {@code invocations}). An
     * unreadable manifest is left to {@link #writeManifest}. Returns when it started, as its entry says.
     */
    private static String markResumeStarted(SweepStore store, Map<String, Object> command) {
        Path file = store.folder().resolve("manifest.json");
        String at = Instant.now().toString();
        try {
            JsonNode m = Files.isRegularFile(file) ? RunIo.JSON.readTree(file.toFile()) : null;
            if (m instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
                com.fasterxml.jackson.databind.node.ArrayNode inv = o.has("invocations")
                        && o.get("invocations").isArray() ? (com.fasterxml.jackson.databind.node.ArrayNode)
                        o.get("invocations") : o.putArray("invocations");
                inv.add(RunIo.JSON.valueToTree(started(at, command)));
                RunIo.writeAtomically(file, out -> RunIo.PRETTY.writeValue(out, o));
            }
        } catch (IOException | RuntimeException e) {
            // the manifest is rewritten at the end anyway
        }
        return at;
    }

    /**
     * Computes the missing and failed runs of an existing folder and rebuilds its views. The plan is checked against
     * {@code registry} first (a plugin that is gone is refused before anything runs).
     *
     * @param rounds when rounds.csv is written; {@code null}: as the sweep was started
     */
    public static Result resume(Registry registry, Path folder, RunExecutor executor, SweepViews.Rounds rounds,
                                RunEngine.Progress progress) {
        SweepStore store = SweepStore.openToResume(folder);
        try {
            List<String> gone = missingSessionPlugins(registry, folder);
            if (!gone.isEmpty()) {
                throw new IllegalArgumentException(folder.getFileName() + " used " + String.join(", ", gone)
                        + ", defined in the session that ran it (a script or the REPL), which moecl resume cannot "
                        + "rebuild: run that script or session again to complete it");
            }
            moecl.engine.Preflight.validate(registry, store.plan().specs());
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        if (rounds == null) {
            rounds = SweepViews.Rounds.AUTO;
            try {
                JsonNode m = RunIo.JSON.readTree(folder.resolve("manifest.json").toFile());
                if (m.has("rounds")) {
                    rounds = SweepViews.Rounds.parse(m.get("rounds").asText());
                }
            } catch (IOException | IllegalArgumentException e) {
                // no usable manifest (killed before the end): the default
            }
        }
        Map<String, Object> command = new LinkedHashMap<>();
        command.put("command", "resume");
        return compute(registry, store, command, executor, rounds, progress, null);
    }

    /**
     * The plugins a sweep folder's manifest lists as defined in the session that ran it (origin {@code session}:
     * registered in the REPL, or {@code script}: by a script), as {@code router 'boom'}; empty when it lists none or
     * has no manifest.
     */
    public static List<String> sessionPlugins(Path folder) {
        return sessionPluginEntries(folder).stream().map(SweepRunner::label).toList();
    }

    /**
     * The plugins of {@link #sessionPlugins} this registry does not have (the session or script that defined them is
     * gone), as {@code router 'boom'}.
     */
    public static List<String> missingSessionPlugins(Registry registry, Path folder) {
        return sessionPluginEntries(folder).stream().filter(p -> !known(registry, p)).map(SweepRunner::label).toList();
    }

    /** The manifest's plugin entries ({@code kind}, {@code name}, {@code origin}) of origin session or script. */
    private static List<JsonNode> sessionPluginEntries(Path folder) {
        List<JsonNode> out = new ArrayList<>();
        try {
            JsonNode m = RunIo.JSON.readTree(folder.resolve("manifest.json").toFile());
            for (JsonNode p : m.path("plugins")) {
                String origin = p.path("origin").asText();
                if ("session".equals(origin) || "script".equals(origin)) { // REPL-defined, or by `moecl script`
                    out.add(p);
                }
            }
        } catch (IOException | RuntimeException e) {
            // no readable manifest: nothing known
        }
        return out;
    }

    private static String label(JsonNode plugin) {
        return plugin.path("kind").asText("plugin") + " '" + plugin.path("name").asText() + "'";
    }

    /** Whether {@code registry} has the manifest entry's plugin (its kind as {@link PluginKind#label()}). */
    private static boolean known(Registry registry, JsonNode plugin) {
        for (PluginKind k : PluginKind.values()) {
            if (k.label().equals(plugin.path("kind").asText())) {
                try {
                    registry.resolve(k, plugin.path("name").asText());
                    return true;
                } catch (IllegalArgumentException e) {
                    return false;
                }
            }
        }
        return false;
    }

    private static Result compute(Registry registry, SweepStore store, Map<String, Object> command,
                                  RunExecutor executor, SweepViews.Rounds rounds, RunEngine.Progress progress,
                                  String freshAt) {
        boolean fresh = freshAt != null; // a new sweep (when its start manifest was written), else a resume
        SweepPlan plan = store.plan();
        try {
            List<int[]> pending = store.pendingUnits();
            long total = 0;
            for (int[] u : pending) {
                for (int i : u) {
                    total += plan.run(i).spec().rounds();
                }
            }
            long totalRounds = total;
            AtomicLong done = new AtomicLong();
            LongConsumer advance = d -> {
                long now = done.addAndGet(d);
                progress.update((int) Math.min(Integer.MAX_VALUE, now), (int) Math.min(Integer.MAX_VALUE, totalRounds));
            };
            int before = store.doneCount();
            String startedAt = fresh ? freshAt : markResumeStarted(store, command);
            store.accumulateCurves();
            long start = System.nanoTime();
            // SIGTERM or Ctrl-C outside the REPL: a sweep with nothing saved leaves nothing; otherwise the folder is
            // resumable and the user is told so
            Thread hook = new Thread(() -> {
                String caller = exitCaller(); // someone's System.exit mid-sweep: a plugin, not moecl nor a signal
                if (fresh && store.doneCount() == 0) {
                    SweepStore.delete(store.folder());
                    if (caller != null) { // a signal with nothing saved says nothing; a plugin's exit must be named
                        System.err.println("moecl: stopped by System.exit in " + caller + " (plugins must throw, "
                                + "not exit); no run had finished, so nothing was saved");
                    }
                } else {
                    try {
                        store.removeTemporaries();
                    } catch (RuntimeException ignored) {
                        // resume removes them
                    }
                    System.err.println("moecl: stopped" + (caller == null ? "" : " by System.exit in " + caller
                            + " (plugins must throw, not exit)") + "; " + store.doneCount() + " of "
                            + plan.runs().size() + " runs are saved in " + store.folder() + " (moecl resume "
                            + store.folder() + ")");
                }
                if (caller != null) {
                    // the exit status it asked for (0, say) would report an unfinished sweep as a success
                    System.err.flush();
                    Runtime.getRuntime().halt(INCOMPLETE_EXIT);
                }
            }, "moecl-sweep-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                if (!pending.isEmpty()) {
                    executor.execute(plan, pending, store, advance);
                }
            } catch (CancellationException e) {
                if (fresh && store.doneCount() == 0) {
                    store.deleteFolder();
                    throw new CancellationException("cancelled");
                }
                throw new CancellationException("cancelled; " + store.doneCount() + " of " + plan.runs().size()
                        + " runs are saved in " + store.folder() + " (moecl resume " + store.folder() + ")");
            } catch (EngineFailure e) {
                try {
                    store.removeTemporaries();
                } catch (StoreFailure ignored) {
                    // resume removes them
                }
                if (fresh && store.doneCount() == 0) {
                    store.deleteFolder();
                    throw new EngineFailure(e.getMessage() + "; no run had finished, so nothing was saved",
                            e.getCause());
                }
                throw new EngineFailure(e.getMessage() + "; " + store.doneCount() + " of " + plan.runs().size()
                        + " runs are saved in " + store.folder() + ", resume it with: moecl resume " + store.folder()
                        + " (with --members to use workers again)", e.getCause());
            } catch (StoreFailure e) {
                try {
                    store.removeTemporaries();
                } catch (StoreFailure ignored) {
                    // resume removes them
                }
                throw new StoreFailure(e.getMessage() + "; " + store.doneCount() + " of " + plan.runs().size()
                        + " runs are saved in " + store.folder() + ", resume it with: moecl resume " + store.folder(),
                        e.getCause());
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException ignored) {
                    // shutting down: the hook runs
                }
            }
            long wall = System.nanoTime() - start;
            JsonNode[] records = SweepViews.records(store);
            boolean csv = SweepViews.write(store, records, rounds);
            writeManifest(store, command, executor, wall, records, rounds,
                    Provenance.plugins(registry, plan.specs()), Provenance.data(registry, plan.specs()), startedAt);
            return new Result(plan, store.folder(), records, store.failures(), store.doneCount() - before,
                    store.duplicates(), csv, executor.name(), store.nanos(), store.errors(), store.repairs());
        } finally {
            store.close();
        }
    }

    /** The exit status of a sweep cut short by a plugin's {@code System.exit}: that of an incomplete sweep. */
    static final int INCOMPLETE_EXIT = 3;

    /**
     * Where {@code System.exit} was called from when the JVM is shutting down because some code called it during a
     * sweep (as {@code thirdparty.Hostile.route}), or null: no such call, moecl's own exit at the end of a command,
     * or a signal (SIGTERM, Ctrl-C: their handlers' threads run the exit). Read from the exiting thread's stack,
     * which waits in {@code Shutdown.exit} while the hooks run.
     */
    static String exitCaller() {
        for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            StackTraceElement[] st = e.getValue();
            int exit = -1;
            for (int i = 0; i < st.length; i++) {
                if (st[i].getClassName().equals("java.lang.Runtime") && st[i].getMethodName().equals("exit")) {
                    exit = i;
                }
            }
            if (exit < 0) {
                continue;
            }
            String name = e.getKey().getName();
            if (name.startsWith("SIG") && name.endsWith(" handler")) {
                return null; // a signal
            }
            for (int i = exit + 1; i < st.length; i++) {
                String c = st[i].getClassName();
                if (c.equals("java.lang.System") || c.startsWith("java.lang.Shutdown")) {
                    continue;
                }
                if (c.startsWith("moecl.shell.Main") || c.startsWith("picocli.")) {
                    return null; // moecl's own end of a command
                }
                return c + "." + st[i].getMethodName();
            }
        }
        return null;
    }

    /**
     * Writes (or rewrites, after a resume) {@code manifest.json}. {@code plugins} are the origins of the plugins as
     * this invocation found them; when a resume finds them changed (a rebuilt jar), the earlier invocations keep
     * the list they ran with.
     */
    private static void writeManifest(SweepStore store, Map<String, Object> command, RunExecutor executor,
                                      long wallNanos, JsonNode[] records, SweepViews.Rounds rounds,
                                      List<Map<String, Object>> plugins, List<Map<String, Object>> data,
                                      String startedAt) {
        Path file = store.folder().resolve("manifest.json");
        Map<String, Object> m = new LinkedHashMap<>();
        JsonNode previous = null;
        String damaged = null;
        if (Files.isRegularFile(file)) {
            try {
                previous = RunIo.JSON.readTree(file.toFile());
            } catch (IOException e) {
                // its provenance cannot be carried over: keep the file beside the new one rather than lose it
                Path kept = file.resolveSibling("manifest.json.damaged");
                try {
                    Files.move(file, kept, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    damaged = "manifest.json could not be read (" + RunIo.reason(e) + "); kept as "
                            + kept.getFileName();
                } catch (IOException moving) {
                    damaged = "manifest.json could not be read (" + RunIo.reason(e) + ")";
                }
            }
        }
        m.putAll(Manifest.stamp());
        if (damaged != null) {
            m.put("previousManifest", damaged);
        }
        if (previous != null && previous.has("created")) {
            m.put("created", previous.get("created"));
            previous.properties().forEach(e -> {
                if (!List.of("moecl", "commit", "dirty", "java", "kernels", "created", "seeds", "threads", "engine",
                        "rounds", "plugins", "data", "runs", "timings", "invocations", "status").contains(e.getKey())) {
                    m.put(e.getKey(), e.getValue());
                }
            });
        } else {
            m.put("created", Instant.now().toString());
            m.putAll(command);
        }
        SweepPlan plan = store.plan();
        m.put("seeds", plan.specs().stream().map(RunSpec::seed).distinct().toList());
        m.put("threads", executor.parallelism());
        m.put("engine", executor.name());
        m.put("rounds", rounds.name().toLowerCase(java.util.Locale.ROOT));
        m.put("plugins", plugins);
        if (!data.isEmpty()) {
            m.put("data", data);
        }
        Map<Integer, Double> loop = new LinkedHashMap<>();
        if (previous != null) {
            for (JsonNode r : previous.path("runs")) {
                if (r.path("loopMillis").isNumber()) {
                    loop.put(r.path("run").asInt(), r.path("loopMillis").asDouble());
                }
            }
        }
        store.nanos().forEach((i, n) -> loop.put(i, n / 1e6));
        List<Object> runs = new ArrayList<>();
        double loopTotal = 0;
        long timedRounds = 0; // the rounds of the runs whose loop time is known: those loopMillisTotal sums
        for (SweepPlan.Run r : plan.runs()) {
            Map<String, Object> e = RunIo.identity(r);
            if (records[r.index()] != null && records[r.index()].has("rngDrawsAtEnd")) {
                e.put("rngDrawsAtEnd", records[r.index()].get("rngDrawsAtEnd").asLong());
            }
            Double ms = loop.get(r.index());
            e.put("loopMillis", ms);
            if (ms != null) {
                loopTotal += ms;
                timedRounds += r.spec().rounds();
            }
            runs.add(e);
        }
        m.put("runs", runs);
        Map<String, Object> timings = new LinkedHashMap<>();
        timings.put("wallMillis", wallNanos / 1e6);
        timings.put("loopMillisTotal", loopTotal);
        timings.put("roundsTotal", timedRounds);
        m.put("timings", timings);
        List<Object> inv = new ArrayList<>();
        if (previous != null) {
            JsonNode before = previous.get("plugins");
            boolean changed = before != null && !before.equals(RunIo.JSON.valueToTree(plugins));
            boolean stub = STARTED.equals(previous.path("status").asText()) && !previous.has("invocations");
            if (stub) { // a killed sweep of an earlier build: its start manifest had no invocations
                Map<String, Object> e = started(previous.path("created").asText(null), Map.of("command",
                        previous.path("command").asText("run")));
                e.put("status", STOPPED);
                inv.add(e);
            }
            for (JsonNode i : previous.path("invocations")) {
                if (i instanceof com.fasterxml.jackson.databind.node.ObjectNode o
                        && STARTED.equals(o.path("status").asText())) {
                    if (o.path("at").asText("").equals(startedAt)) {
                        continue; // this invocation: its full entry follows
                    }
                    o.put("status", STOPPED);
                }
                if (changed && i instanceof com.fasterxml.jackson.databind.node.ObjectNode o && !o.has("plugins")) {
                    o.set("plugins", before); // they ran with the plugins as they were then
                }
                inv.add(i);
            }
        }
        Map<String, Object> now = new LinkedHashMap<>();
        now.put("at", Instant.now().toString());
        now.put("command", command.get("command"));
        now.put("engine", executor.name());
        now.put("parallelism", executor.parallelism());
        now.put("computed", store.nanos().size());
        now.put("duplicatesChecked", store.duplicates());
        now.put("wallMillis", wallNanos / 1e6);
        inv.add(now);
        m.put("invocations", inv);
        RunIo.writeAtomically(file, out -> RunIo.PRETTY.writeValue(out, m));
    }
}
