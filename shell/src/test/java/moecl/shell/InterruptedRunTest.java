package moecl.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run killed half-way (SIGTERM, as on Ctrl-C or a CI timeout) leaves no run folder, complete or partial. */
class InterruptedRunTest {

    @TempDir
    Path tmp;

    @Test
    void killedRunLeavesNoRunFolder() throws Exception {
        Path out = tmp.resolve("runs");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), "moecl.shell.Main",
                "run", "T=5000000", "M=20", "--out", out.toString())
                .redirectErrorStream(true).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line = r.readLine(); // progress appears after the first second of running
            assertTrue(line != null && line.startsWith("running 1 run"), "unexpected output: " + line);
            assertTrue(p.isAlive(), "the run finished before it could be interrupted");
            p.destroy(); // SIGTERM: the JVM runs its shutdown hooks
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the process did not stop");
        }
        assertEquals(143, p.exitValue());
        if (Files.exists(out)) {
            try (Stream<Path> s = Files.list(out)) {
                List<Path> left = s.toList();
                assertTrue(left.isEmpty(), "left behind: " + left);
            }
        }
    }
}
