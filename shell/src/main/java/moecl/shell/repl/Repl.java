package moecl.shell.repl;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicReference;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.jline.utils.InfoCmp;

import picocli.CommandLine;

import moecl.shell.Commands;
import moecl.shell.Session;
import moecl.spec.Suggest;
import moecl.spec.Words;
import moecl.workbench.Manifest;

/**
 * The interactive workbench: reads lines (from a JLine terminal, or from a script of lines in batch mode), cuts
 * them into statements ({@link Words}) and runs each through the {@link CommandTable}. Every command runs on a
 * worker thread so that Ctrl-C ({@link #cancel()}) interrupts the command and never the session; a failing command
 * prints one line ({@code moecl: ...}, with the stack trace when debugging) and the session goes on. In batch mode
 * the first failure ends the session with its exit code.
 */
public final class Repl {

    public static final int OK = 0;
    public static final int FAILED = Commands.BAD_INPUT;
    public static final int CANCELLED = Commands.INTERRUPTED;

    private final Session session;
    private final CommandTable commands;
    private final SessionSpec spec = new SessionSpec();
    private final List<String> history = new ArrayList<>();
    private volatile Thread worker;
    private volatile boolean cancelRequested;
    private volatile boolean exitRequested;
    private volatile int exitCode = OK;
    /** The files {@code source} is running, innermost first. */
    final java.util.Deque<String> sourcing = new java.util.concurrent.ConcurrentLinkedDeque<>();
    /** Where the session's spec is kept between interactive sessions (null: nowhere), and whether to restore it. */
    private Path specFile;
    private boolean restoreSpec;
    private Terminal terminal;
    private LineReader reader;
    private boolean colour;
    private Palette.Depth colourDepth = Palette.Depth.NONE;
    private volatile boolean pythonUp;
    private volatile boolean pythonStarting;
    private Path home;

    public Repl(Session session, CommandTable commands) {
        this.session = session;
        this.commands = commands;
    }

    /** A REPL with the standard commands. */
    public Repl(Session session) {
        this(session, ReplCommands.standard());
    }

    public Session session() {
        return session;
    }

    public CommandTable commands() {
        return commands;
    }

    SessionSpec spec() {
        return spec;
    }

    public PrintWriter out() {
        return session.out();
    }

    /** The terminal of an interactive session, or {@code null} in batch mode. */
    public Terminal terminal() {
        return terminal;
    }

    /** Whether a command is running (on the worker thread). */
    public boolean busy() {
        return worker != null;
    }

    /** Ends the session after the current statement. */
    void requestExit() {
        requestExit(OK);
    }

    /** Ends the session after the current statement; the process exits with {@code code}. */
    void requestExit(int code) {
        exitCode = code;
        exitRequested = true;
    }

    /** Whether the session reads from a terminal (it can ask the user), rather than from -c or piped lines. */
    boolean interactiveSession() {
        return reader != null;
    }

    /**
     * Asks a yes/no question on the terminal; anything but {@code y} or {@code yes} (Ctrl-C, Ctrl-D) is no. Only in
     * an interactive session; batch sessions never ask.
     */
    boolean confirm(String question) {
        if (reader == null) {
            return false;
        }
        try {
            String answer = reader.readLine(question + " [y/N] ");
            return answer != null && List.of("y", "yes").contains(answer.strip().toLowerCase(java.util.Locale.ROOT));
        } catch (UserInterruptException | EndOfFileException e) {
            return false;
        }
    }

    /**
     * Keeps the session's spec in {@code file} (written whenever it changes, in interactive sessions), and with
     * {@code restore} starts an interactive session from the spec kept there by the last one.
     */
    public void rememberSpec(Path file, boolean restore) {
        this.specFile = file;
        this.restoreSpec = restore;
    }

    /** Writes the spec to the spec file, when there is one and the session is interactive; failures are quiet. */
    void specChanged() {
        if (specFile != null && reader != null) {
            spec.remember(specFile);
        }
    }

    public boolean exitRequested() {
        return exitRequested;
    }

    /** Interrupts the running command, if any (Ctrl-C). The session itself goes on. */
    public void cancel() {
        Thread w = worker;
        if (w != null) {
            cancelRequested = true;
            w.interrupt();
        }
    }

    // ---- running lines ---------------------------------------------------------------------------------------------

    /**
     * Runs the statements of one line in order and returns {@link #OK}, or the exit code of the first statement
     * that failed (the statements after it do not run).
     */
    public int execute(String line) {
        String rest = line;
        while (!rest.isBlank() && !exitRequested) {
            List<Words.Word> words = Words.words(rest, 0);
            if (words.isEmpty() || words.get(0).raw().startsWith("#")) {
                return OK;
            }
            String name = words.get(0).text();
            var raw = commands.find(name).filter(ReplCommand::rawLine);
            String statement;
            if (raw.isPresent()) {
                statement = rest;
                rest = "";
            } else {
                int semi = Words.statementEnd(rest);
                statement = rest.substring(0, semi);
                rest = semi < rest.length() ? rest.substring(semi + 1) : "";
            }
            if (statement.isBlank()) {
                continue;
            }
            int code = statement(statement.strip());
            if (code != OK) {
                return code;
            }
        }
        return OK;
    }

    /** Runs one statement: a command name and its arguments. */
    int statement(String text) {
        List<Words.Word> words = Words.words(text, 0);
        String name = words.get(0).text();
        var cmd = commands.find(name);
        if (cmd.isEmpty()) {
            // never suggest the command that deletes (rn is closer to rm than to run by the letters)
            error("unknown command '" + name + "'" + Suggest.didYouMean(name, commands.names().stream()
                    .filter(c -> !c.equals("rm")).toList()) + " (type help)");
            return FAILED;
        }
        List<String> args = words.subList(1, words.size()).stream().map(Words.Word::text).toList();
        String rest = words.size() > 1 ? text.substring(words.get(1).start()) : "";
        return onWorker(cmd.get(), args, rest);
    }

    private int onWorker(ReplCommand cmd, List<String> args, String rest) {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                cmd.handler().run(this, args, rest);
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "moecl-" + cmd.name());
        t.setDaemon(true);
        cancelRequested = false;
        // a command may run statements itself (source FILE): Ctrl-C then reaches the innermost, and the outer
        // command is the running one again afterwards
        Thread outer = worker;
        worker = t;
        t.start();
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                // the caller was interrupted: pass it on to the command and wait for it to stop
                cancel();
            }
        }
        worker = outer;
        boolean cancelled = cancelRequested;
        cancelRequested = false;
        Thread.interrupted();
        session.out().flush();
        session.err().flush();
        Throwable f = failure.get();
        if (f == null) {
            return OK;
        }
        if (f instanceof CommandFailed cf) {
            return cf.code();
        }
        if (f instanceof CancellationException || cancelled && (f instanceof InterruptedException
                || f.getCause() instanceof InterruptedException)) {
            error("cancelled");
            return CANCELLED;
        }
        error(Commands.message(f));
        if (session.debug()) {
            f.printStackTrace(session.err());
            session.err().flush();
        }
        return FAILED;
    }

    /** Prints {@code moecl: message} on the error stream, in red on a colour terminal. */
    void error(String message) {
        String line = "moecl: " + message;
        if (colour) {
            line = new AttributedString(line, AttributedStyle.DEFAULT.foreground(AttributedStyle.RED)).toAnsi(terminal);
        }
        session.err().println(line);
        session.err().flush();
    }

    /** A command failed and already said why; ends the statement with {@code code}. */
    static final class CommandFailed extends RuntimeException {
        private final int code;

        CommandFailed(int code) {
            super(null, null, false, false);
            this.code = code;
        }

        int code() {
            return code;
        }
    }

    /**
     * Runs a command declared with picocli ({@code run}, {@code describe}, ...) exactly as the command line would,
     * with this session's output; a non-zero exit code fails the statement.
     */
    public void picocli(List<String> args) {
        CommandLine cl = commandLine();
        String name = args.isEmpty() ? "" : args.get(0);
        cl.setParameterExceptionHandler((ex, a) -> {
            // one line, and the REPL's way to more help
            session.err().println("moecl: " + Commands.clean(Commands.parameterMessage(ex).replace('\n', ' '))
                    + " (see: help " + name + ")");
            return FAILED;
        });
        int code = cl.execute(args.toArray(String[]::new));
        if (code != 0) {
            throw new CommandFailed(code);
        }
    }

    CommandLine commandLine() {
        CommandLine cl = moecl.shell.cli.MoeclCommand.commandLine(session);
        cl.setOut(session.out());
        cl.setErr(session.err());
        return cl;
    }

    /** Option names of a picocli command, for completion. */
    List<String> optionNames(String command) {
        CommandLine sub = commandLine().getSubcommands().get(command);
        if (sub == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        sub.getCommandSpec().options().forEach(o -> out.addAll(List.of(o.names())));
        return out;
    }

    /** The lines entered in this session, for {@code history}: the terminal's history when interactive. */
    List<String> historyLines() {
        if (reader != null) {
            List<String> out = new ArrayList<>();
            reader.getHistory().forEach(e -> out.add(e.line()));
            return out;
        }
        return List.copyOf(history);
    }

    /** Whether charts may use braille dots (the output can encode them). */
    boolean unicode() {
        java.nio.charset.Charset cs = terminal != null ? terminal.encoding()
                : java.nio.charset.Charset.forName(System.getProperty("stdout.encoding", "UTF-8"), null);
        return cs != null && cs.newEncoder().canEncode('\u28ff');
    }

    boolean colour() {
        return colour;
    }

    boolean pythonUp() {
        return pythonUp;
    }

    void pythonUp(boolean up) {
        pythonUp = up;
    }

    boolean pythonStarting() {
        return pythonStarting;
    }

    void pythonStarting(boolean starting) {
        pythonStarting = starting;
    }

    /** A file in the moecl home (the history's folder), or null when the session keeps no history. */
    Path homeFile(String name) {
        return home == null ? null : home.resolve(name);
    }

    /** The colours charts may use: the terminal's depth ({@link Palette}), none in batch mode. */
    Palette.Depth colourDepth() {
        return colourDepth;
    }

    /** Width available for a chart: the terminal's, else 80 columns. */
    @SuppressWarnings("deprecation") // JLine 4 deprecates getWidth(); until the REPL moves off it
    int width() {
        int w = terminal == null ? 0 : terminal.getSize().getColumns();
        return w <= 0 ? 80 : w;
    }

    // ---- sessions ------------------------------------------------------------------------------------------------

    /**
     * Batch mode: runs the lines of {@code in} (commands piped on stdin, or {@code -c} text) without prompts.
     * Returns {@link #OK}, or the exit code of the first failing command, after which nothing else runs.
     */
    public int batch(BufferedReader in) throws IOException {
        String line;
        while (!exitRequested && (line = in.readLine()) != null) {
            // a :js/:py block goes on until an empty line (or the end of the input)
            String next;
            while (ScriptLines.incomplete(line) && (next = in.readLine()) != null) {
                line = line + "\n" + next;
            }
            history.add(line);
            int code = execute(line);
            if (code != OK) {
                return code;
            }
        }
        return exitCode;
    }

    /**
     * Prepares the result files' compression ({@link moecl.workbench.sweep.Columns#prepare}, about 100 ms of binding
     * native code) on a daemon thread once the first prompt is up, so that the session's first run does not wait for
     * it. Not at start-up: there it competed with the session's own start and delayed the first prompt by about 50
     * ms (BENCHMARKS.md, "Large d").
     */
    private static void prepareColumnsAfterThePrompt() {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(PREPARE_DELAY_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            moecl.workbench.sweep.Columns.prepare();
        }, "moecl-prepare-columns");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    /** Long enough for the line reader to draw the first prompt, shorter than typing a command. */
    private static final long PREPARE_DELAY_MILLIS = 250;

    /**
     * Interactive mode on a JLine terminal: prompt, completion, hints, history in {@code historyFile} (none when
     * null). Ctrl-C cancels the running command or clears the line; Ctrl-D or {@code exit} ends the session.
     */
    public int interactive(Terminal term, Path historyFile) {
        this.terminal = term;
        String type = term.getType();
        boolean dumb = type == null || type.startsWith(Terminal.TYPE_DUMB);
        Integer colours = term.getNumericCapability(InfoCmp.Capability.max_colors);
        this.colour = !dumb && colours != null && colours >= 8;
        this.colourDepth = colour ? Palette.depth(colours, System.getenv("COLORTERM")) : Palette.Depth.NONE;
        session.progressInPlace(!dumb);
        LineReaderBuilder b = LineReaderBuilder.builder().terminal(term).appName("moecl")
                .parser(new ReplParser()).completer(new ReplCompleter(this))
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .option(LineReader.Option.AUTO_FRESH_LINE, true)
                .variable(LineReader.HISTORY_SIZE, 2000)
                .variable(LineReader.HISTORY_FILE_SIZE, 5000);
        if (historyFile != null) {
            b.variable(LineReader.HISTORY_FILE, historyFile);
            home = historyFile.toAbsolutePath().getParent();
        }
        // the prompt of a :js/:py block's further lines (ReplParser says when a block goes on)
        b.variable(LineReader.SECONDARY_PROMPT_PATTERN, "  ...> ");
        reader = b.build();
        Hints hints = dumb ? null : Hints.install(reader, this);
        term.handle(Terminal.Signal.INT, s -> cancel());
        String prompt = colour ? new AttributedString("moecl> ", AttributedStyle.BOLD.foreground(AttributedStyle.CYAN))
                .toAnsi(term) : "moecl> ";
        session.out().println("moecl " + Manifest.version() + ": type help for commands, Tab to complete, "
                + "Ctrl-C cancels a run, Ctrl-D exits");
        if (restoreSpec && specFile != null) {
            spec.restore(specFile).forEach(session.out()::println);
        }
        ScriptLines.startPythonIfUsed(this);
        prepareColumnsAfterThePrompt();
        session.out().flush();
        try {
            while (!exitRequested) {
                String line;
                try {
                    line = reader.readLine(prompt);
                } catch (UserInterruptException e) {
                    continue;
                } catch (EndOfFileException e) {
                    break;
                }
                if (hints != null) {
                    hints.clear();
                }
                execute(line);
            }
        } finally {
            try {
                reader.getHistory().save();
            } catch (IOException | RuntimeException e) {
                session.err().println("moecl: cannot save history: " + e.getMessage());
            }
            session.out().flush();
        }
        return exitCode;
    }
}
