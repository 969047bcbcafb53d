package moecl.script;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.graalvm.polyglot.Value;

import moecl.engine.RunEngine;
import moecl.engine.RunOutcome;
import moecl.engine.RunResult;
import moecl.engine.RunSpec;
import moecl.plugin.Registry;
import moecl.rng.RngKind;
import moecl.spec.Suggest;
import moecl.spec.SpecParser;
import moecl.spec.SpecValue.Component;
import moecl.task.TaskGenerator;
import moecl.theory.TheoryCurve;
import moecl.theory.UniformArrivalTheory;
import moecl.workbench.Experiments;
import moecl.workbench.Presets;
import moecl.workbench.RunRequest;
import moecl.workbench.TheoryReport;

/**
 * What {@code moecl.run}, {@code sweep}, {@code repro}, {@code theory} and {@code load} do: a script's request
 * (an object/dict or a spec string) becomes run specs, checked against the sandbox (paths, threads), executed by
 * the workbench ({@link Experiments#execute}) and handed back as records the script reads.
 */
final class ScriptRuns {

    /** Keys of {@code run} and {@code sweep} besides RunRequest's. */
    static final List<String> RUN_OPTIONS = List.of("seed", "seeds", "threads", "theory", "name", "save");
    static final List<String> REPRO_OPTIONS = List.of("seed", "seeds", "threads", "theory", "name", "save", "T", "rng",
            "repeats", "quirk");

    private final ScriptRun state;

    ScriptRuns(ScriptRun state) {
        this.state = state;
    }

    private Registry registry() {
        return state.host().registry();
    }

    Object run(Value spec) {
        Map<String, Object> m = ScriptOptions.specMap(spec, "run");
        return execute(m, null, "run");
    }

    Object sweep(Value spec, Value grid) {
        Map<String, Object> m = ScriptOptions.specMap(spec, "sweep");
        Object g = Convert.toJava(grid);
        if (!(g instanceof Map<?, ?> gm) || gm.isEmpty()) {
            throw new IllegalArgumentException("sweep(spec, grid): grid must be an object/dict of key: [values], got "
                    + Convert.describe(g));
        }
        List<String> keys = new ArrayList<>();
        gm.forEach((k, v) -> {
            String key = RunRequest.canonicalKey(String.valueOf(k));
            m.put(key, v instanceof List<?> ? v : List.of(v));
            keys.add(key);
        });
        return execute(m, keys, "sweep");
    }

    Object repro(String name, Value options) {
        Map<String, Object> o = options == null ? new LinkedHashMap<>() : ScriptOptions.specMap(options, "repro");
        for (String k : o.keySet()) {
            if (!REPRO_OPTIONS.contains(k)) {
                throw new IllegalArgumentException("repro: unknown option '" + k + "'"
                        + Suggest.didYouMean(k, REPRO_OPTIONS) + " (options: " + String.join(", ", REPRO_OPTIONS)
                        + ")");
            }
        }
        List<Long> seeds = ScriptOptions.seeds(o);
        RngKind rng = RngKind.parse(o.containsKey("rng") ? Convert.specText(o.get("rng")) : "fast");
        List<RunSpec> specs = switch (name) {
            case "fig2" -> Presets.fig2(seeds, rng, ScriptOptions.intOption(o, "T", 2000));
            case "fig45" -> Presets.fig45(seeds, rng, ScriptOptions.intOption(o, "T", 500),
                    ScriptOptions.intOption(o, "repeats", 100),
                    Boolean.TRUE.equals(o.get("quirk")));
            default -> throw new IllegalArgumentException("unknown experiment '" + name + "'"
                    + Suggest.didYouMean(name, Presets.NAMES) + " (experiments: " + String.join(", ", Presets.NAMES)
                    + ")");
        };
        Map<String, Object> command = new LinkedHashMap<>();
        command.put("command", "script repro");
        command.put("script", state.scriptName());
        command.put("experiment", name);
        return executeSpecs(specs, o, name, command, null);
    }

    Object theory(Value spec) {
        Map<String, Object> o = ScriptOptions.specMap(spec, "theory");
        List<String> keys = List.of("tasks", "T", "seed");
        for (String k : o.keySet()) {
            if (!keys.contains(k)) {
                throw new IllegalArgumentException("theory: unknown key '" + k + "'" + Suggest.didYouMean(k, keys)
                        + " (keys: tasks, T, seed)");
            }
        }
        String tasksText = o.containsKey("tasks") ? Convert.specText(o.get("tasks")) : "gaussian";
        int rounds = ScriptOptions.intOption(o, "T", 1000);
        long seed = o.get("seed") instanceof Long l ? l : 1L;
        Component tc = SpecParser.parseComponent(tasksText);
        checkPaths(tc); // the generator is built here, not by a run: its paths pass the sandbox here
        checkThreads(tc, Math.max(1, Runtime.getRuntime().availableProcessors()));
        TheoryReport.World w = TheoryReport.world(registry(), tc, rounds, seed);
        TaskGenerator world = w.generator();
        if (!moecl.theory.WorldTheory.applies(world)) {
            throw new IllegalArgumentException("theory: " + moecl.theory.TheoryWorld.note(world));
        }
        TheoryReport.Curves curves = TheoryReport.curves(w, rounds);
        UniformArrivalTheory uniform = curves.uniform();
        TheoryCurve u = curves.uniformCurve();
        TheoryCurve fixed = curves.fixedCurve();
        double[] t = new double[rounds];
        double[] gu = new double[rounds];
        double[] fu = new double[rounds];
        double[] gf2 = fixed == null ? null : new double[rounds];
        double[] ff = fixed == null ? null : new double[rounds];
        for (int i = 1; i <= rounds; i++) {
            t[i - 1] = i;
            gu[i - 1] = u.generalizationAt(i);
            fu[i - 1] = u.forgettingAt(i);
            if (fixed != null) {
                gf2[i - 1] = fixed.generalizationAt(i);
                ff[i - 1] = fixed.forgettingAt(i);
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tasks", w.spec());
        m.put("T", rounds);
        m.put("seed", seed);
        m.put("t", new DoubleArray(t, true));
        m.put("G_uniform", gu);
        m.put("F_uniform", fu);
        m.put("G_fixed", gf2);
        m.put("F_fixed", ff);
        m.put("r", uniform.r());
        m.put("S", uniform.meanSqNorm());
        m.put("D", uniform.modelGap());
        m.put("limitG", uniform.generalizationLimit());
        m.put("limitF", uniform.forgettingLimit());
        m.put("note", moecl.theory.TheoryWorld.note(world));
        return new GuestMap(m);
    }

    Object load(String folder) {
        if (folder == null || folder.isBlank()) {
            throw new IllegalArgumentException("load(folder): folder must be a run folder's path, got nothing");
        }
        Path p = Path.of(folder);
        if (!p.isAbsolute() && !Files.exists(state.host().fileSystem().check(p))
                && Files.isDirectory(state.host().runsRoot().resolve(folder))) {
            p = state.host().runsRoot().resolve(folder);
        }
        Path dir = state.host().fileSystem().check(p);
        Path planFile = dir.resolve("sweep.json");
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("load: no run folder " + folder + " (give res.folder, or a folder "
                    + "name under " + state.host().runsRoot() + ")");
        }
        if (!Files.isRegularFile(planFile)) {
            throw new IllegalArgumentException("load: " + folder + " is not a run folder (it has no sweep.json)");
        }
        moecl.workbench.sweep.SweepPlan plan;
        try {
            plan = moecl.workbench.sweep.SweepPlan.fromJson(moecl.workbench.sweep.RunIo.JSON.readTree(
                    planFile.toFile()));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("load: cannot read " + planFile + ": "
                    + String.valueOf(e.getMessage()).split("\n")[0]);
        }
        moecl.workbench.sweep.RunIndex index = moecl.workbench.sweep.RunIndex.scan(dir);
        com.fasterxml.jackson.databind.JsonNode[] records =
                new com.fasterxml.jackson.databind.JsonNode[plan.runs().size()];
        for (var r : plan.runs()) {
            var ref = index.get(r.id());
            if (ref != null) {
                records[r.index()] = ref.record();
            }
        }
        var result = new moecl.workbench.sweep.SweepRunner.Result(plan, dir, records, Map.of(), 0, 0, false, "",
                Map.of(), Map.of(), List.of());
        Experiments.Executed done = new Experiments.Executed(result, dir, List.of(), null);
        return Convert.toGuest(result(done, null));
    }

    private Object execute(Map<String, Object> m, List<String> gridKeys, String verb) {
        RunRequest req = new RunRequest();
        Map<String, Object> opts = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : m.entrySet()) {
            if (RUN_OPTIONS.contains(e.getKey())) {
                opts.put(e.getKey(), e.getValue());
                continue;
            }
            String key;
            try {
                key = RunRequest.canonicalKey(e.getKey());
            } catch (IllegalArgumentException ex) {
                List<String> all = new ArrayList<>(RunRequest.DEFAULTS.keySet());
                all.addAll(RUN_OPTIONS);
                throw new IllegalArgumentException(verb + ": unknown key '" + e.getKey() + "'"
                        + Suggest.didYouMean(e.getKey(), all) + " (keys: " + String.join(", ", all) + ")");
            }
            req.set(key, Convert.specText(e.getValue()));
        }
        List<RunSpec> specs = req.expand(ScriptOptions.seeds(opts), Map.of());
        Map<String, Object> command = new LinkedHashMap<>();
        command.put("command", "script " + verb);
        command.put("script", state.scriptName());
        Map<String, String> request = new LinkedHashMap<>();
        req.values().forEach((k, v) -> request.put(k, v.toSpecText()));
        command.put("request", request);
        return executeSpecs(specs, opts, verb, command, gridKeys);
    }

    /** Parameters that name host files or folders, as in {@code mnist(data="...")}. */
    static final Set<String> PATH_PARAMS = Set.of("data", "path", "file", "dir", "folder");

    /**
     * A script reaches host files through plugin parameters too ({@code mnist(data="/etc")}): every such path must
     * pass the same sandbox as the script's own file access.
     */
    private void checkPaths(moecl.spec.SpecValue v) {
        if (v instanceof moecl.spec.SpecValue.Component c) {
            c.args().forEach((k, a) -> {
                if (PATH_PARAMS.contains(k) && a instanceof moecl.spec.SpecValue.Str str && !str.value().isBlank()) {
                    state.host().fileSystem().check(Path.of(str.value()));
                }
                checkPaths(a);
            });
        } else if (v instanceof moecl.spec.SpecValue.ListValue l) {
            l.items().forEach(this::checkPaths);
        }
    }

    /**
     * A script gets no more host threads than there are cores, also through plugin parameters that ask for threads
     * ({@code mlp(threads=1000)}: the network's training and evaluation would run on that many).
     */
    private static void checkThreads(moecl.spec.SpecValue v, int cores) {
        if (v instanceof moecl.spec.SpecValue.Component c) {
            c.args().forEach((k, a) -> {
                if (k.equals("threads") && a instanceof moecl.spec.SpecValue.Num n && n.value() > cores) {
                    throw new IllegalArgumentException(c.name() + ": threads=" + moecl.spec.Echo.of(n.text())
                            + " is out of range for a script; allowed: 1 to " + cores + " (the cores)");
                }
                checkThreads(a, cores);
            });
        } else if (v instanceof moecl.spec.SpecValue.ListValue l) {
            l.items().forEach(i -> checkThreads(i, cores));
        }
    }

    private Object executeSpecs(List<RunSpec> specs, Map<String, Object> opts, String defaultName,
                                Map<String, Object> command, List<String> gridKeys) {
        int cores = Math.max(1, Runtime.getRuntime().availableProcessors());
        for (RunSpec s : specs) {
            checkPaths(s.tasks());
            checkPaths(s.experts());
            checkPaths(s.router());
            checkThreads(s.experts(), cores);
            checkThreads(s.tasks(), cores);
            checkThreads(s.router(), cores);
        }
        int threads = ScriptOptions.intOption(opts, "threads", cores);
        if (threads < 1 || threads > cores) {
            // a script gets no more host threads than there are cores
            throw new IllegalArgumentException("threads=" + threads + " is out of range; allowed: 1 to " + cores
                    + " (the cores)");
        }
        if (usesScriptPlugin(specs)) {
            threads = 1; // a script's objects live on the script's thread
        }
        boolean theory = Boolean.TRUE.equals(opts.get("theory"));
        boolean save = !Boolean.FALSE.equals(opts.get("save"));
        String name = opts.get("name") instanceof String s ? s : defaultName;
        if (!name.matches("[A-Za-z0-9_.\\-]+")) {
            throw new IllegalArgumentException("name '" + name + "' may only use letters, digits, '.', '_' and '-'");
        }
        Path root = save ? state.host().runsRoot() : null;
        Experiments.Executed done = Experiments.execute(registry(), specs,
                new moecl.workbench.sweep.LocalExecutor(registry(), threads), theory, name, command, root,
                moecl.workbench.sweep.SweepViews.Rounds.AUTO, RunEngine.Progress.NONE);
        done.notes().forEach(n -> state.host().err().println(n));
        // as the command line says it: a mean over fewer runs must not pass unnoticed
        done.result().nonFiniteReport().forEach(state.host().err()::println);
        if (done.folder() != null) {
            state.folders().add(done.folder());
            state.host().fileSystem().own(done.folder());
        }
        if (!done.result().failures().isEmpty()) {
            // the script sees the plugin's own error first, then where it happened: the component and round, the
            // run (its setting and seed); a script plugin's error is placed at the plugin's own line
            var r = done.result();
            int first = new java.util.TreeSet<>(r.failures().keySet()).first();
            var plan = r.plan();
            var pr = plan.run(first);
            String label = plan.settings().get(pr.setting()).label();
            String error = r.errors().get(first);
            String message = error + " (" + r.failures().get(first).split(": ", 2)[0] + "; run " + first + " of "
                    + specs.size() + (label.isBlank() ? "" : ", " + label) + ", seed " + pr.spec().seed()
                    + (r.failures().size() > 1 ? "; " + r.failures().size() + " runs failed" : "")
                    + (done.folder() == null ? "" : "; the others are saved in " + done.folder()) + ")";
            String where = null;
            for (ScriptPlugins.PluginFailure pf : state.pluginFailures) {
                if (pf.where != null && error != null && error.equals(pf.getMessage())) {
                    where = pf.where;
                    break;
                }
            }
            state.pluginFailures.clear();
            throw new ScriptPlugins.PluginFailure(where, message, null);
        }
        state.pluginFailures.clear();
        return Convert.toGuest(result(done, gridKeys));
    }

    private boolean usesScriptPlugin(List<RunSpec> specs) {
        Set<String> names = state.registered();
        for (RunSpec s : specs) {
            if (names.contains("router:" + s.router().name()) || names.contains("expert:" + s.experts().name())
                    || names.contains("generator:" + s.tasks().name())) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, Object> result(Experiments.Executed done, List<String> gridKeys) {
        List<Object> runs = new ArrayList<>();
        List<RunOutcome> outcomes = done.outcomes();
        for (RunOutcome o : outcomes) {
            RunResult r = o.result();
            RunSpec s = o.spec();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("run", o.index());
            m.put("seed", s.seed());
            m.put("variant", s.labels().getOrDefault("variant", ""));
            m.put("labels", new LinkedHashMap<>(s.labels()));
            moecl.workbench.sweep.RunIo.putSetting(m, s, o.tasks(), o.experts(), o.router());
            m.put("routerName", s.router().name());
            if (gridKeys != null) {
                Map<String, Object> point = new LinkedHashMap<>();
                for (String k : gridKeys) {
                    point.put(k, switch (k) {
                        case "M" -> s.m();
                        case "T" -> s.rounds();
                        case "rng" -> s.rng().id();
                        case "tasks" -> s.tasks().toSpecText();
                        case "experts" -> s.experts().toSpecText();
                        default -> s.router().toSpecText();
                    });
                }
                m.put("point", point);
            }
            Map<String, Object> fin = new LinkedHashMap<>();
            r.metrics().forEach((k, v) -> fin.put(k, v[r.rounds() - 1]));
            m.put("final", fin);
            m.put("freezeRound", r.freezeRound() == 0 ? null : r.freezeRound());
            m.put("load", r.load());
            m.put("expertSets", r.expertSets());
            m.put("metrics", new ArrayList<>(r.metrics().keySet()));
            int[] t = new int[r.rounds()];
            for (int i = 0; i < t.length; i++) {
                t[i] = i + 1;
            }
            m.put("t", t);
            m.put("task", r.taskType());
            m.put("expert", r.expert());
            m.put("frozen", r.frozen());
            m.put("moved", r.moved());
            r.metrics().forEach(m::put);
            m.put("millis", r.nanos() / 1e6);
            runs.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("runs", runs);
        out.put("folder", done.folder() == null ? null : done.folder().toString());
        out.put("table", ResultTable.of(done.result().plan(), done.result().records(), done.table()));
        List<String> notes = new ArrayList<>(done.notes());
        done.result().nonFiniteLines().forEach(l -> notes.add("non-finite metrics: " + l));
        out.put("notes", notes);
        out.put("metrics", moecl.workbench.sweep.SweepViews.metricNames(done.result().records()));
        out.put("settings", moecl.workbench.RunFolder.JSON.convertValue(moecl.workbench.sweep.SweepViews.settings(
                done.result().plan(), done.result().records()), List.class));
        return out;
    }
}
