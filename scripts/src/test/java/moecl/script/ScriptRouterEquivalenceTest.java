package moecl.script;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import moecl.expert.LearnReport;
import moecl.plugin.BuildContext;
import moecl.plugin.Params;
import moecl.plugin.PluginDescriptor;
import moecl.plugin.PluginKind;
import moecl.plugin.RouterFactory;
import moecl.router.Decision;
import moecl.router.Router;
import moecl.task.Task;

/**
 * A router written in JavaScript and one written in Python make exactly the decisions of the same router written
 * in Java, round for round, on the same seed: the argmax of a fixed linear gate θ^(m)·x̄_t with integer θ.
 */
class ScriptRouterEquivalenceTest {

    @TempDir
    Path tmp;

    /** θ[m][i] = ((7m + 3i) mod 11) − 5: exact integers, so every language computes the same dot products. */
    static double theta(int m, int i) {
        return ((m * 7 + i * 3) % 11) - 5;
    }

    static final class JavaGate implements RouterFactory {
        @Override
        public PluginDescriptor descriptor() {
            return PluginDescriptor.of(PluginKind.ROUTER, "javagate", "test: argmax of a fixed linear gate");
        }

        @Override
        public Router create(Params params, BuildContext ctx) {
            int m = ctx.experts();
            return new Router() {
                @Override
                public Decision route(Task task) {
                    double[] x = task.gateInput();
                    int best = 0;
                    double bestVal = Double.NEGATIVE_INFINITY;
                    for (int e = 0; e < m; e++) {
                        double s = 0;
                        for (int i = 0; i < x.length; i++) {
                            s += theta(e, i) * x[i];
                        }
                        if (s > bestVal) {
                            bestVal = s;
                            best = e;
                        }
                    }
                    return Decision.of(best);
                }

                @Override
                public void learn(Task task, Decision decision, LearnReport report) {
                }
            };
        }
    }

    @BeforeAll
    static void registerJavaRouter() {
        if (ScriptTestSupport.REGISTRY.find(PluginKind.ROUTER, "javagate").isEmpty()) {
            ScriptTestSupport.REGISTRY.register(PluginKind.ROUTER, new JavaGate());
        }
    }

    static final String JS = """
            class Gate {
              constructor(ctx) { this.m = ctx.M; }
              route(task) {
                const x = task.gateInput;
                let best = 0, bestVal = -Infinity;
                for (let e = 0; e < this.m; e++) {
                  let s = 0;
                  for (let i = 0; i < x.length; i++) s += (((e * 7 + i * 3) % 11) - 5) * x[i];
                  if (s > bestVal) { bestVal = s; best = e; }
                }
                return { expert: best };
              }
            }
            moecl.registerRouter("scriptgate", Gate);
            const res = moecl.run({ router: ["javagate", "scriptgate"], M: 5, T: 300, seed: 11, save: false });
            moecl.writeCsv("runs/experts.csv", { java: res.runs[0].expert, script: res.runs[1].expert });
            """;

    static final String PY = """
            import math
            class Gate:
                def __init__(self, ctx):
                    self.m = ctx["M"]
                def route(self, task):
                    x = list(task.gateInput)
                    best, best_val = 0, -math.inf
                    for e in range(self.m):
                        s = 0.0
                        for i in range(len(x)):
                            s += (((e * 7 + i * 3) % 11) - 5) * x[i]
                        if s > best_val:
                            best, best_val = e, s
                    return best
            moecl.registerRouter("scriptgate", Gate)
            res = moecl.run({"router": ["javagate", "scriptgate"], "M": 5, "T": 300, "seed": 11, "save": False})
            moecl.writeCsv("runs/experts.csv", {"java": res["runs"][0]["expert"], "script": res["runs"][1]["expert"]})
            """;

    private void check(String file, String code) throws Exception {
        ScriptTestSupport s = new ScriptTestSupport(tmp);
        s.runCode(file, code, Map.of());
        List<String> lines = Files.readAllLines(tmp.resolve("runs/experts.csv"));
        assertEquals("java,script", lines.get(0));
        assertEquals(301, lines.size());
        int[] java = lines.stream().skip(1).mapToInt(l -> Integer.parseInt(l.split(",")[0])).toArray();
        int[] script = lines.stream().skip(1).mapToInt(l -> Integer.parseInt(l.split(",")[1])).toArray();
        assertArrayEquals(java, script);
        assertTrue(java.length == 300 && java[0] >= 0);
        assertTrue(java.length > 0 && java[0] != java[1] || java[1] != java[2] || java[2] != java[3],
                "the gate must actually route to different experts");
        Files.delete(tmp.resolve("runs/experts.csv"));
    }

    @Test
    void javaScriptRouterDecidesLikeJava() throws Exception {
        check("gate.js", JS);
    }

    /** Heavy: a GraalPy context running a router over every round of an engine run, interpreted. */
    @Tag("heavy")
    @Test
    void pythonRouterDecidesLikeJava() throws Exception {
        check("gate.py", PY);
    }
}
