package moecl.plugin;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import moecl.spec.Suggest;

/**
 * Every plugin the process can see, by kind and by name (aliases included). Built from {@link ServiceLoader}; a
 * provider that fails to load is kept as a {@link Failure} (shown by {@code moecl list}) while the others keep
 * working. Plugins defined at run time (e.g. by a script) can be {@link #register registered} for the session.
 * Every plugin has an {@link Origin}: built into moecl, a jar (file name, version, sha256), or the session.
 *
 * <p>Thread-safe for lookups after construction; registration and {@link #reload} are synchronized.
 */
public final class Registry {

    /**
     * A provider, or a whole plugin jar, that could not be loaded, with the reason.
     *
     * @param kind     the kind it was loaded as; {@code null} for a jar that could not be read at all
     * @param provider the provider's class name, or the jar's file name
     * @param error    why, in one line
     * @param name     the plugin's name when it got as far as describing itself, else {@code null}
     * @param source   the jar it came from (file name), or {@code null} when not known or built in
     */
    public record Failure(PluginKind kind, String provider, String error, String name, String source) {

        public Failure(PluginKind kind, String provider, String error) {
            this(kind, provider, error, null, null);
        }

        /** A plugin jar that cannot be read (not a zip, no permission): {@code file} is its file name. */
        public static Failure unreadableJar(String file, String error) {
            return new Failure(null, file, error, null, file);
        }

        /** {@code thirdparty.XFactory in x.jar: reason}, or {@code x.jar: reason} for an unreadable jar. */
        public String describe() {
            String where = source != null && !source.equals(provider) ? provider + " in " + source : provider;
            return where + ": " + error;
        }

        /** Whether this failure is probably the plugin {@code wanted} of {@code k} (see {@link #failureFor}). */
        boolean couldBe(PluginKind k, String wanted) {
            if (kind != null && kind != k) {
                return false;
            }
            if (name != null) {
                return name.equals(wanted);
            }
            String w = normal(wanted);
            if (w.isEmpty()) {
                return false;
            }
            if (kind != null) {
                // the provider class: LastExpertFactory, LastExpertRouterFactory, LastExpertRouter, LastExpert
                int dot = Math.max(provider.lastIndexOf('.'), provider.lastIndexOf('$'));
                String simple = normal(provider.substring(dot + 1));
                String label = normal(k.label());
                for (String c : List.of(simple, strip(simple, "factory"), strip(strip(simple, "factory"), label))) {
                    if (c.equals(w)) {
                        return true;
                    }
                }
            }
            if (source != null) {
                // the jar: lastexpert.jar, lastexpert-1.2.jar
                String base = source.endsWith(".jar") ? source.substring(0, source.length() - 4) : source;
                String unversioned = base.replaceFirst("-\\d.*$", "");
                return normal(base).equals(w) || normal(unversioned).equals(w);
            }
            return false;
        }

        private static String normal(String s) {
            return s.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", "");
        }

        private static String strip(String s, String suffix) {
            return s.endsWith(suffix) && s.length() > suffix.length() ? s.substring(0, s.length() - suffix.length())
                    : s;
        }
    }

    /**
     * Where a plugin came from, for {@code moecl list} and run manifests.
     *
     * @param source  {@code built-in}, {@code session} (registered at run time, e.g. by a script), or the jar's
     *                file name
     * @param version the jar manifest's {@code Implementation-Version}, or {@code null}
     * @param sha256  the jar's SHA-256 (lower-case hex) when the plugin came from a jar, else {@code null}
     */
    public record Origin(String source, String version, String sha256) {

        /** Part of moecl (on its class path). */
        public static final Origin BUILT_IN = new Origin("built-in", null, null);
        /** Registered for the session (e.g. by a script). */
        public static final Origin SESSION = new Origin("session", null, null);

        public Origin {
            Objects.requireNonNull(source, "source");
        }

        public boolean builtIn() {
            return this.equals(BUILT_IN);
        }

        /** Whether the plugin came from a jar in a plugin folder. */
        public boolean jar() {
            return sha256 != null;
        }

        /** {@code built-in}, or {@code lastexpert.jar 1.2 sha256:3f2a9c0e1b2d} (the hash cut to 12 digits). */
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder(source);
            if (version != null) {
                sb.append(' ').append(version);
            }
            if (sha256 != null) {
                sb.append(" sha256:").append(sha256, 0, Math.min(12, sha256.length()));
            }
            return sb.toString();
        }
    }

    /**
     * What {@link #reload} changed, by plugin ({@code router lastexpert}).
     *
     * @param added    plugins that are new
     * @param removed  plugins that are gone
     * @param reloaded jar plugins loaded again from a new class loader (whether or not their jar changed)
     * @param changed  those of {@code reloaded} whose origin (jar, version or sha256) differs
     * @param session  session plugins (e.g. a script's) kept as they were
     * @param dropped  session plugins dropped because a newly loaded plugin took their name
     * @param failures providers and jars that failed to load this time
     */
    public record Change(List<String> added, List<String> removed, List<String> reloaded, List<String> changed,
                         List<String> session, List<String> dropped, List<Failure> failures) {
    }

    private final Map<PluginKind, Map<String, PluginFactory<?>>> byName = new EnumMap<>(PluginKind.class);
    private final Map<PluginKind, List<PluginFactory<?>>> ordered = new EnumMap<>(PluginKind.class);
    /** Each registered factory's validated descriptor (see {@link #descriptor}). */
    private final Map<PluginFactory<?>, PluginDescriptor> descriptors = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<Failure> failures = new ArrayList<>();
    /** Each registered factory's origin. */
    private final Map<PluginFactory<?>, Origin> origins = new java.util.concurrent.ConcurrentHashMap<>();
    /** Factories registered at run time ({@link #register}), kept across {@link #reload}. */
    private final Set<PluginFactory<?>> registered =
            java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    private Registry() {
        for (PluginKind k : PluginKind.values()) {
            byName.put(k, new LinkedHashMap<>());
            ordered.put(k, new ArrayList<>());
        }
    }

    /** All plugins visible to the class loader. */
    public static Registry load(ClassLoader loader) {
        return load(loader, List.of());
    }

    /**
     * All plugins visible to the class loader, and {@code unreadable}: plugin jars that the caller could not put on
     * it (listed among the {@link #failures()}).
     */
    public static Registry load(ClassLoader loader, List<Failure> unreadable) {
        Registry r = new Registry();
        r.failures.addAll(unreadable);
        Map<String, Origin> jars = new HashMap<>();
        for (PluginKind kind : PluginKind.values()) {
            r.loadKind(kind, loader, jars);
        }
        return r;
    }

    /** All plugins on the class path of this library. */
    public static Registry standard() {
        return load(Registry.class.getClassLoader());
    }

    private void loadKind(PluginKind kind, ClassLoader loader, Map<String, Origin> jars) {
        Iterator<? extends PluginFactory<?>> it = ServiceLoader.load(kind.factoryType(), loader).iterator();
        while (true) {
            PluginFactory<?> f;
            try {
                if (!it.hasNext()) {
                    break;
                }
                f = it.next();
            } catch (ServiceConfigurationError | LinkageError e) {
                String provider = PluginSources.providerName(e);
                failures.add(new Failure(kind, provider, PluginSources.oneLine(e), null,
                        PluginSources.sourceOf(provider, kind, loader)));
                continue;
            }
            Origin origin = PluginSources.originOf(f.getClass(), jars);
            String name = null;
            try {
                PluginDescriptor d = f.descriptor();
                name = d == null ? null : d.name();
                add(kind, f, d, origin);
            } catch (RuntimeException | LinkageError e) {
                failures.add(new Failure(kind, f.getClass().getName(), PluginSources.oneLine(e), name,
                        origin.jar() ? origin.source() : null));
            }
        }
    }

    /** A jar's file name, {@code Implementation-Version} and SHA-256; a folder's name with a slash. */
    public static Origin jarOrigin(Path p) {
        return PluginSources.jarOrigin(p);
    }

    /** The SHA-256 of a file in lower-case hex, or {@code unreadable} when it cannot be read. */
    public static String sha256(Path file) {
        return PluginSources.sha256(file);
    }

    private void add(PluginKind kind, PluginFactory<?> f, PluginDescriptor d, Origin origin) {
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
        origins.put(f, origin);
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

    /**
     * A copy with this registry's plugins except those {@link #register registered} at run time (a REPL session's
     * {@code :js} and {@code :py} plugins): what a script run from the session sees, so that it computes what it
     * computes run on its own ({@code moecl script FILE}); a review found such a script using the session's plugins.
     * The names left out are remembered: {@link #unknownMessage} says where they are.
     */
    public synchronized Registry withoutSessionPlugins() {
        Registry r = new Registry();
        r.failures.addAll(failures);
        for (PluginKind k : PluginKind.values()) {
            for (PluginFactory<?> f : ordered.get(k)) {
                PluginDescriptor d = descriptors.get(f);
                if (registered.contains(f)) {
                    r.hidden.computeIfAbsent(k, x -> new java.util.TreeSet<>()).add(d.name());
                } else {
                    r.add(k, f, d, origins.get(f));
                }
            }
        }
        return r;
    }

    /** The session plugins a {@link #withoutSessionPlugins} copy left out, by kind. */
    private final Map<PluginKind, Set<String>> hidden = new EnumMap<>(PluginKind.class);

    /** Registers a plugin for this session (script-defined plugins); a name already taken is refused. */
    public synchronized void register(PluginKind kind, PluginFactory<?> factory) {
        register(kind, factory, Origin.SESSION);
    }

    /** Registers a plugin for this session with its origin (e.g. {@code script}); a name already taken is refused. */
    public synchronized void register(PluginKind kind, PluginFactory<?> factory, Origin origin) {
        add(kind, factory, factory.descriptor(), origin);
        registered.add(factory);
    }

    /** Where a plugin came from; {@link Origin#SESSION} for a factory this registry does not hold. */
    public Origin origin(PluginFactory<?> f) {
        Origin o = origins.get(f);
        return o != null ? o : Origin.SESSION;
    }

    /**
     * Loads the plugins again from {@code loader} (a fresh class loader over rebuilt jars) in place, so whoever holds
     * this registry sees the new plugins; plugins {@link #register registered} for the session are kept, unless a
     * newly loaded plugin now has their name (they are then dropped and listed as such). The caller closes the old
     * class loader.
     */
    public synchronized Change reload(ClassLoader loader, List<Failure> unreadable) {
        Registry fresh = load(loader, unreadable);
        List<String> session = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        for (PluginKind k : PluginKind.values()) {
            for (PluginFactory<?> f : ordered.get(k)) {
                if (!registered.contains(f)) {
                    continue;
                }
                String label = k.label() + " " + descriptor(f).name();
                try {
                    fresh.register(k, f, origin(f));
                    session.add(label);
                } catch (RuntimeException e) {
                    dropped.add(label);
                }
            }
        }
        Map<String, Origin> before = originsByLabel();
        Map<String, Origin> after = fresh.originsByLabel();
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<String> reloaded = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        after.forEach((label, o) -> {
            Origin was = before.get(label);
            if (was == null) {
                added.add(label);
            } else if (o.jar()) {
                reloaded.add(label);
                if (!o.equals(was)) {
                    changed.add(label);
                }
            }
        });
        before.keySet().stream().filter(l -> !after.containsKey(l) && !dropped.contains(l)).forEach(removed::add);
        for (PluginKind k : PluginKind.values()) {
            byName.get(k).clear();
            byName.get(k).putAll(fresh.byName.get(k));
            ordered.get(k).clear();
            ordered.get(k).addAll(fresh.ordered.get(k));
        }
        descriptors.clear();
        descriptors.putAll(fresh.descriptors);
        origins.clear();
        origins.putAll(fresh.origins);
        failures.clear();
        failures.addAll(fresh.failures);
        registered.clear();
        registered.addAll(fresh.registered);
        return new Change(added, removed, reloaded, changed, session, dropped, List.copyOf(failures));
    }

    /** {@code router paper} → origin, for every plugin in order. */
    private synchronized Map<String, Origin> originsByLabel() {
        Map<String, Origin> out = new LinkedHashMap<>();
        for (PluginKind k : PluginKind.values()) {
            for (PluginFactory<?> f : ordered.get(k)) {
                out.put(k.label() + " " + descriptor(f).name(), origin(f));
            }
        }
        return out;
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
        origins.remove(f);
        registered.remove(f);
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

    /**
     * Why {@code name} is not a plugin of {@code kind}: when a provider or jar that failed to load is probably that
     * plugin (its declared name, its class {@code NameFactory}, or its jar {@code name.jar}), that it failed and
     * why; otherwise {@code unknown router 'x'} with a suggestion and the names there are, and the providers that
     * failed to load, if any.
     */
    public String unknownMessage(PluginKind kind, String name) {
        Optional<Failure> failed = failureFor(kind, name);
        if (failed.isPresent()) {
            return kind.label() + " '" + moecl.spec.Echo.of(name) + "' failed to load: " + failed.get().describe();
        }
        if (hidden.getOrDefault(kind, Set.of()).contains(name)) {
            return kind.label() + " '" + moecl.spec.Echo.of(name) + "' is defined in the REPL session (:js or :py), "
                    + "which a script does not see: a script computes what it would on its own (moecl script "
                    + "FILE); define the " + kind.label() + " in the script, or run it in the session";
        }
        Collection<String> names = names(kind);
        String suggestion = Suggest.didYouMean(name, names);
        String msg = "unknown " + kind.label() + " '" + moecl.spec.Echo.of(name) + "'" + suggestion + " ("
                + kind.label() + "s: " + String.join(", ", names) + ")";
        if (!suggestion.isEmpty()) {
            return msg; // a typo, most likely
        }
        List<String> others = failures().stream().filter(f -> f.kind() == null || f.kind() == kind)
                .map(f -> f.source() != null && f.kind() == null ? f.source() : f.provider()).distinct().toList();
        if (!others.isEmpty()) {
            msg += "; failed to load: " + String.join(", ", others) + " (moecl list says why)";
        }
        return msg;
    }

    /** The failure that is probably the plugin {@code name} of {@code kind} (see {@link #unknownMessage}). */
    public synchronized Optional<Failure> failureFor(PluginKind kind, String name) {
        return failures.stream().filter(f -> f.couldBe(kind, name)).findFirst();
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
