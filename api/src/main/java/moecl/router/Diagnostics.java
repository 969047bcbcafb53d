package moecl.router;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link Router#diagnostics()} may hold, checked: a run records it as JSON, so the values must be JSON's:
 * {@code null}, booleans, numbers, strings, and lists, arrays and maps (with string keys) of them. A router that puts
 * anything else there (an object of its own, say) had failed the whole command with a serialiser's message; the
 * engine now fails that run, naming the entry.
 */
public final class Diagnostics {

    private Diagnostics() {
    }

    /**
     * An unmodifiable copy of {@code diagnostics} with the same entries in the same order (arrays as lists), or an
     * {@link IllegalArgumentException} naming the first entry that is not JSON: {@code diagnostics()["state"][2] is
     * a java.lang.Object; allowed: null, booleans, numbers, strings, and lists, arrays and maps of them}.
     */
    public static Map<String, Object> check(Map<String, Object> diagnostics) {
        if (diagnostics == null) {
            throw new IllegalArgumentException("diagnostics() returned null; return an empty map instead");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> copy = (Map<String, Object>) copy(diagnostics, "diagnostics()", 0);
        return copy;
    }

    /** Nesting deeper than this is refused (a map that contains itself would never end). */
    static final int MAX_DEPTH = 32;

    private static Object copy(Object v, String where, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException(where + " is nested more than " + MAX_DEPTH + " levels deep");
        }
        if (v == null || v instanceof Boolean || v instanceof String || v instanceof Integer || v instanceof Long
                || v instanceof Double || v instanceof Float || v instanceof Short || v instanceof Byte
                || v instanceof java.math.BigInteger || v instanceof java.math.BigDecimal) {
            return v;
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!(e.getKey() instanceof String k)) {
                    throw new IllegalArgumentException(where + " has the key " + e.getKey() + " ("
                            + (e.getKey() == null ? "null" : e.getKey().getClass().getName())
                            + "); map keys must be strings");
                }
                out.put(k, copy(e.getValue(), where + "[\"" + k + "\"]", depth + 1));
            }
            return Collections.unmodifiableMap(out);
        }
        if (v instanceof Iterable<?> it) {
            List<Object> out = new ArrayList<>();
            int i = 0;
            for (Object x : it) {
                out.add(copy(x, where + "[" + i++ + "]", depth + 1));
            }
            return Collections.unmodifiableList(out);
        }
        if (v.getClass().isArray()) {
            int n = Array.getLength(v);
            List<Object> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(copy(Array.get(v, i), where + "[" + i + "]", depth + 1));
            }
            return Collections.unmodifiableList(out);
        }
        throw new IllegalArgumentException(where + " is a " + v.getClass().getName() + "; allowed: null, booleans, "
                + "numbers, strings, and lists, arrays and maps of them");
    }
}
