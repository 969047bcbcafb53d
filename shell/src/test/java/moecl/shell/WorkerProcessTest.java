package moecl.shell;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import moecl.cluster.ClusterConfigs;
import moecl.cluster.ClusterOptions;
import moecl.cluster.HazelcastExecutor;
import moecl.engine.RunEngine;
import moecl.engine.RunSpec;
import moecl.plugin.Registry;
import moecl.rng.RngKind;
import moecl.workbench.Presets;
import moecl.workbench.sweep.LocalExecutor;
import moecl.workbench.sweep.RunExecutor;
import moecl.workbench.sweep.RunIndex;
import moecl.workbench.sweep.SweepPlan;
import moecl.workbench.sweep.SweepRunner;
import moecl.workbench.sweep.SweepViews;

/**
 * Two {@code moecl worker} processes on loopback and this JVM as the driver (a lite member joined with
 * {@code --members}): one worker is killed with SIGKILL mid-sweep, the sweep still completes with the local engine's
 * bytes; the other stops on SIGTERM with exit code 0.
 */
class WorkerProcessTest {

    /** The flags of the launcher that matter here (the Hazelcast ones among them). */
    static final List<String> FLAGS = List.of("-Xss4m", "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED",
            "--sun-misc-unsafe-memory-access=allow", "--add-modules", "java.se", "--add-exports",
            "java.base/jdk.internal.ref=ALL-UNNAMED", "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-opens",
            "java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens", "java.management/sun.management=ALL-UNNAMED",
            "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED", "-Dmoecl.warmup=false");

    @TempDir
    Path dir;

    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        processes.forEach(Process::destroyForcibly);
    }

    /** A worker process; its output goes to files (a pipe may lose the last line when the process exits). */
    record WorkerProcess(Process process, Path stdout, Path stderr) {
        List<String> lines() throws IOException {
            return Files.readAllLines(stdout);
        }
    }

    private WorkerProcess startWorker(String members, int port, String name) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(java));
        cmd.addAll(FLAGS);
        cmd.addAll(List.of("-cp", cp, "moecl.shell.Main", "worker", "--members", members, "--port",
                Integer.toString(port), "--threads", "1"));
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        processes.add(p);
        WorkerProcess w = new WorkerProcess(p, out, err);
        // the member is up when it has printed where it listens
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (w.lines().stream().noneMatch(l -> l.contains("listening on"))) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("worker " + name + " did not start (exit "
                        + (p.isAlive() ? "-" : p.exitValue()) + "): " + w.lines() + " " + Files.readString(err));
            }
            Thread.sleep(50);
        }
        String line = w.lines().get(0);
        assertTrue(line.startsWith("moecl worker: listening on 127.0.0.1:" + port + ", cluster moecl-"), line);
        return w;
    }

    private static SweepRunner.Result sweep(Registry registry, List<RunSpec> specs, Path root, RunExecutor e,
                                            RunEngine.Progress progress) {
        return SweepRunner.run(registry, specs, false, "sweep", Map.of("command", "test"), root, e,
                SweepViews.Rounds.CSV, progress);
    }

    @Tag("heavy")
    @Test
    @Timeout(150)
    void aWorkerKilledMidSweepLosesNoRunAndTheOtherStopsCleanlyOnSigterm() throws Exception {
        Registry registry = Registry.standard();
        int portA = ClusterConfigs.freePort("127.0.0.1");
        int portB = ClusterConfigs.freePort("127.0.0.1");
        while (portB == portA) {
            portB = ClusterConfigs.freePort("127.0.0.1");
        }
        String members = "127.0.0.1:" + portA + ",127.0.0.1:" + portB;
        WorkerProcess a = startWorker(members, portA, "a");
        WorkerProcess b = startWorker(members, portB, "b");
        assertTrue(b.lines().get(0).endsWith("1 thread, 2 members; stop with Ctrl-C"), b.lines().toString());

        List<RunSpec> specs = Presets.fig2(LongStream.rangeClosed(1, 40).boxed().toList(), RngKind.FAST, 1000);
        SweepRunner.Result local = sweep(registry, specs, dir.resolve("local"), new LocalExecutor(registry, 2),
                RunEngine.Progress.NONE);

        SweepRunner.Result hz;
        AtomicInteger killedAt = new AtomicInteger(-1);
        AtomicInteger total = new AtomicInteger();
        AtomicReference<CompletableFuture<Void>> kill = new AtomicReference<>();
        try (HazelcastExecutor driver = HazelcastExecutor.join(registry,
                ClusterOptions.parse(null, members, null))) {
            assertEquals(2, driver.parallelism(), "two workers of one thread each");
            driver.chunkMillis(5); // many chunks, so that the killed worker has some queued and one running
            hz = sweep(registry, specs, dir.resolve("hz"), driver, (done, all) -> {
                total.set(all);
                if (done >= all / 3 && killedAt.compareAndSet(-1, done)) {
                    kill.set(CompletableFuture.runAsync(() -> {
                        b.process().destroyForcibly(); // SIGKILL: no goodbye to the cluster
                        try {
                            b.process().waitFor();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }));
                }
            });
            kill.get().get(30, TimeUnit.SECONDS);
            HazelcastExecutor.Stats stats = driver.stats();
            assertTrue(stats.byMember().getOrDefault("[127.0.0.1]:" + portB, 0) > 0,
                    "the killed worker computed nothing: " + stats);
            assertEquals(1, driver.parallelism(), "the killed worker still counts: " + stats);
        }
        assertEquals(137, b.process().exitValue(), "SIGKILL");
        assertTrue(killedAt.get() < total.get() * 2 / 3, "killed too late: at " + killedAt + " of " + total);
        assertTrue(hz.complete(), "runs missing: " + hz.failureLines());
        assertEquals(specs.size(), hz.computed());
        assertEveryRunOnce(hz.plan(), hz.folder());
        assertSameOutput(local.folder(), hz.folder());

        a.process().destroy(); // SIGTERM
        assertTrue(a.process().waitFor(60, TimeUnit.SECONDS), "worker a did not stop on SIGTERM");
        assertEquals(0, a.process().exitValue(), a.lines() + " " + Files.readString(a.stderr()));
        assertEquals("moecl worker: stopped", a.lines().get(a.lines().size() - 1), a.lines().toString());
        String errA = Files.readString(a.stderr());
        assertTrue(!errA.contains("Hazelcast is starting in a Java modular environment"), errA);
    }

    /**
     * SIGTERM to a driver mid-sweep: one line says how many runs are saved and how to resume; the engine's stop that
     * follows is not printed as a second error (a review found "this process's Hazelcast member stopped").
     */
    @Tag("heavy")
    @Test
    @Timeout(150)
    void aDriverStoppedBySigtermSaysOnceWhatIsSaved() throws Exception {
        int port = ClusterConfigs.freePort("127.0.0.1");
        String members = "127.0.0.1:" + port;
        startWorker(members, port, "w");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(java));
        cmd.addAll(FLAGS);
        Path out = dir.resolve("driver-runs");
        cmd.addAll(List.of("-cp", cp, "moecl.shell.Main", "run", "M=[1,5,10,20]", "T=4000", "--seeds", "1..40",
                "--members", members, "--out", out.toString(), "--rounds", "none"));
        Path err = dir.resolve("driver.err");
        Process driver = new ProcessBuilder(cmd).redirectOutput(dir.resolve("driver.out").toFile())
                .redirectError(err.toFile()).start();
        processes.add(driver);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (saved(out) < 3) {
            assertTrue(driver.isAlive() && System.nanoTime() < deadline, "the driver stored no runs: "
                    + Files.readString(err));
            Thread.sleep(50);
        }
        driver.destroy(); // SIGTERM
        assertTrue(driver.waitFor(60, TimeUnit.SECONDS), "the driver did not stop on SIGTERM");
        List<String> said = Files.readAllLines(err).stream().filter(l -> l.startsWith("moecl:")).toList();
        assertEquals(1, said.size(), Files.readString(err));
        assertTrue(said.get(0).startsWith("moecl: stopped; ") && said.get(0).contains(" runs are saved in "),
                said.toString());
    }

    private static int saved(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(root)) {
            Path f = s.filter(Files::isDirectory).findFirst().orElse(null);
            return f == null ? 0 : RunIndex.scan(f).runs().size();
        }
    }

    @Test
    void badWorkerOptionsGetOneLineAndExitCode2() {
        for (String[] args : List.of(new String[] {"worker", "--members", "localhost"},
                new String[] {"worker", "--port", "70000"},
                new String[] {"worker", "--members", "127.0.0.1:5701", "--cluster", "c.yaml"},
                new String[] {"worker", "--cluster", dir.resolve("missing.yaml").toString()},
                new String[] {"worker", "--threads", "0"})) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
            assertEquals(Commands.BAD_INPUT, code, String.join(" ", args) + ": " + err);
            List<String> lines = err.toString().lines().toList();
            assertEquals(1, lines.size(), String.join(" ", args) + ": " + err);
            assertTrue(lines.get(0).startsWith("moecl: ") && !lines.get(0).contains("Exception"), lines.get(0));
        }
    }

    static void assertEveryRunOnce(SweepPlan plan, Path folder) throws IOException {
        List<String> expected = plan.runs().stream().map(SweepPlan.Run::id).sorted().toList();
        RunIndex index = RunIndex.scan(folder);
        assertEquals(expected, index.frames().stream().map(RunIndex.Ref::id).sorted().toList());
        assertEquals(List.of(), index.torn());
        assertEquals(Set.of(), names(folder.resolve("failed")));
    }

    static void assertSameOutput(Path expected, Path actual) throws IOException {
        Map<String, byte[]> a = RunIndex.contents(expected);
        Map<String, byte[]> b = RunIndex.contents(actual);
        assertEquals(a.keySet(), b.keySet());
        a.forEach((k, v) -> assertArrayEquals(v, b.get(k), k));
        for (String f : List.of("summary.json", "rounds.csv")) {
            assertArrayEquals(Files.readAllBytes(expected.resolve(f)), Files.readAllBytes(actual.resolve(f)), f);
        }
    }

    static Set<String> names(Path d) throws IOException {
        if (!Files.isDirectory(d)) {
            return Set.of();
        }
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
