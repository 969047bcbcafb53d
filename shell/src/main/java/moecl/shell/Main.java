package moecl.shell;

import java.io.PrintWriter;
import java.util.List;

import picocli.CommandLine;

import moecl.shell.repl.ReplMain;

/**
 * The {@code moecl} program. With a command ({@code run}, {@code describe}, ...) it runs that command; with none,
 * or {@code shell}, it opens the interactive workbench (REPL); {@code -c "CMD; CMD"} runs REPL commands in batch.
 * Exit codes: 0 success, 2 bad input or a failed command (one line on stderr, the stack trace with
 * {@code --debug}), 130 interrupted.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        WarmUp.startFor(args);
        PrintWriter err = new PrintWriter(System.err, true);
        int code;
        try {
            code = run(args, new PrintWriter(System.out, true), err);
        } catch (Throwable t) { // the last line: an Error past every handler gets one line, not a trace
            err.println("moecl: " + t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": "
                    + t.getMessage()) + " (an error moecl did not expect; -Dmoecl.trace=true shows where)");
            if (Boolean.getBoolean("moecl.trace")) {
                t.printStackTrace(err);
            }
            err.flush();
            code = 1;
        }
        System.exit(code);
    }

    /** Runs one command line; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        if (ReplMain.wants(List.of(args))) {
            return ReplMain.run(List.of(args), false, out, err);
        }
        Session session = new Session(out, err);
        CommandLine cl = moecl.shell.cli.MoeclCommand.commandLine(session);
        cl.setOut(out);
        cl.setErr(err);
        try {
            return cl.execute(args);
        } finally {
            // commands may end with print rather than println; main exits right after this
            out.flush();
            err.flush();
        }
    }
}
