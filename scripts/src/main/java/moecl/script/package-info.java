/**
 * The polyglot script host: JavaScript and Python scripts (GraalVM) driving the workbench through one
 * {@code moecl} object. A thin layer: specs, runs, theory, CSV and run folders are the workbench's; what lives
 * here is what a script needs on top.
 *
 * <ul>
 *   <li>{@link moecl.script.ScriptHost} runs a file or a REPL snippet and stops it (Ctrl-C, timeout);
 *       {@link moecl.script.ScriptRun} is what one run owns, {@link moecl.script.ScriptContexts} builds the
 *       sandboxed contexts and their preludes, {@link moecl.script.ScriptErrors} words the errors
 *       ({@link moecl.script.ScriptException}).</li>
 *   <li>{@link moecl.script.MoeclApi} is the {@code moecl} object (its exported members are the script API);
 *       {@link moecl.script.ScriptRuns} does {@code run}, {@code sweep}, {@code repro}, {@code theory},
 *       {@code load}; {@link moecl.script.ScriptOutputs} {@code plot} ({@link moecl.script.ScriptPlots}),
 *       {@code writeCsv} and {@code average}; results come back as {@link moecl.script.ResultTable}s and
 *       {@link moecl.script.GuestMap}s.</li>
 *   <li>Plugins written in a script: {@link moecl.script.ScriptPlugins} checks and registers them through one
 *       {@link moecl.script.ScriptFactory}; {@link moecl.script.ScriptRouter}, {@link moecl.script.ScriptExpert},
 *       {@link moecl.script.ScriptGenerator} call the guest code; {@link moecl.script.TaskView} and
 *       {@link moecl.script.RandomView} are what it sees.</li>
 *   <li>{@code moecl.linalg}: {@link moecl.script.Linalg} and its arrays {@link moecl.script.Mat} (ojAlgo), with
 *       {@link moecl.script.MatSlices}, {@link moecl.script.MatReductions}, {@link moecl.script.MatDecompositions}
 *       and {@link moecl.script.ArrayFormat}.</li>
 *   <li>Values across the language boundary: {@link moecl.script.Convert}, {@link moecl.script.ListProxy},
 *       {@link moecl.script.DoubleArray}.</li>
 * </ul>
 * The file sandbox is in {@link moecl.script.sandbox}.
 */
package moecl.script;
