package moecl.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import java.util.stream.Stream;

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
import moecl.workbench.sweep.SweepViews;

/** The embedded member ({@code --engine hazelcast}) writes the same folder as the local engine, and cancels. */
class EmbeddedEngineTest {

    @TempDir
    Path dir;

    @Test
    void embeddedMemberGivesTheLocalEnginesBytes() throws Exception {
        Registry registry = Registry.standard();
        List<RunSpec> specs = Presets.fig2(LongStream.rangeClosed(1, 4).boxed().toList(), RngKind.FAST, 300);
        SweepRunner.Result local = SweepFolders.run(registry, specs, dir.resolve("local"),
                new LocalExecutor(registry, 2), RunEngine.Progress.NONE);
        SweepRunner.Result hz;
        try (HazelcastExecutor e = HazelcastExecutor.embedded(registry, 2)) {
            assertEquals(2, e.parallelism());
            hz = SweepFolders.run(registry, specs, dir.resolve("hz"), e, RunEngine.Progress.NONE);
            assertTrue(e.stats().chunks() >= 1);
        }
        assertTrue(hz.complete());
        assertEquals("hazelcast", hz.engine());
        assertEquals(specs.size(), hz.computed());
        SweepFolders.assertEveryRunOnce(hz.plan(), hz.folder());
        SweepFolders.assertSameOutput(local.folder(), hz.folder());
    }

    @Test
    @Timeout(60)
    void interruptingTheCallerCancelsAndAResumeFinishesWithTheLocalBytes() throws Exception {
        Registry registry = Registry.standard();
        List<RunSpec> specs = Presets.fig2(LongStream.rangeClosed(1, 12).boxed().toList(), RngKind.FAST, 2000);
        SweepRunner.Result local = SweepFolders.run(registry, specs, dir.resolve("local"),
                new LocalExecutor(registry, 2), RunEngine.Progress.NONE);
        try (HazelcastExecutor e = HazelcastExecutor.embedded(registry, 2)) {
            e.chunkMillis(5);
            Thread caller = Thread.currentThread();
            AtomicInteger progress = new AtomicInteger();
            CancellationException c = assertThrows(CancellationException.class,
                    () -> SweepFolders.run(registry, specs, dir.resolve("hz"), e, (done, all) -> {
                        if (progress.incrementAndGet() == 2) {
                            caller.interrupt();
                        }
                    }));
            assertTrue(Thread.interrupted(), "the interrupt flag is kept");
            assertTrue(c.getMessage().startsWith("cancelled; "), c.getMessage());
            Path folder;
            try (Stream<Path> s = Files.list(dir.resolve("hz"))) {
                folder = s.findFirst().orElseThrow();
            }
            int saved = moecl.workbench.sweep.RunIndex.scan(folder).runs().size();
            assertTrue(saved > 0 && saved < specs.size(), saved + " of " + specs.size() + " saved");

            SweepRunner.Result resumed =
                    SweepRunner.resume(registry, folder, e, SweepViews.Rounds.CSV, RunEngine.Progress.NONE);
            assertTrue(resumed.complete());
            assertEquals(specs.size() - saved, resumed.computed(), "a resume computes only what is missing");
            SweepFolders.assertEveryRunOnce(resumed.plan(), folder);
            SweepFolders.assertSameOutput(local.folder(), folder);
        }
    }
}
