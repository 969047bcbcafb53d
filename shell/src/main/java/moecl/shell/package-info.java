/**
 * The {@code moecl} program: {@link moecl.shell.Main} (the command line, or the REPL when no command is given),
 * the {@link moecl.shell.Session} its commands share (plugin registry and plugin folders, output streams, the runs
 * folder, the last run), the exit codes and one-line error messages ({@link moecl.shell.Commands}), progress on
 * stderr, the start-up warm-up and the launcher's home folder. The commands live in {@link moecl.shell.cli}, the
 * interactive workbench in {@link moecl.shell.repl}.
 */
package moecl.shell;
