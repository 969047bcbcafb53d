package moecl.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./moecl test [--all] [MAVEN ARGS]} in a fake installation: stand-ins for {@code mvn} (records its folder,
 * JAVA_HOME and arguments) and for a JDK 25, so the test sees what the launcher runs without running Maven.
 */
class LauncherTestCommandTest {

    @TempDir
    Path dir;

    private Path root;
    private Path jdk;
    private Path bin;
    private Path log;

    @BeforeEach
    void install() throws IOException {
        root = dir.resolve("moecl");
        Files.createDirectories(root);
        Files.copy(Path.of("..", "moecl").toAbsolutePath().normalize(), root.resolve("moecl"));
        jdk = dir.resolve("jdk");
        Files.createDirectories(jdk.resolve("bin"));
        Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"25.0.3\"\n");
        executable(jdk.resolve("bin/java"), "#!/usr/bin/env bash\nexit 0\n");
        bin = dir.resolve("bin");
        Files.createDirectories(bin);
        log = dir.resolve("mvn.log");
    }

    private static void executable(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private void fakeMaven() throws IOException {
        executable(bin.resolve("mvn"), "#!/bin/sh\n{ pwd; echo \"$JAVA_HOME\"; echo \"$*\"; } > '" + log
                + "'\nexit 7\n");
    }

    /** Runs {@code moecl args} with the stand-ins and the few tools the launcher uses (no mvn) on the path. */
    private Process launch(String... args) throws IOException {
        for (String tool : List.of("dirname", "sed")) {
            Path real = Path.of("/usr/bin", tool);
            if (!Files.exists(bin.resolve(tool))) {
                Files.createSymbolicLink(bin.resolve(tool), Files.exists(real) ? real : Path.of("/bin", tool));
            }
        }
        List<String> cmd = new ArrayList<>(List.of("bash", root.resolve("moecl").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("JAVA_HOME", jdk.toString());
        pb.environment().put("PATH", bin.toString());
        return pb.start();
    }

    private static String finish(Process p) throws Exception {
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "launcher did not finish: " + out);
        return out;
    }

    @Test
    void runsMavenTestInTheRootOnTheJdkItFoundAndPassesItsExitCode() throws Exception {
        fakeMaven();
        Process p = launch("test");
        String out = finish(p);
        assertEquals(7, p.exitValue(), "Maven's exit code: " + out);
        assertEquals(List.of(root.toRealPath().toString(), jdk.toString(), "-B -ntp test"), Files.readAllLines(log));
    }

    @Test
    void allRunsEveryTierAndOtherArgumentsGoToMaven() throws Exception {
        fakeMaven();
        finish(launch("test", "-pl", "api", "--all", "-Dtest=SpecParserTest"));
        assertEquals("-B -ntp test -pl api -Pall -Dtest=SpecParserTest", Files.readAllLines(log).get(2));
    }

    @Test
    void withoutMavenItSaysSoWithExitCode2() throws Exception {
        Process p = launch("test");
        String out = finish(p);
        assertEquals(2, p.exitValue(), out);
        assertEquals("moecl: the tests need Maven (mvn), which is not installed; install Maven 3.8+ and run again.",
                out.strip());
    }
}
