package moecl.plugin;

import moecl.task.TaskGenerator;

/** ServiceLoader interface for task generators. */
@moecl.spi.Stable
public interface GeneratorFactory extends PluginFactory<TaskGenerator> {
}
