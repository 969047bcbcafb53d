package moecl.shell.repl;

import java.util.List;

/**
 * One command of the REPL: its name, a usage line, a one-line summary for {@code help}, how its arguments complete,
 * and what it does. Commands that exist on the command line too ({@code run}, {@code describe}, ...) are thin
 * handlers that hand their words to the same picocli declarations ({@link moecl.shell.cli.MoeclCommand}).
 *
 * @param name       what the user types first; may start with {@code :} ({@code :js})
 * @param usage      e.g. {@code plot METRIC [RUN...]}
 * @param summary    one line for {@code help}
 * @param completion candidates for the arguments
 * @param rawLine    the command takes the rest of the line verbatim, {@code ;} included (code for {@code :js});
 *                   otherwise {@code ;} separates statements
 * @param handler    the action; throws to fail (the REPL prints one line and goes on)
 */
public record ReplCommand(String name, String usage, String summary, Completion completion, boolean rawLine,
                          Handler handler) {

    /** A command whose arguments are words and whose statement ends at {@code ;}. */
    public static ReplCommand of(String name, String usage, String summary, Completion completion, Handler handler) {
        return new ReplCommand(name, usage, summary, completion, false, handler);
    }

    /** What a command does. */
    @FunctionalInterface
    public interface Handler {
        /**
         * @param repl the session (output, spec, run folders, the picocli commands)
         * @param args the words after the command name, quotes of quoted words removed
         * @param rest the text after the command name as typed (for commands that parse it themselves)
         */
        void run(Repl repl, List<String> args, String rest) throws Exception;
    }

    /** Completion of a command's arguments; see {@link Completions} for the common kinds. */
    @FunctionalInterface
    public interface Completion {
        /**
         * Adds candidates for the word being typed.
         *
         * @param at     which argument (0 = first after the command) and the text of it before the cursor
         * @param before the arguments before it
         */
        void complete(Repl repl, Completions.Position at, List<String> before,
                      List<org.jline.reader.Candidate> out);
    }
}
