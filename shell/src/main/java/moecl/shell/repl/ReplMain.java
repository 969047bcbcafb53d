package moecl.shell.repl;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import moecl.shell.MoeclHome;
import moecl.shell.Session;

/**
 * How {@code moecl} starts the REPL: {@code moecl} or {@code moecl shell} on a terminal opens the interactive
 * workbench; {@code moecl -c "set M=5; run T=500"} runs REPL commands and exits; REPL commands piped on stdin run
 * in batch mode (no prompt, first failure exits with its code). All three take {@code --plugin-path DIRS},
 * {@code --no-home-plugins} and {@code --debug}, before or after {@code shell}. An interactive session starts from
 * the spec the last one left ({@code session.spec} in the moecl home folder) unless {@code --fresh} is given.
 */
public final class ReplMain {

    private ReplMain() {
    }

    /**
     * Whether {@code args} ask for the REPL rather than a command-line command: nothing, {@code shell} or
     * {@code -c} after the options the REPL takes ({@code --debug}, {@code --plugin-path DIRS},
     * {@code --no-home-plugins}).
     */
    public static boolean wants(List<String> args) {
        int i = 0;
        while (i < args.size()) {
            String a = args.get(i);
            if (a.equals("--debug") || a.equals("--no-home-plugins") || a.equals("--fresh")
                    || a.startsWith("--plugin-path=")) {
                i++;
            } else if (a.equals("--plugin-path")) {
                i += 2;
            } else {
                break;
            }
        }
        return i >= args.size() || args.get(i).equals("shell") || args.get(i).equals("-c");
    }

    /** The REPL's command line, parsed: {@code null} command for an interactive or piped session. */
    record Options(boolean debug, String pluginPath, boolean noHomePlugins, String command, boolean fresh) {
        Options(boolean debug, String pluginPath, boolean noHomePlugins, String command) {
            this(debug, pluginPath, noHomePlugins, command, false);
        }
    }

    static final String USAGE = "use: moecl [--plugin-path DIRS] [--no-home-plugins] [--fresh] [shell], or moecl "
            + "[OPTIONS] -c \"COMMANDS\"";

    /**
     * Parses {@code [OPTIONS] [shell] [OPTIONS] [-c TEXT] [OPTIONS]}; options are {@code --debug},
     * {@code --plugin-path DIRS} ({@code --plugin-path=DIRS}) and {@code --no-home-plugins}.
     *
     * @throws IllegalArgumentException with the one-line message for bad input
     */
    static Options parse(List<String> args, boolean debug) {
        String path = null;
        boolean noHome = false;
        boolean fresh = false;
        String command = null;
        boolean commandSeen = false;
        boolean positional = false; // shell or -c seen: shell may no longer come
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--debug" -> debug = true;
                case "--no-home-plugins" -> noHome = true;
                case "--fresh" -> fresh = true;
                case "--plugin-path" -> {
                    if (i + 1 >= args.size()) {
                        throw new IllegalArgumentException("--plugin-path needs DIRS, folders of plugin jars");
                    }
                    path = args.get(++i);
                }
                case "shell" -> {
                    if (positional) {
                        throw new IllegalArgumentException("unexpected argument 'shell' (" + USAGE + ")");
                    }
                    positional = true;
                }
                case "-c" -> {
                    if (commandSeen) {
                        throw new IllegalArgumentException("-c given twice; put all commands in one: "
                                + "moecl -c \"set M=5; run T=500\"");
                    }
                    if (i + 1 >= args.size()) {
                        throw new IllegalArgumentException("-c takes one argument: the commands, e.g. moecl -c "
                                + "\"set M=5; run T=500\"");
                    }
                    command = args.get(++i);
                    commandSeen = true;
                    positional = true;
                }
                default -> {
                    if (a.startsWith("--plugin-path=")) {
                        path = a.substring("--plugin-path=".length());
                    } else if (commandSeen) {
                        throw new IllegalArgumentException("-c takes one argument: the commands, e.g. moecl -c "
                                + "\"set M=5; run T=500\" (unexpected: " + moecl.spec.Echo.of(a) + ")");
                    } else {
                        throw new IllegalArgumentException("unexpected argument '" + moecl.spec.Echo.of(a) + "' ("
                                + USAGE + ")");
                    }
                }
            }
        }
        return new Options(debug, path, noHome, command, fresh);
    }

    /** What {@code moecl shell --help} prints. */
    static final String HELP = """
            usage: moecl [--plugin-path DIRS] [--no-home-plugins] [--fresh] [--debug] [shell]
                   moecl [OPTIONS] -c "COMMANDS"
            The interactive workbench (the REPL); with -c, runs the commands (separated by ';') and exits; with
            commands on stdin, reads them line by line.
              --plugin-path DIRS   also load plugin jars from these folders (':'-separated)
              --no-home-plugins    do not load the plugins of the moecl home (MOECL_HOME, else ~/.moecl)
              --fresh              start with the default spec, not the last session's
              --debug              print stack traces of errors
            Inside: 'help' lists the commands, 'help COMMAND' explains one. The other commands: moecl --help.""";

    /**
     * Runs the REPL for {@code args} (see {@link #parse}): {@code -c TEXT} runs the commands and exits, a terminal
     * gets the interactive workbench, anything else reads commands from stdin.
     *
     * @return the exit code
     */
    public static int run(List<String> args, boolean debug, PrintWriter out, PrintWriter err) {
        if (args.contains("--help") || args.contains("-h")) {
            int c = args.indexOf("-c");
            int h = Math.max(args.indexOf("--help"), args.indexOf("-h"));
            if (c < 0 || h < c) { // not the text of -c
                out.println(HELP);
                out.flush();
                return 0;
            }
        }
        Options o;
        try {
            o = parse(args, debug);
        } catch (IllegalArgumentException e) {
            err.println("moecl: " + moecl.shell.Commands.clean(e.getMessage()));
            err.flush();
            return Repl.FAILED;
        }
        try {
            if (o.command() != null) {
                int code = repl(out, err, o).batch(new BufferedReader(new StringReader(o.command())));
                if (Boolean.getBoolean("moecl.aot.training")) {
                    trainInteractive(o);
                }
                return code;
            }
            if (System.console() == null || !System.console().isTerminal()) {
                return repl(out, err, o).batch(new BufferedReader(new InputStreamReader(System.in,
                        StandardCharsets.UTF_8)));
            }
            if (System.getProperty(TerminalBuilder.PROP_PROVIDERS) == null) {
                // JNI first: the FFM provider links its native calls at run time, which delays the first prompt
                // (measured in BENCHMARKS.md, REPL start-up); FFM and exec stay as fallbacks
                System.setProperty(TerminalBuilder.PROP_PROVIDERS, "jni,ffm,exec");
            }
            try (Terminal terminal = TerminalBuilder.builder().name("moecl").system(true).build()) {
                Repl repl = repl(terminal.writer(), terminal.writer(), o);
                Path history = historyFile();
                if (history != null) {
                    // the spec is kept for the next interactive session (batch sessions neither read nor write it)
                    repl.rememberSpec(history.resolveSibling(SPEC_FILE), !o.fresh());
                }
                return repl.interactive(terminal, history);
            }
        } catch (IOException e) {
            err.println("moecl: " + moecl.shell.Commands.clean(String.valueOf(e.getMessage())));
            return Repl.FAILED;
        } finally {
            out.flush();
            err.flush();
        }
    }

    /**
     * For the launcher's AOT cache training ({@code -Dmoecl.aot.training=true}): an interactive session over an
     * in-memory dumb terminal ({@code help}, then {@code exit}), so that the line reader's classes are in the cache
     * and the first prompt of a real session comes sooner. Never reads the real terminal; prints nothing.
     */
    private static void trainInteractive(Options o) {
        // the system terminal's providers (the launcher gives training no terminal: this ends in a dumb one)
        try (Terminal t = TerminalBuilder.builder().name("moecl").system(true).dumb(true).build()) {
            t.getSize();
        } catch (IOException | RuntimeException e) {
            // training only
        }
        java.io.ByteArrayOutputStream sink = new java.io.ByteArrayOutputStream();
        try (Terminal t = new org.jline.terminal.impl.DumbTerminal("moecl", "xterm-256color",
                new java.io.ByteArrayInputStream("help\nexit\n".getBytes(StandardCharsets.UTF_8)), sink,
                StandardCharsets.UTF_8)) {
            repl(t.writer(), t.writer(), o).interactive(t, null);
        } catch (IOException | RuntimeException e) {
            // training only: a session that cannot run leaves a smaller cache
        }
    }

    private static Repl repl(PrintWriter out, PrintWriter err, Options o) {
        Session session = new Session(out, err);
        session.debug(o.debug());
        if (o.pluginPath() != null) {
            session.pluginPath(o.pluginPath());
        }
        if (o.noHomePlugins()) {
            session.homePlugins(false);
        }
        return new Repl(session);
    }

    /** The file in the moecl home folder that keeps the last interactive session's spec. */
    static final String SPEC_FILE = "session.spec";

    /**
     * {@code history} in the moecl home folder: the {@code moecl.home} property, else {@code MOECL_HOME}, else
     * {@code ~/.moecl}. Null when the folder cannot be created (the session then keeps no history file).
     */
    static Path historyFile() {
        Path dir = MoeclHome.folder();
        if (dir == null) {
            return null;
        }
        try {
            Files.createDirectories(dir);
            return dir.resolve("history");
        } catch (IOException | UncheckedIOException e) {
            return null;
        }
    }
}
