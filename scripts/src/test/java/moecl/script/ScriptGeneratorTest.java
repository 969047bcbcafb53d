package moecl.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task generator written in JavaScript drives the Java engine: its tasks reach the experts, its ground truths the
 * metrics, and the numbers follow the theory of the min-norm update.
 */
class ScriptGeneratorTest {

    @TempDir
    Path tmp;

    /**
     * Two task types in d = 6 with s = 3 Gaussian samples per task, no label noise, an oracle router written in the
     * script too
     * (type n to expert n) and {@code minnorm} experts. Each update projects the expert's error onto a random
     * (d − s)-dimensional subspace, so E‖w − w_n‖² shrinks by r = 1 − s/d = 1/2 per update: G at t = 1 is 1/2 in
     * expectation (both truths have norm 1) and after 80 rounds (40 updates per expert) below 1e-6. The paper's
     * signed forgetting is never positive: an expert only ever sees its own type, and each later step on the same
     * truth can only shrink its error (backward transfer makes F negative).
     */
    @Test
    void javascriptGeneratorFeedsTheEngineAndItsMetrics() throws Exception {
        ScriptTestSupport s = new ScriptTestSupport(tmp);
        s.runCode("gen.js", """
                class TwoTypes {
                  constructor(ctx) {
                    this.random = ctx.random;
                    this.truths = [[1, 0, 0, 0, 0, 0], [0, 0.6, 0.8, 0, 0, 0]];
                    this.t = 0;
                  }
                  get dimension() { return 6; }
                  get types() { return 2; }
                  get samples() { return 3; }
                  groundTruths() { return this.truths; }
                  next() {
                    const type = this.t++ % 2;
                    const X = [];
                    for (let i = 0; i < 6; i++) {
                      X.push([this.random.normal(), this.random.normal(), this.random.normal()]);
                    }
                    const w = this.truths[type];
                    const y = [0, 1, 2].map(j => X.reduce((acc, row, i) => acc + row[j] * w[i], 0));
                    return { type, X, y };
                  }
                }
                moecl.registerGenerator("twotypes", TwoTypes);
                moecl.registerRouter("bytype", { route(task) { return task.type; } }); // an oracle
                const res = moecl.run({ tasks: "twotypes", experts: "minnorm", router: "bytype", M: 2, T: 80,
                                        seeds: [1, 2, 3], save: false });
                const rows = { seed: [], t: [], F: [], G: [], task: [], expert: [] };
                for (const run of res.runs) {
                  for (let t = 0; t < 80; t++) {
                    rows.seed.push(run.seed); rows.t.push(t + 1); rows.F.push(run.F[t]); rows.G.push(run.G[t]);
                    rows.task.push(run.task[t]); rows.expert.push(run.expert[t]);
                  }
                }
                moecl.writeCsv("runs/g.csv", rows);
                """, Map.of());
        List<String> lines = Files.readAllLines(tmp.resolve("runs/g.csv"));
        assertEquals(1 + 3 * 80, lines.size());
        List<String> header = List.of(lines.get(0).split(","));
        int t = header.indexOf("t");
        int f = header.indexOf("F");
        int g = header.indexOf("G");
        int task = header.indexOf("task");
        int expert = header.indexOf("expert");
        double firstG = 0;
        double minF = 0;
        for (String l : lines.subList(1, lines.size())) {
            String[] c = l.split(",");
            int round = Integer.parseInt(c[t]);
            assertEquals(Integer.toString((round - 1) % 2), stripZero(c[task]), "the script's arrival order: " + l);
            assertEquals(stripZero(c[task]), stripZero(c[expert]), "oracle: type n to expert n: " + l);
            double forgetting = Double.parseDouble(c[f]);
            assertTrue(forgetting <= 1e-12, "no forgetting with one type per expert: " + l);
            minF = Math.min(minF, forgetting);
            if (round == 1) {
                firstG += Double.parseDouble(c[g]) / 3;
            }
            if (round == 80) {
                assertTrue(Double.parseDouble(c[g]) < 1e-6, "G after 40 updates per expert: " + l);
            }
        }
        System.out.printf("script generator: mean G at t = 1 %.4f, most negative F %.4f%n", firstG, minF);
        assertTrue(minF < -0.01, "backward transfer shows as negative F: " + minF);
        // after one update ‖w − w_n‖² = ‖P w_n‖² with P a random rank-3 projection in R^6: mean 1/2, sd 1/4;
        // the mean over three seeds has sd 0.14
        assertTrue(firstG > 0.1 && firstG < 0.9, "mean G at t = 1 over three seeds: " + firstG);
    }

    private static String stripZero(String v) {
        return v.endsWith(".0") ? v.substring(0, v.length() - 2) : v;
    }
}
