package moecl.plugin;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeSet;
import java.util.stream.Collectors;

import moecl.spec.Suggest;

/**
 * Every plugin the process can see, by kind and by name (aliases included). Built from {@link ServiceLoader}; a
 * provider that fails to load is kept as a {@link Failure} (shown by {@code moecl list}) while the others keep
 * working. Plugins defined at run time (e.g. by a script) can be {@link #register registered} for the session.
 *
 * <p>Thread-safe for lookups after construction; registration is synchronized.
 */
public final class Registry {

    /** A provider that could not be loaded, with the reason. */
    public record Failure(PluginKind kind, String provider, String error) {
    }

    private final Map<PluginKind, Map<String, PluginFactory<?>>> byName = new EnumMap<>(PluginKind.class);
    private final Map<PluginKind, List<PluginFactory<?>>> ordered = new EnumMap<>(PluginKind.class);
    /** Each registered factory's validated descriptor (see {@link #descriptor}). */
    private final Map<PluginFactory<?>, PluginDescriptor> descriptors = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<Failure> failures = new ArrayList<>();

    private Registry() {
        for (PluginKind k : PluginKind.values()) {
            byName.put(k, new LinkedHashMap<>());
            ordered.put(k, new ArrayList<>());
        }
    }

    /** All plugins visible to the class loader. */
    public static Registry load(ClassLoader loader) {
        Registry r = new Registry();
        for (PluginKind kind : PluginKind.values()) {
            r.loadKind(kind, loader);
        }
        return r;
    }

    /** All plugins on the class path of this library. */
    public static Registry standard() {
        return load(Registry.class.getClassLoader());
    }

    private void loadKind(PluginKind kind, ClassLoader loader) {
        Iterator<? extends PluginFactory<?>> it = ServiceLoader.load(kind.factoryType(), loader).iterator();
        while (true) {
            PluginFactory<?> f;
            try {
                if (!it.hasNext()) {
                    break;
                }
                f = it.next();
            } catch (ServiceConfigurationError | LinkageError e) {
                failures.add(new Failure(kind, providerName(e), oneLine(e)));
                continue;
            }
            try {
                add(kind, f);
            } catch (RuntimeException | LinkageError e) {
                failures.add(new Failure(kind, f.getClass().getName(), oneLine(e)));
            }
        }
    }

    private static String providerName(Throwable e) {
        // ServiceLoader messages read "<service>: Provider <class> could not be instantiated" or similar
        String m = String.valueOf(e.getMessage());
        int i = m.indexOf("Provider ");
        if (i >= 0) {
            String rest = m.substring(i + 9);
            int sp = rest.indexOf(' ');
            return sp > 0 ? rest.substring(0, sp) : rest;
        }
        return m;
    }

    private static String oneLine(Throwable e) {
        StringBuilder sb = new StringBuilder(e.toString());
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            sb.append("; caused by ").append(c);
        }
        return sb.toString().replace('\n', ' ');
    }

    private void add(PluginKind kind, PluginFactory<?> f) {
        PluginDescriptor d = f.descriptor();
        if (d == null) {
            throw new IllegalStateException("its descriptor() returned null");
        }
        checkParams("plugin '" + d.name() + "'", d.params());
        if (d.kind() != kind) {
            throw new IllegalStateException("plugin '" + d.name() + "' declares kind " + d.kind().label()
                    + " but is registered as a " + kind.label());
        }
        Map<String, PluginFactory<?>> names = byName.get(kind);
        List<String> all = new ArrayList<>();
        all.add(d.name());
        all.addAll(d.aliases());
        for (String n : all) {
            PluginFactory<?> prev = names.get(n);
            if (prev != null && prev != f) {
                throw new IllegalStateException("duplicate " + kind.label() + " name '" + n + "' (already used by "
                        + prev.getClass().getName() + ")");
            }
        }
        for (String n : all) {
            names.put(n, f);
        }
        ordered.get(kind).add(f);
        descriptors.put(f, d);
    }

    /**
     * The descriptor a registered factory gave (and passed validation with) when it was registered: asked once, as
     * building one can be costly and runs bind parameters many thousand times. An unregistered factory is asked.
     */
    public PluginDescriptor descriptor(PluginFactory<?> f) {
        PluginDescriptor d = descriptors.get(f);
        return d != null ? d : f.descriptor();
    }

    /**
     * A descriptor's parameters must make sense before anyone binds them: names present and distinct, numeric
     * defaults inside their own ranges, a choice's default among its variants (and the same for each variant's
     * parameters).
     */
    static void checkParams(String where, List<Param> params) {
        java.util.Set<String> names = new java.util.HashSet<>();
        for (Param p : params) {
            if (p.name().isBlank()) {
                throw new IllegalStateException(where + " has a parameter without a name");
            }
            if (!names.add(p.name())) {
                throw new IllegalStateException(where + " declares parameter '" + p.name() + "' twice");
            }
            if (p.defaultValue() instanceof Number n && p.hasRange() && !p.inRange(n.doubleValue())) {
                throw new IllegalStateException(where + ": the default " + p.name() + "=" + p.defaultText()
                        + " is outside its own range " + p.rangeText());
            }
            if (!p.variants().isEmpty()) {
                String def = p.defaultValue() instanceof Params.Choice c ? c.variant()
                        : p.defaultValue() == null ? null : String.valueOf(p.defaultValue());
                if (def != null && p.variant(def).isEmpty()) {
                    throw new IllegalStateException(where + ": the default " + p.name() + "=" + def
                            + " is not one of its variants (" + p.variantNames() + ")");
                }
                for (Variant v : p.variants()) {
                    checkParams(where + ", " + p.name() + "=" + v.name(), v.params());
                }
            }
        }
    }

    /** Registers a plugin for this session (script-defined plugins); a name already taken is refused. */
    public synchronized void register(PluginKind kind, PluginFactory<?> factory) {
        add(kind, factory);
    }

    /** Removes a session plugin by name; built-in plugins stay. Returns whether something was removed. */
    public synchronized boolean unregister(PluginKind kind, String name) {
        PluginFactory<?> f = byName.get(kind).get(name);
        if (f == null) {
            return false;
        }
        byName.get(kind).values().removeIf(v -> v == f);
        ordered.get(kind).remove(f);
        descriptors.remove(f);
        return true;
    }

    public synchronized List<PluginDescriptor> list(PluginKind kind) {
        return ordered.get(kind).stream().map(this::descriptor).toList();
    }

    public synchronized List<Failure> failures() {
        return List.copyOf(failures);
    }

    public synchronized Optional<PluginFactory<?>> find(PluginKind kind, String name) {
        return Optional.ofNullable(byName.get(kind).get(name));
    }

    /** Names and aliases of a kind, sorted. */
    public synchronized Collection<String> names(PluginKind kind) {
        return new TreeSet<>(byName.get(kind).keySet());
    }

    /**
     * The factory of that name; otherwise an {@link IllegalArgumentException} such as
     * {@code unknown router 'papr'; did you mean 'paper'? (routers: oracle, paper, random)}.
     */
    public PluginFactory<?> resolve(PluginKind kind, String name) {
        return find(kind, name).orElseThrow(() -> new IllegalArgumentException(unknownMessage(kind, name)));
    }

    String unknownMessage(PluginKind kind, String name) {
        Collection<String> names = names(kind);
        return "unknown " + kind.label() + " '" + moecl.spec.Echo.of(name) + "'" + Suggest.didYouMean(name, names)
                + " (" + kind.label() + "s: " + String.join(", ", names) + ")";
    }

    /** Finds a plugin of any kind by name, for {@code describe NAME}. */
    public synchronized List<PluginFactory<?>> findAnyKind(String name) {
        List<PluginFactory<?>> out = new ArrayList<>();
        for (PluginKind k : PluginKind.values()) {
            PluginFactory<?> f = byName.get(k).get(name);
            if (f != null) {
                out.add(f);
            }
        }
        return out;
    }

    /** All names of all kinds, for suggestions. */
    public synchronized Collection<String> allNames() {
        return byName.values().stream().flatMap(m -> m.keySet().stream())
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
