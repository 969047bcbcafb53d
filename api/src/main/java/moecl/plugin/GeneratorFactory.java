package moecl.plugin;

import moecl.task.TaskGenerator;

/** ServiceLoader interface for task generators. */
public interface GeneratorFactory extends PluginFactory<TaskGenerator> {
}
