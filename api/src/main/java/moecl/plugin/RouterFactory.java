package moecl.plugin;

import moecl.router.Router;

/** ServiceLoader interface for routers. */
@moecl.spi.Stable
public interface RouterFactory extends PluginFactory<Router> {
}
