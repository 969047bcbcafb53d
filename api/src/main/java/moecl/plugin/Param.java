package moecl.plugin;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A typed, documented parameter of a plugin. Help, completion, validation, the manifest and generated docs all
 * come from these declarations, so a plugin states each parameter once, beside the code that uses it.
 *
 * <p>Values are held as {@code Long} (INT), {@code Double} (REAL), {@code Boolean}, {@code String},
 * {@link Params.Choice} (CHOICE), {@code List<Long>} or {@code List<Double>}.
 *
 * @param name         the key written in a spec
 * @param type         the value type
 * @param defaultValue the default, or {@code null} when it depends on the context (see {@code defaultNote})
 * @param defaultNote  how a context-dependent default is computed (e.g. {@code "80 + 3M"}), or {@code null}
 * @param min          the smallest allowed value (numbers, list items), or {@code -inf}
 * @param minInclusive whether {@code min} itself is allowed
 * @param max          the largest allowed value, or {@code +inf}
 * @param maxInclusive whether {@code max} itself is allowed
 * @param variants     the variants of a CHOICE parameter, empty otherwise
 * @param doc          one sentence for help and hints
 */
@moecl.spi.Stable
public record Param(String name, ParamType type, Object defaultValue, String defaultNote, double min,
                    boolean minInclusive, double max, boolean maxInclusive, List<Variant> variants, String doc) {

    public Param {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        variants = List.copyOf(variants);
        doc = doc == null ? "" : doc;
    }

    // ---- builders: Param.real("eta", 0.5).positive().doc("...") ----

    public static Param integer(String name, long def) {
        return new Param(name, ParamType.INT, def, null, Double.NEGATIVE_INFINITY, true, Double.POSITIVE_INFINITY,
                true, List.of(), "");
    }

    public static Param real(String name, double def) {
        return new Param(name, ParamType.REAL, def, null, Double.NEGATIVE_INFINITY, true, Double.POSITIVE_INFINITY,
                true, List.of(), "");
    }

    public static Param bool(String name, boolean def) {
        return new Param(name, ParamType.BOOLEAN, def, null, Double.NEGATIVE_INFINITY, true,
                Double.POSITIVE_INFINITY, true, List.of(), "");
    }

    public static Param string(String name, String def) {
        return new Param(name, ParamType.STRING, def, null, Double.NEGATIVE_INFINITY, true,
                Double.POSITIVE_INFINITY, true, List.of(), "");
    }

    public static Param intList(String name, List<Long> def) {
        return new Param(name, ParamType.INT_LIST, def, null, Double.NEGATIVE_INFINITY, true,
                Double.POSITIVE_INFINITY, true, List.of(), "");
    }

    public static Param realList(String name, List<Double> def) {
        return new Param(name, ParamType.REAL_LIST, def, null, Double.NEGATIVE_INFINITY, true,
                Double.POSITIVE_INFINITY, true, List.of(), "");
    }

    /** A choice among variants; the default is the variant named {@code def} with its own defaults. */
    public static Param choice(String name, String def, Variant... variants) {
        List<Variant> vs = List.of(variants);
        Variant dv = vs.stream().filter(v -> v.name().equals(def)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("default variant '" + def + "' not among variants"));
        return new Param(name, ParamType.CHOICE, new Params.Choice(dv.name(), Params.defaults(dv.params())), null,
                Double.NEGATIVE_INFINITY, true, Double.POSITIVE_INFINITY, true, vs, "");
    }

    public Param doc(String text) {
        return new Param(name, type, defaultValue, defaultNote, min, minInclusive, max, maxInclusive, variants, text);
    }

    /** Marks the default as computed from the context (e.g. the number of experts); {@code note} says how. */
    public Param computedDefault(String note) {
        return new Param(name, type, null, note, min, minInclusive, max, maxInclusive, variants, doc);
    }

    public Param range(double lo, double hi) {
        return new Param(name, type, defaultValue, defaultNote, lo, true, hi, true, variants, doc);
    }

    public Param min(double lo) {
        return new Param(name, type, defaultValue, defaultNote, lo, true, max, maxInclusive, variants, doc);
    }

    /** Strictly greater than zero. */
    public Param positive() {
        return new Param(name, type, defaultValue, defaultNote, 0, false, max, maxInclusive, variants, doc);
    }

    public Param nonNegative() {
        return min(0);
    }

    public Param max(double hi) {
        return new Param(name, type, defaultValue, defaultNote, min, minInclusive, hi, true, variants, doc);
    }

    public Param maxExclusive(double hi) {
        return new Param(name, type, defaultValue, defaultNote, min, minInclusive, hi, false, variants, doc);
    }

    // ---- queries ----

    public boolean hasRange() {
        return min != Double.NEGATIVE_INFINITY || max != Double.POSITIVE_INFINITY;
    }

    public boolean inRange(double v) {
        if (Double.isNaN(v)) {
            return false;
        }
        boolean lo = minInclusive ? v >= min : v > min;
        boolean hi = maxInclusive ? v <= max : v < max;
        return lo && hi;
    }

    /** The allowed range in interval notation, e.g. {@code (0, 1]} or {@code >= 1}. */
    public String rangeText() {
        boolean lo = min != Double.NEGATIVE_INFINITY;
        boolean hi = max != Double.POSITIVE_INFINITY;
        if (lo && hi) {
            return (minInclusive ? "[" : "(") + num(min) + ", " + num(max) + (maxInclusive ? "]" : ")");
        }
        if (lo) {
            return (minInclusive ? ">= " : "> ") + num(min);
        }
        if (hi) {
            return (maxInclusive ? "<= " : "< ") + num(max);
        }
        return "any " + type.label();
    }

    public Optional<Variant> variant(String variantName) {
        return variants.stream().filter(v -> v.name().equals(variantName)).findFirst();
    }

    public String variantNames() {
        return variants.stream().map(Variant::name).collect(Collectors.joining(", "));
    }

    /** The default as spec text, or the note of a computed default. */
    public String defaultText() {
        if (defaultValue == null) {
            return defaultNote == null ? "none" : defaultNote;
        }
        return Params.valueText(defaultValue);
    }

    static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
