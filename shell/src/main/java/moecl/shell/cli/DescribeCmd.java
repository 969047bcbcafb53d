package moecl.shell.cli;

import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import moecl.plugin.Param;
import moecl.plugin.PluginDescriptor;
import moecl.plugin.PluginFactory;
import moecl.plugin.PluginKind;
import moecl.plugin.Registry;
import moecl.plugin.Variant;
import moecl.shell.Session;
import moecl.spec.Suggest;

/** {@code moecl describe NAME}: a plugin's summary, origin and parameters, generated from its declarations. */
@Command(name = "describe", description = "Describe a plugin: summary and parameters with types, defaults, ranges.")
final class DescribeCmd implements Callable<Integer> {
    private final Session session;

    @Parameters(paramLabel = "NAME", description = "plugin name or alias")
    String name;

    DescribeCmd(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        Registry r = session.registry();
        List<PluginFactory<?>> found = r.findAnyKind(name);
        if (found.isEmpty()) {
            for (PluginKind k : PluginKind.values()) {
                if (r.failureFor(k, name).isPresent()) {
                    throw new IllegalArgumentException(r.unknownMessage(k, name));
                }
            }
            throw new IllegalArgumentException("unknown plugin '" + moecl.spec.Echo.of(name) + "'"
                    + Suggest.didYouMean(name, r.allNames())
                    + " (try: moecl list)");
        }
        for (PluginFactory<?> f : found) {
            session.out().print(describe(r.descriptor(f), r.origin(f)));
        }
        return 0;
    }

/** Help text of a plugin, generated from its declarations. */
static String describe(PluginDescriptor d, Registry.Origin origin) {
    StringBuilder sb = new StringBuilder();
    sb.append(d.name()).append(" (").append(d.kind().label()).append(")");
    if (!d.aliases().isEmpty()) {
        sb.append(", aliases: ").append(String.join(", ", d.aliases()));
    }
    sb.append("\n  ").append(d.summary()).append('\n');
    sb.append("  origin: ").append(origin.source());
    if (origin.version() != null) {
        sb.append(", version ").append(origin.version());
    }
    if (origin.sha256() != null) {
        sb.append(", sha256 ").append(origin.sha256());
    }
    sb.append('\n');
    if (d.params().isEmpty()) {
        sb.append("  no parameters\n");
    } else {
        sb.append("  parameters:\n");
        describeParams(sb, d.params(), "    ");
    }
    return sb.toString();
}

private static void describeParams(StringBuilder sb, List<Param> params, String indent) {
    for (Param p : params) {
        sb.append(indent).append(String.format("%-14s %-8s default %-10s", p.name(), p.type().label().split(" ")[0],
                p.defaultText()));
        if (p.hasRange()) {
            sb.append(" range ").append(p.rangeText());
        }
        sb.append("  ").append(p.doc()).append('\n');
        for (Variant v : p.variants()) {
            sb.append(indent).append("  ").append(String.format("%-12s %s", v.name(), v.summary())).append('\n');
            describeParams(sb, v.params(), indent + "      ");
        }
    }
}
}
