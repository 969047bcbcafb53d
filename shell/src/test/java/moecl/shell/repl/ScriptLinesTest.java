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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import moecl.shell.Session;

/** Multi-line {@code :js}/{@code :py} blocks, and the line and background start of the Python context. */
class ScriptLinesTest {

    @TempDir
    Path tmp;

    @Test
    void whichLinesOpenABlock() {
        assertFalse(ScriptLines.incomplete(":js 1 + 2"));
        assertFalse(ScriptLines.incomplete("run T=5 {"), "only :js and :py lines");
        assertFalse(ScriptLines.incomplete(":json {"), "the command is :js, not a longer word");
        assertTrue(ScriptLines.incomplete(":js function f(x) {"));
        assertTrue(ScriptLines.incomplete(":js [1,"));
        assertTrue(ScriptLines.incomplete(":py def f(x):"));
        assertTrue(ScriptLines.incomplete(":py x = 1 + \\"));
        assertFalse(ScriptLines.incomplete(":js '{' + \"(\""), "brackets in strings do not count");
        assertFalse(ScriptLines.incomplete(":py 1  # (comment"), "nor in comments");
        assertTrue(ScriptLines.incomplete(":js function f(x) {\n  return x;\n}"), "on until an empty line");
        assertFalse(ScriptLines.incomplete(":js function f(x) {\n  return x;\n}\n"));
    }

    @Test
    void multiLineJavaScriptInAnInteractiveSession() throws IOException {
        String out = DumbSession.run("""
                :js function twice(x) {
                  return 2 * x;
                }

                :js twice(21)
                :js [1,
                2, 3].length

                show
                exit
                """, tmp.resolve("runs"), tmp);
        assertTrue(out.contains("> 42\n"), out);
        assertTrue(out.contains("> 3\n"), out);
        assertTrue(out.contains("experts  minnorm"), "the session went on: " + out);
        assertFalse(out.contains("SyntaxError"), out);
    }

    @Test
    void multiLineJavaScriptInBatchMode() throws IOException {
        StringWriter w = new StringWriter();
        PrintWriter pw = new PrintWriter(w, true);
        Session s = new Session(pw, pw);
        s.runsRoot(tmp.resolve("runs"));
        int code = new Repl(s).batch(new BufferedReader(new StringReader(
                ":js var o = {\n  a: 1,\n  b: 2 };\n\n:js o.a + o.b\n")));
        assertEquals(0, code, w.toString());
        assertTrue(w.toString().contains("3\n"), w.toString());
    }

    @Test
    @Timeout(300)
    void pythonSaysItIsStartingAndStartsInTheBackgroundNextTime() throws IOException {
        String out = DumbSession.run("""
                :py def inc(x):
                    return x + 1

                :py inc(41)
                :py inc(1)
                exit
                """, tmp.resolve("runs"), tmp);
        assertEquals(1, out.split("\\(starting Python; the first :py of a session takes a few seconds\\)", -1).length
                - 1, "said once: " + out);
        assertTrue(out.contains("> 42\n") && out.contains("> 2\n"), out);
        assertTrue(Files.exists(tmp.resolve(ScriptLines.PYTHON_USED)), "remembered in the moecl home");

        out = DumbSession.run(":py 6 * 7\nexit\n", tmp.resolve("runs"), tmp);
        assertTrue(out.contains("(starting Python in the background: the last session used :py)"), out);
        assertTrue(out.matches("(?s).*(> |\n)42\n.*"), out);
        assertFalse(out.contains("the first :py of a session"), out);

        // a session without Python: nothing started, and the next one does not start it either
        out = DumbSession.run("show\nexit\n", tmp.resolve("runs"), tmp);
        assertTrue(out.contains("starting Python in the background"), out);
        out = DumbSession.run("show\nexit\n", tmp.resolve("runs"), tmp);
        assertFalse(out.contains("Python"), out);
    }
}
