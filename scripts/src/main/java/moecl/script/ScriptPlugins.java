package moecl.script;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.SourceSection;
import org.graalvm.polyglot.Value;

import moecl.expert.LearnReport;
import moecl.plugin.BuildContext;
import moecl.plugin.Param;
import moecl.plugin.Params;
import moecl.plugin.PluginDescriptor;
import moecl.plugin.PluginFactory;
import moecl.plugin.PluginKind;
import moecl.rng.RandomSource;
import moecl.router.Decision;
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
                                    ScriptRun run) {
        if (definition == null || definition.isNull()) {
            throw new IllegalArgumentException("register" + cap(kind.label()) + "('" + name + "', ...): the "
                    + kind.label() + " is missing (got nothing)");
        }
        if (!name.matches("[A-Za-z_][A-Za-z0-9_\\-]*")) {
            throw new IllegalArgumentException("register" + cap(kind.label()) + ": '" + name
                    + "' is not a plugin name (letters, digits, _ and -, starting with a letter)");
        }
        String summary = options.get("summary") instanceof String s ? s
                : MoeclApi.article(kind.label()) + " defined in a script";
        List<Param> params = declareParams(options.get("params"));
        PluginDescriptor d = new PluginDescriptor(kind, name, List.of(), summary, params);
        if (!definition.canInstantiate() && !hasMethod(definition, "create")) {
            checkMethods(kind, name, definition);
        }
        return ScriptFactory.of(d, definition, run);
    }

    /** {@code {eta: 0.5, k: 2, mode: "a"}} → typed parameters with those defaults. */
    private static List<Param> declareParams(Object spec) {
        if (spec == null) {
            return List.of();
        }
        if (!(spec instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("params must be an object of name: default, got "
                    + Convert.describe(spec));
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
    static Value guest(ScriptRun run, java.util.function.Supplier<Value> call) {
        try {
            return call.get();
        } catch (PolyglotException e) {
            if (e.isInterrupted()) {
                // the run's thread was interrupted inside the plugin (Ctrl-C in the REPL): the run is cancelled,
                // not failed (it was recorded as a failure with "Thread was interrupted")
                java.util.concurrent.CancellationException c = new java.util.concurrent.CancellationException(
                        "cancelled");
                c.initCause(e);
                throw c;
            }
            if (e.isCancelled() || e.isExit() || e.isResourceExhausted()) {
                throw e;
            }
            if (e.isHostException() && e.asHostException() instanceof PluginFailure pf) {
                throw pf;
            }
            String where = run == null || run.sourceName == null ? null : ScriptErrors.location(e, run.sourceName);
            if (where != null && !where.matches(".*:\\d+")) {
                where = null;
            }
            String msg;
            if (e.isHostException()) {
                Throwable h = e.asHostException();
                msg = h instanceof IllegalArgumentException || h instanceof java.io.UncheckedIOException
                        || h instanceof SecurityException ? h.getMessage() : ScriptErrors.hostError(h);
            } else {
                msg = e.getMessage();
            }
            msg = ScriptErrors.guestNames(String.valueOf(msg));
            throw record(run, new PluginFailure(where, msg.replace('\n', ' ').strip(), e));
        }
    }

    private static PluginFailure record(ScriptRun run, PluginFailure f) {
        if (run != null) {
            run.pluginFailures.add(f);
        }
        return f;
    }

    /** A wrong value from a plugin method: the message at the line where the method is defined, if known. */
    static PluginFailure wrong(ScriptRun run, Value obj, String method, String message) {
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
    static Value instantiate(PluginDescriptor d, Value def, Object ctxView, ScriptRun run) {
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
}
