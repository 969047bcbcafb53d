package moecl.workbench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import moecl.engine.RunEngine;
import moecl.engine.RunSpec;
import moecl.plugin.Registry;
import moecl.rng.RngKind;
import moecl.spec.SpecParser;
import moecl.spec.SpecValue.Component;
import moecl.workbench.Presets;
import moecl.workbench.sweep.RunExecutor;
import moecl.workbench.sweep.RunIo;
import moecl.workbench.sweep.SweepRunner;
import moecl.workbench.sweep.SweepStore;
import moecl.workbench.sweep.SweepViews;

/**
 * {@code moecl repro paper}: every experiment of the paper at its published sizes, over enough seeds to test its
 * claims, each a resumable sweep folder inside one report folder, then {@code claims.json}, {@code report.md} and a
 * self-contained {@code report.html} ({@link ReportWriter}, claims from {@link Claims}).
 *
 * <p>The report folder holds {@code paper.json} (the options, written first) and one sweep folder per experiment
 * ({@code <stamp>-fig2}, {@code -fig45}, {@code -fig3}, {@code -theory-gaussian}, {@code -theory-definition1},
 * {@code -replay-fig2}, {@code -replay-fig45}). {@link #resume} completes the experiments that are missing or
 * incomplete (through the sweep store's resume: byte-identical to an uninterrupted run) and writes the report
 * again.
 */
public final class PaperReport {

    /** The format of {@code paper.json}. */
    static final String FORMAT = "moecl-paper/1";

    /**
     * What to run.
     *
     * @param quick     a reduced version (about a minute): fewer seeds and a small Fig. 3, said so in the report
     * @param seeds     seeds for Fig. 2 and the theory checks, repeats for Fig. 4/5 (null: 100, quick 20)
     * @param fig3Seeds seeds for Fig. 3 (null: 5, quick 2)
     * @param mnist     the MNIST folder, or null for the search path
     */
    public record Options(boolean quick, Integer seeds, Integer fig3Seeds, String mnist) {

        int n() {
            return seeds != null ? seeds : quick ? 20 : 100;
        }

        int n3() {
            return fig3Seeds != null ? fig3Seeds : quick ? 2 : 5;
        }

        Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("format", FORMAT);
            m.put("quick", quick);
            m.put("seeds", n());
            m.put("fig3Seeds", n3());
            m.put("mnist", mnist);
            return m;
        }

        static Options fromJson(JsonNode j) {
            if (!FORMAT.equals(j.path("format").asText())) {
                throw new IllegalArgumentException("paper.json: unknown format '" + j.path("format").asText()
                        + "'; this moecl reads " + FORMAT);
            }
            return new Options(j.path("quick").asBoolean(), j.path("seeds").asInt(), j.path("fig3Seeds").asInt(),
                    j.path("mnist").isTextual() ? j.path("mnist").asText() : null);
        }
    }

    /** One experiment of the report: a sweep. */
    record Experiment(String name, String title, List<RunSpec> specs, boolean theory) {
    }

    /** The report written: its folder, the claims, and what was skipped or failed (one line each). */
    public record Result(Path folder, List<Claim> claims, List<String> problems) {
    }

    private PaperReport() {
    }

    /** Fig. 2's rounds (T = 2000) and Fig. 4/5's (T = 500), as published; the theory checks' T. */
    static final int FIG2_T = 2000;
    static final int FIG45_T = 500;
    static final int THEORY_T = 200;

    /** The experiments, in the order they run. */
    static List<Experiment> plan(Options o) {
        List<Long> seeds = LongStream.rangeClosed(1, o.n()).boxed().toList();
        List<Experiment> out = new ArrayList<>();
        out.add(new Experiment("fig2", "Fig. 2: forgetting and generalization error, with and without termination",
                Presets.fig2(seeds, RngKind.FAST, FIG2_T), false));
        out.add(new Experiment("fig45", "Fig. 4/5: the termination threshold",
                Presets.fig45(List.of(1L), RngKind.FAST, FIG45_T, o.n(), false), false));
        Presets.Fig3 size = Presets.Fig3.paper();
        if (o.quick()) {
            size = size.with("T", "10").with("steps", "20").with("test", "100").with("eta", "1.5");
        }
        if (o.mnist() != null) {
            size = size.with("data", o.mnist());
        }
        out.add(new Experiment("fig3", "Fig. 3: MNIST with LeNet experts",
                Presets.fig3(LongStream.rangeClosed(1, o.n3()).boxed().toList(), RngKind.FAST, size), false));
        out.add(new Experiment("theory-gaussian", "Theory overlay: Gaussian features (exact theory)",
                theory("gaussian(d=20, s=5, N=4)", seeds), true));
        out.add(new Experiment("theory-definition1", "Theory overlay: Definition 1 features",
                theory("definition1", seeds), true));
        out.add(new Experiment("replay-fig2", "Replay: the authors' Fig. 2 script, np.random.seed(1)",
                Presets.fig2(List.of(1L), RngKind.NUMPY_LEGACY, FIG2_T), false));
        out.add(new Experiment("replay-fig45", "Replay: the authors' Fig. 4/5 script, np.random.seed(3), 3 repeats",
                Presets.fig45(List.of(3L), RngKind.NUMPY_LEGACY, FIG45_T, 3, true), false));
        return out;
    }

    private static List<RunSpec> theory(String tasks, List<Long> seeds) {
        Component t = SpecParser.parseComponent(tasks);
        Component e = SpecParser.parseComponent("minnorm");
        Component single = SpecParser.parseComponent("random");
        Component gate = SpecParser.parseComponent("paper(stop=never)");
        List<RunSpec> out = new ArrayList<>();
        for (long seed : seeds) {
            out.add(new RunSpec(t, e, single, 1, THEORY_T, RngKind.FAST, seed, Map.of("variant", "M=1")));
            out.add(new RunSpec(t, e, gate, 4, THEORY_T, RngKind.FAST, seed, Map.of("variant", "M=4 paper")));
        }
        return out;
    }

    /** Runs the report into a new folder {@code root/<stamp>-<name>}. */
    public static Result run(Registry registry, Options o, Path root, String name, RunExecutor executor,
                             RunEngine.Progress progress, Consumer<String> log) {
        SweepStore.checkName(name);
        Path folder = claim(root, name);
        try {
            RunIo.writeAtomically(folder.resolve("paper.json"), out -> RunIo.PRETTY.writeValue(out, o.toJson()));
        } catch (RuntimeException e) {
            moecl.workbench.RunFolder.deleteQuietly(folder);
            throw e;
        }
        return compute(registry, o, folder, executor, progress, log);
    }

    /** Whether {@code folder} is a report folder ({@code paper.json}). */
    public static boolean isReport(Path folder) {
        return Files.isRegularFile(folder.resolve("paper.json"));
    }

    /** Completes a report folder's missing or incomplete experiments and writes the report again. */
    public static Result resume(Registry registry, Path folder, RunExecutor executor, RunEngine.Progress progress,
                                Consumer<String> log) {
        Options o;
        try {
            o = Options.fromJson(RunIo.JSON.readTree(folder.resolve("paper.json").toFile()));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + folder.resolve("paper.json") + ": " + e.getMessage(),
                    e);
        }
        return compute(registry, o, folder, executor, progress, log);
    }

    private static Path claim(Path root, String name) {
        try {
            Files.createDirectories(root);
            return moecl.workbench.RunFolder.claim(root, name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write into " + root + ": " + e.getMessage(), e);
        }
    }

    /** The experiment's sweep folder inside the report folder, if one was started. */
    static Path existing(Path folder, String experiment) {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> Files.isDirectory(p) && p.getFileName().toString().matches("\\d{8}-\\d{6}-"
                    + java.util.regex.Pattern.quote(experiment) + "(-\\d+)?")).sorted().findFirst().orElse(null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder + ": " + e.getMessage(), e);
        }
    }

    private static Result compute(Registry registry, Options o, Path folder, RunExecutor executor,
                                  RunEngine.Progress progress, Consumer<String> log) {
        long start = System.nanoTime();
        List<String> problems = new ArrayList<>();
        Map<String, SweepData> data = new LinkedHashMap<>();
        Map<String, Double> seconds = new LinkedHashMap<>();
        List<Experiment> plan = plan(o);
        for (Experiment x : plan) {
            long t0 = System.nanoTime();
            Path there = existing(folder, x.name());
            SweepRunner.Result r;
            try {
                if (there != null) {
                    log.accept(x.name() + ": resuming " + there.getFileName());
                    r = SweepRunner.resume(registry, there, executor, SweepViews.Rounds.NONE, progress);
                    r.repairs().forEach(m -> log.accept(x.name() + ": " + m));
                } else {
                    log.accept(x.name() + ": " + x.specs().size() + " runs");
                    moecl.engine.Preflight.validate(registry, x.specs());
                    Map<String, Object> command = new LinkedHashMap<>();
                    command.put("command", "repro paper");
                    command.put("experiment", x.name());
                    r = SweepRunner.run(registry, x.specs(), x.theory(), x.name(), command, folder, executor,
                            SweepViews.Rounds.NONE, progress);
                }
            } catch (IllegalArgumentException e) {
                problems.add(x.name() + " not run: " + e.getMessage());
                log.accept(x.name() + ": not run: " + e.getMessage());
                continue;
            }
            if (!r.failures().isEmpty()) {
                for (String f : r.failureLines()) {
                    problems.add(x.name() + ": " + f);
                }
            }
            seconds.put(x.name(), (System.nanoTime() - t0) / 1e9);
            data.put(x.name(), new SweepData(x.name(), r));
        }
        List<Claim> claims = Claims.all(o, data, problems);
        ReportWriter.write(folder, o, plan, data, claims, problems, seconds, (System.nanoTime() - start) / 1e9);
        return new Result(folder, claims, problems);
    }
}
