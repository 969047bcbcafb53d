/**
 * The interactive workbench (REPL) on JLine, and its batch mode ({@code -c}, piped stdin).
 * <ul>
 * <li>the session: {@code ReplMain} (start-up), {@code Repl} (lines, the worker thread, Ctrl-C),
 * {@code SessionSpec} (the spec {@code set} builds), {@code ScriptLines} (how a line splits, with
 * {@link moecl.spec.Words});</li>
 * <li>the commands: {@code CommandTable} and {@code ReplCommand} (the table help, completion and dispatch read),
 * {@code ReplCommands} (the standard table), {@code RunCommands}, {@code RunsCommand}, {@code FolderEdits},
 * {@code FolderCommands}, {@code SessionCommands}, {@code PlotCommand} and {@code CompareCommand};</li>
 * <li>run folders read back: {@code RunFolders}, {@code FolderView}, {@code SettingCurves}, {@code RunFilter},
 * {@code RunShow}, {@code ExportTable}, {@code Tags}, {@code FileOut};</li>
 * <li>charts: {@code ChartLines} and {@code Series} (the lines), {@code TerminalChart} and {@code Palette} (the
 * terminal), {@code ChartFiles} (PNG and SVG through JFreeChart), {@code Axes};</li>
 * <li>typing help: {@code Completions}, {@code ReplCompleter}, {@code ReplParser}, {@code Hints},
 * {@code SpecCursor}, {@code SpecCheck}.</li>
 * </ul>
 */
package moecl.shell.repl;
