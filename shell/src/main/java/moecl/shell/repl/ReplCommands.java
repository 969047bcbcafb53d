package moecl.shell.repl;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine;

import moecl.workbench.Presets;
import moecl.workbench.RunRequest;

/**
 * The REPL's standard commands. Commands of the command line ({@code list}, {@code describe}, {@code run},
 * {@code repro}, {@code theory}, {@code bench}) keep their picocli declarations and options, so they mean the same
 * in both places; {@code run} and {@code sweep} add the session's spec in front of what is typed. The rest are
 * about the session: its spec, its run folders, charts, files and history.
 *
 * <p>To add a command, add one {@code table.add(...)} line below (see {@link CommandTable} for an example).
 */
public final class ReplCommands {

    private ReplCommands() {
    }

    public static CommandTable standard() {
        CommandTable t = new CommandTable();
        t.add(ReplCommand.of("help", "help [COMMAND]", "List the commands, or show how to use one.",
                Completions.dynamic(r -> r.commands().names()), ReplCommands::help));
        t.add(ReplCommand.of("set", "set KEY=VALUE...", "Set keys of the session's experiment: tasks, experts, "
                        + "router, M, T, rng (checked against the plugins at once).",
                Completions.assignments(null), (repl, args, rest) -> {
                    if (rest.isBlank()) {
                        throw new IllegalArgumentException("set needs KEY=VALUE (keys: "
                                + String.join(", ", RunRequest.DEFAULTS.keySet()) + ")");
                    }
                    repl.spec().set(repl.session().registry(), args);
                    repl.specChanged();
                }));
        t.add(ReplCommand.of("unset", "unset KEY...", "Return keys to their defaults (unset all: every key).",
                Completions.dynamic(r -> withAll(RunRequest.DEFAULTS.keySet())), (repl, args, rest) -> {
                    if (args.isEmpty()) {
                        throw new IllegalArgumentException("unset needs a key (keys: "
                                + String.join(", ", RunRequest.DEFAULTS.keySet()) + ", or all)");
                    }
                    for (String k : args) {
                        if (!k.equals("all")) {
                            RunRequest.canonicalKey(k); // an unknown key is refused before any is unset
                        }
                    }
                    for (String k : args) {
                        if (k.equals("all")) {
                            repl.spec().clear();
                        } else {
                            repl.spec().unset(k);
                        }
                    }
                    repl.specChanged();
                }));
        t.add(ReplCommand.of("show", "show [RUN [setting=K | run=K]]", "Show the session's experiment (every key, "
                + "its value, whether it is the default), or what a run folder holds: spec, final metrics, freeze, "
                + "load, expert sets, routing, timings.", Completions.runs(), RunCommands::show));
        t.add(ReplCommand.of("inspect", "inspect RUN [setting=K | run=K]", "Show what a run folder holds (as show "
                + "RUN).", Completions.runs(), RunCommands::inspect));
        t.add(ReplCommand.of("run", "run [KEY=VALUE...] [--seed S | --seeds A..B] [--theory] [--quiet]",
                "Run the session's experiment, with KEY=VALUE overriding it for this run only.",
                Completions.assignments("run"), (repl, args, rest) -> {
                    List<String> a = new ArrayList<>();
                    a.add("run");
                    a.addAll(sessionUnless(repl, args));
                    a.addAll(args);
                    repl.picocli(a);
                }));
        t.add(ReplCommand.of("sweep", "sweep KEY=[V1,V2,...]... [seeds=A..B]",
                "Run the session's experiment for every combination of the listed values and every seed.",
                Completions.assignments("run", "seeds"), ReplCommands::sweep));
        t.add(ReplCommand.of("repro", "repro fig2|fig45|fig3|paper [--seed S | --seeds A..B] [--T ROUNDS] "
                + "[--rng numpy-legacy] (moecl repro --help: all options)",
                "Reproduce an experiment of the paper.", (repl, at, before, out) -> {
                    if (at.index() == 0) {
                        Presets.NAMES.forEach(n -> out.add(Completions.candidate(n, n, null, true)));
                    } else if (at.prefix().startsWith("-")) {
                        repl.optionNames("repro").forEach(n -> out.add(Completions.candidate(n, n, null, true)));
                    }
                }, picocli("repro")));
        t.add(ReplCommand.of("list", "list [router|expert|generator]", "List plugins.",
                Completions.words("router", "expert", "generator"), picocli("list")));
        t.add(ReplCommand.of("plugins", "plugins [reload]", "Show the plugin folders and jars; plugins reload loads "
                        + "them again (after rebuilding a jar), keeping the session's script plugins.",
                Completions.words("reload"), ReplCommands::plugins));
        t.add(ReplCommand.of("describe", "describe NAME", "Describe a plugin: summary and parameters.",
                Completions.plugins(), picocli("describe")));
        t.add(ReplCommand.of("script", "script FILE.js|FILE.py [--set KEY=VALUE]... [--allow-io PATH] [--timeout S]",
                "Run a JavaScript or Python experiment script (sandboxed).", Completions.files(), picocli("script")));
        t.add(new ReplCommand(":js", ":js CODE", "Evaluate JavaScript in the session's script context (moecl is "
                + "the host object).", Completions.none(), true, (repl, args, rest) -> evalScript(repl, "js", rest)));
        t.add(new ReplCommand(":py", ":py CODE", "Evaluate Python in the session's script context (started on "
                + "first use).", Completions.none(), true, (repl, args, rest) -> evalScript(repl, "python", rest)));
        t.add(ReplCommand.of("theory", "theory [tasks=... T=... at=...]",
                "Closed-form expected forgetting and generalization of one expert.",
                Completions.assignments("theory"), picocli("theory")));
        t.add(ReplCommand.of("bench", "bench [lenet [--threads 1,2] [--precision float32,float64]]",
                "Measure the engine (microseconds per round, memory) or one LeNet training step.",
                Completions.none(), picocli("bench")));
        t.add(ReplCommand.of("runs", "runs [N] [KEY=VALUE...] [since=DATE] [until=DATE]", "List past run folders "
                        + "(newest last, numbered) with one-line summaries; filter by key, name, command, tag or date.",
                (repl, at, before, out) -> {
                    if (at.prefix().contains("=")) {
                        Completions.addSpec(repl.session().registry(), at.prefix(), List.of(), out);
                    } else {
                        RunsCommand.FILTER_KEYS.forEach(k -> out.add(Completions.candidate(k + "=", k + "=", null,
                                false)));
                    }
                }, RunsCommand::runs));
        t.add(ReplCommand.of("compare", "compare RUN... [metric=NAME] [band] [seeds]",
                "Final metrics per setting (n, mean ± se, median, freeze) side by side, curves overlaid per setting.",
                (repl, at, before, out) -> {
                    Completions.addRuns(repl, out);
                    addChartOptions(out);
                }, (repl, args, rest) -> {
                    CompareCommand.checkCompare(repl, args);
                    CompareCommand.compare(repl, args, rest);
                }));
        t.add(ReplCommand.of("plot", PlotCommand.PLOT_USAGE,
                "Chart metrics per setting (mean of its seeds) in the terminal and as PNG and SVG files, in the "
                        + "same colours (help plot: the options).",
                (repl, at, before, out) -> {
                    if (at.index() == 0) {
                        PlotCommand.metricNames(repl).forEach(m -> out.add(Completions.candidate(m, m, null, true)));
                    } else {
                        Completions.addRuns(repl, out);
                        addChartOptions(out);
                        addPlotOptions(out);
                    }
                }, PlotCommand::plot));
        t.add(ReplCommand.of("resume", "resume RUN", "Complete an interrupted or incomplete sweep folder (the runs "
                + "it lacks, then its summary and curves).", Completions.runs(), FolderCommands.forward("resume")));
        t.add(ReplCommand.of("rerun", "rerun RUN", "Compute a run folder again from its plan and compare its results "
                + "byte for byte (and its recorded build, plugins and data).", Completions.runs(),
                FolderCommands.forward("rerun")));
        t.add(ReplCommand.of("export", RunCommands.EXPORT_USAGE, "The final metrics per setting as CSV, Markdown "
                        + "or LaTeX, on the terminal or into a file; rounds: write a sweep folder's rounds.csv.",
                (repl, at, before, out) -> {
                    if (at.index() == 0) {
                        Completions.addRuns(repl, out);
                    } else if (before.size() >= 1 && before.get(before.size() - 1).equals("to")) {
                        Completions.addFiles(at.prefix(), out);
                    } else {
                        for (String w : List.of("csv", "md", "tex", "rounds", "to", "--force")) {
                            out.add(Completions.candidate(w, w, null, true));
                        }
                    }
                }, RunCommands::export));
        t.add(ReplCommand.of("tag", "tag [RUN NAME]", "Name a run (the name works wherever a run id does); tag alone "
                + "lists the tags.", Completions.runs(), FolderEdits::tag));
        t.add(ReplCommand.of("untag", "untag NAME...", "Remove tags (the runs stay).",
                Completions.dynamic(r -> Tags.read(r.session().runsRoot()).keySet()), FolderEdits::untag));
        t.add(ReplCommand.of("rm", "rm RUN... [--yes]", "Delete run folders (asks first; in batch mode only with "
                + "--yes).", Completions.runs(), FolderEdits::rm));
        t.add(ReplCommand.of("source", "source FILE", "Run the REPL commands in a file, line by line; the first "
                + "failing line stops it (file:line).", Completions.files(), SessionCommands::source));
        t.add(ReplCommand.of("save", "save FILE [--force]", "Save the session's experiment as a spec file (key=value "
                + "lines); an existing file only with --force.", Completions.files(), SessionCommands::save));
        t.add(ReplCommand.of("load", "load FILE", "Replace the session's experiment by a spec file's.",
                Completions.files(), (repl, args, rest) -> {
                    Path f = Path.of(one(args, "load FILE"));
                    int n = repl.spec().load(repl.session().registry(), f);
                    repl.specChanged();
                    repl.out().println("loaded " + n + " key" + (n == 1 ? "" : "s") + " from " + f);
                }));
        t.add(ReplCommand.of("history", "history", "Show the lines entered so far.", Completions.none(),
                (repl, args, rest) -> {
                    List<String> lines = repl.historyLines();
                    for (int i = 0; i < lines.size(); i++) {
                        repl.out().printf("%5d  %s%n", i + 1, lines.get(i));
                    }
                }));
        t.add(ReplCommand.of("clear", "clear", "Clear the screen.", Completions.none(), (repl, args, rest) -> {
            if (repl.terminal() != null) {
                repl.terminal().puts(org.jline.utils.InfoCmp.Capability.clear_screen);
                repl.terminal().flush();
            }
        }));
        t.add(ReplCommand.of("debug", "debug on|off", "Show stack traces of errors (or stop).",
                Completions.words("on", "off"), (repl, args, rest) -> {
                    String v = one(args, "debug on|off");
                    if (!v.equals("on") && !v.equals("off")) {
                        throw new IllegalArgumentException("debug expects on or off, got '" + v + "'");
                    }
                    repl.session().debug(v.equals("on"));
                }));
        t.add(ReplCommand.of("exit", "exit [N]", "End the session (also: quit, Ctrl-D); N: the exit code.",
                Completions.none(), SessionCommands::exit));
        t.add(ReplCommand.of("quit", "quit", "End the session.", Completions.none(),
                (repl, args, rest) -> repl.requestExit()));
        return t;
    }

    private static void plugins(Repl repl, List<String> args, String rest) {
        var out = repl.out();
        var session = repl.session();
        if (args.equals(List.of("reload"))) {
            out.println(session.reloadPlugins());
            return;
        }
        if (!args.isEmpty()) {
            throw new IllegalArgumentException("usage: plugins [reload]");
        }
        moecl.plugin.Registry r = session.registry();
        List<String> folders = new ArrayList<>();
        for (Path f : session.pluginFolders()) {
            folders.add(f + (java.nio.file.Files.isDirectory(f) ? "" : " (none)"));
        }
        out.println("plugin folders: " + (folders.isEmpty() ? "none" : String.join(", ", folders)));
        java.util.Map<String, List<String>> byJar = new java.util.LinkedHashMap<>();
        java.util.Map<String, String> loadedSha = new java.util.HashMap<>();
        for (moecl.plugin.PluginKind k : moecl.plugin.PluginKind.values()) {
            for (var d : r.list(k)) {
                moecl.plugin.Registry.Origin o = r.origin(r.resolve(k, d.name()));
                if (o.jar()) {
                    byJar.computeIfAbsent(o.source(), x -> new ArrayList<>()).add(k.label() + " " + d.name());
                    loadedSha.put(o.source(), o.sha256());
                }
            }
        }
        for (Path jar : session.pluginJars()) {
            String name = jar.getFileName().toString();
            List<String> plugins = byJar.getOrDefault(name, List.of());
            String sha = loadedSha.get(name);
            boolean changed = sha != null && !sha.equals(moecl.plugin.Registry.sha256(jar));
            out.println("  " + name + ": " + (plugins.isEmpty() ? "no plugins" : String.join(", ", plugins))
                    + (changed ? " (the jar changed since it was loaded: plugins reload)" : ""));
        }
        for (moecl.plugin.Registry.Failure f : r.failures()) {
            String where = f.source() != null && !f.source().equals(f.provider()) ? f.provider() + " in " + f.source()
                    : f.provider();
            out.println("  " + where + " FAILED TO LOAD: " + f.error());
        }
    }

    private static void addChartOptions(List<org.jline.reader.Candidate> out) {
        out.add(Completions.candidate("band", "band", "mean ± 1.96 standard errors", true));
        out.add(Completions.candidate("seeds", "seeds", "each seed's curve under the mean", true));
    }

    private static void addPlotOptions(List<org.jline.reader.Candidate> out) {
        out.add(Completions.candidate("panels", "panels", "one panel per metric", true));
        out.add(Completions.candidate("log", "log", "log scale for the values", true));
        out.add(Completions.candidate("x=", "x=FROM..TO", "only these rounds", false));
        out.add(Completions.candidate("by=", "by=KEY", "one line per value of a key", false));
        out.add(Completions.candidate("title=", "title=\"TEXT\"", "the chart's title", false));
        out.add(Completions.candidate("size=", "size=WxH", "the files' size in pixels", false));
        out.add(Completions.candidate("width=", "width=N", "the terminal chart's columns", false));
        out.add(Completions.candidate("height=", "height=N", "the terminal chart's rows", false));
    }

    private static List<String> withAll(java.util.Collection<String> keys) {
        List<String> out = new ArrayList<>(keys);
        out.add("all");
        return out;
    }

    /** A handler that runs the picocli command {@code name} with the typed words. */
    static void evalScript(Repl repl, String language, String code) {
        if (code.isBlank()) {
            throw new IllegalArgumentException("usage: :" + (language.equals("js") ? "js" : "py") + " CODE");
        }
        boolean python = language.equals("python");
        if (python) {
            ScriptLines.beforePython(repl);
        }
        String result;
        try {
            result = repl.session().evalScript(language, code.strip());
        } finally {
            if (python) {
                ScriptLines.afterPython(repl);
            }
        }
        if (!result.isEmpty()) {
            repl.out().println(result);
        }
        repl.out().flush();
    }

    static ReplCommand.Handler picocli(String name) {
        return (repl, args, rest) -> {
            List<String> a = new ArrayList<>();
            a.add(name);
            a.addAll(args);
            repl.picocli(a);
        };
    }

    static String one(List<String> args, String usage) {
        if (args.size() != 1) {
            throw new IllegalArgumentException("usage: " + usage);
        }
        return args.get(0);
    }

    /** The session's assignments whose keys the typed words do not set (a typed key overrides for this run). */
    static List<String> sessionUnless(Repl repl, List<String> typed) {
        java.util.Set<String> keys = new java.util.HashSet<>();
        for (String w : typed) {
            moecl.spec.Words.Assignment kv = moecl.spec.Words.assignment(w);
            if (kv != null && !w.startsWith("-")) {
                try {
                    keys.add(moecl.workbench.RunRequest.canonicalKey(kv.key()));
                } catch (IllegalArgumentException unknown) {
                    // the run command names it
                }
            }
        }
        List<String> out = new ArrayList<>();
        for (String a : repl.spec().assignments()) {
            String key = a.substring(0, a.indexOf('='));
            if (!keys.contains(moecl.workbench.RunRequest.canonicalKey(key))) {
                out.add(a);
            }
        }
        return out;
    }

    private static void sweep(Repl repl, List<String> args, String rest) {
        List<String> a = new ArrayList<>();
        a.add("run");
        a.addAll(sessionUnless(repl, args));
        String seeds = null;
        boolean any = false;
        for (String w : args) {
            if (w.startsWith("seeds=")) {
                if (seeds != null) {
                    throw new IllegalArgumentException("seeds is given twice (seeds=" + seeds + " and " + w
                            + "); give it once, as a range such as seeds=1..10");
                }
                seeds = w.substring("seeds=".length());
            } else {
                any |= !w.startsWith("-");
                a.add(w);
            }
        }
        if (!any) {
            throw new IllegalArgumentException("sweep needs KEY=[values], e.g. sweep M=[1,5,10] seeds=1..3");
        }
        if (seeds != null) {
            a.add("--seeds");
            a.add(seeds);
        }
        if (!a.contains("--name")) {
            a.add("--name");
            a.add("sweep");
        }
        repl.picocli(a);
    }

    private static void help(Repl repl, List<String> args, String rest) {
        var out = repl.out();
        if (args.isEmpty()) {
            out.println("commands (Tab completes commands, keys, plugins, parameters, run ids and files):");
            for (ReplCommand c : repl.commands().all()) {
                out.printf("  %-10s %s%n", c.name(), c.summary());
            }
            out.println("Several commands on one line: set M=5; run T=500. help COMMAND shows its options.");
            return;
        }
        String name = args.get(0);
        ReplCommand c = repl.commands().find(name).orElseThrow(() -> new IllegalArgumentException(
                "unknown command '" + name + "'" + moecl.spec.Suggest.didYouMean(name, repl.commands().names())
                        + " (type help)"));
        out.println("usage: " + c.usage());
        out.println("  " + c.summary());
        if (c.name().equals("plot")) {
            PlotCommand.HELP.forEach(out::println);
        }
        CommandLine sub = repl.commandLine().getSubcommands().get(c.name());
        if (sub != null) {
            out.println("options and arguments (as on the command line, moecl " + c.name() + "):");
            sub.usage(out);
        }
    }
}
