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
 * jar its {@code version}, when its manifest has an {@code Implementation-Version}, and {@code sha256}).
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
}
