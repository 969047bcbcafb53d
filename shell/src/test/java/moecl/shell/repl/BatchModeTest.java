package moecl.shell.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import moecl.shell.Main;
import moecl.shell.Session;

/** moecl -c "..." and commands on stdin: no prompt, the first failure ends the session with exit code 2. */
class BatchModeTest {

    @TempDir
    Path tmp;

    record Result(int code, String out, String err) {
    }

    Result main(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void dashCRunsStatementsInOrder() {
        Path runs = tmp.resolve("runs");
        Result r = main("-c", "set M=2 T=30; run --out " + runs + " --quiet; show");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("run folder: " + runs), r.out());
        assertTrue(r.out().contains("M        2"), r.out());
        assertFalse(r.out().contains("moecl>"), "no prompt in batch mode");
    }

    @Test
    void theFirstFailingCommandExitsWithCode2AndItsMessage() {
        Result r = main("-c", "set M=2 T=30; bogus; show");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("moecl: unknown command 'bogus'"), r.err());
        assertFalse(r.out().contains("(default)"), "nothing runs after the failure: " + r.out());
        Result bad = main("shell", "-c", "run T=0");
        assertEquals(2, bad.code());
        assertTrue(bad.err().startsWith("moecl: T=0 is out of range"), bad.err());
        assertEquals(1, bad.err().lines().count(), bad.err());
    }

    /** {@code moecl shell --help} explains the REPL's own options (it exited 2 before). */
    @Test
    void shellHelpPrintsTheOptionsAndExitsZero() {
        for (List<String> args : List.of(List.of("shell", "--help"), List.of("-h"), List.of("--fresh", "--help"))) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = ReplMain.run(args, false, new PrintWriter(out, true), new PrintWriter(err, true));
            assertEquals(0, code, args + ": " + err);
            assertTrue(out.toString().startsWith("usage: moecl [--plugin-path DIRS]"), out.toString());
            assertTrue(out.toString().contains("--no-home-plugins"), out.toString());
        }
        // inside -c, --help is the command's text, not an option
        StringWriter err = new StringWriter();
        ReplMain.run(List.of("-c", "set M=abc"), false, new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true));
        assertTrue(err.toString().startsWith("moecl: "), err.toString());
    }

    @Test
    void pipedLinesRunWithoutPromptsAndStopAtTheFirstFailure() throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Session s = new Session(new PrintWriter(out, true), new PrintWriter(err, true));
        s.runsRoot(tmp.resolve("runs"));
        Repl repl = new Repl(s);
        int code = repl.batch(new BufferedReader(new StringReader("""
                # a comment
                set T=20 M=2
                run --quiet
                plot G
                describe nosuch
                show
                """)));
        assertEquals(2, code);
        assertTrue(err.toString().contains("moecl: unknown plugin 'nosuch'"), err.toString());
        assertTrue(out.toString().contains("chart:"), out.toString());
        assertFalse(out.toString().contains("(default)"), out.toString());
        assertFalse(out.toString().contains("\u001b["), "no escape sequences outside a capable terminal");
        try (var f = Files.list(tmp.resolve("runs"))) {
            assertEquals(1, f.count());
        }
    }
}
