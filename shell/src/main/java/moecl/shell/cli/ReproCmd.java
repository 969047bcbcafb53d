package moecl.shell.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import moecl.engine.RunSpec;
import moecl.rng.RngKind;
import moecl.shell.Progress;
import moecl.shell.Session;
import moecl.spec.Suggest;
import moecl.workbench.Presets;
import moecl.workbench.RunRequest;
import moecl.workbench.sweep.RunExecutor;

/** {@code moecl repro fig2|fig45|fig3|paper}: the paper's experiments, one or all with the report. */
@Command(name = "repro", description = {"Reproduce an experiment of the paper: fig2, fig45 or fig3 (MNIST); or "
        + "paper: all of them, with the paper's claims tested, into report.html, report.md and claims.json."})
final class ReproCmd implements Callable<Integer> {
    private final Session session;

    @Parameters(paramLabel = "EXPERIMENT", description = "fig2, fig45, fig3 or paper")
    String experiment;

    @Option(names = "--quick", description = "paper: a reduced report in about a minute (fewer seeds, a small "
            + "Fig. 3), marked as reduced")
    boolean quick;

    @Option(names = "--fig3-seeds", paramLabel = "K", description = "paper: seeds of Fig. 3 (default 5, quick 2)")
    Integer fig3Seeds;

    @CommandLine.Mixin
    RunOptions options = new RunOptions();

    @Option(names = "--rng", paramLabel = "KIND", description = "fast (default) or numpy-legacy")
    String rng = "fast";

    @Option(names = "--T", paramLabel = "ROUNDS", description = "rounds (default: the paper's)")
    Integer rounds;

    @Option(names = "--repeats", description = "fig45: repeats per threshold (default 100)")
    Integer repeats;

    @Option(names = "--quirk", description = "fig45: the script's routing override for e = 1.25, 1.5")
    boolean quirk;

    @Option(names = "--data", paramLabel = "DIR", description = "fig3: the MNIST folder (default: $MOECL_DATA, "
            + "~/.moecl/data/mnist)")
    String data;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "fig3: change a size or rate "
            + "(T, steps, train, test, M=[1,4], expert=lenet|mlp, lr, eta, alpha); repeatable")
    List<String> sets = new ArrayList<>();

    /** What {@code repro} runs: the paper's experiments, then all of them with the report. */
    static final List<String> EXPERIMENTS = java.util.stream.Stream.concat(Presets.NAMES.stream(),
            java.util.stream.Stream.of("paper")).toList();

    ReproCmd(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        if (experiment.equals("paper")) {
            return paper();
        }
        if (quick || fig3Seeds != null) {
            throw new IllegalArgumentException("--quick and --fig3-seeds are for repro paper only");
        }
        RngKind kind = RngKind.parse(rng);
        List<Long> seeds = RunRequest.seeds(options.seed, options.seeds);
        if (!experiment.equals("fig3") && (data != null || !sets.isEmpty())) {
            throw new IllegalArgumentException("--data and --set are for repro fig3 only");
        }
        if (!experiment.equals("fig45") && (repeats != null || quirk)) {
            throw new IllegalArgumentException("--repeats and --quirk are for repro fig45 only");
        }
        List<RunSpec> specs = switch (experiment) {
            case "fig2" -> Presets.fig2(seeds, kind, rounds == null ? 2000 : SweepOutput.positive("--T", rounds));
            case "fig45" -> Presets.fig45(seeds, kind, rounds == null ? 500 : SweepOutput.positive("--T", rounds),
                    repeats == null ? 100 : SweepOutput.positive("--repeats", repeats), quirk);
            case "fig3" -> Presets.fig3(seeds, kind, fig3Size());
            default -> throw new IllegalArgumentException("unknown experiment '"
                    + moecl.spec.Echo.of(experiment) + "'"
                    + Suggest.didYouMean(experiment, EXPERIMENTS) + " (experiments: "
                    + String.join(", ", EXPERIMENTS) + ")");
        };
        Map<String, Object> command = new LinkedHashMap<>();
        command.put("command", "repro");
        command.put("experiment", experiment);
        command.put("rng", kind.id());
        if (!sets.isEmpty()) {
            command.put("set", List.copyOf(sets));
        }
        return SweepOutput.execute(session, specs, experiment, command, options, false);
    }

    /** {@code repro paper}: every experiment, the claims tested, the report written. */
    private int paper() {
        if (!rng.equals("fast") || rounds != null || repeats != null || quirk || !sets.isEmpty()
                || options.seed != null) {
            throw new IllegalArgumentException("repro paper takes --quick, --seeds N, --fig3-seeds K, --data DIR, "
                    + "--threads, --out, --name and the engine options; its sizes are the paper's");
        }
        Integer n = null;
        if (options.seeds != null) {
            try {
                n = Integer.parseInt(options.seeds.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("repro paper --seeds takes a count N (seeds 1..N), got '"
                        + moecl.spec.Echo.of(options.seeds) + "'");
            }
            SweepOutput.positive("--seeds", n);
        }
        if (fig3Seeds != null) {
            SweepOutput.positive("--fig3-seeds", fig3Seeds);
        }
        moecl.workbench.report.PaperReport.Options o = new moecl.workbench.report.PaperReport.Options(quick, n,
                fig3Seeds, data);
        Path root = options.out == null ? session.runsRoot() : options.out;
        List<RunSpec> all = new ArrayList<>();
        moecl.workbench.report.PaperReport.Result r;
        try (RunExecutor executor = Engines.create(session, options.engine, options.threads, all);
             Progress progress = session.progress("repro paper")) {
            r = moecl.workbench.report.PaperReport.run(session.registry(), o, root,
                    quick ? "paper-quick" : "paper", executor, progress::update, session.err()::println);
        }
        return SweepOutput.paperReport(session, r);
    }

    private Presets.Fig3 fig3Size() {
        Presets.Fig3 size = Presets.Fig3.paper();
        if (rounds != null) {
            size = size.with("T", Integer.toString(SweepOutput.positive("--T", rounds)));
        }
        if (data != null) {
            size = size.with("data", data);
        }
        Map<String, String> given = new LinkedHashMap<>();
        for (String s : sets) {
            moecl.spec.Words.Assignment kv = moecl.spec.Words.assignment(s);
            if (kv == null) {
                throw new IllegalArgumentException("--set " + moecl.spec.Echo.of(s) + ": expected KEY=VALUE");
            }
            String before = given.put(kv.key(), s);
            if (before != null) {
                throw new IllegalArgumentException(kv.key() + " is given twice (--set "
                        + moecl.spec.Echo.of(before) + " and --set " + moecl.spec.Echo.of(s)
                        + "); give each key once");
            }
            size = size.with(kv.key(), kv.value());
        }
        return size;
    }
}
