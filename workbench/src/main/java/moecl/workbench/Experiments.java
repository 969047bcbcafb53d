package moecl.workbench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import moecl.engine.RunEngine;
import moecl.engine.RunOutcome;
import moecl.engine.RunSpec;
import moecl.plugin.Registry;
import moecl.theory.Overlay;
import moecl.workbench.sweep.RunExecutor;
import moecl.workbench.sweep.RunIndex;
import moecl.workbench.sweep.RunReader;
import moecl.workbench.sweep.SweepPlan;
import moecl.workbench.sweep.SweepRunner;
import moecl.workbench.sweep.SweepViews;

/**
 * Running experiments as users ask for them, the same way from the command line, the REPL and scripts: every
 * request, one run or thousands, goes through the sweep path ({@link SweepRunner}): validated and planned before
 * any run starts, computed on an executor, each run stored the moment it finishes, views rebuilt at the end.
 */
public final class Experiments {

    private Experiments() {
    }

    /**
     * What an executed experiment produced.
     *
     * @param result the sweep's result (plan, records, failures)
     * @param folder the sweep folder, or {@code null} when nothing was kept
     * @param notes  remarks for the user (e.g. where the theory applies only approximately)
     * @param loaded the runs with all their rows, when the folder was not kept (else loaded on demand)
     */
    public record Executed(SweepRunner.Result result, Path folder, List<String> notes, List<RunOutcome> loaded) {

        public String table() {
            return result.table();
        }

        /** The finished runs with all their rows, in run order (failed runs are left out). */
        public List<RunOutcome> outcomes() {
            if (loaded != null) {
                return loaded;
            }
            return load(result, folder);
        }
    }

    /**
     * Runs {@code specs} into a new sweep folder {@code root/<timestamp>-<name>/}.
     *
     * @param command provenance of the request, recorded in the manifest
     * @param theory  whether to add {@code F_theory}, {@code G_theory}
     * @param root    where sweep folders go; {@code null} to keep nothing (the runs are then loaded into memory)
     */
    public static Executed execute(Registry registry, List<RunSpec> specs, RunExecutor executor, boolean theory,
                                   String name, Map<String, Object> command, Path root, SweepViews.Rounds rounds,
                                   RunEngine.Progress progress) {
        if (root != null) {
            SweepRunner.Result r = SweepRunner.run(registry, specs, theory, name, command, root, executor, rounds,
                    progress);
            return new Executed(r, r.folder(), notes(r), null);
        }
        Path tmp;
        try {
            tmp = Files.createTempDirectory("moecl-sweep-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder: " + e.getMessage(), e);
        }
        try {
            SweepRunner.Result r = SweepRunner.run(registry, specs, theory, name, command, tmp, executor,
                    SweepViews.Rounds.NONE, progress);
            return new Executed(r, null, notes(r), load(r, r.folder()));
        } finally {
            moecl.workbench.RunFolder.deleteQuietly(tmp);
        }
    }

    /** Resumes a sweep folder ({@code rounds} null: rounds.csv as the sweep was started). */
    public static Executed resume(Registry registry, Path folder, RunExecutor executor, SweepViews.Rounds rounds,
                                  RunEngine.Progress progress) {
        SweepRunner.Result r = SweepRunner.resume(registry, folder, executor, rounds, progress);
        return new Executed(r, r.folder(), notes(r), null);
    }

    static List<RunOutcome> load(SweepRunner.Result r, Path folder) {
        List<RunOutcome> out = new ArrayList<>();
        RunIndex index = RunIndex.scan(folder);
        for (SweepPlan.Run run : r.plan().runs()) {
            JsonNode rec = r.records()[run.index()];
            if (rec != null) {
                out.add(RunReader.outcome(run, index.get(run.id()), rec,
                        r.nanos().getOrDefault(run.index(), 0L)));
            }
        }
        return out;
    }

    /** The theory notes of the runs, once each: where it applies and why it was not added elsewhere. */
    static List<String> notes(SweepRunner.Result r) {
        Set<String> seen = new LinkedHashSet<>(r.repairs());
        for (JsonNode rec : r.records()) {
            if (rec == null || !rec.has("theoryNote")) {
                continue;
            }
            String note = rec.get("theoryNote").asText();
            if (rec.path("final").has(Overlay.F)) {
                seen.add("theory: " + note);
            } else {
                seen.add("theory not added to run " + rec.path("run").asInt() + ": " + note);
            }
        }
        return new ArrayList<>(seen);
    }
}
