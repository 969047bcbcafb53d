package moecl.shell.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.jline.terminal.Terminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Whole interactive sessions over a dumb terminal: what a user types and what the workbench answers. */
class ReplSessionTest {

    @TempDir
    Path tmp;

    private List<Path> runFolders() throws IOException {
        Path runs = tmp.resolve("runs");
        if (!Files.isDirectory(runs)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(runs)) {
            return s.filter(p -> !p.getFileName().toString().equals("plots")).sorted().toList();
        }
    }

    @Test
    void setRunPlotAndCompareInOneSession() throws IOException {
        String out = DumbSession.run("""
                set M=2 T=60 router=paper(eta=0.3)
                show
                run --name first
                run M=3 --name second
                runs
                plot F
                compare first second metric=G
                exit
                """, tmp.resolve("runs"), tmp);
        assertTrue(out.contains("router   paper(eta=0.3)"), out);
        assertTrue(out.contains("tasks    clusters") && out.contains("(default)"), out);
        assertTrue(out.contains("freeze"), "run prints its table: " + out);
        List<Path> folders = runFolders();
        assertEquals(2, folders.size(), folders.toString());
        Path second = folders.stream().filter(p -> p.toString().endsWith("-second")).findFirst().orElseThrow();
        // the override M=3 applied to that run only, on top of the session's spec
        String manifest = Files.readString(second.resolve("manifest.json"));
        assertTrue(manifest.contains("\"M\" : 3") && manifest.contains("eta=0.3"), manifest);
        String firstManifest = Files.readString(folders.stream().filter(p -> p.toString().endsWith("-first"))
                .findFirst().orElseThrow().resolve("manifest.json"));
        assertTrue(firstManifest.contains("\"M\" : 2"), firstManifest);
        // runs: one line per folder
        assertTrue(out.contains("run M=2 T=60 router=paper(eta=0.3)"), out);
        // plot: the last run, braille in the terminal, files in the run folder
        assertTrue(out.chars().anyMatch(c -> c >= 0x2801 && c <= 0x28ff), "braille chart expected: " + out);
        assertTrue(Files.isRegularFile(second.resolve("plot-F.png")));
        assertTrue(Files.isRegularFile(second.resolve("plot-F.svg")));
        // compare: final metrics side by side, overlaid chart in plots/
        assertTrue(out.contains("freeze round"), out);
        try (Stream<Path> s = Files.list(tmp.resolve("runs/plots"))) {
            assertEquals(2, s.filter(p -> p.getFileName().toString().contains("compare-G")).count());
        }
    }

    @Test
    void aBadCommandGetsASuggestionAndTheSessionGoesOn() throws IOException {
        String out = DumbSession.run("rn T=5\nset M=0.5x\nset routr=paper\nshow\nexit\n", tmp.resolve("runs"), tmp);
        assertTrue(out.contains("moecl: unknown command 'rn'; did you mean 'run'?"), out);
        assertTrue(out.contains("moecl: unknown key 'routr'; did you mean 'router'?"), out);
        assertTrue(out.contains("experts  minnorm"), "show still ran: " + out);
        assertFalse(out.contains("Exception"), "one-line messages only: " + out);
    }

    @Test
    void errorsInsideCommandsAreOneLineUnlessDebugging() throws IOException {
        String out = DumbSession.run("run router=paper(eta=-1) T=5\ndebug on\nplot F nosuchrun\nexit\n",
                tmp.resolve("runs"), tmp);
        assertTrue(out.contains("moecl: router 'paper': eta=-1 is out of range"), out);
        assertTrue(out.contains("moecl: unknown run 'nosuchrun'"), out);
        assertTrue(out.contains("at moecl.shell.repl.RunFolders.resolve"), "stack trace with debug on: " + out);
        assertTrue(runFolders().isEmpty());
    }

    @Test
    void helpListsEveryCommandAndShowsTheOptionsOfCommandLineCommands() throws IOException {
        String out = DumbSession.run("help\nhelp run\nhelp nosuch\nexit\n", tmp.resolve("runs"), tmp);
        for (String c : List.of("set", "unset", "show", "run", "sweep", "runs", "compare", "plot", "save", "load",
                "history", "exit", "describe", "list")) {
            assertTrue(out.contains("\n  " + c + " "), c + " missing from help: " + out);
        }
        assertTrue(out.contains("--theory"), "help run shows picocli's options: " + out);
        assertTrue(out.contains("moecl: unknown command 'nosuch'"), out);
    }

    @Test
    void sweepRunsEveryCombinationForEverySeedIntoOneFolder() throws IOException {
        String out = DumbSession.run("set T=20\nsweep M=[1,2] seeds=1..2 --quiet\nplot F\nexit\n",
                tmp.resolve("runs"), tmp);
        List<Path> folders = runFolders();
        assertEquals(1, folders.size(), out);
        assertTrue(folders.get(0).getFileName().toString().endsWith("-sweep"));
        var summary = moecl.workbench.RunFolder.JSON.readTree(folders.get(0).resolve("summary.json").toFile());
        assertEquals(4, summary.path("runs").size(), summary.toString());
        assertEquals(List.of("M=1", "M=2"), List.of(summary.path("settings").get(0).path("label").asText(),
                summary.path("settings").get(1).path("label").asText()));
        assertEquals(2, summary.path("settings").get(1).path("n").asInt());
    }

    @Test
    void aTypedKeyOverridesTheSessionsForOneRun() throws IOException {
        String out = DumbSession.run("set M=5 T=20\nrun M=3 --quiet\nrun M=2 m=4\nexit\n", tmp.resolve("runs"), tmp);
        List<Path> folders = runFolders();
        assertEquals(1, folders.size(), out);
        var summary = moecl.workbench.RunFolder.JSON.readTree(folders.get(0).resolve("summary.json").toFile());
        assertEquals(3, summary.path("runs").get(0).path("M").asInt());
        assertEquals(20, summary.path("runs").get(0).path("T").asInt());
        assertTrue(out.contains("moecl: M is given twice (M=2 and m=4)"), out);
    }

    @Test
    void historyPersistsInTheMoeclHomeFolder() throws IOException {
        DumbSession.run("set M=4\nshow\nexit\n", tmp.resolve("runs"), tmp);
        List<String> lines = Files.readAllLines(tmp.resolve("history"));
        assertTrue(lines.stream().anyMatch(l -> l.contains("set M=4")), lines.toString());
        String out = DumbSession.run("history\nexit\n", tmp.resolve("runs"), tmp);
        assertTrue(out.contains("set M=4"), out);
    }

    @Test
    void ctrlDEndsTheSession() throws IOException {
        // end of input is Ctrl-D on a terminal
        String out = DumbSession.run("set M=4\n", tmp.resolve("runs"), tmp);
        assertTrue(out.contains("moecl> "), out);
    }

    @Test
    @Timeout(120)
    void ctrlCCancelsTheRunningCommandNotTheSession() throws Exception {
        PipedOutputStream keys = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(keys, 1 << 16);
        try (DumbSession s = new DumbSession(in, tmp.resolve("runs"), tmp)) {
            Thread session = new Thread(() -> s.repl.interactive(s.terminal, null), "test-session");
            session.start();
            keys.write("set M=20\nrun T=5000000 --threads 1\n".getBytes(StandardCharsets.UTF_8));
            keys.flush();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!s.repl.busy() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(s.repl.busy(), "the run should be going: " + s.output());
            Thread.sleep(700);
            s.terminal.raise(Terminal.Signal.INT);
            while (s.repl.busy() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertFalse(s.repl.busy(), "the run should stop on Ctrl-C");
            keys.write("show\nexit\n".getBytes(StandardCharsets.UTF_8));
            keys.flush();
            session.join(30_000);
            assertFalse(session.isAlive());
            String out = s.output();
            assertTrue(out.contains("cancelled"), out);
            assertTrue(out.contains("M        20"), "the session went on: " + out);
            assertTrue(runFolders().isEmpty(), "no run folder, not even a partial one: " + runFolders());
        }
    }
}
