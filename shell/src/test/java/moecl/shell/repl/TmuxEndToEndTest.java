package moecl.shell.repl;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The REPL on a real terminal: moecl runs inside a detached tmux session, keys are typed with send-keys and the
 * screen is read with capture-pane. Skipped when tmux is not installed (CI installs it).
 */
class TmuxEndToEndTest {

    @TempDir
    Path tmp;

    private final String socket = "moecl-test-" + ProcessHandle.current().pid();
    private boolean started;

    static boolean tmuxInstalled() {
        try {
            return new ProcessBuilder("tmux", "-V").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private String tmux(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("tmux", "-L", socket));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    private String screen() throws IOException, InterruptedException {
        return tmux("capture-pane", "-p", "-J", "-S", "-200", "-t", "moecl");
    }

    private String await(String what, Predicate<String> done) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        String s = screen();
        while (!done.test(s)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; screen:\n" + s);
            }
            Thread.sleep(150);
            s = screen();
        }
        return s;
    }

    @AfterEach
    void stopTmux() throws Exception {
        if (started) {
            tmux("kill-server");
        }
    }

    @Test
    @Timeout(180)
    void completeDescribeAndRunOnARealTerminal() throws Exception {
        assumeTrue(tmuxInstalled(), "tmux is not installed");
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path script = tmp.resolve("start.sh");
        Files.writeString(script, "#!/bin/sh\nexec '" + java + "' --enable-native-access=ALL-UNNAMED"
                + " -XX:TieredStopAtLevel=1 -Dmoecl.home='" + tmp.resolve("home") + "' -cp '" + cp
                + "' moecl.shell.Main\n");
        assertTrue(script.toFile().setExecutable(true));
        tmux("new-session", "-d", "-s", "moecl", "-x", "150", "-y", "50", "-c", tmp.toString(),
                "-e", "LANG=C.UTF-8", script.toString());
        started = true;
        await("the prompt", s -> s.contains("moecl>"));

        tmux("send-keys", "-t", "moecl", "desc", "Tab");
        await("describe completed", s -> s.contains("describe "));
        tmux("send-keys", "-t", "moecl", "paper", "Enter");
        String described = await("the description of paper", s -> s.contains("gate learning rate"));
        assertTrue(described.contains("paper (router)"), described);

        tmux("send-keys", "-t", "moecl", "run T=50 M=2", "Enter");
        String ran = await("the run table", s -> s.contains("run folder:"));
        assertTrue(ran.contains("freeze"), ran);
        try (var runs = Files.list(tmp.resolve("runs"))) {
            assertTrue(runs.findAny().isPresent());
        }

        // show and export of the run just made (issue 17)
        tmux("send-keys", "-t", "moecl", "show last", "Enter");
        String shown = await("show last", s -> s.contains("load per expert"));
        assertTrue(shown.contains("spec (resolved"), shown);
        tmux("send-keys", "-t", "moecl", "export last md", "Enter");
        String exported = await("the Markdown table", s -> s.contains("| setting | n |"));
        assertTrue(exported.contains("| router=paper M=2 | 1 |"), exported);
        // a grouped plot of a small sweep: one line per value of M, drawn on the terminal and written as files
        tmux("send-keys", "-t", "moecl", "sweep T=40 M=[2,3] seeds=1..2 --quiet", "Enter");
        await("the sweep", s -> s.split("run folder:", -1).length > 2);
        tmux("send-keys", "-t", "moecl", "plot F,G by=M width=60 height=8", "Enter");
        String plotted = await("the grouped plot", s -> s.contains("plot-F-G-by-M.svg"));
        assertTrue(plotted.contains("F: M=2 (mean of 2 runs)") && plotted.contains("G: M=3 (mean of 2 runs)"),
                plotted);
        assertTrue(plotted.contains("⣿⣿"), "braille legend on a UTF-8 terminal: " + plotted);

        tmux("send-keys", "-t", "moecl", "exit", "Enter");
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (tmux("has-session", "-t", "moecl").isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(150);
        }
        assertTrue(Files.readString(tmp.resolve("home/history")).contains("run T=50 M=2"));
    }
}
