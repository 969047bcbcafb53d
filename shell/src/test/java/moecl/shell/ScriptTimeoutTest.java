package moecl.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import moecl.shell.Cli.Result;

/**
 * {@code moecl script --timeout} reports its own timeout (exit 2), never "cancelled" (exit 130): the first request to
 * stop a script is its reason, also when a Ctrl-C arrives while the stopped script is still unwinding, when the
 * script sits in host code the timeout cannot interrupt, or when its context takes long to start (Python).
 */
@Tag("heavy")
class ScriptTimeoutTest {

    @TempDir
    Path tmp;

    /**
     * Runs {@code moecl script FILE --timeout SECONDS} on a thread of its own, as the REPL runs a command; with
     * {@code ctrlC}, interrupts that thread (what Ctrl-C does in the REPL) 400 ms after the script printed
     * "start", when its timeout of {@code seconds} (at most 0.2) has long fired.
     */
    Result script(Path file, String seconds, boolean ctrlC) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int[] code = {-1};
        Thread command = new Thread(() -> code[0] = Main.run(new String[] {"script", file.toString(), "--timeout",
            seconds, "--out", tmp.resolve("runs").toString()}, new PrintWriter(out, true), new PrintWriter(err, true)),
                "moecl-command");
        command.start();
        if (ctrlC) {
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!out.toString().contains("start") && command.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            Thread.sleep(400);
            command.interrupt();
        }
        command.join(30_000);
        assertTrue(!command.isAlive(), "the command did not end");
        return new Result(code[0], out.toString(), err.toString());
    }

    @Test
    void aTimeoutIsReportedAsTheTimeoutEveryTime() throws Exception {
        Path loop = tmp.resolve("loop.js");
        Files.writeString(loop, "let i = 0;\nwhile (true) { i++; }\n");
        Path engine = tmp.resolve("engine.js");
        Files.writeString(engine, "moecl.run({T: 10000000, M: 20, seeds: 50, save: false});\n");
        Path python = tmp.resolve("loop.py");
        Files.writeString(python, "while True:\n    pass\n");
        // the timeout fires during a matrix product that does not look at interrupts, or in the loop after it; a
        // Ctrl-C then reaches the command while the script unwinds
        Path stuck = tmp.resolve("stuck.js");
        Files.writeString(stuck, "const a = moecl.linalg.zeros(1200, 1200);\nmoecl.log('start');\na.multiply(a);\n"
                + "while (true) {}\n");
        // Python twice only: its context takes a second or more to start (several the first time)
        Path[] files = {loop, engine, python, stuck, loop, engine, loop, stuck, engine, loop};
        String[] timeouts = {"0.05", "0.1", "0.2"};
        long t0 = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            Path f = files[i % files.length];
            String seconds = f == stuck ? "0.1" : timeouts[i % timeouts.length];
            Result r = script(f, seconds, f == stuck);
            String what = "run " + i + " (" + f.getFileName() + ", --timeout " + seconds + "): ";
            assertEquals(2, r.code(), what + r.err());
            String expected = "moecl: " + f + ": stopped after " + seconds + " s (--timeout)";
            assertEquals(expected, r.err().strip(), what);
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        assertTrue(secs < 60, "20 timeouts took " + secs + " s"); // far below on a busy machine: a slow timeout shows
    }
}
