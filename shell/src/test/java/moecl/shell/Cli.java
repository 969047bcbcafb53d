package moecl.shell;

import java.io.PrintWriter;
import java.io.StringWriter;

/** The command line run in-process, for the CLI tests: its exit code and what it wrote. */
final class Cli {

    private Cli() {
    }

    /** What a command did: exit code, standard output, standard error. */
    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }
}
