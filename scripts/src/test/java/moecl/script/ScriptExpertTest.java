package moecl.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A min-norm expert written in JavaScript with moecl.linalg learns like the built-in minnorm expert. */
class ScriptExpertTest {

    @TempDir
    Path tmp;

    @Test
    void linalgMinNormExpertMatchesJava() throws Exception {
        ScriptTestSupport s = new ScriptTestSupport(tmp);
        s.runCode("expert.js", """
                const L = moecl.linalg;
                class MinNorm {
                  constructor(ctx) { this.w = L.zeros(ctx.dimension, 1); }
                  learn(task) {
                    const X = task.X();
                    const r = task.y().subtract(X.transpose().multiply(this.w));
                    const delta = X.multiply(X.transpose().multiply(X).solve(r));
                    this.w = this.w.add(delta);
                    return { moved: delta.norm(), loss: 0 };
                  }
                  weights() { return this.w.toList(); }
                }
                moecl.registerExpert("jsminnorm", MinNorm);
                const res = moecl.run({ experts: ["minnorm", "jsminnorm"], router: "paper", M: 3, T: 150, seed: 4,
                                        save: false });
                moecl.writeCsv("runs/f.csv", { java: res.runs[0].F, script: res.runs[1].F,
                                          je: res.runs[0].expert, se: res.runs[1].expert });
                const A = L.matrix([[2, 1], [1, 3]]);
                const x = A.solve([1, 2]);
                moecl.log("solve", x.at(0).toFixed(6), x.at(1).toFixed(6), "pinv",
                          A.pinv().multiply(A).get(0, 0).toFixed(6),
                          "norm", L.vector([3, 4]).norm());
                """, Map.of());
        List<String> lines = Files.readAllLines(tmp.resolve("runs/f.csv"));
        assertEquals(151, lines.size());
        for (String l : lines.subList(1, lines.size())) {
            String[] c = l.split(",");
            assertEquals(Double.parseDouble(c[0]), Double.parseDouble(c[1]), 1e-9, l);
            assertEquals(c[2], c[3], "same routing: " + l);
        }
        assertTrue(s.out.toString().contains("solve 0.200000 0.600000 pinv 1.000000 norm 5"), s.out.toString());
    }
}
