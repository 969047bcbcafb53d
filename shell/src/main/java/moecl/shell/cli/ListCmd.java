package moecl.shell.cli;

import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import moecl.plugin.PluginDescriptor;
import moecl.plugin.PluginKind;
import moecl.plugin.Registry;
import moecl.shell.Session;

/** {@code moecl list [KIND]}: the plugins by kind, with their origin and those that failed to load. */
@Command(name = "list", description = "List plugins, optionally of one kind (router, expert, generator).")
final class ListCmd implements Callable<Integer> {
    private final Session session;

    @Parameters(arity = "0..1", paramLabel = "KIND", description = "router, expert or generator")
    String kind;

    ListCmd(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        Registry r = session.registry();
        List<PluginKind> kinds = kind == null ? List.of(PluginKind.values()) : List.of(PluginKind.parse(kind));
        var out = session.out();
        for (PluginKind k : kinds) {
            out.println(k.label() + "s:");
            for (PluginDescriptor d : r.list(k)) {
                String aliases = d.aliases().isEmpty() ? "" : " (" + String.join(", ", d.aliases()) + ")";
                Registry.Origin origin = r.origin(r.resolve(k, d.name()));
                out.printf("  %-14s %s%s  [%s]%n", d.name(), d.summary(), aliases, origin);
            }
            for (Registry.Failure f : r.failures()) {
                if (f.kind() == k) {
                    out.printf("  %-14s FAILED TO LOAD%s: %s%n", f.name() != null ? f.name() : f.provider(),
                            f.source() == null ? "" : " from " + f.source()
                                    + (f.name() != null ? " (" + f.provider() + ")" : ""), f.error());
                }
            }
        }
        List<Registry.Failure> jars = r.failures().stream().filter(f -> f.kind() == null).toList();
        if (!jars.isEmpty()) {
            out.println("plugin jars that failed to load:");
            for (Registry.Failure f : jars) {
                out.printf("  %-14s FAILED TO LOAD: %s%n", f.provider(), f.error());
            }
        }
        return 0;
    }
}
