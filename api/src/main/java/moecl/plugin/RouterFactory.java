package moecl.plugin;

import moecl.router.Router;

/** ServiceLoader interface for routers. */
public interface RouterFactory extends PluginFactory<Router> {
}
