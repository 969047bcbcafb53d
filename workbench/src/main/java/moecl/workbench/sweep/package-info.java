/**
 * The sweep path every multi-run command takes: {@link moecl.workbench.sweep.SweepPlan} (every run with a stable id,
 * {@code sweep.json}), {@link moecl.workbench.sweep.SweepRunner} (plan, claim the folder, compute what is missing,
 * build the views; also resume), a {@link moecl.workbench.sweep.RunExecutor} that computes the plan's units
 * ({@link moecl.workbench.sweep.LocalExecutor} here, the Hazelcast one in {@code moecl.cluster}) through
 * {@link moecl.workbench.sweep.UnitRunner}, the store that keeps each finished run
 * ({@link moecl.workbench.sweep.SweepStore}: segment files of {@link moecl.workbench.sweep.RunIndex} frames, each
 * run's {@link moecl.workbench.sweep.Columns} file and record), and the views rebuilt from the results alone
 * ({@link moecl.workbench.sweep.SweepViews}: {@code summary.json}, {@code rounds.csv}, mean curves;
 * {@link moecl.workbench.sweep.SweepTable}, {@link moecl.workbench.sweep.SweepExport}). docs/sweeps.md describes the
 * folder.
 */
package moecl.workbench.sweep;
