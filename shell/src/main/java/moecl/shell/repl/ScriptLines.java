package moecl.shell.repl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the REPL adds around {@code :js} and {@code :py}: multi-line blocks, and the Python context's start.
 *
 * <p>Multi-line input: a {@code :js}/{@code :py} line whose brackets or braces are still open, or that ends with
 * {@code :} (a Python block) or {@code \}, continues on the next lines until an empty line ends the block; JLine
 * shows a secondary prompt meanwhile ({@link ReplParser} reports the block as incomplete), batch mode reads on.
 *
 * <p>Python: its context takes seconds to start, so the first {@code :py} of a session says so in one line; a session
 * whose last session used Python (remembered as the file {@code python-used} next to the history, in the moecl home)
 * starts the context in the background as the REPL opens.
 */
final class ScriptLines {

    /** The file, in the moecl home, whose presence says that the last session used Python. */
    static final String PYTHON_USED = "python-used";

    private ScriptLines() {
    }

    /** Whether {@code text} is a {@code :js}/{@code :py} block that goes on past its last line. */
    static boolean incomplete(String text) {
        String t = text.stripLeading();
        if (!(t.startsWith(":js") || t.startsWith(":py")) || t.length() > 3 && !Character.isWhitespace(t.charAt(3))) {
            return false;
        }
        String[] lines = text.split("\n", -1);
        if (lines.length > 1 && lines[lines.length - 1].isBlank()) {
            return false; // an empty line ends the block
        }
        if (lines.length > 1) {
            return true; // in a block: on until an empty line
        }
        String last = lines[0].stripTrailing();
        return open(t.substring(3)) > 0 || last.endsWith(":") || last.endsWith("\\");
    }

    /** Brackets, braces and parentheses opened and not closed, outside strings and comments ({@code #}, //). */
    static int open(String code) {
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            switch (c) {
                case '"', '\'', '`' -> quote = c;
                case '(', '[', '{' -> depth++;
                case ')', ']', '}' -> depth = Math.max(0, depth - 1);
                case '#' -> {
                    return depth;
                }
                case '/' -> {
                    if (i + 1 < code.length() && code.charAt(i + 1) == '/') {
                        return depth;
                    }
                }
                default -> {
                }
            }
        }
        return depth;
    }

    /** Python's start in this session: not yet, started in the background, or asked for by a line. */
    private static final Object LOCK = new Object();

    /**
     * Called before a {@code :py} line runs: prints the one line saying Python is starting when its context is
     * not up yet, and remembers that this session used Python.
     */
    static void beforePython(Repl repl) {
        synchronized (LOCK) {
            if (!repl.pythonUp()) {
                repl.out().println(repl.pythonStarting() ? "(Python is starting in the background; it takes a few "
                        + "seconds)" : "(starting Python; the first :py of a session takes a few seconds)");
                repl.out().flush();
            }
        }
        remember(repl.homeFile(PYTHON_USED));
    }

    /** After a {@code :py} line ran (well or not): the context is up. */
    static void afterPython(Repl repl) {
        repl.pythonUp(true);
    }

    private static void remember(Path marker) {
        if (marker == null || Files.exists(marker)) {
            return;
        }
        try {
            Files.writeString(marker, "the last REPL session used :py; the next one starts Python in the "
                    + "background\n");
        } catch (IOException | RuntimeException e) {
            // only a slower first :py next time
        }
    }

    /**
     * At the start of an interactive session: if the last session used Python, says so and starts the context
     * on a background thread (a daemon: it never keeps the REPL from exiting). The marker is removed, so a
     * session that does not use Python again does not start it next time.
     */
    static void startPythonIfUsed(Repl repl) {
        Path marker = repl.homeFile(PYTHON_USED);
        if (marker == null || !Files.exists(marker)) {
            return;
        }
        try {
            Files.deleteIfExists(marker);
        } catch (IOException e) {
            // it stays; Python starts next time too
        }
        repl.out().println("(starting Python in the background: the last session used :py)");
        repl.pythonStarting(true);
        Thread t = new Thread(() -> {
            try {
                repl.session().evalScript("python", "None");
                repl.pythonUp(true);
            } catch (RuntimeException | LinkageError e) {
                // the first :py will say what is wrong
            } finally {
                repl.pythonStarting(false);
            }
        }, "moecl-python-start");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }
}
