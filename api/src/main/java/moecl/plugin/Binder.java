package moecl.plugin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import moecl.spec.Echo;
import moecl.spec.SpecValue;
import moecl.spec.SpecValue.Bool;
import moecl.spec.SpecValue.Component;
import moecl.spec.SpecValue.ListValue;
import moecl.spec.SpecValue.Num;
import moecl.spec.SpecValue.Range;
import moecl.spec.SpecValue.Str;
import moecl.spec.Suggest;

/**
 * Checks a parsed component spec against a plugin's declared parameters and produces its {@link Params}, every
 * default filled in. Every message names the plugin, the parameter, what was given and what is allowed.
 */
public final class Binder {

    private Binder() {
    }

    /** Binds {@code spec}'s arguments to the descriptor's parameters. */
    public static Params bind(PluginDescriptor descriptor, Component spec) {
        String owner = descriptor.kind().label() + " '" + descriptor.name() + "'";
        return bindParams(owner, descriptor.params(), spec.args());
    }

    static Params bindParams(String owner, List<Param> declared, Map<String, SpecValue> args) {
        LinkedHashMap<String, Object> out = new LinkedHashMap<>();
        for (Param p : declared) {
            // a copy: a component may resolve a computed default inside a choice's parameters (Params.resolve), and
            // the descriptor, shared by every run, must not keep it
            out.put(p.name(), Params.copyValue(p.defaultValue()));
        }
        for (Map.Entry<String, SpecValue> e : args.entrySet()) {
            String key = e.getKey();
            Param p = declared.stream().filter(q -> q.name().equals(key)).findFirst().orElse(null);
            if (p == null) {
                List<String> names = declared.stream().map(Param::name).toList();
                throw new IllegalArgumentException(owner + " has no parameter '" + Echo.of(key) + "'"
                        + Suggest.didYouMean(key, names)
                        + (names.isEmpty() ? " (it takes no parameters)"
                                : " (parameters: " + String.join(", ", names) + ")"));
            }
            out.put(key, convert(owner, p, e.getValue()));
        }
        return new Params(out);
    }

    /** Converts one spec value to the parameter's type, checking the range. */
    public static Object convert(String owner, Param p, SpecValue v) {
        String where = owner + ": " + p.name();
        return switch (p.type()) {
            case INT -> {
                long x = integer(where, v);
                checkRange(where, p, x, v);
                yield x;
            }
            case REAL -> {
                if (!(v instanceof Num n)) {
                    throw typeError(where, p, v);
                }
                checkRange(where, p, n.value(), v);
                yield n.value();
            }
            case BOOLEAN -> {
                if (!(v instanceof Bool b)) {
                    throw typeError(where, p, v);
                }
                yield b.value();
            }
            case STRING -> {
                if (v instanceof Str s) {
                    yield s.value();
                }
                if (v instanceof Component c && c.args().isEmpty()) {
                    yield c.name(); // a bare word
                }
                throw typeError(where, p, v);
            }
            case INT_LIST -> {
                List<Long> xs = new ArrayList<>();
                for (SpecValue item : items(where, p, v)) {
                    long x = integer(where, item);
                    checkRange(where, p, x, item);
                    xs.add(x);
                }
                yield List.copyOf(xs);
            }
            case REAL_LIST -> {
                List<Double> xs = new ArrayList<>();
                for (SpecValue item : items(where, p, v)) {
                    if (!(item instanceof Num n)) {
                        throw typeError(where, p, item);
                    }
                    checkRange(where, p, n.value(), item);
                    xs.add(n.value());
                }
                yield List.copyOf(xs);
            }
            case CHOICE -> {
                if (!(v instanceof Component c)) {
                    throw new IllegalArgumentException(where + " must be one of " + p.variantNames() + ", got "
                            + v.kind() + " " + Echo.of(v.toSpecText()) + at(v));
                }
                Variant variant = p.variant(c.name()).orElseThrow(() -> new IllegalArgumentException(
                        where + ": unknown variant '" + Echo.of(c.name()) + "'"
                                + Suggest.didYouMean(c.name(), p.variants().stream().map(Variant::name).toList())
                                + " (allowed: " + p.variantNames() + ")" + at(v)));
                yield new Params.Choice(variant.name(),
                        bindParams(owner + ": " + p.name() + "=" + variant.name(), variant.params(), c.args()));
            }
        };
    }

    private static List<SpecValue> items(String where, Param p, SpecValue v) {
        if (v instanceof ListValue l) {
            return l.items();
        }
        if (v instanceof Range r) {
            return r.stream().mapToObj(x -> (SpecValue) Num.of(x)).toList();
        }
        if (v instanceof Num) {
            return List.of(v); // a single value is a list of one
        }
        throw typeError(where, p, v);
    }

    private static long integer(String where, SpecValue v) {
        if (v instanceof Num n) {
            if (!n.integral() && n.value() != Math.rint(n.value())) {
                throw new IllegalArgumentException(where + " must be an integer, got " + Echo.of(n.text()) + at(v));
            }
            if (Math.abs(n.value()) >= 0x1p63) { // as a long it would read as another number
                throw new IllegalArgumentException(where + "=" + Echo.of(n.text()) + " is too large; allowed: "
                        + Long.MIN_VALUE + " to " + Long.MAX_VALUE + at(v));
            }
            return (long) n.value();
        }
        throw new IllegalArgumentException(where + " must be an integer, got " + v.given() + at(v));
    }

    private static void checkRange(String where, Param p, double x, SpecValue v) {
        if (!p.inRange(x)) {
            throw new IllegalArgumentException(where + "=" + Echo.of(v.toSpecText()) + " is out of range; allowed: "
                    + p.rangeText() + at(v));
        }
    }

    private static IllegalArgumentException typeError(String where, Param p, SpecValue v) {
        return new IllegalArgumentException(where + " must be a " + p.type().label() + ", got " + v.given() + at(v));
    }

    private static String at(SpecValue v) {
        int col = column(v);
        return col > 0 ? " (column " + col + ")" : "";
    }

    static int column(SpecValue v) {
        return switch (v) {
            case Num n -> n.column();
            case Str s -> s.column();
            case Bool b -> b.column();
            case ListValue l -> l.column();
            case Range r -> r.column();
            case Component c -> c.column();
        };
    }
}
