package moecl.shell;

import java.io.PrintWriter;

import picocli.CommandLine;

/**
 * The {@code moecl} program. Exit codes: 0 success, 2 bad input or a failed command (one line on stderr, the
 * stack trace with {@code --debug}), 130 interrupted.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        int code = run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        System.exit(code);
    }

    /** Runs one command line; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        Session session = new Session(out, err);
        CommandLine cl = Commands.commandLine(session);
        cl.setOut(out);
        cl.setErr(err);
        return cl.execute(args);
    }
}
