package moecl.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import moecl.script.ScriptException;

/**
 * A script stuck in host code that ignores interrupts (a long decomposition, say) still ends the command soon after
 * its --timeout or Ctrl-C: it gets a second, then it is abandoned with a message saying so.
 */
class ScriptStopTest {

    /** Set when a test is over: the abandoned thread stops spinning (it would burn a core for the other tests). */
    static volatile boolean release;

    /** Spins for up to 60 s whatever happens: host code that never looks at interrupts. */
    static String stuck() {
        long end = System.nanoTime() + 60_000_000_000L;
        long x = 0;
        while (System.nanoTime() < end && !release) {
            x++;
        }
        return "finished " + x;
    }

    @org.junit.jupiter.api.BeforeEach
    void hold() {
        release = false;
    }

    @org.junit.jupiter.api.AfterEach
    void free() {
        release = true;
    }

    @Test
    void aTimeoutEndsTheCommandEvenWhenTheScriptIsStuck() {
        long t0 = System.nanoTime();
        ScriptException e = assertThrows(ScriptException.class, () -> ScriptCmd.runBounded(ScriptStopTest::stuck,
                () -> { }, Path.of("stuck.js"), Duration.ofMillis(500), new AtomicLong()));
        double secs = (System.nanoTime() - t0) / 1e9;
        assertEquals("stuck.js: stopped after 0.5 s (--timeout); it did not stop within 1 s (stuck in host code), so "
                + "it was abandoned", e.getMessage());
        assertTrue(secs < 10, "ended after " + secs + " s, the stuck call takes 60 s");
    }

    @Test
    void ctrlCEndsTheCommandEvenWhenTheScriptIsStuck() {
        AtomicLong asked = new AtomicLong();
        int[] cancels = {0};
        Thread presser = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException ignored) {
                return;
            }
            asked.set(System.nanoTime()); // what the SIGINT handler does
        });
        presser.start();
        long t0 = System.nanoTime();
        ScriptException e = assertThrows(ScriptException.class, () -> ScriptCmd.runBounded(ScriptStopTest::stuck,
                () -> cancels[0]++, Path.of("stuck.py"), null, asked));
        double secs = (System.nanoTime() - t0) / 1e9;
        assertTrue(e.cancelled());
        assertEquals("stuck.py: cancelled; it did not stop within 1 s (stuck in host code), so it was abandoned",
                e.getMessage());
        assertTrue(secs < 10, "ended after " + secs + " s");
    }

    @Test
    void aScriptThatFinishesReturnsItsResult() throws Exception {
        assertEquals("done", ScriptCmd.runBounded(() -> "done", () -> { }, Path.of("ok.js"), Duration.ofSeconds(30),
                new AtomicLong()));
        ScriptException failed = new ScriptException("bad.js:1: boom", false, null);
        assertEquals(failed, assertThrows(ScriptException.class, () -> ScriptCmd.runBounded(() -> {
            throw failed;
        }, () -> { }, Path.of("bad.js"), null, new AtomicLong())));
    }
}
