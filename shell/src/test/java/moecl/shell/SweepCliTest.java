package moecl.shell;

import static moecl.shell.Cli.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;


import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import moecl.shell.Cli.Result;

/**
 * Sweeps from the command line as people use them: killed with SIGKILL and resumed, several processes writing into
 * one --out, a run that fails inside a sweep, a small heap, an output that cannot be written.
 */
class SweepCliTest {

    @TempDir
    Path tmp;

    @AfterEach
    void clearPluginPath() {
        System.clearProperty("moecl.plugin.path");
    }

    static ProcessBuilder moecl(List<String> jvm, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--enable-native-access=ALL-UNNAMED"); // the column files' zstd codec is a native library
        cmd.addAll(jvm);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("moecl.shell.Main");
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true);
    }

    static List<Path> folders(Path root) throws IOException {
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(Files::isDirectory).sorted().toList();
        }
    }

    static long count(Path dir, String suffix) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)
                    && !p.getFileName().toString().startsWith(".")).count();
        }
    }

    /**
     * The result files of a sweep folder (not the manifest, which has timings, nor the lock), the segments as their
     * runs' bytes ({@code results/ID.cols}, {@code results/ID.json}): which thread stored which run where may differ.
     */
    static Map<String, byte[]> results(Path folder) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(folder)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String rel = folder.relativize(p).toString();
                if (!rel.equals("manifest.json") && !rel.equals(".lock") && !rel.endsWith(".runs")) {
                    out.put(rel, Files.readAllBytes(p));
                }
            }
        }
        moecl.workbench.sweep.RunIndex.contents(folder).forEach((k, v) -> out.put("results/" + k, v));
        return out;
    }

    /** How many runs of a sweep folder have finished (each stored once). */
    static int finished(Path folder) {
        var index = moecl.workbench.sweep.RunIndex.scan(folder);
        assertEquals(index.runs().size(), index.frames().size(), "a run stored twice in " + folder);
        return index.runs().size();
    }

    static void assertSameResults(Path a, Path b) throws IOException {
        Map<String, byte[]> ra = results(a);
        Map<String, byte[]> rb = results(b);
        assertEquals(ra.keySet(), rb.keySet());
        ra.forEach((k, v) -> assertArrayEquals(v, rb.get(k), k));
    }

    @Tag("heavy")
    @Test
    void aSweepKilledWithSigkillResumesToTheBytesOfAnUninterruptedOne() throws Exception {
        String[] sweep = {"run", "M=[2,5]", "T=40000", "--seeds", "1..6", "--quiet"};
        Path killedRoot = tmp.resolve("killed");
        List<String> args = new ArrayList<>(List.of(sweep));
        args.addAll(List.of("--out", killedRoot.toString(), "--threads", "1"));
        Process p = moecl(List.of(), args.toArray(String[]::new)).redirectOutput(tmp.resolve("log").toFile()).start();
        Path folder = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline && p.isAlive()) {
            if (Files.isDirectory(killedRoot) && !folders(killedRoot).isEmpty()) {
                folder = folders(killedRoot).get(0);
                if (Files.isDirectory(folder.resolve("results")) && finished(folder) >= 3) {
                    break;
                }
            }
            Thread.sleep(20);
        }
        assertTrue(p.isAlive(), "the sweep finished before it could be killed: "
                + Files.readString(tmp.resolve("log")));
        p.destroyForcibly(); // SIGKILL: no shutdown hook runs
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        long saved = finished(folder);
        assertTrue(saved >= 3 && saved < 12, saved + " runs saved");

        Result resumed = run("resume", folder.toString());
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().contains("run folder: " + folder), resumed.out());

        Path whole = tmp.resolve("whole");
        List<String> again = new ArrayList<>(List.of(sweep));
        again.addAll(List.of("--out", whole.toString(), "--threads", "2"));
        Result r = run(again.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        assertSameResults(folders(whole).get(0), folder);
        assertTrue(Files.isRegularFile(folder.resolve("rounds.csv")));
        assertEquals(1 + 12 * 40000, Files.readAllLines(folder.resolve("rounds.csv")).size());
    }

    @Tag("heavy")
    @Test
    void fourProcessesWritingIntoOneOutLoseNothing() throws Exception {
        Path out = tmp.resolve("shared");
        List<Process> ps = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ps.add(moecl(List.of("-XX:TieredStopAtLevel=1"), "run", "M=3", "T=200", "--seeds", "1..6", "--quiet",
                    "--out", out.toString(), "--name", "same").redirectOutput(tmp.resolve("log" + i).toFile()).start());
        }
        for (int i = 0; i < 4; i++) {
            assertTrue(ps.get(i).waitFor(120, TimeUnit.SECONDS));
            assertEquals(0, ps.get(i).exitValue(), Files.readString(tmp.resolve("log" + i)));
        }
        List<Path> folders = folders(out);
        assertEquals(4, folders.size(), folders.toString());
        Map<String, byte[]> first = results(folders.get(0));
        for (Path f : folders) {
            assertEquals(6, finished(f), f.toString());
            assertSameResults(folders.get(0), f);
        }
        assertEquals(first.keySet(), results(folders.get(3)).keySet());
    }

    static final String FLAKY = """
            package thirdparty;

            import moecl.expert.LearnReport;
            import moecl.plugin.*;
            import moecl.router.*;
            import moecl.task.Task;

            public final class FlakyFactory implements RouterFactory {
                public PluginDescriptor descriptor() {
                    return PluginDescriptor.of(PluginKind.ROUTER, "flaky", "expert 0; fails at round 5 for seed 2");
                }

                public Router create(Params params, BuildContext context) {
                    boolean fails = context.seed() == 2;
                    return new Router() {
                        int t;
                        public Decision route(Task task) {
                            if (fails && ++t == 5) {
                                throw new IllegalStateException("gate diverged");
                            }
                            return Decision.of(0);
                        }

                        public void learn(Task task, Decision decision, LearnReport report) {
                        }
                    };
                }
            }
            """;

    /**
     * A plugin that calls System.exit(0) mid-sweep ended the process reporting success (exit 0) with the sweep half
     * done. The process still ends (in-process code cannot be stopped from exiting), but with exit code 3, naming
     * the caller, and the folder resumable.
     */
    @Test
    void aPluginsSystemExitEndsTheSweepAsIncompleteNamingIt() throws Exception {
        Path plugins = PluginJars.build(tmp, "ExitFactory", FLAKY.replace("FlakyFactory", "ExitFactory")
                .replace("\"flaky\"", "\"exiter\"").replace("throw new IllegalStateException(\"gate diverged\");",
                        "System.exit(0);"), "moecl.plugin.RouterFactory");
        Path out = tmp.resolve("exit-runs");
        Process p = moecl(List.of(), "run", "router=[paper, exiter]", "M=2", "T=40", "--seeds", "1..3", "--threads",
                "1", "--out", out.toString(), "--plugin-path", plugins.toString()).start();
        String text = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(3, p.exitValue(), text);
        Path folder = folders(out).get(0);
        assertTrue(text.contains("moecl: stopped by System.exit in thirdparty.ExitFactory$1.route (plugins must "
                + "throw, not exit); "), text);
        assertTrue(text.contains(" runs are saved in " + folder + " (moecl resume " + folder + ")"), text);
        assertTrue(finished(folder) >= 1 && finished(folder) < 6, text);
        // with no run finished yet it is named too (it had ended the process without a word), and no folder stays
        Path none = tmp.resolve("exit-none");
        Process q = moecl(List.of(), "run", "router=exiter", "M=2", "T=40", "--seed", "2", "--out", none.toString(),
                "--plugin-path", plugins.toString()).start();
        String said = new String(q.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(q.waitFor(120, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(3, q.exitValue(), said);
        assertTrue(said.contains("moecl: stopped by System.exit in thirdparty.ExitFactory$1.route (plugins must "
                + "throw, not exit); no run had finished, so nothing was saved"), said);
        assertEquals(List.of(), folders(none), said);
    }

    Path flakyPluginFolder() throws IOException {
        return PluginJars.build(tmp, "FlakyFactory", FLAKY, "moecl.plugin.RouterFactory");
    }

    @Test
    void aFailingRunIsListedWithExitCode3AndTheOthersAreSaved() throws IOException {
        Path plugins = flakyPluginFolder();
        Path out = tmp.resolve("runs");
        Result r = run("run", "router=[paper, flaky]", "M=2", "T=40", "--seeds", "1..3", "--out", out.toString(),
                "--plugin-path", plugins.toString());
        assertEquals(3, r.code(), r.err());
        Path folder = folders(out).get(0);
        assertEquals("moecl: 1 of 6 runs failed (the others are saved):\n"
                + "  run 3 (router=flaky, seed 2): router flaky failed at round 5: gate diverged\n"
                + "after fixing the cause: moecl resume " + folder + "\n", r.err());
        assertTrue(r.out().contains("router=flaky"), r.out());
        assertEquals(5, finished(folder));
        assertEquals(1, count(folder.resolve("failed"), ".json"));
        // rounds.csv holds the five finished runs
        assertEquals(1 + 5 * 40, Files.readAllLines(folder.resolve("rounds.csv")).size());
        // resuming without a fix fails the same way, deterministically
        Result again = run("resume", folder.toString(), "--plugin-path", plugins.toString());
        assertEquals(3, again.code(), again.err());
        // without the plugin the plan is refused before anything runs
        System.clearProperty("moecl.plugin.path");
        Result gone = run("resume", folder.toString());
        assertEquals(2, gone.code(), gone.err());
        assertTrue(gone.err().startsWith("moecl: unknown router 'flaky'"), gone.err());
        assertEquals(5, finished(folder));
    }

    @Tag("heavy")
    @Test
    void aSweepStreamsToDiskUnderASmallHeap() throws Exception {
        // four runs of 10^6 rounds at M = 20 would hold 4 × 49 MB of rows in memory; 64 MB of heap suffice now
        Path out = tmp.resolve("runs");
        Process p = moecl(List.of("-Xmx64m"), "run", "M=20", "T=1000000", "--seeds", "1..4", "--threads", "2",
                "--rounds", "none", "--quiet", "--out", out.toString()).redirectOutput(tmp.resolve("log").toFile())
                .start();
        assertTrue(p.waitFor(240, TimeUnit.SECONDS), "did not finish");
        assertEquals(0, p.exitValue(), Files.readString(tmp.resolve("log")));
        Path folder = folders(out).get(0);
        assertEquals(4, finished(folder));
        assertTrue(Files.notExists(folder.resolve("rounds.csv")));
        // a resume keeps the sweep's --rounds none
        Result resumed = run("resume", folder.toString());
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(Files.notExists(folder.resolve("rounds.csv")));
        Result exported = run("export", folder.toString());
        assertEquals(0, exported.code(), exported.err());
        try (Stream<String> lines = Files.lines(folder.resolve("rounds.csv"))) {
            assertEquals(1 + 4_000_000L, lines.count());
        }
    }

    /** The files under {@code dir} that this process has open (Linux: /proc/self/fd). */
    static List<String> openFilesUnder(Path dir) throws IOException {
        List<String> open = new ArrayList<>();
        Path fds = Path.of("/proc/self/fd");
        if (!Files.isDirectory(fds)) {
            return open;
        }
        String prefix = dir.toRealPath().toString();
        try (Stream<Path> s = Files.list(fds)) {
            for (Path fd : s.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith(prefix)) {
                        open.add(target);
                    }
                } catch (IOException gone) {
                    // closed meanwhile
                }
            }
        }
        return open;
    }

    static boolean sh(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    @Test
    void aFullDiskStopsTheSweepWithOneLineAndTheFolderResumes() throws Exception {
        Path disk = tmp.resolve("disk");
        Files.createDirectories(disk);
        org.junit.jupiter.api.Assumptions.assumeTrue(sh("mount", "-t", "tmpfs", "-o", "size=300k", "tmpfs",
                disk.toString()), "needs root and mount to make a small file system");
        try {
            String[] sweep = {"run", "M=[2,5]", "T=2000", "--seeds", "1..10", "--quiet", "--threads", "2"};
            List<String> args = new ArrayList<>(List.of(sweep));
            args.addAll(List.of("--out", disk.toString()));
            Result full = run(args.toArray(String[]::new));
            assertEquals(2, full.code(), full.out() + full.err());
            assertEquals(1, full.err().lines().count(), full.err());
            assertTrue(full.err().startsWith("moecl: cannot write"), full.err());
            assertTrue(full.err().contains("No space left on device"), full.err());
            Path folder = folders(disk).get(0);
            assertTrue(full.err().endsWith("runs are saved in " + folder + ", resume it with: moecl resume " + folder
                    + "\n"), full.err());
            try (Stream<Path> s = Files.list(folder.resolve("results"))) {
                assertTrue(s.noneMatch(p -> p.getFileName().toString().contains(".tmp")), "temporary files left");
            }
            assertEquals(List.of(), moecl.workbench.sweep.RunIndex.scan(folder).torn(), "an incomplete frame left");
            assertEquals(List.of(), openFilesUnder(disk), "files this process left open after the failure");
            assertTrue(sh("mount", "-o", "remount,size=20m", disk.toString()));
            Result resumed = run("resume", folder.toString());
            assertEquals(0, resumed.code(), resumed.err());
            Path whole = tmp.resolve("whole");
            List<String> again = new ArrayList<>(List.of(sweep));
            again.addAll(List.of("--out", whole.toString()));
            assertEquals(0, run(again.toArray(String[]::new)).code());
            assertSameResults(folders(whole).get(0), folder);
            assertEquals(List.of(), openFilesUnder(disk), "files this process left open");
        } finally {
            if (!sh("umount", disk.toString())) {
                sh("umount", "-l", disk.toString()); // whatever still holds it, the temporary folder must go
            }
        }
    }

    @Test
    void runsEndingInNaNAreFlaggedWithExitCode3() throws IOException {
        Path out = tmp.resolve("runs");
        Result r = run("run", "tasks=gaussian(norm=1e308)", "M=2", "T=20", "--out", out.toString());
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().startsWith("moecl: 1 of 1 runs ended with NaN or infinite metrics (check the sizes and "
                + "scales of the spec):\n  run 0 (router=paper M=2, seed 1): F="), r.err());
        var summary = moecl.workbench.RunFolder.JSON.readTree(folders(out).get(0).resolve("summary.json").toFile());
        assertEquals(List.of(0), List.of(summary.path("nonFinite").get(0).asInt()));
        Result fine = run("run", "tasks=gaussian(norm=1)", "M=2", "T=20", "--out", out.toString(), "--quiet");
        assertEquals(0, fine.code(), fine.err());
    }

    @Test
    void anOutputThatCannotBeWrittenIsRefusedBeforeAnyRun() throws IOException {
        Path file = Files.writeString(tmp.resolve("not-a-folder"), "x");
        Result r = run("run", "M=20", "T=10000000", "--out", file.resolve("runs").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("moecl: cannot create the output folder " + file.resolve("runs")), r.err());
        Result name = run("run", "T=10", "--name", "../../etc", "--out", tmp.toString());
        assertEquals(2, name.code());
        assertTrue(name.err().startsWith("moecl: name '../../etc' is not allowed"), name.err());
        Result notASweep = run("resume", tmp.toString());
        assertEquals(2, notASweep.code());
        assertEquals("moecl: " + tmp + " is not a resumable sweep folder (it has no sweep.json)\n", notASweep.err());
    }
}
