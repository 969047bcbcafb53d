/**
 * How a plugin declares itself: a {@link moecl.plugin.PluginFactory} found by {@link java.util.ServiceLoader}
 * through its kind's interface ({@link moecl.plugin.GeneratorFactory}, {@link moecl.plugin.ExpertFactory},
 * {@link moecl.plugin.RouterFactory}), describing itself with a {@link moecl.plugin.PluginDescriptor} of typed
 * {@link moecl.plugin.Param}s (and {@link moecl.plugin.Variant}s for choices), building components from a
 * {@link moecl.plugin.BuildContext} and the resolved {@link moecl.plugin.Params}. Optional: a heap estimate
 * ({@link moecl.plugin.Memory}, computed with {@link moecl.plugin.Sizes}) and the data files a component reads
 * ({@link moecl.plugin.DataFiles}). {@link moecl.plugin.Registry} is every plugin the process sees;
 * {@link moecl.plugin.Binder} checks a spec against a descriptor.
 */
package moecl.plugin;
