package moecl.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import moecl.engine.RunEngine;
import moecl.engine.RunSpec;
import moecl.plugin.Registry;
import moecl.rng.RngKind;
import moecl.workbench.Presets;
import moecl.workbench.sweep.LocalExecutor;
import moecl.workbench.sweep.SweepRunner;

/**
 * Three compute members and a driver in one JVM; one member is terminated (no goodbye, as a killed process) after
 * about a third of the results: every run still ends in the folder exactly once, with the local engine's bytes.
 */
@Tag("heavy")
class MemberFailureTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void aMemberTerminatedMidSweepLosesNoRunAndWritesNoneTwice() throws Exception {
        Registry registry = Registry.standard();
        List<RunSpec> specs = Presets.fig2(LongStream.rangeClosed(1, 50).boxed().toList(), RngKind.FAST, 1000);
        SweepRunner.Result local = SweepFolders.run(registry, specs, dir.resolve("local"),
                new LocalExecutor(registry, 2), RunEngine.Progress.NONE);

        SweepRunner.Result hz;
        String victim;
        AtomicInteger killedAt = new AtomicInteger(-1);
        AtomicInteger total = new AtomicInteger();
        try (TestCluster cluster = new TestCluster(registry, 3, 1)) {
            assertEquals(3, cluster.driver.parallelism());
            assertTrue(cluster.driver.instance().getCluster().getLocalMember().isLiteMember());
            Worker w = cluster.workers.get(2);
            victim = w.address();
            AtomicReference<CompletableFuture<Void>> kill = new AtomicReference<>();
            // small chunks: many of them, so that the member dies with work queued and running
            cluster.driver.chunkMillis(5);
            hz = SweepFolders.run(registry, specs, dir.resolve("hz"), cluster.driver, (done, all) -> {
                total.set(all);
                if (done >= all / 3 && killedAt.compareAndSet(-1, done)) {
                    kill.set(CompletableFuture.runAsync(() -> w.instance().getLifecycleService().terminate()));
                }
            });
            kill.get().get();
            HazelcastExecutor.Stats stats = cluster.driver.stats();
            assertTrue(stats.byMember().getOrDefault("[" + victim.replace(":", "]:"), 0) > 0,
                    "the terminated member computed nothing before it died: " + stats);
            assertEquals(2, cluster.driver.parallelism(), "the driver still counts the terminated member");
        }
        assertTrue(killedAt.get() < total.get() * 2 / 3, "the member died too late: at " + killedAt + " of " + total);
        assertTrue(hz.complete(), "runs missing: " + hz.failureLines());
        assertEquals(specs.size(), hz.computed());
        SweepFolders.assertEveryRunOnce(hz.plan(), hz.folder());
        SweepFolders.assertSameOutput(local.folder(), hz.folder());
    }

    /**
     * The only worker terminated mid-sweep: the sweep stops with one line that says how many runs are saved and how
     * to resume (a review found 549 lines of Hazelcast warnings and no hint), and a local resume completes the
     * folder with the local engine's bytes.
     */
    @Test
    @Timeout(120)
    void theLastWorkerGoneStopsTheSweepResumably() throws Exception {
        Registry registry = Registry.standard();
        List<RunSpec> specs = Presets.fig2(LongStream.rangeClosed(1, 30).boxed().toList(), RngKind.FAST, 1000);
        SweepRunner.Result local = SweepFolders.run(registry, specs, dir.resolve("local"),
                new LocalExecutor(registry, 2), RunEngine.Progress.NONE);
        moecl.workbench.sweep.EngineFailure stop;
        try (TestCluster cluster = new TestCluster(registry, 1, 1)) {
            Worker w = cluster.workers.get(0);
            AtomicReference<CompletableFuture<Void>> kill = new AtomicReference<>();
            cluster.driver.chunkMillis(5);
            stop = org.junit.jupiter.api.Assertions.assertThrows(moecl.workbench.sweep.EngineFailure.class,
                    () -> SweepFolders.run(registry, specs, dir.resolve("hz"), cluster.driver, (done, all) -> {
                        if (done >= all / 3 && kill.get() == null) {
                            kill.set(CompletableFuture.runAsync(() -> w.instance().getLifecycleService()
                                    .terminate()));
                        }
                    }));
        }
        Path folder;
        try (java.util.stream.Stream<Path> s = java.nio.file.Files.list(dir.resolve("hz"))) {
            folder = s.findFirst().orElseThrow();
        }
        String m = stop.getMessage();
        assertTrue(m.contains("could not be computed in") && m.contains("are the moecl workers still running?"), m);
        java.util.regex.Matcher saved = java.util.regex.Pattern.compile("; (\\d+) of " + specs.size()
                + " runs are saved in " + java.util.regex.Pattern.quote(folder.toString()) + ", resume it with: moecl "
                + "resume " + java.util.regex.Pattern.quote(folder.toString())).matcher(m);
        assertTrue(saved.find(), m);
        int n = Integer.parseInt(saved.group(1));
        assertTrue(n > 0 && n < specs.size(), m);
        assertEquals(n, moecl.workbench.sweep.RunIndex.scan(folder).runs().size(), m);
        SweepRunner.Result resumed = SweepRunner.resume(registry, folder, new LocalExecutor(registry, 2),
                moecl.workbench.sweep.SweepViews.Rounds.CSV, RunEngine.Progress.NONE);
        assertTrue(resumed.complete());
        assertEquals(specs.size() - n, resumed.computed());
        SweepFolders.assertSameOutput(local.folder(), folder);
    }
}
