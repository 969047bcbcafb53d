package moecl.workbench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import moecl.engine.Engine;
import moecl.engine.RunOutcome;
import moecl.engine.RunSpec;
import moecl.engine.Sweep;
import moecl.plugin.Registry;
import moecl.theory.Overlay;
import moecl.theory.TheoryCurve;

/**
 * Running experiments as users ask for them, the same way from the command line, the REPL and scripts: validate
 * every run before any starts, run them (in parallel, deterministically), optionally add the theory overlay, write
 * the run folder atomically.
 */
public final class Experiments {

    private Experiments() {
    }

    /**
     * What an executed experiment produced.
     *
     * @param outcomes the runs, in request order
     * @param folder   the run folder, or {@code null} when nothing was written
     * @param notes    remarks for the user (e.g. where the theory applies only approximately)
     */
    public record Executed(List<RunOutcome> outcomes, Path folder, List<String> notes) {
        public String table() {
            return Report.table(outcomes);
        }
    }

    /**
     * Validates, runs and writes {@code root/<timestamp>-<name>/}.
     *
     * @param command provenance of the request, recorded in the manifest
     * @param theory  whether to add {@code F_theory}, {@code G_theory}
     * @param root    where run folders go; {@code null} to write nothing
     */
    public static Executed execute(Registry registry, List<RunSpec> specs, int threads, boolean theory, String name,
                                   Map<String, Object> command, Path root, Engine.Progress progress) {
        Sweep.validate(registry, specs);
        long start = System.nanoTime();
        List<RunOutcome> outcomes = Sweep.run(registry, specs, threads, progress);
        long runNanos = System.nanoTime() - start;
        List<String> notes = new ArrayList<>();
        if (theory) {
            outcomes = withTheory(outcomes, notes);
        }
        Path folder = null;
        if (root != null) {
            Map<String, Object> manifest = Manifest.build(command, specs, outcomes, threads, runNanos);
            folder = RunFolder.write(root, name, manifest, outcomes);
        }
        return new Executed(outcomes, folder, notes);
    }

    /** Adds the theory overlay to every run where the model applies, and notes why not where it does not. */
    public static List<RunOutcome> withTheory(List<RunOutcome> outcomes, List<String> notes) {
        List<RunOutcome> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (RunOutcome o : outcomes) {
            try {
                TheoryCurve c = Overlay.curve(o.world(), o.result());
                Map<String, double[]> cols = new LinkedHashMap<>();
                cols.put(Overlay.F, c.forgetting());
                cols.put(Overlay.G, c.generalization());
                out.add(o.withMetrics(cols));
                seen.add("theory: " + o.world().theoryNote());
            } catch (IllegalArgumentException e) {
                out.add(o);
                seen.add("theory not added to run " + o.index() + ": " + e.getMessage());
            }
        }
        notes.addAll(seen);
        return out;
    }
}
