package moecl.plugin;

import moecl.expert.Expert;

/**
 * ServiceLoader interface for experts; {@link #create} is called once per expert
 * ({@link BuildContext#expertIndex()}).
 */
@moecl.spi.Stable
public interface ExpertFactory extends PluginFactory<Expert> {
}
