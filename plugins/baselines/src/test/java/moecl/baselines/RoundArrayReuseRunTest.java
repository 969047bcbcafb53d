package moecl.baselines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import moecl.engine.RunEngine;
import moecl.engine.RunResult;
import moecl.engine.RunSpec;
import moecl.engine.Sweep;
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
import moecl.spec.SpecParser;
import moecl.task.KeepsNoRoundArrays;
import moecl.task.Task;

/**
 * The simple routers keep no task arrays, so the engine lets the generator reuse its arrays under them; a whole run
 * gives the same bits as the same run under a wrapper that blocks the reuse (a router that does not promise to
 * keep nothing).
 */
class RoundArrayReuseRunTest {

    /** The named router, wrapped: same decisions, but no {@link KeepsNoRoundArrays} promise. */
    private record Blocking(String inner) implements RouterFactory {
        @Override
        public PluginDescriptor descriptor() {
            return PluginDescriptor.of(PluginKind.ROUTER, "blocking-" + inner, "test: " + inner + " without reuse");
        }

        @Override
        public Router create(Params params, BuildContext ctx) {
            Router r = ((RouterFactory) REGISTRY.resolve(PluginKind.ROUTER, inner)).create(params, ctx);
            return new Router() {
                @Override
                public Decision route(Task task) {
                    return r.route(task);
                }

                @Override
                public void learn(Task task, Decision decision, LearnReport report) {
                    r.learn(task, decision, report);
                }
            };
        }
    }

    private static final Registry REGISTRY = Registry.load(RoundArrayReuseRunTest.class.getClassLoader());

    @Test
    void theSimpleRoutersPromiseToKeepNoArrays() {
        assertInstanceOf(KeepsNoRoundArrays.class, new RandomRouter(3, Fixtures.random(1)));
        assertInstanceOf(KeepsNoRoundArrays.class, new RoundRobinRouter(3));
        assertInstanceOf(KeepsNoRoundArrays.class, new OracleRouter(3));
    }

    @Test
    void runsGiveTheSameBitsWithOrWithoutReusedArrays() {
        for (String router : List.of("random", "roundrobin", "oracle")) {
            REGISTRY.register(PluginKind.ROUTER, new Blocking(router));
        }
        for (String tasks : List.of("gaussian(d=96, s=12, N=3, sigma=0.2)", "gaussian(d=10, s=6, N=4)",
                "definition1(d=12, s=5, N=3)")) {
            for (String router : List.of("random", "roundrobin", "oracle")) {
                RunResult a = run(tasks, router);
                RunResult b = run(tasks, "blocking-" + router);
                String where = tasks + " " + router;
                assertArrayEquals(b.taskType(), a.taskType(), where);
                assertArrayEquals(b.expert(), a.expert(), where);
                assertArrayEquals(b.moved(), a.moved(), where);
                assertEquals(b.metrics().keySet(), a.metrics().keySet(), where);
                for (String m : a.metrics().keySet()) {
                    double[] x = a.metrics().get(m);
                    double[] y = b.metrics().get(m);
                    for (int t = 0; t < x.length; t++) {
                        assertEquals(Double.doubleToRawLongBits(y[t]), Double.doubleToRawLongBits(x[t]),
                                where + " " + m + " t=" + (t + 1));
                    }
                }
            }
        }
    }

    private static RunResult run(String tasks, String router) {
        RunSpec spec = new RunSpec(SpecParser.parseComponent(tasks), SpecParser.parseComponent("minnorm"),
                SpecParser.parseComponent(router), 3, 120, RngKind.FAST, 4, Map.of());
        return Sweep.run(REGISTRY, List.of(spec), 1, RunEngine.Progress.NONE).get(0).result();
    }
}
