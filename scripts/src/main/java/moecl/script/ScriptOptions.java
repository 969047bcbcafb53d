package moecl.script;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.graalvm.polyglot.Value;

import moecl.spec.SpecParser;
import moecl.spec.Words;
import moecl.workbench.RunRequest;

/**
 * How a script's requests are read: a spec string ({@code "M=5 router=paper(eta=0.5)"}, cut into words by
 * {@link Words}) or an object/dict becomes a map of keys to values; {@code seed}/{@code seeds} and integer
 * options are checked here, with the messages the script sees.
 */
final class ScriptOptions {

    private ScriptOptions() {
    }

    static Map<String, Object> specMap(Value spec, String verb) {
        if (spec == null || spec.isNull()) {
            return new LinkedHashMap<>();
        }
        if (spec.isString()) {
            Map<String, Object> m = new LinkedHashMap<>();
            // words as typed: quotes stay, and the spec parser reads them
            for (String word : Words.words(spec.asString(), 0).stream().map(Words.Word::raw).toList()) {
                Words.Assignment kv = Words.assignment(word);
                if (kv == null) {
                    throw new IllegalArgumentException(verb + ": expected KEY=VALUE, got '" + word + "'");
                }
                m.put(kv.key(), kv.value());
            }
            return m;
        }
        Object j = Convert.toJava(spec);
        if (!(j instanceof Map<?, ?> jm)) {
            throw new IllegalArgumentException(verb + ": expected an object/dict or a spec string, got "
                    + Convert.describe(spec));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        jm.forEach((k, v) -> m.put(String.valueOf(k), v));
        return m;
    }

    static List<Long> seeds(Map<String, Object> o) {
        Object seed = o.get("seed");
        Object seeds = o.get("seeds");
        if (seed != null && seeds != null) {
            throw new IllegalArgumentException("give either seed or seeds, not both");
        }
        if (seed != null) {
            if (!(seed instanceof Long l)) {
                throw new IllegalArgumentException("seed must be an integer, got " + Convert.describe(seed));
            }
            return List.of(l);
        }
        if (seeds == null) {
            return List.of(1L);
        }
        if (seeds instanceof Long n) {
            if (n < 1 || n > 100_000) {
                throw new IllegalArgumentException("seeds=" + n
                        + " is out of range; allowed: 1 to 100000 (seeds 1..n)");
            }
            List<Long> out = new ArrayList<>();
            for (long i = 1; i <= n; i++) {
                out.add(i);
            }
            return out;
        }
        if (seeds instanceof List<?> l) {
            List<Long> out = new ArrayList<>();
            for (Object x : l) {
                if (!(x instanceof Long v)) {
                    throw new IllegalArgumentException("seeds must be integers, got " + Convert.describe(x));
                }
                out.add(v);
            }
            if (out.isEmpty()) {
                throw new IllegalArgumentException("seeds is an empty list");
            }
            return out;
        }
        if (seeds instanceof String s) {
            return RunRequest.seeds(null, s);
        }
        throw new IllegalArgumentException("seeds must be a count n (seeds 1..n), \"A..B\" or a list, got "
                + Convert.describe(seeds));
    }

    static int intOption(Map<String, Object> o, String key, int def) {
        Object v = o.get(key);
        if (v == null) {
            return def;
        }
        if (v instanceof String s) {
            return RunRequest.intValue(key, SpecParser.parseValue(s), 1);
        }
        if (!(v instanceof Long l) || l < 1 || l > 100_000_000) {
            throw new IllegalArgumentException(key + " must be an integer from 1 to 100000000, got "
                    + Convert.describe(v));
        }
        return (int) (long) l;
    }
}
