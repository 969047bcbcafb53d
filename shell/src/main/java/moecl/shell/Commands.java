package moecl.shell;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import moecl.engine.RunSpec;
import moecl.plugin.Param;
import moecl.plugin.PluginDescriptor;
import moecl.plugin.PluginFactory;
import moecl.plugin.PluginKind;
import moecl.plugin.Registry;
import moecl.plugin.Variant;
import moecl.rng.RngKind;
import moecl.spec.Suggest;
import moecl.workbench.Bench;
import moecl.workbench.Experiments;
import moecl.workbench.Presets;
import moecl.workbench.RunRequest;
import moecl.workbench.TheoryReport;
import moecl.workbench.Manifest;
import moecl.workbench.sweep.RunExecutor;
import moecl.workbench.sweep.SweepRunner;
import moecl.workbench.sweep.SweepViews;

/**
 * The commands of {@code moecl}, declared once with picocli; the command line and the REPL use the same
 * declarations.
 */
public final class Commands {

    /** Exit code of bad input and failed commands. */
    public static final int BAD_INPUT = 2;
    /** Exit code of a sweep in which some runs failed (the others completed and are saved). */
    public static final int RUNS_FAILED = 3;
    /** {@code rerun}: the results computed again differ from the folder's. */
    public static final int NOT_REPRODUCED = 4;
    /** Exit code of an interrupted command. */
    public static final int INTERRUPTED = 130;

    private Commands() {
    }

    public static CommandLine commandLine(Session session) {
        CommandLine cl = new CommandLine(new Top(session), new Factory(session));
        cl.setExpandAtFiles(false); // "@file" is an argument like any other, never a file's contents
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (sub.getCommandSpec().findOption("--help") == null) {
                sub.getCommandSpec().addOption(CommandLine.Model.OptionSpec.builder("-h", "--help").usageHelp(true)
                        .description("Show this help message and exit.").build());
            }
        }
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof CancellationException) {
                String m = ex.getMessage();
                cmd.getErr().println("moecl: " + (m != null && m.startsWith("cancelled") ? m : "cancelled"));
                return INTERRUPTED;
            }
            cmd.getErr().println("moecl: " + message(ex));
            if (session.debug) {
                ex.printStackTrace(cmd.getErr());
            }
            return BAD_INPUT;
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine cmd = ex.getCommandLine();
            String msg = parameterMessage(ex);
            if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
                String word = u.getUnmatched().get(0);
                List<String> names = new ArrayList<>(cmd.getSubcommands().keySet());
                if (!names.isEmpty() && cmd.getCommandSpec().parent() == null) {
                    msg = "unknown command '" + moecl.spec.Echo.of(word) + "'" + Suggest.didYouMean(word, names)
                            + " (commands: "
                            + String.join(", ", names) + ")";
                }
            }
            cmd.getErr().println("moecl: " + clean(msg));
            cmd.getErr().println("usage: " + cmd.getCommandSpec().qualifiedName() + " --help");
            return BAD_INPUT;
        });
        return cl;
    }

    /** picocli's "cannot convert 'V' to TYPE (SomeException: why)", for a value it could not convert. */
    private static final java.util.regex.Pattern CANNOT_CONVERT = java.util.regex.Pattern.compile(
            "cannot convert '(.*)' to (?:interface |class )?([\\w.$\\[\\]]+) \\((?:[\\w.$]+: )?(.*)\\)$",
            java.util.regex.Pattern.DOTALL);

    /**
     * picocli's message for a bad option or argument, in words: a value it could not convert names the type and the
     * converter's exception ({@code cannot convert 'a\0b' to interface java.nio.file.Path
     * (java.nio.file.InvalidPathException: Nul character not allowed: a\0b)}); this says {@code 'a\0b' is not a
     * valid path: Nul character not allowed}.
     */
    public static String parameterMessage(CommandLine.ParameterException ex) {
        String msg = String.valueOf(ex.getMessage());
        java.util.regex.Matcher m = CANNOT_CONVERT.matcher(msg);
        if (m.find()) {
            String type = m.group(2);
            String what = switch (type.substring(type.lastIndexOf('.') + 1)) {
                case "Path", "File" -> "a valid path";
                case "Integer", "int", "Long", "long", "Short", "short" -> "an integer";
                case "Double", "double", "Float", "float" -> "a number";
                default -> "a valid value";
            };
            String why = m.group(3);
            int colon = why.lastIndexOf(": ");
            if (colon > 0 && why.substring(colon + 2).equals(m.group(1))) {
                why = why.substring(0, colon); // the reason quotes the value again
            }
            msg = msg.substring(0, m.start()) + "'" + m.group(1) + "' is not " + what + ": " + why;
        }
        return msg;
    }

    /** The one-line message of an exception, with its cause where it adds something. */
    public static String message(Throwable ex) {
        String m = ex.getMessage();
        if (m == null || m.isBlank()) {
            m = ex.getClass().getSimpleName();
        }
        if (!(ex instanceof IllegalArgumentException) && !(ex instanceof java.io.UncheckedIOException)
                && !(ex instanceof moecl.workbench.sweep.StoreFailure)) {
            m = ex.getClass().getSimpleName() + ": " + m;
        }
        return clean(m.replace('\n', ' '));
    }

    /**
     * Longest message printed whole; a longer one is cut. Input a message quotes is cut much shorter
     * ({@link moecl.spec.Echo#MAX}); this bounds messages that list many things, such as the folders searched.
     */
    static final int MAX_MESSAGE = 1000;

    /**
     * A message fit for a terminal: every stretch of more than {@value moecl.spec.Echo#MAX} characters without a
     * space (input quoted back: a name, a number, a path) cut with a note of its length, control characters escaped
     * (an argument may carry terminal escapes) and, past {@value #MAX_MESSAGE} characters, the whole cut.
     */
    public static String clean(String m) {
        return moecl.spec.Echo.escape(moecl.spec.Echo.words(m), MAX_MESSAGE);
    }

    /** Gives each command the session. */
    static final class Factory implements CommandLine.IFactory {
        private final Session session;

        Factory(Session session) {
            this.session = session;
        }

        @Override
        public <K> K create(Class<K> cls) throws Exception {
            try {
                return cls.getDeclaredConstructor(Session.class).newInstance(session);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(cls);
            }
        }
    }

    @Command(name = "moecl", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = {"A workbench for continual learning with mixture-of-experts.",
                "With no command, or 'shell', opens the interactive workbench (REPL); -c \"set M=5; run T=500\" "
                        + "runs REPL commands in batch."},
            subcommands = {ListCmd.class, DescribeCmd.class, RunCmd.class, ReproCmd.class, ResumeCmd.class, RerunCmd.class,
                ExportCmd.class, WorkerCmd.class, TheoryCmd.class, BenchCmd.class, ScriptCmd.class,
                CommandLine.HelpCommand.class})
    static final class Top implements Callable<Integer> {
        private final Session session;

        @Option(names = "--debug", description = "print stack traces of errors", scope = CommandLine.ScopeType.INHERIT)
        void debug(boolean on) {
            session.debug = on;
        }

        @Option(names = "--plugin-path", paramLabel = "DIRS", scope = CommandLine.ScopeType.INHERIT,
                description = "folders of plugin jars, separated by '${sys:path.separator}' (replaces "
                        + "MOECL_PLUGIN_PATH; the home folder's plugins are searched too, see --no-home-plugins)")
        void pluginPath(String dirs) {
            if (dirs != null) {
                session.pluginPath(dirs);
            }
        }

        @Option(names = "--no-home-plugins", scope = CommandLine.ScopeType.INHERIT,
                description = "do not load the plugins in ~/.moecl/plugins (or $MOECL_HOME/plugins): only built-in "
                        + "ones and those of --plugin-path or MOECL_PLUGIN_PATH")
        void noHomePlugins(boolean on) {
            if (on) {
                session.homePlugins(false);
            }
        }

        Top(Session session) {
            this.session = session;
        }

        @Override
        public Integer call() {
            new CommandLine(this).usage(session.out());
            return 0;
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"moecl " + Manifest.version() + " (Java " + Runtime.version() + ")"};
        }
    }

    @Command(name = "list", description = "List plugins, optionally of one kind (router, expert, generator).")
    static final class ListCmd implements Callable<Integer> {
        private final Session session;

        @Parameters(arity = "0..1", paramLabel = "KIND", description = "router, expert or generator")
        String kind;

        ListCmd(Session session) {
            this.session = session;
        }

        @Override
        public Integer call() {
            Registry r = session.registry();
            List<PluginKind> kinds = kind == null ? List.of(PluginKind.values()) : List.of(PluginKind.parse(kind));
            var out = session.out();
            for (PluginKind k : kinds) {
                out.println(k.label() + "s:");
                for (PluginDescriptor d : r.list(k)) {
                    String aliases = d.aliases().isEmpty() ? "" : " (" + String.join(", ", d.aliases()) + ")";
                    Registry.Origin origin = r.origin(r.resolve(k, d.name()));
                    out.printf("  %-14s %s%s  [%s]%n", d.name(), d.summary(), aliases, origin);
                }
                for (Registry.Failure f : r.failures()) {
                    if (f.kind() == k) {
                        out.printf("  %-14s FAILED TO LOAD%s: %s%n", f.name() != null ? f.name() : f.provider(),
                                f.source() == null ? "" : " from " + f.source()
                                        + (f.name() != null ? " (" + f.provider() + ")" : ""), f.error());
                    }
                }
            }
            List<Registry.Failure> jars = r.failures().stream().filter(f -> f.kind() == null).toList();
            if (!jars.isEmpty()) {
                out.println("plugin jars that failed to load:");
                for (Registry.Failure f : jars) {
                    out.printf("  %-14s FAILED TO LOAD: %s%n", f.provider(), f.error());
                }
            }
            return 0;
        }
    }

    @Command(name = "describe", description = "Describe a plugin: summary and parameters with types, defaults, ranges.")
    static final class DescribeCmd implements Callable<Integer> {
        private final Session session;

        @Parameters(paramLabel = "NAME", description = "plugin name or alias")
        String name;

        DescribeCmd(Session session) {
            this.session = session;
        }

        @Override
        public Integer call() {
            Registry r = session.registry();
            List<PluginFactory<?>> found = r.findAnyKind(name);
            if (found.isEmpty()) {
                for (PluginKind k : PluginKind.values()) {
                    if (r.failureFor(k, name).isPresent()) {
                        throw new IllegalArgumentException(r.unknownMessage(k, name));
                    }
                }
                throw new IllegalArgumentException("unknown plugin '" + moecl.spec.Echo.of(name) + "'"
                        + Suggest.didYouMean(name, r.allNames())
                        + " (try: moecl list)");
            }
            for (PluginFactory<?> f : found) {
                session.out().print(describe(r.descriptor(f), r.origin(f)));
            }
            return 0;
        }
    }

    /** Help text of a plugin, generated from its declarations. */
    static String describe(PluginDescriptor d, Registry.Origin origin) {
        StringBuilder sb = new StringBuilder();
        sb.append(d.name()).append(" (").append(d.kind().label()).append(")");
        if (!d.aliases().isEmpty()) {
            sb.append(", aliases: ").append(String.join(", ", d.aliases()));
        }
        sb.append("\n  ").append(d.summary()).append('\n');
        sb.append("  origin: ").append(origin.source());
        if (origin.version() != null) {
            sb.append(", version ").append(origin.version());
        }
        if (origin.sha256() != null) {
            sb.append(", sha256 ").append(origin.sha256());
        }
        sb.append('\n');
        if (d.params().isEmpty()) {
            sb.append("  no parameters\n");
        } else {
            sb.append("  parameters:\n");
            describeParams(sb, d.params(), "    ");
        }
        return sb.toString();
    }

    private static void describeParams(StringBuilder sb, List<Param> params, String indent) {
        for (Param p : params) {
            sb.append(indent).append(String.format("%-14s %-8s default %-10s", p.name(), p.type().label().split(" ")[0],
                    p.defaultText()));
            if (p.hasRange()) {
                sb.append(" range ").append(p.rangeText());
            }
            sb.append("  ").append(p.doc()).append('\n');
            for (Variant v : p.variants()) {
                sb.append(indent).append("  ").append(String.format("%-12s %s", v.name(), v.summary())).append('\n');
                describeParams(sb, v.params(), indent + "      ");
            }
        }
    }

    /** Options shared by {@code run} and {@code repro}. */
    static class RunOptions {
        @Option(names = "--seed", paramLabel = "S", description = "master seed (default 1)")
        Long seed;

        @Option(names = "--seeds", paramLabel = "A..B", description = "a range of seeds, inclusive")
        String seeds;

        @Option(names = "--threads", paramLabel = "K", description = "worker threads (default: cores)")
        Integer threads;

        @Option(names = "--out", paramLabel = "DIR", description = "folder for run folders (default runs)")
        Path out;

        @Option(names = "--quiet", description = "no table, only the run folder")
        boolean quiet;

        @CommandLine.Mixin
        EngineOptions engine = new EngineOptions();

        @Option(names = "--rounds", paramLabel = "csv|none", description = "write rounds.csv: csv (always), none, or "
                + "by default up to 10^7 rows (moecl export writes it later)")
        String rounds;

        int threads() {
            int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
            if (t < 1 || t > 1024) {
                throw new IllegalArgumentException("--threads " + t + " is out of range; allowed: 1 to 1024");
            }
            return t;
        }
    }

    /** Where runs compute: this process's threads, an embedded Hazelcast member, or a cluster. */
    static class EngineOptions {
        @Option(names = "--engine", paramLabel = "local|hazelcast", description = "local threads (default) or an "
                + "embedded Hazelcast member; --cluster or --members join a cluster")
        String engine;

        @Option(names = "--cluster", paramLabel = "FILE.yaml", description = "join the Hazelcast cluster of this "
                + "member config (trusted networks only: no TLS or authentication)")
        Path cluster;

        @Option(names = "--members", paramLabel = "HOST:PORT,...", description = "join the Hazelcast cluster of these "
                + "members (started with moecl worker)")
        String members;
    }

    @Command(name = "run", description = {"Run an experiment: KEY=VALUE with keys tasks, experts, M, router, T, rng.",
            "Any value may be a list, e.g. M=[1,5,10,20], which runs every combination."})
    static final class RunCmd implements Callable<Integer> {
        private final Session session;

        @Parameters(paramLabel = "KEY=VALUE", arity = "0..*")
        List<String> assignments = new ArrayList<>();

        @CommandLine.Mixin
        RunOptions options = new RunOptions();

        @Option(names = "--name", description = "name of the run folder (default: run)")
        String name = "run";


        @Option(names = "--theory", description = "add F_theory and G_theory (expected values given the routing)")
        boolean theory;

        RunCmd(Session session) {
            this.session = session;
        }

        @Override
        public Integer call() {
            RunRequest req = new RunRequest().setAll(assignments);
            List<RunSpec> specs = req.expand(RunRequest.seeds(options.seed, options.seeds), Map.of());
            Map<String, Object> command = new LinkedHashMap<>();
            command.put("command", "run");
            command.put("arguments", assignments);
            command.put("theory", theory);
            return execute(session, specs, name, command, options, theory);
        }
    }

    @Command(name = "repro", description = {"Reproduce an experiment of the paper: fig2, fig45 or fig3 (MNIST); or "
            + "paper: all of them, with the paper's claims tested, into report.html, report.md and claims.json."})
    static final class ReproCmd implements Callable<Integer> {
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

        @Option(names = "--set", paramLabel = "KEY=VALUE", description = "fig3: change a size or rate (T, steps, train, test, "
                + "M=[1,4], expert=lenet|mlp, lr, eta, alpha); repeatable")
        List<String> sets = new ArrayList<>();

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
            List<RunSpec> specs = switch (experiment) {
                case "fig2" -> Presets.fig2(seeds, kind, rounds == null ? 2000 : positive("--T", rounds));
                case "fig45" -> Presets.fig45(seeds, kind, rounds == null ? 500 : positive("--T", rounds),
                        repeats == null ? 100 : positive("--repeats", repeats), quirk);
                case "fig3" -> Presets.fig3(seeds, kind, fig3Size());
                default -> throw new IllegalArgumentException("unknown experiment '"
                        + moecl.spec.Echo.of(experiment) + "'"
                        + Suggest.didYouMean(experiment, Presets.NAMES) + " (experiments: "
                        + String.join(", ", Presets.NAMES) + ")");
            };
            Map<String, Object> command = new LinkedHashMap<>();
            command.put("command", "repro");
            command.put("experiment", experiment);
            command.put("rng", kind.id());
            if (!sets.isEmpty()) {
                command.put("set", List.copyOf(sets));
            }
            return execute(session, specs, experiment, command, options, false);
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
                positive("--seeds", n);
            }
            if (fig3Seeds != null) {
                positive("--fig3-seeds", fig3Seeds);
            }
            moecl.workbench.report.PaperReport.Options o = new moecl.workbench.report.PaperReport.Options(quick, n,
                    fig3Seeds, data);
            Path root = options.out == null ? session.runsRoot : options.out;
            List<RunSpec> all = new ArrayList<>();
            moecl.workbench.report.PaperReport.Result r;
            try (RunExecutor executor = Engines.create(session, options.engine, options.threads(), all);
                 Progress progress = session.progress("repro paper")) {
                r = moecl.workbench.report.PaperReport.run(session.registry(), o, root,
                        quick ? "paper-quick" : "paper", executor, progress::update, session.err()::println);
            }
            return paperReport(session, r);
        }

        private Presets.Fig3 fig3Size() {
            Presets.Fig3 size = Presets.Fig3.paper();
            if (rounds != null) {
                size = size.with("T", Integer.toString(positive("--T", rounds)));
            }
            if (data != null) {
                size = size.with("data", data);
            }
            Map<String, String> given = new LinkedHashMap<>();
            for (String s : sets) {
                int eq = s.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("--set " + moecl.spec.Echo.of(s) + ": expected KEY=VALUE");
                }
                String before = given.put(s.substring(0, eq).trim(), s);
                if (before != null) {
                    throw new IllegalArgumentException(s.substring(0, eq).trim() + " is given twice (--set "
                            + moecl.spec.Echo.of(before) + " and --set " + moecl.spec.Echo.of(s)
                            + "); give each key once");
                }
                size = size.with(s.substring(0, eq).trim(), s.substring(eq + 1));
            }
            return size;
        }
    }

    @Command(name = "theory", description = {"Closed-form expected forgetting and generalization of one expert "
            + "(keys: tasks, T, at).", "Writes theory.csv; with run --theory the MoE overlay goes into rounds.csv."})
    static final class TheoryCmd implements Callable<Integer> {
        private final Session session;

        @Parameters(paramLabel = "KEY=VALUE", arity = "0..*")
        List<String> assignments = new ArrayList<>();

        @Option(names = "--seed", paramLabel = "S", description = "seed of the world (default 1)")
        long seed = 1;

        @Option(names = "--out", paramLabel = "DIR", description = "folder for the result folder (default runs)")
        Path out;

        TheoryCmd(Session session) {
            this.session = session;
        }

        @Override
        public Integer call() {
            Path folder = TheoryReport.run(session.registry(), assignments, seed,
                    out == null ? session.runsRoot : out, session.out());
            session.out().println("result folder: " + folder);
            return 0;
        }
    }

    @Command(name = "bench", description = {"Measure the engine: microseconds per round and memory (BENCHMARKS.md).",
            "bench lenet: one LeNet training step (100 images, forward, MSE, backward, SGD) per precision and "
                    + "thread count, the counterpart of bench/torch_lenet_step.py."})
    static final class BenchCmd implements Callable<Integer> {
        private final Session session;

        @Parameters(paramLabel = "WHAT", arity = "0..1", description = "lenet, or nothing for the engine")
        String what;

        @Option(names = "--threads", paramLabel = "K,K", description = "lenet: thread counts (default 1,2)")
        String threads;

        @Option(names = "--precision", paramLabel = "P,P", description = "lenet: float32 and/or float64 "
                + "(default float32,float64)")
        String precision;

        @Option(names = "--reps", paramLabel = "N", description = "lenet: measured steps per configuration "
                + "(default 400)")
        Integer reps;

        @Option(names = "--warmup", paramLabel = "N", description = "lenet: warm-up steps per configuration "
                + "(default 300)")
        Integer warmup;

        BenchCmd(Session session) {
            this.session = session;
        }

        @Override
        public Integer call() {
            if (what == null) {
                if (threads != null || precision != null || reps != null || warmup != null) {
                    throw new IllegalArgumentException("bench: --threads, --precision, --reps and --warmup are "
                            + "options of bench lenet");
                }
                Bench.run(session.registry(), session.out());
                return 0;
            }
            if (!what.equals("lenet")) {
                throw new IllegalArgumentException("bench: unknown benchmark " + moecl.spec.Echo.of(what)
                        + "; allowed: lenet (or nothing for the engine)");
            }
            int[] ks = threadCounts(threads == null ? "1,2" : threads);
            List<String> ps = precisions(precision == null ? "float32,float64" : precision);
            int r = positive("--reps", reps == null ? 400 : reps);
            int w = warmup == null ? 300 : warmup;
            if (w < 0) {
                throw new IllegalArgumentException("--warmup " + w + " is out of range; allowed: >= 0");
            }
            LeNetBench.run(session.out(), ks, ps, r, w);
            return 0;
        }

        static int[] threadCounts(String text) {
            String[] parts = text.split(",", -1);
            int[] out = new int[parts.length];
            for (int i = 0; i < parts.length; i++) {
                try {
                    out[i] = Integer.parseInt(parts[i].strip());
                } catch (NumberFormatException e) {
                    out[i] = 0;
                }
                if (out[i] < 1 || out[i] > 1024) {
                    throw new IllegalArgumentException("bench lenet --threads " + moecl.spec.Echo.of(text)
                            + ": expected thread counts 1..1024 separated by commas, e.g. 1,2");
                }
            }
            return out;
        }

        static List<String> precisions(String text) {
            List<String> out = new ArrayList<>();
            for (String p : text.split(",", -1)) {
                String v = p.strip();
                if (!v.equals("float32") && !v.equals("float64")) {
                    throw new IllegalArgumentException("bench lenet --precision " + moecl.spec.Echo.of(text)
                            + ": " + moecl.spec.Echo.of(v) + " is not allowed; allowed: float32, float64 "
                            + "(separated by commas)");
                }
                out.add(v);
            }
            return out;
        }
    }

    static int positive(String option, int v) {
        if (v < 1) {
            throw new IllegalArgumentException(option + " " + v + " is out of range; allowed: >= 1");
        }
        return v;
    }

    /** Runs the specs into a sweep folder, prints the table, and lists failed runs (exit code 3). */
    static int execute(Session session, List<RunSpec> specs, String name, Map<String, Object> command,
                       RunOptions options, boolean theory) {
        noteScalarNeural(session, specs);
        int threads = options.threads();
        Path root = options.out == null ? session.runsRoot : options.out;
        SweepViews.Rounds rounds = SweepViews.Rounds.parse(options.rounds);
        moecl.workbench.sweep.SweepStore.checkName(name);
        Experiments.Executed done;
        try (RunExecutor executor = Engines.create(session, options.engine, threads, specs);
             Progress progress = session.progress("running " + specs.size() + " run"
                + (specs.size() == 1 ? "" : "s"))) {
            done = Experiments.execute(session.registry(), specs, executor, theory, name, command, root, rounds,
                    progress::update);
        }
        return report(session, done, options.quiet);
    }

    /** Prints a paper report's verdicts and files; 3 when an experiment did not run or runs failed. */
    static int paperReport(Session session, moecl.workbench.report.PaperReport.Result r) {
        session.lastRun(r.folder());
        int w = r.claims().stream().mapToInt(c -> c.id().length()).max().orElse(10);
        for (moecl.workbench.report.Claim c : r.claims()) {
            String est = c.estimate() == null ? "" : String.format(java.util.Locale.ROOT, "  n=%d mean=%.4g",
                    c.estimate().n(), c.estimate().mean());
            session.out().printf("%-" + w + "s  %s%s%n", c.id(), c.verdict().text(), est);
        }
        session.out().println("report: " + r.folder().resolve("report.html"));
        session.out().println("also: report.md, claims.json, figures/ and one sweep folder per experiment");
        if (!r.problems().isEmpty()) {
            session.err().println("moecl: " + r.problems().size() + " problem" + (r.problems().size() == 1 ? "" : "s")
                    + " (the report says so):");
            r.problems().forEach(p -> session.err().println("  " + p));
            session.err().println("after fixing the cause: moecl resume " + r.folder());
            return RUNS_FAILED;
        }
        return 0;
    }

    /**
     * Neural experts without the Vector API module (a REPL started without {@code MOECL_VECTOR=1}) train on their
     * scalar loops: the same results, several times slower. Says so once per run command.
     */
    static void noteScalarNeural(Session session, List<RunSpec> specs) {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            return;
        }
        for (RunSpec s : specs) {
            String e = s.experts().name();
            if (e.equals("lenet") || e.equals("mlp")) {
                session.err().println("note: " + e + " trains on its scalar loops in this session (no Vector API "
                        + "module): the same results, several times slower; start the REPL with MOECL_VECTOR=1 "
                        + "./moecl for the vector kernels");
                return;
            }
        }
    }

    /** Prints what a sweep left: notes, the table, failures, the folder; 3 when runs failed. */
    static int report(Session session, Experiments.Executed done, boolean quiet) {
        session.lastRun(done.folder());
        done.notes().forEach(n -> session.err().println(n));
        if (!quiet) {
            session.out().print(done.table());
        }
        session.out().println("run folder: " + done.folder());
        SweepRunner.Result r = done.result();
        if (!r.failures().isEmpty()) {
            session.err().println("moecl: " + r.failures().size() + " of " + r.plan().runs().size()
                    + " runs failed (the others are saved):");
            r.failureLines().forEach(l -> session.err().println("  " + l));
            session.err().println("after fixing the cause: moecl resume " + done.folder());
            return RUNS_FAILED;
        }
        List<String> nonFinite = r.nonFiniteLines();
        if (!nonFinite.isEmpty()) {
            session.err().println("moecl: " + nonFinite.size() + " of " + r.plan().runs().size()
                    + " runs ended with NaN or infinite metrics (check the sizes and scales of the spec):");
            nonFinite.stream().limit(20).forEach(l -> session.err().println("  " + l));
            if (nonFinite.size() > 20) {
                session.err().println("  ... and " + (nonFinite.size() - 20) + " more (summary.json: nonFinite)");
            }
            return RUNS_FAILED;
        }
        if (r.duplicates() > 0) {
            session.err().println("determinism check: " + r.duplicates() + " runs computed twice gave identical bytes");
        }
        return 0;
    }

    @Command(name = "resume", description = {"Complete a sweep folder: compute its missing and failed runs only, "
            + "then rebuild its views.", "The result is byte-identical to an uninterrupted sweep."})
    static final class ResumeCmd implements Callable<Integer> {
        private final Session session;

        @Parameters(paramLabel = "FOLDER", description = "the sweep folder (a path, or a run id under the runs folder)")
        String folder;

        @Option(names = "--threads", paramLabel = "K", description = "worker threads (default: cores)")
        Integer threads;

        @CommandLine.Mixin
        EngineOptions engine = new EngineOptions();

        @Option(names = "--rounds", paramLabel = "csv|none|auto", description = "write rounds.csv: csv, none, or auto "
                + "(up to 10^7 rows); by default as the sweep was started")
        String rounds;

        @Option(names = "--quiet", description = "no table, only the run folder")
        boolean quiet;

        ResumeCmd(Session session) {
            this.session = session;
        }

        @Override
        public Integer call() {
            RunOptions o = new RunOptions();
            o.threads = threads;
            Path dir = sweepFolder(session, folder);
            SweepViews.Rounds r = rounds == null ? null : SweepViews.Rounds.parse(rounds);
            Experiments.Executed done;
            if (moecl.workbench.report.PaperReport.isReport(dir)) {
                moecl.workbench.report.PaperReport.Result p;
                try (RunExecutor executor = Engines.create(session, engine, o.threads(), List.of());
                     Progress progress = session.progress("resuming " + dir.getFileName())) {
                    p = moecl.workbench.report.PaperReport.resume(session.registry(), dir, executor,
                            progress::update, session.err()::println);
                }
                return paperReport(session, p);
            }
            try (RunExecutor executor = Engines.create(session, engine, o.threads(), List.of());
                 Progress progress = session.progress("resuming " + dir.getFileName())) {
                done = Experiments.resume(session.registry(), dir, executor, r, progress::update);
            }
            return report(session, done, quiet);
        }
    }

    @Command(name = "rerun", description = {"Compute a run or sweep folder again from its plan alone and compare: "
            + "summary.json, rounds.csv and the mean curves, byte for byte.",
            "Exit 0: identical; 4: different (the first difference is printed); 2: not a sweep folder or a plugin "
                    + "is missing. Also compares the recorded versions, build commit, plugins and data checksums."})
    static final class RerunCmd implements Callable<Integer> {
        private final Session session;

        @Parameters(paramLabel = "FOLDER", description = "the folder (a path, or a run id under the runs folder)")
        String folder;

        @Option(names = "--threads", paramLabel = "K", description = "worker threads (default: cores)")
        Integer threads;

        @Option(names = "--keep", description = "keep the folder computed again (printed) instead of deleting it")
        boolean keep;

        RerunCmd(Session session) {
            this.session = session;
        }

        @Override
        public Integer call() throws Exception {
            RunOptions o = new RunOptions();
            o.threads = threads;
            Path dir = sweepFolder(session, folder);
            Path copy = java.nio.file.Files.createTempDirectory("moecl-rerun-");
            moecl.workbench.Rerun.Report r;
            try (moecl.workbench.sweep.RunExecutor executor = Engines.create(session, new EngineOptions(),
                    o.threads(), List.of()); Progress progress = session.progress("re-running " + dir.getFileName())) {
                r = moecl.workbench.Rerun.run(session.registry(), dir, copy.resolve(dir.getFileName().toString()),
                        executor, progress::update);
            } catch (RuntimeException e) {
                moecl.workbench.RunFolder.deleteQuietly(copy);
                throw e;
            }
            for (moecl.workbench.Rerun.FileCheck f : r.files()) {
                session.out().println((f.identical() ? "identical  " : "DIFFERENT  ") + f.file()
                        + (f.identical() ? "" : ": " + f.difference()));
            }
            if (r.provenance().isEmpty()) {
                session.out().println("provenance: the same moecl build, Java, plugins and data as recorded");
            } else {
                r.provenance().forEach(p -> session.out().println("provenance: " + p));
            }
            if (keep) {
                session.out().println("computed again in " + r.copy());
            } else {
                moecl.workbench.RunFolder.deleteQuietly(copy);
            }
            session.out().println(r.identical() ? "reproduced: " + dir + " (byte-identical)"
                    : "NOT reproduced: " + dir);
            return r.identical() ? 0 : NOT_REPRODUCED;
        }
    }

    @Command(name = "export", description = {"Write a sweep folder's rounds.csv (however many rows) from its results,",
            "or with csv|md|tex print (or --to FILE write) its final metrics per setting."})
    static final class ExportCmd implements Callable<Integer> {
        private final Session session;

        @Parameters(index = "0", paramLabel = "FOLDER", description = "the sweep folder (a path, or a run id under "
                + "the runs folder)")
        String folder;

        @Parameters(index = "1", arity = "0..1", paramLabel = "FORMAT", description = "csv, md or tex: the final "
                + "metrics table; rounds (the default): rounds.csv")
        String format;

        @Option(names = "--to", paramLabel = "FILE", description = "write the table to FILE (its folder must exist)")
        Path to;

        @Option(names = "--force", description = "overwrite FILE if it exists")
        boolean force;

        ExportCmd(Session session) {
            this.session = session;
        }

        @Override
        public Integer call() {
            Path dir = sweepFolder(session, folder);
            if (format == null || format.equals("rounds")) {
                if (to != null || force) {
                    throw new IllegalArgumentException("--to and --force are for the table (export FOLDER csv|md|tex "
                            + "--to FILE); rounds.csv goes into the folder");
                }
                Path csv = moecl.workbench.sweep.SweepExport.roundsCsv(dir);
                session.out().println("wrote " + csv);
                return 0;
            }
            String text = moecl.shell.repl.ExportTable.export(dir, format, to, force);
            if (text != null) {
                session.out().print(text);
            } else {
                session.out().println("wrote " + to);
            }
            return 0;
        }
    }

    /**
     * A sweep folder named by path, by name or unique name prefix under the runs folder, or {@code last} (the
     * session's last run, else the newest sweep folder).
     */
    static Path sweepFolder(Session session, String id) {
        Path p = Path.of(id);
        if (java.nio.file.Files.isDirectory(p) && !id.equals("last")) {
            return p;
        }
        List<Path> all = new ArrayList<>();
        Path root = session.runsRoot();
        if (java.nio.file.Files.isDirectory(root)) {
            try (var s = java.nio.file.Files.list(root)) {
                s.filter(f -> java.nio.file.Files.isRegularFile(f.resolve("sweep.json"))).sorted().forEach(all::add);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot list " + root + ": " + e.getMessage(), e);
            }
        }
        if (id.equals("last")) {
            Path last = session.lastRun();
            if (last != null && java.nio.file.Files.isRegularFile(last.resolve("sweep.json"))) {
                return last;
            }
            if (all.isEmpty()) {
                throw new IllegalArgumentException("no sweep folders under " + root + " yet");
            }
            return all.get(all.size() - 1);
        }
        List<Path> matches = all.stream().filter(f -> f.getFileName().toString().startsWith(id)).toList();
        if (matches.size() == 1) {
            return matches.get(0);
        }
        if (matches.size() > 1) {
            throw new IllegalArgumentException("'" + id + "' is ambiguous: " + matches.size() + " sweep folders under "
                    + root + " start with it");
        }
        throw new IllegalArgumentException("no sweep folder '" + moecl.spec.Echo.of(id) + "' (neither a folder nor a "
                + "name under " + root + "; see: runs)");
    }
}
