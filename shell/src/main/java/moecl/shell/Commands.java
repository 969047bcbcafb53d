package moecl.shell;

import picocli.CommandLine;

/**
 * What the command line and the REPL share about ending a command: the exit codes and the one-line messages of
 * errors. The commands themselves are in {@link moecl.shell.cli} ({@link moecl.shell.cli.MoeclCommand} lists them).
 */
public final class Commands {

    /** Exit code of bad input and failed commands. */
    public static final int BAD_INPUT = 2;
    /** Exit code of a sweep in which some runs failed (the others completed and are saved). */
    public static final int RUNS_FAILED = 3;
    /** {@code rerun}: the results computed again differ from the folder's. */
    public static final int NOT_REPRODUCED = 4;
    /** Exit code of an interrupted command. */
    public static final int INTERRUPTED = 130;

    private Commands() {
    }

    /** picocli's "cannot convert 'V' to TYPE (SomeException: why)", for a value it could not convert. */
    private static final java.util.regex.Pattern CANNOT_CONVERT = java.util.regex.Pattern.compile(
            "cannot convert '(.*)' to (?:interface |class )?([\\w.$\\[\\]]+) \\((?:[\\w.$]+: )?(.*)\\)$",
            java.util.regex.Pattern.DOTALL);

    /**
     * picocli's message for a bad option or argument, in words: a value it could not convert names the type and the
     * converter's exception ({@code cannot convert 'a\0b' to interface java.nio.file.Path
     * (java.nio.file.InvalidPathException: Nul character not allowed: a\0b)}); this says {@code 'a\0b' is not a
     * valid path: Nul character not allowed}.
     */
    public static String parameterMessage(CommandLine.ParameterException ex) {
        String msg = String.valueOf(ex.getMessage());
        java.util.regex.Matcher m = CANNOT_CONVERT.matcher(msg);
        if (m.find()) {
            String type = m.group(2);
            String what = switch (type.substring(type.lastIndexOf('.') + 1)) {
                case "Path", "File" -> "a valid path";
                case "Integer", "int", "Long", "long", "Short", "short" -> "an integer";
                case "Double", "double", "Float", "float" -> "a number";
                default -> "a valid value";
            };
            String why = m.group(3);
            int colon = why.lastIndexOf(": ");
            if (colon > 0 && why.substring(colon + 2).equals(m.group(1))) {
                why = why.substring(0, colon); // the reason quotes the value again
            }
            msg = msg.substring(0, m.start()) + "'" + m.group(1) + "' is not " + what + ": " + why;
        }
        return msg;
    }

    /** The one-line message of an exception, with its cause where it adds something. */
    public static String message(Throwable ex) {
        String m = ex.getMessage();
        if (m == null || m.isBlank()) {
            m = ex.getClass().getSimpleName();
        }
        if (!(ex instanceof IllegalArgumentException) && !(ex instanceof java.io.UncheckedIOException)
                && !(ex instanceof moecl.workbench.sweep.StoreFailure)
                && !(ex instanceof moecl.workbench.sweep.EngineFailure)) {
            m = ex.getClass().getSimpleName() + ": " + m;
        }
        return clean(m.replace('\n', ' '));
    }

    /**
     * Longest message printed whole; a longer one is cut. Input a message quotes is cut much shorter
     * ({@link moecl.spec.Echo#MAX}); this bounds messages that list many things, such as the folders searched.
     */
    static final int MAX_MESSAGE = 1000;

    /**
     * A message fit for a terminal: every stretch of more than {@value moecl.spec.Echo#MAX} characters without a
     * space (input quoted back: a name, a number, a path) cut with a note of its length, control characters escaped
     * (an argument may carry terminal escapes) and, past {@value #MAX_MESSAGE} characters, the whole cut.
     */
    public static String clean(String m) {
        return moecl.spec.Echo.escape(moecl.spec.Echo.words(m), MAX_MESSAGE);
    }
}
