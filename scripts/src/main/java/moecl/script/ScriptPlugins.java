package moecl.script;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.SourceSection;
import org.graalvm.polyglot.Value;

import moecl.expert.Expert;
import moecl.expert.LearnReport;
import moecl.expert.LinearModel;
import moecl.plugin.BuildContext;
import moecl.plugin.ExpertFactory;
import moecl.plugin.GeneratorFactory;
import moecl.plugin.Param;
import moecl.plugin.Params;
import moecl.plugin.PluginDescriptor;
import moecl.plugin.PluginFactory;
import moecl.plugin.PluginKind;
import moecl.plugin.RouterFactory;
import moecl.rng.RandomSource;
import moecl.router.Decision;
import moecl.router.Router;
import moecl.task.LinearTask;
import moecl.task.Task;
import moecl.task.TaskGenerator;

/**
 * Plugins written in a script: a guest object (or a class, or an object with a {@code create(ctx)} method) that
 * has the contract's methods, wrapped as a {@link PluginFactory} and registered for the session.
 *
 * <ul>
 *   <li>Router: {@code route(task)} → an expert index or {@code {expert, gate?, probs?}}; optional
 *       {@code learn(task, decision, report)}, {@code frozen()}, {@code gateWeights()}.</li>
 *   <li>Expert: {@code learn(task)} → {@code {moved, loss}} or a number (moved); optional {@code weights()} (then
 *       the forgetting/generalization metrics apply).</li>
 *   <li>Generator: {@code dimension}, {@code types}, optional {@code samples} (numbers or methods), {@code next()} →
 *       {@code {type, X (d rows × s columns), y, gateInput?}}; optional {@code groundTruths()}, {@code signals()}.</li>
 * </ul>
 * A class is instantiated, and a {@code create(ctx)} method called, once per run (per expert for experts) with
 * {@code ctx = {M, T, seed, index, dimension, types, params, random}}; a plain object is used as it is (its
 * optional {@code reset(ctx)} is called at the start of each run). Script plugins run on the script's thread only.
 */
public final class ScriptPlugins {

    private ScriptPlugins() {
    }

    static final List<String> ROUTER_REQUIRED = List.of("route");
    static final List<String> EXPERT_REQUIRED = List.of("learn");
    static final List<String> GENERATOR_REQUIRED = List.of("next", "dimension", "types");

    /** The methods a plugin of this kind must have. */
    static List<String> required(PluginKind kind) {
        return switch (kind) {
            case ROUTER -> ROUTER_REQUIRED;
            case EXPERT -> EXPERT_REQUIRED;
            case GENERATOR -> GENERATOR_REQUIRED;
        };
    }

    static String signature(String method) {
        return switch (method) {
            case "route" -> "route(task)";
            case "learn" -> "learn(task, ...)";
            case "next" -> "next()";
            default -> method;
        };
    }

    /** Builds the factory for {@code definition}; checks the methods of a plain object right away. */
    static PluginFactory<?> factory(PluginKind kind, String name, Value definition, Map<String, Object> options,
                                    ScriptHost.Run run) {
        if (definition == null || definition.isNull()) {
            throw new IllegalArgumentException("register" + cap(kind.label()) + "('" + name + "', ...): the "
                    + kind.label() + " is missing (got nothing)");
        }
        if (!name.matches("[A-Za-z_][A-Za-z0-9_\\-]*")) {
            throw new IllegalArgumentException("register" + cap(kind.label()) + ": '" + name
                    + "' is not a plugin name (letters, digits, _ and -, starting with a letter)");
        }
        String summary = options.get("summary") instanceof String s ? s : "a " + kind.label() + " defined in a script";
        List<Param> params = declareParams(options.get("params"));
        PluginDescriptor d = new PluginDescriptor(kind, name, List.of(), summary, params);
        if (!definition.canInstantiate() && !hasMethod(definition, "create")) {
            checkMethods(kind, name, definition);
        }
        return switch (kind) {
            case ROUTER -> new RouterF(d, definition, run);
            case EXPERT -> new ExpertF(d, definition, run);
            case GENERATOR -> new GeneratorF(d, definition, run);
        };
    }

    /** {@code {eta: 0.5, k: 2, mode: "a"}} → typed parameters with those defaults. */
    private static List<Param> declareParams(Object spec) {
        if (spec == null) {
            return List.of();
        }
        if (!(spec instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("params must be an object of name: default, got " + Convert.describe(spec));
        }
        List<Param> out = new java.util.ArrayList<>();
        m.forEach((k, v) -> {
            String n = String.valueOf(k);
            out.add(switch (v) {
                case Long l -> Param.integer(n, l).doc("script parameter");
                case Double x -> Param.real(n, x).doc("script parameter");
                case Boolean b -> Param.bool(n, b).doc("script parameter");
                case String s -> Param.string(n, s).doc("script parameter");
                default -> throw new IllegalArgumentException("parameter '" + n + "': default must be a number, "
                        + "boolean or string, got " + Convert.describe(v));
            });
        });
        return out;
    }

    static boolean hasMethod(Value v, String name) {
        return v.hasMember(name) && v.getMember(name) != null && v.getMember(name).canExecute();
    }

    static void checkMethods(PluginKind kind, String name, Value obj) {
        for (String m : required(kind)) {
            boolean ok = kind == PluginKind.GENERATOR && !m.equals("next") ? obj.hasMember(m) : hasMethod(obj, m);
            if (!ok) {
                throw new IllegalArgumentException("script " + kind.label() + " '" + name + "' has no method "
                        + signature(m) + " (a " + kind.label() + " needs: "
                        + String.join(", ", required(kind).stream().map(ScriptPlugins::signature).toList()) + ")");
            }
        }
    }

    private static String cap(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /**
     * A script plugin failed: its message, and {@code where} ({@code FILE:LINE} of the plugin's code that failed, or
     * of the method that returned a wrong value), which the host puts first instead of the {@code moecl.run} line.
     */
    static final class PluginFailure extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        final String where;

        PluginFailure(String where, String message, Throwable cause) {
            super(message, cause);
            this.where = where;
        }
    }

    /** Calls into the plugin's code; an error there becomes a {@link PluginFailure} at the guest's line. */
    static Value guest(ScriptHost.Run run, java.util.function.Supplier<Value> call) {
        try {
            return call.get();
        } catch (PolyglotException e) {
            if (e.isCancelled() || e.isExit() || e.isInterrupted() || e.isResourceExhausted()) {
                throw e;
            }
            if (e.isHostException() && e.asHostException() instanceof PluginFailure pf) {
                throw pf;
            }
            String where = run == null || run.sourceName == null ? null : ScriptHost.location(e, run.sourceName);
            if (where != null && !where.matches(".*:\\d+")) {
                where = null;
            }
            String msg;
            if (e.isHostException()) {
                Throwable h = e.asHostException();
                msg = h instanceof IllegalArgumentException || h instanceof java.io.UncheckedIOException
                        || h instanceof SecurityException ? h.getMessage() : ScriptHost.hostError(h);
            } else {
                msg = e.getMessage();
            }
            msg = ScriptHost.guestNames(String.valueOf(msg));
            throw record(run, new PluginFailure(where, msg.replace('\n', ' ').strip(), e));
        }
    }

    private static PluginFailure record(ScriptHost.Run run, PluginFailure f) {
        if (run != null) {
            run.pluginFailures.add(f);
        }
        return f;
    }

    /** A wrong value from a plugin method: the message at the line where the method is defined, if known. */
    static PluginFailure wrong(ScriptHost.Run run, Value obj, String method, String message) {
        String where = null;
        try {
            Value fn = obj == null ? null : obj.getMember(method);
            SourceSection ss = fn == null ? null : fn.getSourceLocation();
            if (ss != null && ss.isAvailable()) {
                where = ss.getSource().getName() + ":" + ss.getStartLine();
            }
        } catch (RuntimeException ignored) {
            // no location
        }
        return record(run, new PluginFailure(where, message, null));
    }

    /** Makes the run's instance: a new instance of a class, {@code create(ctx)}, or the object itself. */
    static Value instantiate(PluginDescriptor d, Value def, Object ctxView, ScriptHost.Run run) {
        Value obj;
        if (def.canInstantiate()) {
            obj = guest(run, () -> def.newInstance(ctxView));
        } else if (hasMethod(def, "create")) {
            obj = guest(run, () -> def.invokeMember("create", ctxView));
        } else {
            obj = def;
            if (hasMethod(def, "reset")) {
                guest(run, () -> def.invokeMember("reset", ctxView));
            }
        }
        if (obj == null || obj.isNull()) {
            throw wrong(run, def, "create", "script " + d.kind().label() + " '" + d.name()
                    + "': create(ctx) returned nothing; it must return the " + d.kind().label() + " object");
        }
        checkMethods(d.kind(), d.name(), obj);
        return obj;
    }

    static GuestMap context(PluginDescriptor d, Params p, BuildContext ctx, RandomSource random) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("M", ctx.experts());
        m.put("T", ctx.rounds());
        m.put("seed", ctx.seed());
        m.put("index", ctx.expertIndex());
        TaskGenerator g = ctx.generator();
        m.put("dimension", g == null ? null : g.dimension());
        m.put("types", g == null ? null : g.types());
        m.put("params", p.asMap());
        m.put("random", new RandomView(random));
        return new GuestMap(m);
    }

    /** A seeded random stream for a script plugin: {@code normal()}, {@code uniform()}, {@code int(n)}. */
    public static final class RandomView {
        private final RandomSource r;

        RandomView(RandomSource r) {
            this.r = r;
        }

        @HostAccess.Export
        public double normal() {
            return r.nextGaussian();
        }

        @HostAccess.Export
        public double uniform() {
            return r.nextDouble();
        }

        @HostAccess.Export
        public int integer(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("random.integer(n) needs n >= 1, got " + n);
            }
            return r.nextInt(n);
        }
    }

    /**
     * What a script plugin sees of a task: {@code round}, {@code type} (hidden n_t: metrics and oracles only),
     * {@code gateInput} (x̄_t), and for linear tasks {@code d}, {@code s}, {@code X()} (d×s matrix),
     * {@code y()} (vector), {@code gate()} (x̄_t as a vector).
     */
    public static final class TaskView {
        @HostAccess.Export
        public final int round;
        @HostAccess.Export
        public final int type;
        @HostAccess.Export
        public final Object gateInput;
        @HostAccess.Export
        public final int d;
        @HostAccess.Export
        public final int s;
        final Task task;

        TaskView(Task task) {
            this.task = task;
            this.round = task.round();
            this.type = task.type();
            this.gateInput = new Convert.DoubleArray(task.gateInput());
            if (task instanceof LinearTask lt) {
                this.d = lt.d();
                this.s = lt.s();
            } else {
                this.d = task.gateInput().length;
                this.s = 0;
            }
        }

        private LinearTask linear(String what) {
            if (task instanceof LinearTask lt) {
                return lt;
            }
            throw new IllegalArgumentException("task." + what + "(): not a linear task");
        }

        @HostAccess.Export
        public Linalg.Mat X() {
            LinearTask lt = linear("X");
            return Linalg.Mat.columnMajor(lt.x(), lt.d(), lt.s());
        }

        @HostAccess.Export
        public Linalg.Mat y() {
            return Linalg.Mat.column(linear("y").y());
        }

        @HostAccess.Export
        public Linalg.Mat gate() {
            return Linalg.Mat.column(task.gateInput());
        }

        @HostAccess.Export
        @Override
        public String toString() {
            return "Task(round=" + round + ", d=" + d + ", s=" + s + ")";
        }
    }

    static GuestMap decisionView(Decision d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("expert", d.expert());
        m.put("gate", d.gate());
        m.put("noisy", d.noisy());
        m.put("probs", d.probs());
        return new GuestMap(m);
    }

    static GuestMap reportView(LearnReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("moved", r.moved());
        m.put("loss", r.loss());
        return new GuestMap(m);
    }

    static String where(PluginDescriptor d, String method) {
        return "script " + d.kind().label() + " '" + d.name() + "': " + method;
    }

    // ---------------------------------------------------------------- routers

    static final class RouterF implements RouterFactory {
        private final PluginDescriptor d;
        private final Value def;
        private final ScriptHost.Run run;

        RouterF(PluginDescriptor d, Value def, ScriptHost.Run run) {
            this.d = d;
            this.def = def;
            this.run = run;
        }

        @Override
        public PluginDescriptor descriptor() {
            return d;
        }

        @Override
        public Router create(Params params, BuildContext ctx) {
            Value obj = instantiate(d, def, context(d, params, ctx, ctx.stream("router")), run);
            return new ScriptRouter(d, obj, ctx.experts(), run);
        }
    }

    static final class ScriptRouter implements Router {
        private final PluginDescriptor d;
        private final Value obj;
        private final int m;
        private final Value learn;
        private final boolean hasFrozen;
        private final ScriptHost.Run run;

        ScriptRouter(PluginDescriptor d, Value obj, int m, ScriptHost.Run run) {
            this.d = d;
            this.obj = obj;
            this.m = m;
            this.run = run;
            this.learn = hasMethod(obj, "learn") ? obj.getMember("learn") : null;
            this.hasFrozen = obj.hasMember("frozen");
        }

        @Override
        public Decision route(Task task) {
            Value r = guest(run, () -> obj.invokeMember("route", new TaskView(task)));
            return decision(r);
        }

        private Decision decision(Value r) {
            String shape = "must return an expert index (an integer 0.." + (m - 1) + ") or {expert: i, gate?, probs?}";
            if (r != null && r.isNumber()) {
                return Decision.of(index(r, shape));
            }
            if (r != null && (r.hasMembers() || r.hasHashEntries()) && !r.isNull()) {
                Object j = Convert.toJava(r);
                if (j instanceof Map<?, ?> map && map.get("expert") instanceof Number) {
                    int e = index(Value.asValue(map.get("expert")), shape);
                    double[] gate = map.get("gate") == null ? null : Convert.doubles(map.get("gate"), "route: gate");
                    double[] probs = map.get("probs") == null ? null : Convert.doubles(map.get("probs"), "route: probs");
                    return Decision.of(e, gate, gate, probs);
                }
            }
            throw wrong(run, obj, "route", where(d, "route(task) ") + shape + ", got " + Convert.describe(r));
        }

        private int index(Value v, String shape) {
            if (!v.fitsInInt() || v.asInt() < 0 || v.asInt() >= m) {
                throw wrong(run, obj, "route", where(d, "route(task) ") + shape + ", got " + v);
            }
            return v.asInt();
        }

        @Override
        public void learn(Task task, Decision decision, LearnReport report) {
            if (learn != null) {
                guest(run, () -> learn.execute(new TaskView(task), decisionView(decision), reportView(report)));
            }
        }

        @Override
        public boolean frozen() {
            if (!hasFrozen) {
                return false;
            }
            Value f = obj.getMember("frozen");
            if (f.canExecute()) {
                f = guest(run, () -> obj.invokeMember("frozen"));
            }
            if (!f.isBoolean()) {
                throw wrong(run, obj, "frozen", where(d, "frozen() must return true or false, got ") + f);
            }
            return f.asBoolean();
        }

        @Override
        public double[][] gateWeights() {
            if (!hasMethod(obj, "gateWeights")) {
                return null;
            }
            Value w = guest(run, () -> obj.invokeMember("gateWeights"));
            return w.isNull() ? null : Convert.matrix(w, where(d, "gateWeights()"));
        }
    }

    // ---------------------------------------------------------------- experts

    static final class ExpertF implements ExpertFactory {
        private final PluginDescriptor d;
        private final Value def;
        private final ScriptHost.Run run;

        ExpertF(PluginDescriptor d, Value def, ScriptHost.Run run) {
            this.d = d;
            this.def = def;
            this.run = run;
        }

        @Override
        public PluginDescriptor descriptor() {
            return d;
        }

        @Override
        public Expert create(Params params, BuildContext ctx) {
            Value obj = instantiate(d, def, context(d, params, ctx, ctx.stream("expert." + ctx.expertIndex())), run);
            return hasMethod(obj, "weights") ? new ScriptLinearExpert(d, obj, run) : new ScriptExpert(d, obj, run);
        }
    }

    static class ScriptExpert implements Expert, moecl.expert.Snapshots {
        final PluginDescriptor d;
        final Value obj;
        final ScriptHost.Run run;

        ScriptExpert(PluginDescriptor d, Value obj, ScriptHost.Run run) {
            this.d = d;
            this.obj = obj;
            this.run = run;
        }

        @Override
        public LearnReport learn(Task task) {
            Value r = guest(run, () -> obj.invokeMember("learn", new TaskView(task)));
            if (r != null && r.isNumber()) {
                return new LearnReport(r.asDouble(), 0);
            }
            if (r != null && !r.isNull() && (r.hasMembers() || r.hasHashEntries())
                    && Convert.toJava(r) instanceof Map<?, ?> map && map.get("moved") instanceof Number mv) {
                double loss = map.get("loss") instanceof Number l ? l.doubleValue() : 0;
                return new LearnReport(mv.doubleValue(), loss);
            }
            throw wrong(run, obj, "learn", where(d, "learn(task) must return {moved, loss} or a number (how far "
                    + "the expert moved), got ") + Convert.describe(r));
        }

        @Override
        public Object snapshot() {
            if (!hasMethod(obj, "snapshot")) {
                throw new UnsupportedOperationException(where(d, "has no method snapshot()"));
            }
            return guest(run, () -> obj.invokeMember("snapshot"));
        }

        @Override
        public void restore(Object snapshot) {
            if (!hasMethod(obj, "restore")) {
                throw new UnsupportedOperationException(where(d, "has no method restore(state)"));
            }
            guest(run, () -> obj.invokeMember("restore", snapshot));
        }
    }

    static final class ScriptLinearExpert extends ScriptExpert implements LinearModel {
        ScriptLinearExpert(PluginDescriptor d, Value obj, ScriptHost.Run run) {
            super(d, obj, run);
        }

        @Override
        public double[] weights() {
            return Convert.doubles(guest(run, () -> obj.invokeMember("weights")), where(d, "weights()"));
        }
    }

    // ---------------------------------------------------------------- generators

    static final class GeneratorF implements GeneratorFactory {
        private final PluginDescriptor d;
        private final Value def;
        private final ScriptHost.Run run;

        GeneratorF(PluginDescriptor d, Value def, ScriptHost.Run run) {
            this.d = d;
            this.def = def;
            this.run = run;
        }

        @Override
        public PluginDescriptor descriptor() {
            return d;
        }

        @Override
        public TaskGenerator create(Params params, BuildContext ctx) {
            RandomSource r = ctx.stream("tasks");
            return new ScriptGenerator(this, params, ctx, instantiate(d, def, context(d, params, ctx, r), run));
        }
    }

    static final class ScriptGenerator implements TaskGenerator, moecl.task.LinearWorld, moecl.task.TypeSignals {
        private final GeneratorF f;
        private final Params params;
        private final BuildContext ctx;
        private final Value obj;
        private final int dimension;
        private final int types;
        private int round;

        ScriptGenerator(GeneratorF f, Params params, BuildContext ctx, Value obj) {
            this.f = f;
            this.params = params;
            this.ctx = ctx;
            this.obj = obj;
            this.dimension = intMember("dimension");
            this.types = intMember("types");
        }

        private int intMember(String name) {
            Value v = obj.getMember(name);
            if (v.canExecute()) {
                v = guest(f.run, () -> obj.invokeMember(name));
            }
            if (!v.fitsInInt() || v.asInt() < 1) {
                throw new IllegalArgumentException(where(f.d, name + " must be a positive integer, got ") + v);
            }
            return v.asInt();
        }

        @Override
        public int dimension() {
            return dimension;
        }

        @Override
        public int types() {
            return types;
        }

        @Override
        public Task next() {
            round++;
            Value r = guest(f.run, () -> obj.invokeMember("next"));
            String shape = "next() must return {type, X (d rows × s columns), y, gateInput?}";
            if (r == null || r.isNull() || !(Convert.toJava(r) instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException(where(f.d, shape + ", got ") + Convert.describe(r));
            }
            if (!(map.get("type") instanceof Number tn) || tn.intValue() < 0 || tn.intValue() >= types) {
                throw new IllegalArgumentException(where(f.d, shape + "; type must be an integer 0.." + (types - 1)
                        + ", got ") + Convert.describe(map.get("type")));
            }
            double[][] x = Convert.matrix(map.get("X"), where(f.d, "next(): X"));
            double[] y = Convert.doubles(map.get("y"), where(f.d, "next(): y"));
            int dd = x.length;
            int s = dd == 0 ? 0 : x[0].length;
            if (dd != dimension || y.length != s) {
                throw new IllegalArgumentException(where(f.d, "next(): X must be " + dimension + "×s and y of length s, got X "
                        + dd + "×" + s + " and y of length " + y.length));
            }
            double[] cm = new double[dd * s];
            for (int j = 0; j < s; j++) {
                for (int i = 0; i < dd; i++) {
                    cm[j * dd + i] = x[i][j];
                }
            }
            if (map.get("gateInput") != null) {
                double[] g = Convert.doubles(map.get("gateInput"), where(f.d, "next(): gateInput"));
                return new LinearTask(round, tn.intValue(), dd, s, cm, y, g);
            }
            return LinearTask.of(round, tn.intValue(), dd, s, cm, y);
        }

        @Override
        public TaskGenerator restart(RandomSource perRound) {
            return new ScriptGenerator(f, params, ctx,
                    instantiate(f.d, f.def, context(f.d, params, ctx, perRound), f.run));
        }

        @Override
        public int samplesPerTask() {
            return obj.hasMember("samples") ? intMember("samples") : 0;
        }

        @Override
        public double[][] groundTruths() {
            return optionalMatrix("groundTruths");
        }

        @Override
        public double[][] signals() {
            return optionalMatrix("signals");
        }

        private double[][] optionalMatrix(String name) {
            if (!hasMethod(obj, name)) {
                return null;
            }
            Value v = guest(f.run, () -> obj.invokeMember(name));
            return v.isNull() ? null : Convert.matrix(v, where(f.d, name + "()"));
        }
    }
}
