package moecl.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import moecl.engine.RunEngine;
import moecl.engine.RunResult;
import moecl.expert.Expert;
import moecl.expert.LearnReport;
import moecl.expert.LinearModel;
import moecl.metrics.LinearMetrics;
import moecl.metrics.RoundMetrics;
import moecl.plugin.Binder;
import moecl.plugin.BuildContext;
import moecl.plugin.GeneratorFactory;
import moecl.rng.RngKind;
import moecl.router.Router;
import moecl.spec.SpecParser;
import moecl.task.Task;
import moecl.task.TaskGenerator;

/**
 * {@link LinearMetrics} (incremental, grouped by (expert, type), F_ref through AbsDeviationSum) against the
 * definitions of paper.md §5 evaluated by brute force, O(T²), from the stored weight history of a real run.
 *
 * <p>Tolerance 1e-12 absolute: the values are O(1e-3..1) and both sides add at most 200 terms of that size, so
 * rounding differences are O(1e-15); the prefix-sum trick in AbsDeviationSum cancels sums of ~200·0.5 = 100
 * (error ~1e-14) before dividing by tc.
 */
class LinearMetricsBruteForceTest {

    /** Delegates to LinearMetrics and records every round's weights, type and chosen expert. */
    static final class Recorder implements RoundMetrics {
        final LinearMetrics inner;
        final List<double[][]> weights = new ArrayList<>();
        final List<Integer> types = new ArrayList<>();
        final List<Integer> chosen = new ArrayList<>();

        Recorder(LinearMetrics inner) {
            this.inner = inner;
        }

        @Override
        public List<String> columns() {
            return inner.columns();
        }

        @Override
        public void observe(Task task, int expert, Expert[] experts, LearnReport report, double[] out) {
            double[][] w = new double[experts.length][];
            for (int e = 0; e < experts.length; e++) {
                w[e] = ((LinearModel) experts[e]).weights().clone();
            }
            weights.add(w);
            types.add(task.type());
            chosen.add(expert);
            inner.observe(task, expert, experts, report, out);
        }
    }

    static double sq(double[] w, double[] g) {
        double s = 0;
        for (int i = 0; i < w.length; i++) {
            s += (w[i] - g[i]) * (w[i] - g[i]);
        }
        return s;
    }

    @ParameterizedTest
    @ValueSource(strings = {"clusters", "gaussian(d=12, s=4, N=5)"})
    void incrementalMetricsEqualBruteForce(String genSpec) {
        int rounds = 200;
        int m = 3;
        long seed = 11;
        String name = SpecParser.parseComponent(genSpec).name();
        GeneratorFactory gf = name.equals("clusters") ? new ClustersFactory() : new GaussianFactory();
        BuildContext ctx = new BuildContext(m, rounds, seed, RngKind.FAST, null, null, -1);
        TaskGenerator gen = gf.create(Binder.bind(gf.descriptor(), SpecParser.parseComponent(genSpec)), ctx);
        BuildContext withGen = ctx.withGenerator(gen);
        PaperRouterFactory rf = new PaperRouterFactory();
        // λ large enough that all three experts are used and stop=never so the gate keeps moving
        Router router = rf.create(Binder.bind(rf.descriptor(),
                SpecParser.parseComponent("paper(lambda=20, stop=never)")), withGen);
        Expert[] experts = new Expert[m];
        for (int e = 0; e < m; e++) {
            experts[e] = new MinNormExpert(gen.dimension(), ((moecl.task.LinearWorld) gen).samplesPerTask());
        }
        double[][] truths = ((moecl.task.LinearWorld) gen).groundTruths();
        Recorder rec = new Recorder(new LinearMetrics(truths, m));
        RunResult r = RunEngine.run(gen, experts, router, rec, rounds, RunEngine.Progress.NONE);

        int[] used = new int[m];
        double worst = 0;
        for (int t = 1; t <= rounds; t++) {
            double[][] now = rec.weights.get(t - 1);
            // paper: E = ‖w − w_n‖²
            double g = 0;
            double f = 0;
            for (int tau = 1; tau <= t; tau++) {
                int me = rec.chosen.get(tau - 1);
                double[] truth = truths[rec.types.get(tau - 1)];
                double eNow = sq(now[me], truth);
                g += eNow;
                if (tau < t) {
                    f += eNow - sq(rec.weights.get(tau - 1)[me], truth);
                }
            }
            double gExp = g / t;
            double fExp = t >= 2 ? f / (t - 1) : 0.0;
            // reference: plain norm, tc = t − 1
            int tc = t - 1;
            double fr = 0;
            for (int i = 0; i <= tc - 2; i++) {
                int me = rec.chosen.get(i);
                double[] truth = truths[rec.types.get(i)];
                fr += Math.abs(Math.sqrt(sq(now[me], truth)) - Math.sqrt(sq(rec.weights.get(i)[me], truth)));
            }
            double gr = 0;
            for (int i = 0; i <= tc - 1; i++) {
                gr += Math.sqrt(sq(now[rec.chosen.get(i)], truths[rec.types.get(i)]));
            }
            double frExp = tc == 0 ? 0.0 : fr / tc;
            double grExp = gr / (tc + 1);
            double[] exp = {fExp, gExp, frExp, grExp};
            String[] names = {"F", "G", "F_ref", "G_ref"};
            for (int c = 0; c < 4; c++) {
                double got = r.metric(names[c], t);
                worst = Math.max(worst, Math.abs(got - exp[c]));
                assertEquals(exp[c], got, 1e-12, genSpec + " t=" + t + " " + names[c]);
            }
            used[rec.chosen.get(t - 1)]++;
        }
        for (int e = 0; e < m; e++) {
            assertTrue(used[e] > 10, "expert " + e + " used " + used[e] + " times; the test needs all experts busy");
        }
        assertTrue(r.last("F") != 0 && r.last("F_ref") > 0, "non-trivial forgetting");
        System.out.printf("LinearMetrics vs brute force (%s): worst |difference| %.2g%n", genSpec, worst);
    }
}
