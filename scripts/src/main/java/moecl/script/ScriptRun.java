package moecl.script;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.graalvm.polyglot.Value;

import moecl.plugin.PluginKind;
import moecl.spec.Suggest;

/** What one script run (or one REPL language session) owns: parameters, registered plugins, folders. */
final class ScriptRun {
    private final ScriptHost host;
    private final String scriptName;
    private final Map<String, String> overrides;
    private final Map<String, Object> declared = new LinkedHashMap<>();
    private final Set<String> registered = new LinkedHashSet<>();
    private final List<Path> folders = new ArrayList<>();
    /** The script line of the latest moecl call from Python (see {@link ScriptContexts#PYTHON_PRELUDE}). */
    String whereFile;
    int whereLine;
    /** The script's name in messages (its path as given), or {@code <js>}/{@code <python>} in the REPL. */
    String sourceName;
    /** Seeds the language's own random numbers ({@code Math.random}, Python's {@code random}). */
    Value reseed;
    /** Whether {@link #reseed} is Python's ({@code random.seed(n)}) rather than JavaScript's (four words). */
    boolean pythonSeed;
    /** Failures of script plugins in this run, with the plugin's own line (newest last). */
    final List<ScriptPlugins.PluginFailure> pluginFailures = new ArrayList<>();

    /** Math.random and random start from this seed; {@code moecl.seed(n)} or a parameter {@code seed} change it. */
    static final long DEFAULT_SEED = 1;

    /**
     * Seeds {@code Math.random} (JavaScript: xoshiro128** from four SplitMix64 words of the seed) or Python's
     * {@code random} ({@code random.seed(seed)}): the same seed gives the same numbers on every run.
     */
    void seed(long seed) {
        if (reseed == null) {
            return;
        }
        if (pythonSeed) {
            reseed.execute(seed);
            return;
        }
        long z = seed;
        int[] w = new int[4];
        for (int i = 0; i < 2; i++) {
            z += 0x9E3779B97F4A7C15L;
            long x = z;
            x = (x ^ (x >>> 30)) * 0xBF58476D1CE4E5B9L;
            x = (x ^ (x >>> 27)) * 0x94D049BB133111EBL;
            x ^= x >>> 31;
            w[2 * i] = (int) x;
            w[2 * i + 1] = (int) (x >>> 32);
        }
        if ((w[0] | w[1] | w[2] | w[3]) == 0) {
            w[0] = 1;
        }
        reseed.execute(w[0], w[1], w[2], w[3]);
    }

    ScriptRun(ScriptHost host, String scriptName, Map<String, String> overrides) {
        this.host = host;
        this.scriptName = scriptName;
        this.overrides = new LinkedHashMap<>(overrides);
    }

    ScriptHost host() {
        return host;
    }

    String scriptName() {
        return scriptName;
    }

    Set<String> registered() {
        return registered;
    }

    List<Path> folders() {
        return folders;
    }

    Map<String, Object> declared() {
        return new LinkedHashMap<>(declared);
    }

    /** The value in force for a declared parameter. */
    Object param(String name, Object def) {
        Object v = overrides.containsKey(name) ? convert(name, overrides.get(name), def) : def;
        declared.put(name, v);
        return v;
    }

    /** Refuses overrides of parameters the script has not declared (called by params() and at the end). */
    void checkOverrides() {
        for (String k : overrides.keySet()) {
            if (!declared.containsKey(k)) {
                throw new IllegalArgumentException("--set " + k + ": the script has no parameter '" + k + "'"
                        + Suggest.didYouMean(k, declared.keySet()) + " (parameters: "
                        + (declared.isEmpty() ? "none" : String.join(", ", declared.keySet())) + ")");
            }
        }
    }

    void checkUnused() {
        // every override was declared (checkOverrides); nothing else to check
    }

    static Object convert(String name, String text, Object def) {
        String t = text.trim();
        try {
            return switch (def) {
                case Long l -> {
                    double d = Double.parseDouble(t);
                    if (d != Math.rint(d) || Math.abs(d) > 9e15) {
                        throw new IllegalArgumentException("--set " + name + "=" + text + ": " + name
                                + " must be an integer");
                    }
                    yield (long) d;
                }
                case Double d -> Double.parseDouble(t);
                case Boolean b -> switch (t) {
                    case "true" -> true;
                    case "false" -> false;
                    default -> throw new IllegalArgumentException("--set " + name + "=" + text + ": " + name
                            + " must be true or false");
                };
                case List<?> l -> {
                    String inner = t.startsWith("[") && t.endsWith("]") ? t.substring(1, t.length() - 1) : t;
                    List<Object> out = new ArrayList<>();
                    for (String part : inner.split(",")) {
                        String p = part.trim();
                        if (p.isEmpty()) {
                            continue;
                        }
                        try {
                            double d = Double.parseDouble(p);
                            out.add(d == Math.rint(d) && !p.contains(".") ? (Object) (long) d : (Object) d);
                        } catch (NumberFormatException e) {
                            out.add(p);
                        }
                    }
                    yield out;
                }
                case null, default -> text;
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--set " + name + "=" + text + ": " + name + " must be a number");
        }
    }

    void unregisterAll() {
        for (String key : registered) {
            int c = key.indexOf(':');
            host.registry().unregister(PluginKind.parse(key.substring(0, c)), key.substring(c + 1));
        }
        registered.clear();
    }
}
