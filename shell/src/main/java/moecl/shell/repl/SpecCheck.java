package moecl.shell.repl;

import java.util.List;

import moecl.plugin.Binder;
import moecl.plugin.PluginFactory;
import moecl.plugin.PluginKind;
import moecl.plugin.Registry;
import moecl.rng.RngKind;
import moecl.spec.Echo;
import moecl.spec.SpecValue;
import moecl.spec.SpecValue.Component;
import moecl.spec.SpecValue.ListValue;
import moecl.spec.SpecValue.Num;
import moecl.spec.SpecValue.Range;
import moecl.workbench.RunRequest;

/**
 * Checks one key of a session's experiment as soon as it is set, the way {@code run} will bind it: a component key
 * ({@code tasks}, {@code experts}, {@code router}) must name a plugin of its kind, with parameters the plugin
 * declares, of their types and inside their ranges ({@link Binder}, the engine's binder); {@code M} and {@code T}
 * must be integers in range; {@code rng} a known kind. A list (a sweep) is checked item by item. What depends on
 * several keys together (a router that needs more experts, a data folder) is checked by {@code run}, which builds
 * every run before any starts: keys are set one at a time, and an intermediate state may be incomplete.
 */
final class SpecCheck {

    private SpecCheck() {
    }

    /** Throws {@link IllegalArgumentException} naming what is wrong with {@code key=value} and what is allowed. */
    static void check(Registry registry, String key, SpecValue value) {
        List<SpecValue> items = value instanceof ListValue l ? l.items() : List.of(value);
        if (items.isEmpty()) {
            throw new IllegalArgumentException(key + " is an empty list; give at least one value");
        }
        for (SpecValue item : items) {
            switch (key) {
                case "tasks" -> component(registry, PluginKind.GENERATOR, key, item);
                case "experts" -> component(registry, PluginKind.EXPERT, key, item);
                case "router" -> component(registry, PluginKind.ROUTER, key, item);
                case "M", "T" -> {
                    if (item instanceof Range r) {
                        RunRequest.intValue(key, Num.of(r.from()), 1);
                        RunRequest.intValue(key, Num.of(r.to()), 1);
                    } else if (!(item instanceof Num n) || n.value() != Math.rint(n.value())) {
                        throw new IllegalArgumentException(key + " must be an integer from 1 to "
                                + (key.equals("M") ? RunRequest.MAX_EXPERTS : RunRequest.MAX_ROUNDS)
                                + " (or a list such as " + key + "=[" + RunRequest.DEFAULTS.get(key) + ", ...]), got "
                                + Echo.of(item.toSpecText()));
                    } else {
                        RunRequest.intValue(key, item, 1);
                    }
                }
                case "rng" -> RngKind.parse(item instanceof Component c && c.args().isEmpty() ? c.name()
                        : item instanceof SpecValue.Str s ? s.value() : item.toSpecText());
                default -> RunRequest.canonicalKey(key);
            }
        }
    }

    private static void component(Registry registry, PluginKind kind, String key, SpecValue v) {
        if (!(v instanceof Component c)) {
            throw new IllegalArgumentException(key + " must name a " + kind.label() + " such as "
                    + RunRequest.DEFAULTS.get(key) + ", got " + v.kind() + " " + Echo.of(v.toSpecText()) + " ("
                    + kind.label() + "s: " + String.join(", ", registry.names(kind)) + ")");
        }
        PluginFactory<?> f = registry.resolve(kind, c.name());
        Binder.bind(registry.descriptor(f), c);
    }
}
