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

import moecl.shell.Session;

/**
 * How {@code moecl} starts the REPL: {@code moecl} or {@code moecl shell} on a terminal opens the interactive
 * workbench; {@code moecl -c "set M=5; run T=500"} runs REPL commands and exits; REPL commands piped on stdin run
 * in batch mode (no prompt, first failure exits with its code).
 */
public final class ReplMain {

    private ReplMain() {
    }

    /** Whether {@code args} (after {@code --debug}) ask for the REPL rather than a command-line command. */
    public static boolean wants(List<String> args) {
        return args.isEmpty() || args.get(0).equals("shell") || args.get(0).equals("-c");
    }

    /**
     * Runs the REPL for {@code args} ({@code []}, {@code [shell]}, {@code [-c, TEXT]}, {@code [shell, -c, TEXT]}).
     *
     * @return the exit code
     */
    public static int run(List<String> args, boolean debug, PrintWriter out, PrintWriter err) {
        List<String> a = !args.isEmpty() && args.get(0).equals("shell") ? args.subList(1, args.size()) : args;
        try {
            if (!a.isEmpty() && a.get(0).equals("-c")) {
                if (a.size() != 2) {
                    err.println("moecl: -c takes one argument: the commands, e.g. moecl -c \"set M=5; run T=500\"");
                    return Repl.FAILED;
                }
                return repl(out, err, debug).batch(new BufferedReader(new StringReader(a.get(1))));
            }
            if (!a.isEmpty()) {
                err.println("moecl: unexpected arguments after shell: "
                        + moecl.shell.Commands.clean(String.join(" ", a))
                        + " (use: moecl shell, or moecl -c \"COMMANDS\")");
                return Repl.FAILED;
            }
            if (System.console() == null || !System.console().isTerminal()) {
                return repl(out, err, debug).batch(new BufferedReader(new InputStreamReader(System.in,
                        StandardCharsets.UTF_8)));
            }
            try (Terminal terminal = TerminalBuilder.builder().name("moecl").system(true).build()) {
                return repl(terminal.writer(), terminal.writer(), debug).interactive(terminal, historyFile());
            }
        } catch (IOException e) {
            err.println("moecl: " + moecl.shell.Commands.clean(String.valueOf(e.getMessage())));
            return Repl.FAILED;
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static Repl repl(PrintWriter out, PrintWriter err, boolean debug) {
        Session session = new Session(out, err);
        session.debug(debug);
        return new Repl(session);
    }

    /**
     * {@code history} in the moecl home folder: the {@code moecl.home} property, else {@code MOECL_HOME}, else
     * {@code ~/.moecl}. Null when the folder cannot be created (the session then keeps no history file).
     */
    static Path historyFile() {
        String home = System.getProperty("moecl.home", System.getenv("MOECL_HOME"));
        Path dir = home != null && !home.isBlank() ? Path.of(home)
                : Path.of(System.getProperty("user.home"), ".moecl");
        try {
            Files.createDirectories(dir);
            return dir.resolve("history");
        } catch (IOException | UncheckedIOException e) {
            return null;
        }
    }
}
