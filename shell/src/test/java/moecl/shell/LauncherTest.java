package moecl.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher script {@code ./moecl} in a fake installation: a stand-in {@code java} that records its arguments,
 * so the test sees which flags the launcher chose without starting a JVM.
 */
class LauncherTest {

    @TempDir
    Path dir;

    private Path root;
    private Path log;

    private void install() throws IOException {
        root = dir.resolve("moecl");
        Path lib = root.resolve("shell/target/lib");
        Files.createDirectories(lib);
        Files.copy(Path.of("..", "moecl").toAbsolutePath().normalize(), root.resolve("moecl"));
        Files.writeString(root.resolve("shell/target/moecl-shell.jar"), "jar");
        Files.writeString(lib.resolve("moecl-api.jar"), "jar");
        Files.writeString(lib.resolve("moecl-plugins-paper.jar"), "jar");
        Path jdk = dir.resolve("jdk");
        Files.createDirectories(jdk.resolve("bin"));
        Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"25.0.3\"\n");
        log = dir.resolve("java.log");
        Path java = jdk.resolve("bin/java");
        Files.writeString(java, "#!/usr/bin/env bash\necho \"$*\" >> '" + log + "'\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** Runs {@code moecl args} and returns the argument lines the stand-in java recorded, in order. */
    private List<String> launch(String... args) throws Exception {
        return launchIn(null, args);
    }

    /** The launcher's own output of the last {@link #launchIn} (the stand-in java prints nothing). */
    private String output;

    private List<String> launchIn(Path cwd, String... args) throws Exception {
        Files.deleteIfExists(log);
        List<String> cmd = new java.util.ArrayList<>(List.of("bash", root.resolve("moecl").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        if (cwd != null) {
            pb.directory(cwd.toFile());
        }
        pb.environment().put("JAVA_HOME", dir.resolve("jdk").toString());
        pb.environment().remove("MOECL_NO_AOT");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        output = out;
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "launcher did not finish: " + out);
        assertEquals(0, p.exitValue(), out);
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    /** The recorded calls once one matches {@code what} (the cache is made by a background java), or after 10 s. */
    private List<String> awaitCall(String what) throws Exception {
        for (int i = 0; i < 100; i++) {
            List<String> calls = Files.exists(log) ? Files.readAllLines(log) : List.of();
            if (calls.stream().anyMatch(c -> c.contains(what))) {
                return calls;
            }
            Thread.sleep(100);
        }
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    private static boolean hasCacheUse(List<String> calls) {
        return calls.stream().anyMatch(c -> c.contains("-XX:AOTCache="));
    }

    private void age(Path file, long secondsAgo) throws IOException {
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() - secondsAgo * 1000));
    }

    @Test
    void usesTheCacheOnlyWhileItIsNewerThanEveryJar() throws Exception {
        install();
        Path aot = root.resolve("shell/target/moecl.aot");
        for (Path jar : List.of(root.resolve("shell/target/moecl-shell.jar"),
                root.resolve("shell/target/lib/moecl-api.jar"),
                root.resolve("shell/target/lib/moecl-plugins-paper.jar"))) {
            age(jar, 100);
        }
        Files.writeString(aot, "cache");
        age(aot, 50);
        List<String> calls = launch("list");
        assertTrue(hasCacheUse(calls), "fresh cache not used: " + calls);
        assertTrue(calls.stream().anyMatch(c -> c.contains("-XX:TieredStopAtLevel=1") && c.endsWith(" list")),
                "quick commands run on C1: " + calls);

        // a library jar rebuilt after the cache (the main jar unchanged): the JVM would refuse the cache, so the
        // launcher must neither pass it nor keep it, and makes a new one in the background
        age(root.resolve("shell/target/lib/moecl-api.jar"), 10);
        launch("list");
        calls = awaitCall("-XX:AOTCacheOutput=" + aot);
        assertFalse(hasCacheUse(calls), "stale cache passed to the JVM: " + calls);
        assertTrue(calls.stream().anyMatch(c -> c.contains("-XX:AOTCacheOutput=" + aot)),
                "no new cache made: " + calls);

        // the main jar rebuilt after the cache: the same
        age(root.resolve("shell/target/lib/moecl-api.jar"), 100);
        age(root.resolve("shell/target/moecl-shell.jar"), 10);
        calls = launch("list");
        assertFalse(hasCacheUse(calls), "stale cache passed to the JVM: " + calls);
    }

    /**
     * {@code resume}/{@code rerun} of an MNIST sweep get the neural mode whether the folder is named by path or by
     * its name under runs/ (as the commands accept), and options before or after it are not taken for folders.
     */
    @Test
    void resumingAnMnistSweepByNameGetsTheNeuralMode() throws Exception {
        install();
        Path work = dir.resolve("work");
        Path sweep = work.resolve("runs/20261206-101500-mn");
        Files.createDirectories(sweep);
        Files.writeString(sweep.resolve("sweep.json"), "{\"runs\": [{\"asked\": {\"tasks\": \"mnist\"}}]}");
        Path plain = work.resolve("runs/20261206-101600-fig2");
        Files.createDirectories(plain);
        Files.writeString(plain.resolve("sweep.json"), "{\"runs\": [{\"asked\": {\"tasks\": \"clusters\"}}]}");
        for (List<String> args : List.of(List.of("resume", "runs/20261206-101500-mn"),
                List.of("resume", "20261206-101500-mn"), List.of("resume", "--threads=2", "20261206-101500"),
                List.of("rerun", "20261206-101500-mn", "--quiet"))) {
            List<String> calls = launchIn(work, args.toArray(String[]::new));
            String main = calls.get(calls.size() - 1);
            assertTrue(main.contains("--add-modules jdk.incubator.vector"), args + ": " + main);
            assertFalse(output.contains("grep"), args + " printed: " + output);
        }
        List<String> calls = launchIn(work, "resume", "--threads=2", "20261206-101600-fig2");
        assertFalse(calls.get(calls.size() - 1).contains("jdk.incubator.vector"), calls.toString());
        assertFalse(output.contains("grep"), output);
    }

    @Test
    void replCommandsGetTheReplFlagsWhateverTheySay() throws Exception {
        install();
        List<String> calls = launch("--plugin-path", "/x", "-c", "list");
        String main = calls.stream().filter(c -> c.endsWith(" -c list")).findFirst().orElseThrow();
        // no incubator module (no JVM warning line, and the AOT cache keeps its module graph), C2 on
        assertFalse(main.contains("jdk.incubator.vector"), main);
        assertFalse(main.contains("TieredStopAtLevel"), "not a quick command: " + main);
        // a neural experiment named in the commands, or MOECL_VECTOR=1, gets the Vector API
        calls = launch("-c", "run experts=mlp");
        main = calls.stream().filter(c -> c.endsWith(" -c run experts=mlp")).findFirst().orElseThrow();
        assertTrue(main.contains("--add-modules jdk.incubator.vector"), main);
    }

    @Test
    void runsWithALargeDimensionGetTheVectorApiAndC2() throws Exception {
        install();
        List<String> calls = launch("run", "tasks=gaussian(d=1000, s=100, N=5)", "M=5", "T=10");
        String main = calls.stream().filter(c -> c.endsWith("T=10")).findFirst().orElseThrow();
        assertTrue(main.contains("--add-modules jdk.incubator.vector"), main);
        assertFalse(main.contains("TieredStopAtLevel"), "large d runs on C2: " + main);
        for (String small : List.of("tasks=gaussian(d=63, s=6)", "tasks=clusters", "M=64")) {
            calls = launch("run", small, "T=11");
            main = calls.stream().filter(c -> c.endsWith("T=11")).findFirst().orElseThrow();
            assertFalse(main.contains("jdk.incubator.vector"), small + ": " + main);
            assertTrue(main.contains("-XX:TieredStopAtLevel=1"), small + " stays quick: " + main);
        }
    }

    /**
     * A long sweep (20 seeds or more) runs on C2 without replaying the AOT cache's training profiles (made by a
     * short C1-only run; replayed they slowed sweeps down); short runs stay on C1; the cache's own training run
     * does not get the flag.
     */
    @Test
    void longSweepsRunOnC2WithoutTheCachesTrainingProfiles() throws Exception {
        install();
        List<String> calls = launch("repro", "fig2", "--seeds", "1..1000");
        String main = calls.stream().filter(c -> c.endsWith("--seeds 1..1000")).findFirst().orElseThrow();
        assertFalse(main.contains("TieredStopAtLevel"), "long sweeps run on C2: " + main);
        assertTrue(main.contains("-XX:+UnlockDiagnosticVMOptions -XX:-AOTReplayTraining"), main);
        calls = launch("repro", "fig2", "--seeds", "1..5");
        main = calls.stream().filter(c -> c.endsWith("--seeds 1..5")).findFirst().orElseThrow();
        assertTrue(main.contains("-XX:TieredStopAtLevel=1"), "short sweeps stay quick: " + main);
        assertFalse(main.contains("AOTReplayTraining"), main);
        calls = awaitCall("-XX:AOTCacheOutput=");
        assertTrue(calls.stream().filter(c -> c.contains("-XX:AOTCacheOutput="))
                .noneMatch(c -> c.contains("AOTReplayTraining")), "training run with the flag: " + calls);
    }
}
