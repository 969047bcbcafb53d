package moecl.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import moecl.plugin.Param;
import moecl.plugin.ParamType;
import moecl.plugin.Params;
import moecl.plugin.Variant;

/**
 * The parameter values {@link Rule#EDGE_VALUES} builds a plugin with, one change at a time from its run parameters:
 * each numeric parameter at each finite end of its range (a list as one item there), each boolean flipped, each
 * variant of a choice with its defaults, and the same inside every variant, at any depth.
 */
final class EdgeValues {

    /**
     * How far inside an open end of a real range the edge value lies: {@code 1e-6}, relative for ends beyond 1 in
     * size (an open end {@code > 0} gives {@code 1e-6}; {@code < 1000} gives {@code 999.999}).
     */
    static final double INSIDE = 1e-6;

    /**
     * One set of parameters to build with.
     *
     * @param label  what changed, as spec text: {@code eta=1.0E-6}, {@code stop=after(rounds=0)}
     * @param params the plugin's parameters with that change
     */
    record Edge(String label, Params params) {
    }

    private EdgeValues() {
    }

    /** Every edge of {@code declared} away from {@code base}. */
    static List<Edge> of(List<Param> declared, Params base) {
        List<Edge> out = new ArrayList<>();
        for (Param p : declared) {
            Object current = base.get(p.name());
            switch (p.type()) {
                case INT, REAL -> {
                    for (Object v : ends(p)) {
                        if (!same(v, current)) {
                            out.add(new Edge(p.name() + "=" + Params.valueText(v), Harness.replace(base, p.name(), v)));
                        }
                    }
                }
                case INT_LIST, REAL_LIST -> {
                    for (Object v : ends(p)) {
                        List<Object> one = List.of(v);
                        if (!Objects.equals(one, current)) {
                            out.add(new Edge(p.name() + "=" + Params.valueText(one),
                                    Harness.replace(base, p.name(), one)));
                        }
                    }
                }
                case BOOLEAN -> {
                    if (current instanceof Boolean b) {
                        out.add(new Edge(p.name() + "=" + !b, Harness.replace(base, p.name(), !b)));
                    }
                }
                case CHOICE -> {
                    Params.Choice chosen = (Params.Choice) current;
                    for (Variant v : p.variants()) {
                        boolean same = chosen != null && chosen.variant().equals(v.name());
                        Params inner = same ? chosen.params() : Params.defaults(v.params());
                        if (!same) {
                            out.add(new Edge(p.name() + "=" + v.name(),
                                    Harness.replace(base, p.name(), new Params.Choice(v.name(), inner.copy()))));
                        }
                        for (Edge e : of(v.params(), inner)) {
                            out.add(new Edge(p.name() + "=" + v.name() + "(" + e.label() + ")",
                                    Harness.replace(base, p.name(), new Params.Choice(v.name(), e.params()))));
                        }
                    }
                }
                case STRING -> {
                    // no edge: any text may be meaningful
                }
            }
        }
        return out;
    }

    /** The finite ends of a parameter's range, each just inside when open, of the parameter's value type. */
    static List<Object> ends(Param p) {
        boolean integer = p.type() == ParamType.INT || p.type() == ParamType.INT_LIST;
        List<Object> out = new ArrayList<>();
        if (Double.isFinite(p.min())) {
            double v = p.min();
            if (integer) {
                double c = Math.ceil(v);
                long lo = (long) (c == v && !p.minInclusive() ? c + 1 : c);
                add(out, p, (Object) lo, lo);
            } else {
                double x = p.minInclusive() ? v : v + INSIDE * Math.max(1, Math.abs(v));
                add(out, p, (Object) x, x);
            }
        }
        if (Double.isFinite(p.max())) {
            double v = p.max();
            if (integer) {
                double f = Math.floor(v);
                long hi = (long) (f == v && !p.maxInclusive() ? f - 1 : f);
                add(out, p, (Object) hi, hi);
            } else {
                double x = p.maxInclusive() ? v : v - INSIDE * Math.max(1, Math.abs(v));
                add(out, p, (Object) x, x);
            }
        }
        return out;
    }

    private static void add(List<Object> out, Param p, Object value, double numeric) {
        if (p.inRange(numeric) && !out.contains(value)) {
            out.add(value);
        }
    }

    private static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue()) == 0;
        }
        return Objects.equals(a, b);
    }
}
