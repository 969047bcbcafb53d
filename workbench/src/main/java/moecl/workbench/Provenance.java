package moecl.workbench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import moecl.engine.RunSpec;
import moecl.plugin.PluginFactory;
import moecl.plugin.PluginKind;
import moecl.plugin.Registry;

/**
 * Which plugins a run folder's runs used and where each came from, for {@code manifest.json}: one entry per plugin
 * ({@code kind}, {@code name}, {@code origin}: {@code built-in}, {@code session} or the jar's file name, and for a
 * jar its {@code version}, when its manifest has an {@code Implementation-Version}, and {@code sha256}), and the data
 * files the runs read ({@link moecl.plugin.DataFiles}) with their size and sha256.
 */
public final class Provenance {

    private Provenance() {
    }

    /** The plugins of {@code specs}: generators, then experts, then routers, each in first-use order. */
    public static List<Map<String, Object>> plugins(Registry registry, List<RunSpec> specs) {
        Set<String> seen = new LinkedHashSet<>();
        List<Map<String, Object>> out = new ArrayList<>();
        for (PluginKind kind : List.of(PluginKind.GENERATOR, PluginKind.EXPERT, PluginKind.ROUTER)) {
            for (RunSpec s : specs) {
                String name = switch (kind) {
                    case GENERATOR -> s.tasks().name();
                    case EXPERT -> s.experts().name();
                    case ROUTER -> s.router().name();
                };
                Map<String, Object> e = entry(registry, kind, name);
                if (e != null && seen.add(kind.label() + " " + e.get("name"))) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    /** One plugin's entry, under its own name (not an alias); {@code null} when the registry has no such plugin. */
    public static Map<String, Object> entry(Registry registry, PluginKind kind, String name) {
        PluginFactory<?> f = registry.find(kind, name).orElse(null);
        if (f == null) {
            return null;
        }
        Registry.Origin o = registry.origin(f);
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("kind", kind.label());
        e.put("name", registry.descriptor(f).name());
        e.put("origin", o.source());
        if (o.version() != null) {
            e.put("version", o.version());
        }
        if (o.sha256() != null) {
            e.put("sha256", o.sha256());
        }
        return e;
    }

    /**
     * The data files the runs of {@code specs} read, once each: {@code plugin} (kind and name), {@code file} (the
     * absolute path), {@code bytes} and {@code sha256}. Hashes are cached per file, size and modification time.
     */
    public static List<Map<String, Object>> data(Registry registry, List<RunSpec> specs) {
        Set<String> seenSpecs = new LinkedHashSet<>();
        Map<java.nio.file.Path, String> files = new LinkedHashMap<>();
        for (RunSpec s : specs) {
            for (PluginKind kind : List.of(PluginKind.GENERATOR, PluginKind.EXPERT, PluginKind.ROUTER)) {
                moecl.spec.SpecValue.Component c = switch (kind) {
                    case GENERATOR -> s.tasks();
                    case EXPERT -> s.experts();
                    case ROUTER -> s.router();
                };
                if (!seenSpecs.add(kind.label() + " " + c.toSpecText())) {
                    continue;
                }
                PluginFactory<?> f = registry.find(kind, c.name()).orElse(null);
                if (!(f instanceof moecl.plugin.DataFiles df)) {
                    continue;
                }
                try {
                    for (java.nio.file.Path p : df.dataFiles(moecl.plugin.Binder.bind(registry.descriptor(f), c))) {
                        files.putIfAbsent(p.toAbsolutePath().normalize(), kind.label() + " "
                                + registry.descriptor(f).name());
                    }
                } catch (RuntimeException e) {
                    // a spec that does not bind has failed its runs already; it read no data
                }
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        files.forEach((file, plugin) -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("plugin", plugin);
            e.put("file", file.toString());
            try {
                e.put("bytes", java.nio.file.Files.size(file));
                e.put("sha256", sha256(file));
            } catch (java.io.IOException x) {
                e.put("error", "unreadable: " + x.getMessage());
            }
            out.add(e);
        });
        return out;
    }

    private record Stamp(java.nio.file.Path file, long size, long modified) {
    }

    private static final Map<Stamp, String> HASHES = new java.util.concurrent.ConcurrentHashMap<>();

    /** The file's sha256 in hex, cached by path, size and modification time. */
    public static String sha256(java.nio.file.Path file) throws java.io.IOException {
        Stamp k = new Stamp(file, java.nio.file.Files.size(file),
                java.nio.file.Files.getLastModifiedTime(file).toMillis());
        String h = HASHES.get(k);
        if (h != null) {
            return h;
        }
        h = Registry.sha256(file);
        if (h.equals("unreadable")) {
            throw new java.io.IOException(file + " is unreadable");
        }
        HASHES.put(k, h);
        return h;
    }
}
