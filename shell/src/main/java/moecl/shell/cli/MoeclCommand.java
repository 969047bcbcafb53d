package moecl.shell.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import moecl.shell.Commands;
import moecl.shell.Session;
import moecl.spec.Suggest;
import moecl.workbench.Manifest;
import moecl.workbench.RunRequest;

/**
 * The {@code moecl} command: its global options and the table of its subcommands, one class each in this package
 * (declared once with picocli; the command line and the REPL use the same declarations).
 */
@Command(name = "moecl", mixinStandardHelpOptions = true, versionProvider = MoeclCommand.Version.class,
        description = {"A workbench for continual learning with mixture-of-experts.",
            "With no command, or 'shell', opens the interactive workbench (REPL); -c \"set M=5; run T=500\" "
                    + "runs REPL commands in batch."},
        subcommands = {
            ListCmd.class, DescribeCmd.class, RunCmd.class, ReproCmd.class, ResumeCmd.class, RerunCmd.class,
            ExportCmd.class, WorkerCmd.class, TheoryCmd.class, BenchCmd.class, ScriptCmd.class,
            CommandLine.HelpCommand.class})
public final class MoeclCommand implements Callable<Integer> {
    private final Session session;

    @Option(names = "--debug", description = "print stack traces of errors", scope = CommandLine.ScopeType.INHERIT)
    void debug(boolean on) {
        session.debug(on);
    }

    @Option(names = "--plugin-path", paramLabel = "DIRS", scope = CommandLine.ScopeType.INHERIT,
            description = "folders of plugin jars, separated by '${sys:path.separator}' (replaces "
                    + "MOECL_PLUGIN_PATH; the home folder's plugins are searched too, see --no-home-plugins)")
    void pluginPath(String dirs) {
        if (dirs != null) {
            session.pluginPath(dirs);
        }
    }

    @Option(names = "--no-home-plugins", scope = CommandLine.ScopeType.INHERIT,
            description = "do not load the plugins in ~/.moecl/plugins (or $MOECL_HOME/plugins): only built-in "
                    + "ones and those of --plugin-path or MOECL_PLUGIN_PATH")
    void noHomePlugins(boolean on) {
        if (on) {
            session.homePlugins(false);
        }
    }

    /** Read by the interactive session's start ({@code ReplMain}); listed here so that help shows it. */
    @Option(names = "--fresh", description = "start the interactive session (no command given) from the default "
            + "spec instead of the one the last session left (~/.moecl/session.spec)")
    boolean fresh;

    MoeclCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        new CommandLine(this).usage(session.out());
        return 0;
    }

    /**
     * The command line of {@code moecl}: this command with its subcommands, the session given to each, every
     * subcommand with {@code -h/--help}, and errors as one line with an exit code ({@link Commands#BAD_INPUT},
     * {@link Commands#INTERRUPTED}). The REPL runs its command-line commands through the same object.
     */
    public static CommandLine commandLine(Session session) {
        CommandLine cl = new CommandLine(new MoeclCommand(session), new Factory(session));
        cl.setExpandAtFiles(false); // "@file" is an argument like any other, never a file's contents
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (sub.getCommandSpec().findOption("--help") == null) {
                sub.getCommandSpec().addOption(CommandLine.Model.OptionSpec.builder("-h", "--help").usageHelp(true)
                        .description("Show this help message and exit.").build());
            }
        }
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof CancellationException) {
                String m = ex.getMessage();
                cmd.getErr().println("moecl: " + (m != null && m.startsWith("cancelled") ? m : "cancelled"));
                return Commands.INTERRUPTED;
            }
            if (shuttingDown() && ex instanceof moecl.workbench.sweep.EngineFailure) {
                // SIGTERM or Ctrl-C stopped the engine (a cluster member) under the sweep: the sweep's own hook has
                // said what is saved; this is only the echo of the stop (a review found it printed as a second error)
                return Commands.INTERRUPTED;
            }
            cmd.getErr().println("moecl: " + Commands.message(ex));
            if (session.debug()) {
                ex.printStackTrace(cmd.getErr());
            }
            return Commands.BAD_INPUT;
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine cmd = ex.getCommandLine();
            String msg = Commands.parameterMessage(ex);
            if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
                String word = u.getUnmatched().get(0);
                List<String> names = new ArrayList<>(cmd.getSubcommands().keySet());
                if (!names.isEmpty() && cmd.getCommandSpec().parent() == null) {
                    msg = word.startsWith("-") ? "unknown option '" + moecl.spec.Echo.of(word) + "' (moecl --help "
                            + "lists the options and commands)"
                            : "unknown command '" + moecl.spec.Echo.of(word) + "'" + Suggest.didYouMean(word, names)
                            + " (commands: " + String.join(", ", names) + ")";
                } else if (word.startsWith("--") && specKey(word.substring(2)) != null) {
                    String key = specKey(word.substring(2));
                    msg = "unknown option '" + moecl.spec.Echo.of(word) + "': " + key + " is a key of the spec, "
                            + "written " + key + "=VALUE (e.g. " + key + "=" + RunRequest.DEFAULTS.get(key) + ")";
                }
            }
            cmd.getErr().println("moecl: " + Commands.clean(msg));
            cmd.getErr().println("usage: " + cmd.getCommandSpec().qualifiedName() + " --help");
            return Commands.BAD_INPUT;
        });
        return cl;
    }

    /** Whether the JVM is shutting down (a signal): shutdown hooks can then no longer be added. */
    static boolean shuttingDown() {
        Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }

    /** The spec key {@code word} names ({@code rng} for {@code rng} or {@code rng=...}), or null. */
    private static String specKey(String word) {
        try {
            return RunRequest.canonicalKey(word.split("=", 2)[0]);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Gives each command the session. */
    static final class Factory implements CommandLine.IFactory {
        private final Session session;

        Factory(Session session) {
            this.session = session;
        }

        @Override
        public <K> K create(Class<K> cls) throws Exception {
            try {
                return cls.getDeclaredConstructor(Session.class).newInstance(session);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(cls);
            }
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"moecl " + Manifest.version() + " (Java " + Runtime.version() + ")"};
        }
    }
}
