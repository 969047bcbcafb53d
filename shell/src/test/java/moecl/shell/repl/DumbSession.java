package moecl.shell.repl;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.jline.terminal.impl.DumbTerminal;

import moecl.shell.Session;

/** An interactive REPL session over a JLine dumb terminal with in-memory streams (never a system terminal). */
final class DumbSession implements AutoCloseable {

    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final DumbTerminal terminal;
    final Session session;
    final Repl repl;
    final Path home;

    DumbSession(InputStream in, Path runs, Path home) throws IOException {
        this(in, runs, home, "dumb");
    }

    /** {@code type} other than dumb makes JLine edit as on that terminal (Tab completes only then). */
    DumbSession(InputStream in, Path runs, Path home, String type) throws IOException {
        this.terminal = new DumbTerminal("test", type, in, bytes, StandardCharsets.UTF_8);
        this.session = new Session(terminal.writer(), terminal.writer());
        session.runsRoot(runs);
        this.repl = new Repl(session);
        this.home = home;
    }

    /** Runs the typed text as a whole session and returns everything the terminal showed. */
    static String run(String typed, Path runs, Path home) throws IOException {
        return run(typed, runs, home, "dumb");
    }

    static String run(String typed, Path runs, Path home, String type) throws IOException {
        try (DumbSession s = new DumbSession(new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8)), runs,
                home, type)) {
            s.repl.interactive(s.terminal, home.resolve("history"));
            return s.output();
        }
    }

    String output() {
        terminal.writer().flush();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        terminal.close();
    }
}
