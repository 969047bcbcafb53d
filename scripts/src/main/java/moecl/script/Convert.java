package moecl.script;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.Proxy;
import org.graalvm.polyglot.proxy.ProxyArray;

import moecl.plugin.Params;

/**
 * Conversions between guest values (JavaScript objects and arrays, Python dicts and lists) and plain Java values,
 * and from Java results to proxies every guest language reads natively.
 */
final class Convert {

    private Convert() {
    }

    /**
     * A guest value as plain Java: null, Boolean, Long (integral numbers), Double, String, List, LinkedHashMap
     * (Python dicts and JavaScript objects), the host object itself, or the Value (functions, other objects).
     */
    static Object toJava(Value v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isNumber()) {
            if (v.fitsInLong()) {
                return v.asLong();
            }
            return v.asDouble();
        }
        if (v.isString()) {
            return v.asString();
        }
        if (v.isHostObject()) {
            return v.asHostObject();
        }
        if (v.isProxyObject()) {
            Proxy p = v.asProxyObject();
            if (p instanceof GuestMap g) {
                Map<String, Object> m = new LinkedHashMap<>();
                g.entries().forEach((k, x) -> m.put(k, x instanceof Value xv ? toJava(xv) : unproxy(x)));
                return m;
            }
            return unproxy(p);
        }
        if (v.hasArrayElements()) {
            Mat wrapped = pythonArray(v);
            if (wrapped != null) {
                return wrapped;
            }
            List<Object> out = new ArrayList<>();
            for (long i = 0; i < v.getArraySize(); i++) {
                out.add(toJava(v.getArrayElement(i)));
            }
            return out;
        }
        if (v.hasHashEntries()) {
            Map<String, Object> m = new LinkedHashMap<>();
            Value it = v.getHashEntriesIterator();
            while (it.hasIteratorNextElement()) {
                Value e = it.getIteratorNextElement();
                Value k = e.getArrayElement(0);
                m.put(k.isString() ? k.asString() : k.toString(), toJava(e.getArrayElement(1)));
            }
            return m;
        }
        if (v.canExecute() || v.canInstantiate()) {
            return v;
        }
        if (v.hasMembers() && !v.isMetaObject()) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (String k : v.getMemberKeys()) {
                Value x = v.getMember(k);
                if (x != null && !x.canExecute()) {
                    m.put(k, toJava(x));
                }
            }
            return m;
        }
        return v;
    }

    /** The host array inside a Python {@code moecl.linalg} array (the prelude's ndarray), or null. */
    static Mat pythonArray(Value v) {
        try {
            if (v.hasMembers() && v.hasMember("_h")) {
                Value h = v.getMember("_h");
                if (h != null && h.isHostObject() && h.asHostObject() instanceof Mat m) {
                    return m;
                }
            }
        } catch (RuntimeException ignored) {
            // not one
        }
        return null;
    }

    private static Object unproxy(Object p) {
        if (p instanceof DoubleArray d) {
            List<Object> out = new ArrayList<>();
            for (double x : d.values) {
                out.add(d.integers ? (Object) (long) x : (Object) x);
            }
            return out;
        }
        if (p instanceof ProxyArray a) {
            List<Object> out = new ArrayList<>();
            for (long i = 0; i < a.getSize(); i++) {
                Object x = a.get(i);
                out.add(x instanceof Value xv ? toJava(xv) : x);
            }
            return out;
        }
        return p;
    }

    /** A Java result as a guest-friendly value: maps become {@link GuestMap}s, lists and arrays proxies. */
    static Object toGuest(Object v) {
        return switch (v) {
            case null -> null;
            case GuestMap g -> g;
            case Proxy p -> p;
            case Value x -> x;
            case Map<?, ?> m -> {
                Map<String, Object> s = new LinkedHashMap<>();
                m.forEach((k, x) -> s.put(String.valueOf(k), x));
                yield new GuestMap(s);
            }
            case List<?> l -> new ListProxy(new ArrayList<>(l.stream().map(Convert::toGuest).toList()));
            case double[] d -> new DoubleArray(d);
            case int[] a -> new DoubleArray(Arrays.stream(a).asDoubleStream().toArray(), true);
            case long[] a -> new ListProxy(new ArrayList<>(Arrays.stream(a).boxed().map(x -> (Object) x).toList()));
            case boolean[] b -> {
                List<Object> out = new ArrayList<>();
                for (boolean x : b) {
                    out.add(x);
                }
                yield new ListProxy(out);
            }
            case double[][] m -> new ListProxy(new ArrayList<>(Arrays.stream(m).map(Convert::toGuest).toList()));
            case long[][] m -> new ListProxy(new ArrayList<>(Arrays.stream(m).map(Convert::toGuest).toList()));
            case Object[] a -> new ListProxy(new ArrayList<>(Arrays.stream(a).map(Convert::toGuest).toList()));
            case Params p -> toGuest(p.asMap());
            case Params.Choice c -> c.toSpecText();
            default -> v;
        };
    }

    /** Lists longer than this print shortened: the first and last {@link #EDGE} values. */
    static final int SHOW = 100;
    static final int EDGE = 5;

    /**
     * A value as scripts should see it printed: numbers as written ({@code 0.25}, {@code 3}), strings quoted inside
     * lists and records, lists as {@code [1, 2, 3]} (long ones shortened, with their length), records as
     * {@code {F: 0.1, G: 0.2}}.
     */
    static String display(Object v) {
        StringBuilder sb = new StringBuilder();
        display(sb, v, false, 0, FULL);
        return sb.toString();
    }

    /**
     * A value echoed at the REPL's prompt ({@code :js}, {@code :py}): as {@link #display}, but inside lists and
     * records long lists show their ends only and long texts their start, so that a run's result (every per-round
     * array, its table) fits in a few lines. {@code print(...)} still shows values in full.
     */
    static String displayCompact(Object v) {
        StringBuilder sb = new StringBuilder();
        display(sb, v, false, 0, COMPACT);
        return sb.toString();
    }

    /** How much of a nested value {@link #display} shows: list lengths, ends kept, characters of nested texts. */
    private record Limits(int show, int edge, int text) {
    }

    private static final Limits FULL = new Limits(SHOW, EDGE, Integer.MAX_VALUE);
    private static final Limits COMPACT = new Limits(12, 3, 120);

    private static String text(String s, boolean nested, Limits lim) {
        if (!nested || s.length() <= lim.text()) {
            return s;
        }
        return s.substring(0, lim.text() / 2).replace('\n', ' ') + "… (" + s.length() + " characters)";
    }

    private static void display(StringBuilder sb, Object v, boolean quote, int depth, Limits lim) {
        if (depth > 8) {
            sb.append("...");
            return;
        }
        switch (v) {
            case null -> sb.append("null");
            case String s -> sb.append(quote ? "'" + text(s, depth > 0, lim) + "'" : s);
            case Double d -> sb.append(number(d));
            case Float f -> sb.append(number(f));
            case Number n -> sb.append(n);
            case DoubleArray d -> {
                List<Object> l = new ArrayList<>();
                for (int i = 0; i < d.values.length; i++) {
                    l.add(d.get(i));
                }
                list(sb, l, depth, lim);
            }
            case ListProxy l -> list(sb, l.values, depth, lim);
            case List<?> l -> list(sb, l, depth, lim);
            case GuestMap g -> map(sb, g.entries(), depth, lim);
            case Map<?, ?> m -> map(sb, m, depth, lim);
            case Value x -> {
                Mat py = x.hasArrayElements() && !x.isHostObject() ? pythonArray(x) : null;
                if (py != null) {
                    sb.append(py);
                } else if (x.isHostObject()) {
                    display(sb, x.asHostObject(), quote, depth, lim);
                } else if (x.isProxyObject()) {
                    display(sb, x.asProxyObject(), quote, depth, lim);
                } else if (x.isString()) {
                    sb.append(quote ? "'" + text(x.asString(), depth > 0, lim) + "'" : x.asString());
                } else if (x.isNumber() && x.fitsInDouble() && !x.fitsInLong()) {
                    sb.append(number(x.asDouble()));
                } else {
                    sb.append(x);
                }
            }
            default -> sb.append(text(String.valueOf(v), depth > 0, lim));
        }
    }

    private static void list(StringBuilder sb, List<?> l, int depth, Limits lim) {
        sb.append('[');
        int n = l.size();
        boolean shorten = n > (depth > 0 ? lim.show() : SHOW);
        int edge = depth > 0 ? lim.edge() : EDGE;
        for (int i = 0; i < n; i++) {
            if (shorten && i == edge) {
                sb.append(", ...");
                i = n - edge - 1;
                continue;
            }
            if (i > 0) {
                sb.append(", ");
            }
            display(sb, l.get(i), true, depth + 1, lim);
        }
        sb.append(']');
        if (shorten) {
            sb.append(" (").append(n).append(" values)");
        }
    }

    private static void map(StringBuilder sb, Map<?, ?> m, int depth, Limits lim) {
        sb.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!first) {
                sb.append(", ");
            }
            first = false;
            sb.append(e.getKey()).append(": ");
            display(sb, e.getValue(), true, depth + 1, lim);
        }
        sb.append('}');
    }

    /** The shortest text that reads back as the same double: {@code 0.1}, {@code 2.0}, {@code 1.5e-07}. */
    static String number(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        String s = Double.toString(d);
        int e = s.indexOf('E');
        if (e < 0) {
            return s;
        }
        String mant = s.substring(0, e);
        if (mant.endsWith(".0")) {
            mant = mant.substring(0, mant.length() - 2);
        }
        String exp = s.substring(e + 1);
        boolean neg = exp.startsWith("-");
        String digits = neg ? exp.substring(1) : exp;
        return mant + "e" + (neg ? "-" : "+") + (digits.length() < 2 ? "0" + digits : digits);
    }

    /** A guest number array (JS array, Python list, host double[] or a 1-column matrix) as double[]. */
    static double[] doubles(Object o, String what) {
        if (o instanceof Value v) {
            o = toJava(v);
        }
        if (o instanceof double[] d) {
            return d;
        }
        if (o instanceof DoubleArray d) {
            return d.values;
        }
        if (o instanceof Mat m) {
            return m.toFlatArray();
        }
        if (o instanceof List<?> l) {
            double[] out = new double[l.size()];
            for (int i = 0; i < out.length; i++) {
                if (!(l.get(i) instanceof Number n)) {
                    throw new IllegalArgumentException(what + " must be a list of numbers; item " + i + " is "
                            + describe(l.get(i)));
                }
                out[i] = n.doubleValue();
            }
            return out;
        }
        throw new IllegalArgumentException(what + " must be a list of numbers, got " + describe(o));
    }

    /** A guest 2-D array (list of rows) or matrix as double[rows][cols]. */
    static double[][] matrix(Object o, String what) {
        if (o instanceof Value v) {
            o = toJava(v);
        }
        if (o instanceof Mat m) {
            return m.toRows();
        }
        if (o instanceof List<?> l) {
            double[][] out = new double[l.size()][];
            for (int i = 0; i < out.length; i++) {
                out[i] = doubles(l.get(i), what + " row " + i);
                if (i > 0 && out[i].length != out[0].length) {
                    throw new IllegalArgumentException(what + ": row " + i + " has " + out[i].length
                            + " entries, row 0 has " + out[0].length);
                }
            }
            return out;
        }
        throw new IllegalArgumentException(what + " must be a list of rows (lists of numbers), got " + describe(o));
    }

    /** Spec text of a guest value: strings as written, numbers, booleans, lists, {name: ..., param: ...} maps. */
    static String specText(Object o) {
        return switch (o) {
            case null -> throw new IllegalArgumentException("missing value");
            case Value v -> specText(toJava(v));
            case String s -> s;
            case Double d -> Params.realText(d).endsWith(".0") ? Long.toString(d.longValue()) : Params.realText(d);
            case Number n -> n.toString();
            case Boolean b -> b.toString();
            case List<?> l -> l.stream().map(Convert::specText).collect(Collectors.joining(", ", "[", "]"));
            case Map<?, ?> m -> {
                Object name = m.get("name");
                if (!(name instanceof String s)) {
                    throw new IllegalArgumentException("a component given as an object needs a 'name', got " + m);
                }
                String args = m.entrySet().stream().filter(e -> !"name".equals(e.getKey()))
                        .map(e -> e.getKey() + "=" + specText(e.getValue())).collect(Collectors.joining(", "));
                yield args.isEmpty() ? s : s + "(" + args + ")";
            }
            default -> String.valueOf(o);
        };
    }

    /** A short description of a value for error messages. */
    static String describe(Object o) {
        if (o == null) {
            return "nothing (null/None/undefined)";
        }
        if (o instanceof Value v) {
            if (v.isNull()) {
                return "nothing (null/None/undefined)";
            }
            String s = v.isString() ? "'" + v.asString() + "'" : v.toString();
            return (s.length() > 60 ? s.substring(0, 57) + "..." : s);
        }
        String s = o instanceof String str ? "'" + str + "'" : String.valueOf(o);
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
