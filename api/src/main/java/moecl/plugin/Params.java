package moecl.plugin;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The resolved parameter values of one component, in declaration order, every default filled in. A component may
 * {@link #resolve resolve} a context-dependent default while it is built (e.g. {@code minRounds = 80 + 3M}) so
 * that the manifest records the value actually used.
 */
@moecl.spi.Stable
public final class Params {

    /** The value of a CHOICE parameter: the chosen variant and its own parameters. */
    public record Choice(String variant, Params params) {
        public String toSpecText() {
            String args = params.toArgsText(); // unresolved computed defaults are left out
            return args.isEmpty() ? variant : variant + "(" + args + ")";
        }
    }

    private final LinkedHashMap<String, Object> values;

    public Params(Map<String, Object> values) {
        this.values = new LinkedHashMap<>(values);
    }

    public static Params empty() {
        return new Params(Map.of());
    }

    /** All defaults of the given declarations (computed defaults stay unset until resolved). */
    public static Params defaults(List<Param> params) {
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        for (Param p : params) {
            m.put(p.name(), p.defaultValue());
        }
        return new Params(m);
    }

    /**
     * A deep copy: the choices' parameters copied too, so that {@link #resolve} on the copy (at any depth) leaves this
     * one as it is.
     */
    public Params copy() {
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        values.forEach((k, v) -> m.put(k, copyValue(v)));
        return new Params(m);
    }

    /** A parameter value that shares nothing mutable with {@code v}. */
    static Object copyValue(Object v) {
        return v instanceof Choice c ? new Choice(c.variant(), c.params().copy()) : v;
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    public Map<String, Object> asMap() {
        return Collections.unmodifiableMap(values);
    }

    public boolean has(String name) {
        return values.get(name) != null;
    }

    public Object get(String name) {
        if (!values.containsKey(name)) {
            throw new IllegalArgumentException("no parameter '" + name + "'; parameters: " + values.keySet());
        }
        return values.get(name);
    }

    public double real(String name) {
        return ((Number) get(name)).doubleValue();
    }

    public long integer(String name) {
        return ((Number) get(name)).longValue();
    }

    public int int32(String name) {
        long v = integer(name);
        if (v != (int) v) {
            throw new IllegalArgumentException(name + "=" + v + " is too large; allowed: at most " + Integer.MAX_VALUE);
        }
        return (int) v;
    }

    public boolean bool(String name) {
        return (Boolean) get(name);
    }

    public String string(String name) {
        return (String) get(name);
    }

    public Choice choice(String name) {
        return (Choice) get(name);
    }

    // ---- typed handles: read a parameter through the Param it was declared with, no name typed twice ------------

    private Object get(Param p, ParamType... types) {
        for (ParamType t : types) {
            if (p.type() == t) {
                return get(p.name());
            }
        }
        throw new IllegalArgumentException("parameter '" + p.name() + "' is declared as " + p.type().label()
                + ", not read as " + types[0].label());
    }

    /**
     * The value of a parameter declared as {@code p} (typically a constant the descriptor also lists:
     * {@code static final Param ETA = Param.real("eta", 0.5).positive();} then {@code params.real(ETA)}).
     */
    public double real(Param p) {
        return ((Number) get(p, ParamType.REAL, ParamType.INT)).doubleValue();
    }

    /** See {@link #real(Param)}. */
    public long integer(Param p) {
        return ((Number) get(p, ParamType.INT)).longValue();
    }

    /** See {@link #real(Param)}; refused beyond the int range. */
    public int int32(Param p) {
        get(p, ParamType.INT);
        return int32(p.name());
    }

    /** See {@link #real(Param)}. */
    public boolean bool(Param p) {
        return (Boolean) get(p, ParamType.BOOLEAN);
    }

    /** See {@link #real(Param)}. */
    public String string(Param p) {
        return (String) get(p, ParamType.STRING);
    }

    /** See {@link #real(Param)}. */
    public Choice choice(Param p) {
        return (Choice) get(p, ParamType.CHOICE);
    }

    @SuppressWarnings("unchecked")
    public List<Double> realList(String name) {
        return ((List<? extends Number>) get(name)).stream().map(Number::doubleValue).toList();
    }

    @SuppressWarnings("unchecked")
    public List<Long> intList(String name) {
        return ((List<? extends Number>) get(name)).stream().map(Number::longValue).toList();
    }

    /** Sets a context-dependent default if the user left it unset; returns the value in force. */
    public Object resolve(String name, Object computedDefault) {
        Object v = values.get(name);
        if (v == null) {
            values.put(name, computedDefault);
            return computedDefault;
        }
        return v;
    }

    /** {@code eta=0.5, lambda=0.3, stop=threshold(gamma=0.318)}; unresolved computed defaults are left out. */
    public String toArgsText() {
        return values.entrySet().stream().filter(e -> e.getValue() != null)
                .map(e -> e.getKey() + "=" + valueText(e.getValue())).collect(Collectors.joining(", "));
    }

    /** Spec text of one parameter value. */
    public static String valueText(Object v) {
        return switch (v) {
            case null -> "none";
            case Choice c -> c.toSpecText();
            case Double d -> realText(d);
            case Float f -> realText(f);
            case String s -> isBareWord(s) ? s : "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            case List<?> l -> l.stream().map(Params::valueText).collect(Collectors.joining(", ", "[", "]"));
            default -> v.toString();
        };
    }

    /** Shortest text that reads back as the same double (Java's {@code Double.toString}), without a needless ".0". */
    public static String realText(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d) + ".0";
        }
        return Double.toString(d);
    }

    private static boolean isBareWord(String s) {
        return s.matches("[A-Za-z_][A-Za-z0-9_.\\-]*") && !s.equals("true") && !s.equals("false");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Params p && p.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return toArgsText();
    }
}
