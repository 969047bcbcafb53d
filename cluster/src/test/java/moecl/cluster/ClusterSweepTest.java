package moecl.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;

import moecl.engine.RunEngine;
import moecl.engine.RunSpec;
import moecl.expert.LearnReport;
import moecl.plugin.BuildContext;
import moecl.plugin.Params;
import moecl.plugin.PluginDescriptor;
import moecl.plugin.PluginKind;
import moecl.plugin.Registry;
import moecl.plugin.RouterFactory;
import moecl.rng.RngKind;
import moecl.router.Decision;
import moecl.router.Router;
import moecl.task.Task;
import moecl.workbench.Presets;
import moecl.workbench.RunRequest;
import moecl.workbench.sweep.LocalExecutor;
import moecl.workbench.sweep.SweepRunner;

/** Two compute members and a lite driver in one JVM, on loopback. */
@Timeout(60)
class ClusterSweepTest {

    static Registry registry;
    static TestCluster cluster;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        registry = Registry.standard();
        cluster = new TestCluster(registry, 2, 1);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void numpyLegacyUnitsStayWholeAndGiveTheLocalBytes() throws Exception {
        List<RunSpec> specs = Presets.fig2(List.of(1L, 2L), RngKind.NUMPY_LEGACY, 200);
        SweepRunner.Result local = SweepFolders.run(registry, specs, dir.resolve("local"),
                new LocalExecutor(registry, 2), RunEngine.Progress.NONE);
        // the smallest chunks: one unit each, so the shared streams' units are spread over both members
        cluster.driver.chunkMillis(0.001);
        SweepRunner.Result hz = SweepFolders.run(registry, specs, dir.resolve("hz"), cluster.driver,
                RunEngine.Progress.NONE);
        cluster.driver.chunkMillis(HazelcastExecutor.DEFAULT_CHUNK_MILLIS);
        int units = hz.plan().units().size();
        assertEquals(4, units, "fig2 in numpy-legacy mode: one unit per seed and variant");
        assertEquals(units, cluster.driver.stats().chunks(), "a unit was split or merged: " + cluster.driver.stats());
        assertEquals(2, cluster.driver.stats().byMember().size(), "one member did all: " + cluster.driver.stats());
        assertTrue(hz.complete(), "runs missing: " + hz.failureLines());
        SweepFolders.assertEveryRunOnce(hz.plan(), hz.folder());
        SweepFolders.assertSameOutput(local.folder(), hz.folder());
    }

    @Test
    void writerThreadsOnTheDriverGiveTheSameBytes() throws Exception {
        List<RunSpec> specs = Presets.fig2(List.of(5L, 6L, 7L), RngKind.FAST, 500);
        SweepRunner.Result local = SweepFolders.run(registry, specs, dir.resolve("local"),
                new LocalExecutor(registry, 2), RunEngine.Progress.NONE);
        assertEquals(0, cluster.driver.writersNow(), "loopback members: the driver writes on its own thread");
        try {
            cluster.driver.writerThreads(3).chunkMillis(1);
            assertEquals(3, cluster.driver.writersNow());
            SweepRunner.Result hz = SweepFolders.run(registry, specs, dir.resolve("hz"), cluster.driver,
                    RunEngine.Progress.NONE);
            assertTrue(cluster.driver.stats().chunks() > 3, cluster.driver.stats().toString());
            SweepFolders.assertEveryRunOnce(hz.plan(), hz.folder());
            SweepFolders.assertSameOutput(local.folder(), hz.folder());
        } finally {
            cluster.driver.writerThreads(-1).chunkMillis(HazelcastExecutor.DEFAULT_CHUNK_MILLIS);
        }
    }

    @Test
    void membersListenOnLoopbackOnlyAndTheDriverComputesNothing() {
        for (Worker w : cluster.workers) {
            assertEquals("127.0.0.1", w.instance().getCluster().getLocalMember().getAddress().getHost());
            assertFalse(w.instance().getCluster().getLocalMember().isLiteMember());
            Config c = w.instance().getConfig();
            JoinConfig j = c.getNetworkConfig().getJoin();
            assertFalse(j.getMulticastConfig().isEnabled());
            assertFalse(j.getAutoDetectionConfig().isEnabled());
            assertEquals(cluster.members, j.getTcpIpConfig().getMembers());
            assertEquals("false", c.getProperty("hazelcast.phone.home.enabled"));
            assertEquals("false", c.getProperty("hazelcast.socket.bind.any"));
            assertEquals(1, c.getExecutorConfig(ClusterConfigs.EXECUTOR).getPoolSize());
        }
        assertEquals("127.0.0.1", cluster.driver.instance().getCluster().getLocalMember().getAddress().getHost());
        assertTrue(cluster.driver.instance().getCluster().getLocalMember().isLiteMember());
        assertEquals(3, cluster.driver.instance().getCluster().getMembers().size());
        assertEquals(2, cluster.driver.parallelism(), "1 thread on each of 2 workers");
    }

    /** A router that throws at round 7 for seed 2. */
    static final class FailingRouterFactory implements RouterFactory {
        @Override
        public PluginDescriptor descriptor() {
            return PluginDescriptor.of(PluginKind.ROUTER, "failing", "expert 0; throws at round 7 for seed 2");
        }

        @Override
        public Router create(Params params, BuildContext context) {
            boolean fails = context.seed() == 2;
            return new Router() {
                int t;

                @Override
                public Decision route(Task task) {
                    if (fails && ++t == 7) {
                        throw new IllegalStateException("gate exploded");
                    }
                    return Decision.of(0);
                }

                @Override
                public void learn(Task task, Decision decision, LearnReport report) {
                }
            };
        }
    }

    @Test
    void aFailingRunIsRecordedAsTheLocalEngineRecordsIt() throws Exception {
        registry.register(PluginKind.ROUTER, new FailingRouterFactory());
        try {
            List<RunSpec> specs = new RunRequest().setAll(List.of("router=[paper, failing]", "M=2", "T=50"))
                    .expand(List.of(1L, 2L, 3L), Map.of());
            SweepRunner.Result local = SweepFolders.run(registry, specs, dir.resolve("local"),
                    new LocalExecutor(registry, 1), RunEngine.Progress.NONE);
            SweepRunner.Result hz = SweepFolders.run(registry, specs, dir.resolve("hz"), cluster.driver,
                    RunEngine.Progress.NONE);
            assertEquals(Map.of(3, "router failing failed at round 7: gate exploded"), hz.failures());
            assertEquals(local.failures(), hz.failures());
            assertEquals(5, hz.computed());
            SweepFolders.assertSameOutput(local.folder(), hz.folder());
        } finally {
            registry.unregister(PluginKind.ROUTER, "failing");
        }
    }
}
