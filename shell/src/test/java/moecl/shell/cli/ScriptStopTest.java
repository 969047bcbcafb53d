package moecl.shell.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import moecl.script.ScriptException;
import moecl.script.ScriptHost;

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

    /** What the host's watchdog does when a timeout fires: records the stop (and would close the context). */
    static AtomicReference<ScriptHost.Stop> timeoutAfter(long millis) {
        AtomicReference<ScriptHost.Stop> stop = new AtomicReference<>();
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException ignored) {
                return;
            }
            stop.compareAndSet(null, new ScriptHost.Stop("stopped after " + millis / 1000.0 + " s (--timeout)", true,
                    System.nanoTime()));
        });
        watchdog.setDaemon(true);
        watchdog.start();
        return stop;
    }

    @Tag("heavy")
    @Test
    void aTimeoutEndsTheCommandEvenWhenTheScriptIsStuck() {
        long t0 = System.nanoTime();
        AtomicReference<ScriptHost.Stop> stop = timeoutAfter(500);
        ScriptException e = assertThrows(ScriptException.class, () -> ScriptCmd.runBounded(ScriptStopTest::stuck,
                () -> { }, Path.of("stuck.js"), stop::get, new AtomicLong()));
        double secs = (System.nanoTime() - t0) / 1e9;
        assertEquals("stuck.js: stopped after 0.5 s (--timeout); it did not stop within 1 s (stuck in host code), so "
                + "it was abandoned", e.getMessage());
        assertTrue(e.timedOut());
        assertTrue(secs >= 1.5 && secs < 10, "ended after " + secs + " s: the timeout at 0.5 s, a second of grace");
    }

    @Tag("heavy")
    @Test
    void theGraceCountsFromTheStopNotFromTheStartOfAScriptThatStartsSlowly() {
        // a Python context takes a second or more to start; its timeout counts from the script's first line, and the
        // grace from the moment the timeout fired: a script that finishes then is not "abandoned"
        AtomicReference<ScriptHost.Stop> stop = timeoutAfter(1500);
        assertEquals("done", ScriptCmd.runBounded(() -> {
            Thread.sleep(2000);
            return "done";
        }, () -> { }, Path.of("slow.py"), stop::get, new AtomicLong()));
    }

    @Tag("heavy")
    @Test
    void aCtrlCAfterTheTimeoutFiredLeavesTheTimeoutAsTheReason() {
        AtomicReference<ScriptHost.Stop> stop = timeoutAfter(300);
        AtomicLong asked = new AtomicLong();
        Thread presser = new Thread(() -> {
            try {
                Thread.sleep(600);
            } catch (InterruptedException ignored) {
                return;
            }
            asked.set(System.nanoTime());
        });
        presser.start();
        ScriptException e = assertThrows(ScriptException.class, () -> ScriptCmd.runBounded(ScriptStopTest::stuck,
                () -> { }, Path.of("stuck.js"), stop::get, asked));
        assertTrue(e.timedOut(), e.getMessage());
        assertTrue(e.getMessage().startsWith("stuck.js: stopped after 0.3 s (--timeout); "), e.getMessage());
        // and a failure the stop caused (the context it closed) is reported as the stop
        AtomicReference<ScriptHost.Stop> fired = new AtomicReference<>(new ScriptHost.Stop(
                "stopped after 0.1 s (--timeout)", true, System.nanoTime()));
        ScriptException closed = assertThrows(ScriptException.class, () -> ScriptCmd.runBounded(() -> {
            throw new IllegalStateException("The Context is already closed.");
        }, () -> { }, Path.of("closed.js"), fired::get, new AtomicLong()));
        assertEquals("closed.js: stopped after 0.1 s (--timeout)", closed.getMessage());
        assertTrue(closed.timedOut());
    }

    @Tag("heavy")
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
                () -> cancels[0]++, Path.of("stuck.py"), () -> null, asked));
        double secs = (System.nanoTime() - t0) / 1e9;
        assertTrue(e.cancelled());
        assertTrue(!e.timedOut());
        assertEquals("stuck.py: cancelled; it did not stop within 1 s (stuck in host code), so it was abandoned",
                e.getMessage());
        assertTrue(secs < 10, "ended after " + secs + " s");
    }

    @Test
    void aScriptThatFinishesReturnsItsResult() throws Exception {
        assertEquals("done", ScriptCmd.runBounded(() -> "done", () -> { }, Path.of("ok.js"), () -> null,
                new AtomicLong()));
        ScriptException failed = new ScriptException("bad.js:1: boom", false, null);
        assertEquals(failed, assertThrows(ScriptException.class, () -> ScriptCmd.runBounded(() -> {
            throw failed;
        }, () -> { }, Path.of("bad.js"), () -> null, new AtomicLong())));
    }
}
