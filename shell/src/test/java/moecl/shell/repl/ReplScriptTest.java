package moecl.shell.repl;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.jline.terminal.Terminal;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Scripts from the REPL: {@code script FILE}, {@code :js} and {@code :py} lines, and Ctrl-C on a runaway script. */
class ReplScriptTest {

    @TempDir
    Path tmp;

    @Test
    void aScriptDefinedRouterRunsLocallyAndIsRefusedOnACluster() throws IOException {
        String out = DumbSession.run("""
                :js moecl.registerRouter('first', { route(task) { return 0; } })
                run router=first M=2 T=30 --engine hazelcast --quiet
                run router=first M=2 T=30 --quiet
                exit
                """, tmp.resolve("runs"), tmp);
        assertTrue(out.contains("moecl: script-defined plugins run on the local engine only (router first); drop "
                + "--engine, --cluster and --members"), out);
        assertTrue(out.contains("run folder: "), "the local run went on: " + out);
    }

    /**
     * A JavaScript context admits one thread at a time: a sweep over a script-defined router with two threads once
     * lost a random few of its runs ("Multi threaded access requested"). It runs on one thread now, every run
     * completes, and its results are those of a one-thread sweep, byte for byte.
     */
    @Test
    void aScriptDefinedRouterSweepsOnOneThreadWhateverTheThreadsAsked() throws IOException {
        String out = DumbSession.run("""
                :js moecl.registerRouter('zero', class { constructor(ctx) { this.n = 0; } route(t) { return 0; } })
                run router=zero M=[1,2] T=200 --seeds 1..4 --threads 2 --quiet
                run router=zero M=[1,2] T=200 --seeds 1..4 --threads 1 --quiet
                run router=zero M=3 T=50 --seeds 1..2 --quiet
                exit
                """, tmp.resolve("runs"), tmp);
        assertTrue(out.contains("note: script-defined plugins run on one thread (router zero); --threads 2 becomes 1"),
                out);
        org.junit.jupiter.api.Assertions.assertEquals(1, out.split("note: script-defined", -1).length - 1,
                "the note only where --threads asked for more: " + out);
        assertFalse(out.contains("failed"), out);
        java.util.List<Path> folders = out.lines().filter(l -> l.contains("run folder: "))
                .map(l -> Path.of(l.substring(l.indexOf("run folder: ") + "run folder: ".length()).strip())).toList();
        org.junit.jupiter.api.Assertions.assertEquals(3, folders.size(), out);
        org.junit.jupiter.api.Assertions.assertEquals(8,
                moecl.workbench.sweep.RunIndex.scan(folders.get(0)).runs().size(), "all 8 runs stored");
        org.junit.jupiter.api.Assertions.assertArrayEquals(Files.readAllBytes(folders.get(1).resolve("rounds.csv")),
                Files.readAllBytes(folders.get(0).resolve("rounds.csv")));
    }

    @Test
    void aScriptDefinedRouterIsListedAsScriptAndSurvivesPluginsReload() throws IOException {
        System.setProperty("moecl.home", tmp.resolve("home").toString()); // no plugins at home
        try {
            String out = DumbSession.run("""
                    :js moecl.registerRouter('first', { route(task) { return 0; } })
                    list router
                    plugins reload
                    run router=first M=2 T=30 --quiet
                    exit
                    """, tmp.resolve("runs"), tmp);
            assertTrue(out.lines().anyMatch(l -> l.startsWith("  first ") && l.endsWith("  [script]")), out);
            assertTrue(out.contains("plugins reloaded (0 jars): kept session router first\n"), out);
            assertTrue(out.contains("run folder: "), "the script router still runs: " + out);
        } finally {
            System.clearProperty("moecl.home");
        }
    }

    @Tag("heavy")
    @Test
    void inlineJavaScriptAndPythonShareTheHostObjectAndErrorsAreOneLine() throws IOException {
        String out = DumbSession.run("""
                :js 1 + 2
                :js moecl.plugins("router").length >= 6
                :js var x = ;
                :js var y = 20; y + 1
                :js y * 2
                :py 6 * 7
                show
                exit
                """, tmp.resolve("runs"), tmp);
        assertTrue(out.contains("3\n"), out);
        assertTrue(out.contains("true\n"), out);
        assertTrue(out.contains("moecl: <js>:1: SyntaxError"), out);
        assertTrue(out.contains("21\n") && out.contains("40\n"), "the JS context persists across lines: " + out);
        assertTrue(out.contains("42\n"), out);
        assertTrue(out.contains("experts  minnorm"), "the session went on: " + out);
    }

    /**
     * A run's result echoed at the prompt stays a few hundred characters: nested per-round arrays show their ends and
     * the table its start; the values themselves stay whole.
     */
    @Test
    void aRunResultEchoesCompactly() throws IOException {
        String out = DumbSession.run("""
                :js moecl.run({M: 3, T: 60, seeds: [1, 2, 3]})
                :js moecl.run({M: 3, T: 60}).runs[0].F.length
                :js [1, 2, 3]
                exit
                """, tmp.resolve("runs"), tmp);
        String line = out.lines().filter(l -> l.contains("folder: ")).findFirst()
                .orElseThrow(() -> new AssertionError(out));
        // three runs of about 1.7 KB each (their scalars, and each per-round array's ends); in full it was 24 KB
        assertTrue(line.length() < 8000, line.length() + " characters: " + line);
        assertTrue(line.contains("F: [0.0, 0.0, 0.0, ..., ") && line.contains("] (60 values)"), line);
        assertTrue(line.contains(" characters)"), line);
        assertTrue(out.contains("60\n"), "the arrays themselves are whole: " + out);
        assertTrue(out.contains("[1, 2, 3]\n"), out);
    }

    /**
     * A script run from the session sees what it would see on its own: not the session's :js plugins (a review found
     * a script's results depending on them), and the message says where the plugin is; the session keeps its plugin.
     */
    @Test
    void aScriptDoesNotSeeTheSessionsPlugins() throws IOException {
        Path use = tmp.resolve("use.js");
        Files.writeString(use, "moecl.run({router: 'sessr', M: 2, T: 20});\n");
        String out = DumbSession.run("""
                :js var calls = 0; moecl.registerRouter('sessr', { route(t) { calls++; return 0; } })
                script %s
                :js calls
                run router=sessr M=2 T=20 --quiet
                :js calls
                exit
                """.formatted(use), tmp.resolve("runs"), tmp);
        assertTrue(out.contains("router 'sessr' is defined in the REPL session (:js or :py), which a script does not "
                + "see"), out);
        assertTrue(out.contains("moecl> 0\n") && out.contains("moecl> 20\n"),
                "the script never called it, the session did: " + out);
    }

    @Test
    void scriptCommandRunsABundledScriptIntoTheRunsFolder() throws IOException {
        Path script = Path.of("..", "scripts", "examples", "custom_router.js").toAbsolutePath().normalize();
        String out = DumbSession.run("script " + script + " --set T=60 --set seeds=1\nexit\n", tmp.resolve("runs"),
                tmp);
        assertTrue(out.contains("cosine"), out);
        try (Stream<Path> s = Files.list(tmp.resolve("runs"))) {
            assertTrue(s.anyMatch(p -> p.getFileName().toString().endsWith("custom_router")), out);
        }
    }

    /**
     * Ctrl-C while a run sits in a script plugin's code cancels the run (it was recorded as a failed run, "Thread
     * was interrupted", and its folder kept): a sweep with no finished run leaves nothing.
     */
    @Test
    @Timeout(120)
    void ctrlCInsideAScriptPluginCancelsTheRun() throws Exception {
        PipedOutputStream keys = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(keys, 1 << 16);
        try (DumbSession s = new DumbSession(in, tmp.resolve("runs"), tmp)) {
            Thread session = new Thread(() -> s.repl.interactive(s.terminal, null), "test-session");
            session.start();
            keys.write((":js moecl.registerRouter('hang', { route(t) { if (t.round == 3) { while (true) {} } "
                    + "return 0; } })\nrun router=hang M=2 T=10\n").getBytes(StandardCharsets.UTF_8));
            keys.flush();
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!s.output().contains("hang") && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            while (!s.repl.busy() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(500);
            s.terminal.raise(Terminal.Signal.INT);
            while (s.repl.busy() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertFalse(s.repl.busy(), "the run should stop on Ctrl-C: " + s.output());
            keys.write("exit\n".getBytes(StandardCharsets.UTF_8));
            keys.flush();
            session.join(30_000);
            String out = s.output();
            assertTrue(out.contains("cancelled"), out);
            assertFalse(out.contains("failed"), out);
            assertFalse(out.contains("interrupted"), out);
            try (Stream<Path> runs = Files.exists(tmp.resolve("runs")) ? Files.list(tmp.resolve("runs"))
                    : Stream.empty()) {
                assertFalse(runs.anyMatch(Files::isDirectory), "no run folder left: " + out);
            }
        }
    }

    @Test
    @Timeout(120)
    void ctrlCStopsARunawayScriptAndTheSessionGoesOn() throws Exception {
        PipedOutputStream keys = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(keys, 1 << 16);
        try (DumbSession s = new DumbSession(in, tmp.resolve("runs"), tmp)) {
            Thread session = new Thread(() -> s.repl.interactive(s.terminal, null), "test-session");
            session.start();
            keys.write(":js while (true) {}\n".getBytes(StandardCharsets.UTF_8));
            keys.flush();
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!s.repl.busy() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(s.repl.busy(), "the script should be running: " + s.output());
            Thread.sleep(500);
            s.terminal.raise(Terminal.Signal.INT);
            while (s.repl.busy() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertFalse(s.repl.busy(), "the script should stop on Ctrl-C");
            keys.write(":js 5 * 5\nexit\n".getBytes(StandardCharsets.UTF_8));
            keys.flush();
            session.join(30_000);
            assertFalse(session.isAlive());
            String out = s.output();
            assertTrue(out.contains("25"), "a new snippet runs after the cancel: " + out);
        }
    }
}
