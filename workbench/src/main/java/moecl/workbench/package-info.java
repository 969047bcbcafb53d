/**
 * Experiments as the user asks for them, shared by the command line, the REPL and the script host:
 * {@link moecl.workbench.RunRequest} (the keys of {@code moecl run}, lists expanded into runs),
 * {@link moecl.workbench.Experiments} (every request through the sweep path of {@link moecl.workbench.sweep}),
 * {@link moecl.workbench.Presets} (the paper's Fig. 2, 4/5 and 3 as run lists), run folders and their provenance
 * ({@link moecl.workbench.RunFolder}, {@link moecl.workbench.Manifest}, {@link moecl.workbench.Provenance}),
 * {@link moecl.workbench.Rerun} (a folder computed again and compared byte for byte),
 * {@link moecl.workbench.TheoryReport} ({@code moecl theory}) and {@link moecl.workbench.Bench} ({@code moecl bench}).
 */
package moecl.workbench;
