/**
 * Running experiments: {@link moecl.engine.RunEngine} runs one continual-learning run (task, route, learn, gate step,
 * metrics, round after round) and {@link moecl.engine.Sweep} many runs over a pool of threads with results that do
 * not depend on the thread count. A plugin author meets {@link moecl.engine.RunSpec} (what a run asks for),
 * {@link moecl.engine.RunResult} and {@link moecl.engine.RunSummary} (what it recorded),
 * {@link moecl.engine.RunFailedException} (a component that threw, named with its round) and
 * {@link moecl.engine.PluginView} (the generator as experts and routers see it at build time);
 * {@link moecl.engine.RoundSink} receives a long run's rows in blocks.
 */
package moecl.engine;
