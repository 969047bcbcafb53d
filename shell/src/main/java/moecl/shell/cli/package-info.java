/**
 * The subcommands of {@code moecl}, one class each, declared with picocli: {@link moecl.shell.cli.MoeclCommand}
 * holds the global options and the table of subcommands, and builds the command line the REPL runs too. Shared
 * pieces: the options of the run commands ({@code RunOptions}, {@code EngineOptions}), the executor they ask for
 * ({@code Engines}, {@code ClusterEngines}), {@code --threads} ({@code ThreadsOption}) and how a sweep's outcome is
 * printed ({@code SweepOutput}). The commands' picocli declarations (a field per option, a constructor taking the
 * session) look alike by shape, so {@code duplicates} pairs them; they declare different options, deliberately
 * each beside the command that reads it.
 */
package moecl.shell.cli;
