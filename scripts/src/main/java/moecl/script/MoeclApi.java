package moecl.script;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

import moecl.plugin.Param;
import moecl.plugin.PluginDescriptor;
import moecl.plugin.PluginFactory;
import moecl.plugin.PluginKind;
import moecl.plugin.Registry;
import moecl.spec.Suggest;

/**
 * The {@code moecl} object every script sees, the same in JavaScript and Python. Only the methods marked
 * {@link HostAccess.Export} are visible. Arguments are guest values (objects/dicts, arrays/lists, strings,
 * numbers); results are records and arrays the guest reads natively. See {@link ScriptHost} for the full list.
 */
public final class MoeclApi {

    private final ScriptRun state;

    /** ojAlgo-backed matrices and vectors. */
    @HostAccess.Export
    public final Linalg linalg = new Linalg();

    private final ScriptRuns runs;
    private final ScriptOutputs outputs;

    MoeclApi(ScriptRun state) {
        this.state = state;
        this.runs = new ScriptRuns(state);
        this.outputs = new ScriptOutputs(state);
    }

    private Registry registry() {
        return state.host().registry();
    }

    private PrintWriter out() {
        return state.host().out();
    }

    // ------------------------------------------------------------------ parameters

    /**
     * A parameter of the script with its default: the {@code --set NAME=VALUE} override converted to the default's
     * type (integer, real, boolean, string, list of numbers), else the default.
     */
    @HostAccess.Export
    public Object param(String name, Value def) {
        Object v = state.param(name, Convert.toJava(def));
        seedParam(name, v);
        return Convert.toGuest(v);
    }

    /** A parameter named {@code seed} seeds the language's random numbers as {@link #seed} does. */
    private void seedParam(String name, Object v) {
        if (name.equals("seed") && v instanceof Long l) {
            state.seed(l);
        }
    }

    /**
     * Seeds the language's own random numbers, {@code Math.random()} in JavaScript and the {@code random} module's
     * functions in Python: the same seed gives the same numbers on every run. They start from seed 1; a parameter
     * named {@code seed} ({@code moecl.param("seed", 1)}, {@code --set seed=7}) seeds them with its value.
     */
    @HostAccess.Export
    public void seed(long seed) {
        state.seed(seed);
    }

    /** All parameters at once: {@code params({T: 2000, seeds: 5})} returns the values in force. */
    @HostAccess.Export
    public Object params(Value defaults) {
        if (!(Convert.toJava(defaults) instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("params(defaults) needs an object/dict of name: default, got "
                    + Convert.describe(defaults));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), state.param(String.valueOf(k), v)));
        state.checkOverrides();
        out.forEach(this::seedParam);
        return new GuestMap(out);
    }

    // ------------------------------------------------------------------ plugins

    /** Names of the plugins of a kind ({@code router}, {@code expert}, {@code generator}/{@code tasks}). */
    @HostAccess.Export
    public Object plugins(String kind) {
        return Convert.toGuest(registry().list(PluginKind.parse(kind)).stream().map(PluginDescriptor::name).toList());
    }

    /** A plugin's description: name, kind, summary, aliases and parameters (name, type, default, range, doc). */
    @HostAccess.Export
    public Object describe(String name) {
        List<PluginFactory<?>> found = registry().findAnyKind(name);
        if (found.isEmpty()) {
            throw new IllegalArgumentException("unknown plugin '" + name + "'"
                    + Suggest.didYouMean(name, registry().allNames()));
        }
        PluginDescriptor d = found.get(0).descriptor();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", d.name());
        m.put("kind", d.kind().label());
        m.put("summary", d.summary());
        m.put("aliases", d.aliases());
        List<Object> ps = new ArrayList<>();
        for (Param p : d.params()) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("name", p.name());
            pm.put("type", p.type().label());
            pm.put("default", p.defaultText());
            pm.put("range", p.rangeText());
            pm.put("doc", p.doc());
            if (!p.variants().isEmpty()) {
                pm.put("variants", p.variants().stream().map(v -> v.name()).toList());
            }
            ps.add(pm);
        }
        m.put("params", ps);
        return new GuestMap(m);
    }

    // one exported method per arity and kind (deliberately alike): a guest calls register* with or without options,
    // and GraalVM picks the overload by argument count
    @HostAccess.Export
    public String registerRouter(String name, Value router) {
        return register(PluginKind.ROUTER, name, router, null);
    }

    /** {@code options}: {@code summary}, {@code params} (name: default; bound from specs like built-in ones). */
    @HostAccess.Export
    public String registerRouter(String name, Value router, Value options) {
        return register(PluginKind.ROUTER, name, router, options);
    }

    @HostAccess.Export
    public String registerExpert(String name, Value expert) {
        return register(PluginKind.EXPERT, name, expert, null);
    }

    @HostAccess.Export
    public String registerExpert(String name, Value expert, Value options) {
        return register(PluginKind.EXPERT, name, expert, options);
    }

    @HostAccess.Export
    public String registerGenerator(String name, Value generator) {
        return register(PluginKind.GENERATOR, name, generator, null);
    }

    @HostAccess.Export
    public String registerGenerator(String name, Value generator, Value options) {
        return register(PluginKind.GENERATOR, name, generator, options);
    }

    /** The origin of plugins a script registers, as {@code moecl list} and run manifests show it. */
    static final moecl.plugin.Registry.Origin SCRIPT = new moecl.plugin.Registry.Origin("script", null, null);

    private String register(PluginKind kind, String name, Value def, Value options) {
        if (name == null) {
            throw new IllegalArgumentException("register" + kind.label().substring(0, 1).toUpperCase(Locale.ROOT)
                    + kind.label().substring(1) + ": the name must be a string, got nothing (null/None/undefined)");
        }
        Object o = options == null ? null : Convert.toJava(options);
        Map<String, Object> opts = new LinkedHashMap<>();
        if (o instanceof Map<?, ?> m) {
            m.forEach((k, v) -> opts.put(String.valueOf(k), v));
        } else if (o != null) {
            throw new IllegalArgumentException("register options must be an object/dict, got " + Convert.describe(o));
        }
        PluginFactory<?> f = ScriptPlugins.factory(kind, name, def, opts, state);
        if (registry().find(kind, name).isPresent()) {
            if (!state.registered().contains(kind.label() + ":" + name)) {
                throw new IllegalArgumentException(article(kind.label()) + " named '" + name
                        + "' already exists; choose another name");
            }
            registry().unregister(kind, name);
        }
        registry().register(kind, f, SCRIPT);
        state.registered().add(kind.label() + ":" + name);
        return name;
    }

    /**
     * Removes a plugin this script registered; true when it did. A plugin the script did not register (a built-in
     * one, a jar's) is refused with a message: a review found {@code unregister("router", "paper")} returning false
     * unnoticed. A name that is no plugin at all gives false (cleanup code may remove what it may not have made).
     */
    @HostAccess.Export
    public boolean unregister(String kind, String name) {
        PluginKind k = PluginKind.parse(kind);
        if (!state.registered().remove(k.label() + ":" + name)) {
            var other = registry().find(k, name);
            if (other.isPresent()) {
                throw new IllegalArgumentException("unregister: " + k.label() + " '" + name + "' was not registered "
                        + "by this script (" + registry().origin(other.get()).source() + "); a script can remove only "
                        + "the plugins it registered");
            }
            return false;
        }
        return registry().unregister(k, name);
    }

    // ------------------------------------------------------------------ runs

    /**
     * Runs an experiment: {@code {tasks, experts, router, M, T, rng}} (as {@code moecl run}; any may be a list,
     * which sweeps) plus {@code seed}, {@code seeds} (a count n for 1..n, "A..B", or a list), {@code threads},
     * {@code theory}, {@code name}, {@code save}; or the same as one spec string {@code "M=5 T=500"}.
     */
    @HostAccess.Export
    public Object run(Value spec) {
        return runs.run(spec);
    }

    /** {@code sweep(spec, grid)}: the spec with each grid key taking every listed value (cartesian product). */
    @HostAccess.Export
    public Object sweep(Value spec, Value grid) {
        return runs.sweep(spec, grid);
    }

    /** The paper's experiments ({@code fig2}, {@code fig45}) with options seed/seeds, T, rng, repeats, quirk, ... */
    @HostAccess.Export
    public Object repro(String name, Value options) {
        return runs.repro(name, options);
    }

    // ------------------------------------------------------------------ theory

    /**
     * Closed-form expectations for one expert on a generator's world ({@code {tasks, T, seed}}): uniform arrivals
     * and the world's own arrival order. Returns {@code t, G_uniform, F_uniform, G_fixed, F_fixed, r, S, D,
     * limitG, limitF, note}. For the MoE overlay given a run's routing use {@code run({..., theory: true})}.
     */
    @HostAccess.Export
    public Object theory(Value spec) {
        return runs.theory(spec);
    }

    // ------------------------------------------------------------------ statistics, output

    /** Per-round mean, standard deviation and standard error over equally long arrays: {@code {mean, sd, se, n}}. */
    @HostAccess.Export
    public Object average(Value arrays) {
        return ScriptOutputs.average(arrays);
    }

    /**
     * A line chart as PNG or SVG (by the file's extension): {@code {file, title?, xLabel?, yLabel?, logX?, logY?,
     * width?, height?, series: [{name, x?, y}]}}. Returns the written path.
     */
    @HostAccess.Export
    public String plot(Value options) {
        return outputs.plot(options);
    }

    /**
     * Writes a CSV file: {@code table} is either columns ({@code {t: [...], F: [...]}}) or a list of row records
     * ({@code [{M: 1, F: 0.3}, ...]}). Returns the written path.
     */
    @HostAccess.Export
    public String writeCsv(String path, Value table) {
        return outputs.writeCsv(path, table);
    }

    // fixed arities first: with one argument GraalVM would spread a guest array into the varargs (log([1, 2])
    // printed "1 2")
    @HostAccess.Export
    public void log() {
        log(new Value[0]);
    }

    @HostAccess.Export
    public void log(Value a) {
        log(new Value[] {a});
    }

    @HostAccess.Export
    public void log(Value a, Value b) {
        log(new Value[] {a, b});
    }

    @HostAccess.Export
    public void log(Value a, Value b, Value c) {
        log(new Value[] {a, b, c});
    }

    /** Prints its arguments, separated by spaces, on the session's output. */
    @HostAccess.Export
    public void log(Value... args) {
        StringBuilder sb = new StringBuilder();
        for (Value a : args) {
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            // host values and lists as the script would write them ([1, 2], {F: 0.1}), not as Java or GraalJS
            // show them (ProxyArray$2@1a2b, (2)[1, 2])
            sb.append(a.isString() ? a.asString() : a.isHostObject() || a.isProxyObject() ? Convert.display(a)
                    : a.hasArrayElements() ? Convert.display(a.isHostObject() ? a : Convert.toJava(a))
                    : a.toString());
        }
        out().println(sb);
        out().flush();
    }

    /**
     * A finished run folder read back, read-only: the same {@code {runs, folder, table, notes, metrics, settings}}
     * as {@link #run} returns (each run with its per-round columns and final metrics; {@code table} one row per
     * setting). {@code folder} is a path (as {@code res.folder}) or a folder name under the runs folder.
     */
    @HostAccess.Export
    public Object load(String folder) {
        return runs.load(folder);
    }

    /** Internal: the Python prelude notes the calling line before each call, for error messages. */
    @HostAccess.Export
    public void _where(String file, int line) {
        state.whereFile = file;
        state.whereLine = line;
    }

    /** The moecl version. */
    @HostAccess.Export
    public String version() {
        return moecl.workbench.Manifest.version();
    }

    @HostAccess.Export
    @Override
    public String toString() {
        return "moecl (run, sweep, repro, load, theory, plot, writeCsv, log, param, params, seed, plugins, describe, "
                + "registerRouter, registerExpert, registerGenerator, unregister, average, linalg)";
    }

    /** {@code "a router"}, {@code "an expert"}: the word with its article. */
    static String article(String word) {
        return ("aeiou".indexOf(Character.toLowerCase(word.charAt(0))) >= 0 ? "an " : "a ") + word;
    }
}
