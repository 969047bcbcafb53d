package moecl.testkit;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import moecl.plugin.Binder;
import moecl.plugin.Param;
import moecl.plugin.ParamType;
import moecl.plugin.Params;
import moecl.plugin.PluginDescriptor;
import moecl.plugin.PluginFactory;
import moecl.plugin.PluginKind;
import moecl.plugin.Variant;
import moecl.spec.SpecParser;

/** The checks of {@link Rule#DESCRIPTOR}. */
final class Descriptors {

    private Descriptors() {
    }

    /** The kind a factory is of, by the SPI interface it implements; {@code null} for none. */
    static PluginKind kindOf(PluginFactory<?> f) {
        for (PluginKind k : PluginKind.values()) {
            if (k.factoryType().isInstance(f)) {
                return k;
            }
        }
        return null;
    }

    /**
     * Checks the factory's descriptor and returns it; throws a {@link Rule#DESCRIPTOR} violation naming the first
     * problem.
     */
    static PluginDescriptor check(PluginFactory<?> f) {
        PluginKind kind = kindOf(f);
        String fallback = f.getClass().getName();
        if (kind == null) {
            throw violation("plugin " + fallback, "the factory implements none of RouterFactory, ExpertFactory and "
                    + "GeneratorFactory, so no run can use it");
        }
        PluginDescriptor d;
        PluginDescriptor again;
        try {
            d = f.descriptor();
            again = f.descriptor();
        } catch (RuntimeException | LinkageError e) {
            throw violation(kind.label() + " " + fallback, "descriptor() threw " + e);
        }
        if (d == null) {
            throw violation(kind.label() + " " + fallback, "descriptor() returned null");
        }
        String label = Setup.Part.label(kind, String.valueOf(d.name()));
        if (!d.equals(again)) {
            throw violation(label, "descriptor() describes the plugin differently on a second call");
        }
        if (d.kind() != kind) {
            throw violation(label, "its descriptor says it is " + (d.kind() == null ? "of no kind (null)"
                    : (d.kind() == PluginKind.EXPERT ? "an " : "a ") + d.kind().label()) + ", but the factory is a "
                    + kind.factoryType().getSimpleName());
        }
        word(label, "its name", d.name());
        Set<String> names = new HashSet<>();
        names.add(d.name());
        for (String a : d.aliases()) {
            word(label, "its alias", a);
            if (!names.add(a)) {
                throw violation(label, "the name or alias '" + a + "' is given twice");
            }
        }
        line(label, "the plugin", "summary", d.summary());
        params(label, "", d.params());
        try {
            Params bound = Binder.bind(d, SpecParser.parseComponent(d.name()));
            if (!bound.asMap().keySet().equals(names(d.params()))) {
                throw violation(label, "binding no arguments gives parameters " + bound.asMap().keySet()
                        + ", not the declared " + names(d.params()));
            }
        } catch (IllegalArgumentException e) {
            throw violation(label, "it does not bind with no arguments: " + e.getMessage());
        }
        return d;
    }

    private static Set<String> names(List<Param> ps) {
        Set<String> out = new java.util.LinkedHashSet<>();
        ps.forEach(p -> out.add(p.name()));
        return out;
    }

    private static void params(String label, String where, List<Param> params) {
        Set<String> seen = new HashSet<>();
        for (Param p : params) {
            if (p == null) {
                throw violation(label, where + "a parameter is null");
            }
            String name = where + "parameter '" + p.name() + "'";
            word(label, where + "a parameter's name", p.name());
            if (!seen.add(p.name())) {
                throw violation(label, where + "parameter '" + p.name() + "' is declared twice");
            }
            line(label, name, "doc", p.doc());
            if (Double.isNaN(p.min()) || Double.isNaN(p.max()) || p.min() > p.max()) {
                throw violation(label, name + " has the range [" + p.min() + ", " + p.max() + "], which holds no "
                        + "value");
            }
            if (p.type() != ParamType.CHOICE && !p.variants().isEmpty()) {
                throw violation(label, name + " is a " + p.type().label() + " but declares variants");
            }
            Object v = p.defaultValue();
            if (v == null) {
                if (p.defaultNote() == null || p.defaultNote().isBlank()) {
                    throw violation(label, name + " has no default and no note saying how it is computed "
                            + "(Param.computedDefault)");
                }
            } else {
                defaultValue(label, name, p, v);
            }
            if (p.type() == ParamType.CHOICE) {
                choice(label, where, name, p);
            }
        }
    }

    private static void defaultValue(String label, String name, Param p, Object v) {
        boolean ok = switch (p.type()) {
            case INT -> v instanceof Long;
            case REAL -> v instanceof Double;
            case BOOLEAN -> v instanceof Boolean;
            case STRING -> v instanceof String;
            case CHOICE -> v instanceof Params.Choice;
            case INT_LIST -> v instanceof List<?> l && l.stream().allMatch(x -> x instanceof Long);
            case REAL_LIST -> v instanceof List<?> l && l.stream().allMatch(x -> x instanceof Double);
        };
        if (!ok) {
            throw violation(label, name + " is a " + p.type().label() + " but its default " + v + " is a "
                    + v.getClass().getSimpleName());
        }
        if (v instanceof Number n && !p.inRange(n.doubleValue())) {
            throw violation(label, name + " has the default " + p.defaultText() + ", outside its own range "
                    + p.rangeText());
        }
        if (v instanceof List<?> l) {
            for (Object x : l) {
                if (!p.inRange(((Number) x).doubleValue())) {
                    throw violation(label, name + " has the default " + p.defaultText() + ", whose item " + x
                            + " is outside its own range " + p.rangeText());
                }
            }
        }
    }

    private static void choice(String label, String where, String name, Param p) {
        if (p.variants().isEmpty()) {
            throw violation(label, name + " is a choice without variants");
        }
        Set<String> vs = new HashSet<>();
        for (Variant v : p.variants()) {
            word(label, name + "'s variant name", v.name());
            if (!vs.add(v.name())) {
                throw violation(label, name + " declares the variant '" + v.name() + "' twice");
            }
            line(label, name + "'s variant '" + v.name() + "'", "summary", v.summary());
            params(label, where + p.name() + "=" + v.name() + ": ", v.params());
        }
        if (p.defaultValue() instanceof Params.Choice c) {
            Variant dv = p.variant(c.variant()).orElseThrow(() -> violation(label, name + " has the default variant '"
                    + c.variant() + "', which is not one of its variants (" + p.variantNames() + ")"));
            if (!c.params().asMap().keySet().equals(names(dv.params()))) {
                throw violation(label, name + "'s default " + c.toSpecText() + " has parameters "
                        + c.params().asMap().keySet() + ", not those variant '" + dv.name() + "' declares "
                        + names(dv.params()));
            }
        }
    }

    /** A name a spec can carry: a word of letters, digits, '_', '.', '-', not starting with a digit. */
    private static void word(String label, String what, String w) {
        if (w == null || w.isBlank()) {
            throw violation(label, what + " is empty");
        }
        if (!SpecParser.isName(w) || w.equals("true") || w.equals("false")) {
            throw violation(label, what + " '" + w + "' is not a word a spec can carry (letters, digits, '_', '.', "
                    + "'-'; not starting with a digit)");
        }
    }

    /** One line of text: for help, hints and the manifest. */
    private static void line(String label, String owner, String what, String text) {
        if (text == null || text.isBlank()) {
            throw violation(label, owner + " has no " + what);
        }
        if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            throw violation(label, owner + "'s " + what + " is not one line");
        }
    }

    private static ContractViolation violation(String label, String detail) {
        return new ContractViolation(Rule.DESCRIPTOR, label, detail);
    }
}
