/**
 * What a task generator plugin implements: {@link moecl.task.TaskGenerator} (a seeded stream of
 * {@link moecl.task.Task}s) and the capabilities some worlds add: {@link moecl.task.LinearWorld} (linear tasks,
 * {@link moecl.task.LinearTask}: the paper's metrics and theory), {@link moecl.task.TypeSignals} (a feature
 * direction per type), {@link moecl.task.ArrivalSequence} (types drawn up front). {@link moecl.task.ReusesRoundArrays}
 * and {@link moecl.task.KeepsNoRoundArrays} let a generator reuse its arrays round after round when every consumer
 * promises not to keep them.
 */
package moecl.task;
