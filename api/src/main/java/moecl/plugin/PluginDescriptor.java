package moecl.plugin;

import java.util.List;
import java.util.Optional;

/**
 * How a plugin describes itself: name, aliases, a one-line summary and its typed parameters.
 */
@moecl.spi.Stable
public record PluginDescriptor(PluginKind kind, String name, List<String> aliases, String summary,
                               List<Param> params) {

    public PluginDescriptor {
        aliases = List.copyOf(aliases);
        params = List.copyOf(params);
    }

    public static PluginDescriptor of(PluginKind kind, String name, String summary, Param... params) {
        return new PluginDescriptor(kind, name, List.of(), summary, List.of(params));
    }

    public PluginDescriptor withAliases(String... more) {
        return new PluginDescriptor(kind, name, List.of(more), summary, params);
    }

    public Optional<Param> param(String paramName) {
        return params.stream().filter(p -> p.name().equals(paramName)).findFirst();
    }
}
