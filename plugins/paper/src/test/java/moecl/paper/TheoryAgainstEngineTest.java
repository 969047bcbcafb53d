package moecl.paper;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import moecl.engine.RunEngine;
import moecl.engine.RunResult;
import moecl.expert.Expert;
import moecl.expert.LearnReport;
import moecl.metrics.LinearMetrics;
import moecl.rng.FastRandom;
import moecl.router.Decision;
import moecl.router.Router;
import moecl.task.Task;
import moecl.theory.Projection;
import moecl.theory.RoutedMoETheory;
import moecl.theory.TheoryCurve;
import moecl.theory.TruthGeometry;
import moecl.theory.UniformArrivalTheory;

/**
 * Monte Carlo with the real {@code gaussian} generator, {@code minnorm} experts, the engine and its metrics against
 * the closed-form expectations. Each check allows 3 standard errors of the Monte Carlo mean at a handful of rounds;
 * the seeds are fixed, so the test is deterministic, and a deliberately wrong r (r + 0.1) is shown to be rejected
 * by the same criterion, so the check has power.
 */
class TheoryAgainstEngineTest {

    /** Routes by a fixed table: the routing does not depend on the data, so the conditional theory is exact. */
    record TableRouter(int[] experts) implements Router {
        @Override
        public Decision route(Task task) {
            return Decision.of(experts[task.round() - 1]);
        }

        @Override
        public void learn(Task task, Decision decision, LearnReport report) {
        }
    }

    static double[][] truths(int n, int d, long seed) {
        FastRandom r = new FastRandom(seed);
        double[][] w = new double[n][d];
        for (double[] row : w) {
            r.fillGaussian(row, 0, d);
            for (int i = 0; i < d; i++) {
                row[i] /= Math.sqrt(d);
            }
        }
        return w;
    }

    /** Mean and standard error of F and G per round over replicates. */
    record Stats(double[] fMean, double[] fSe, double[] gMean, double[] gSe) {
    }

    interface Replicate {
        RunResult run(long seed);
    }

    static Stats simulate(int reps, int rounds, Replicate rep) {
        double[] fs = new double[rounds];
        double[] fss = new double[rounds];
        double[] gs = new double[rounds];
        double[] gss = new double[rounds];
        for (int k = 0; k < reps; k++) {
            RunResult r = rep.run(1000 + k);
            for (int t = 1; t <= rounds; t++) {
                double f = r.metric("F", t);
                double g = r.metric("G", t);
                fs[t - 1] += f;
                fss[t - 1] += f * f;
                gs[t - 1] += g;
                gss[t - 1] += g * g;
            }
        }
        double[] fm = new double[rounds];
        double[] fse = new double[rounds];
        double[] gm = new double[rounds];
        double[] gse = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            fm[i] = fs[i] / reps;
            gm[i] = gs[i] / reps;
            fse[i] = Math.sqrt(Math.max(0, fss[i] / reps - fm[i] * fm[i]) / (reps - 1));
            gse[i] = Math.sqrt(Math.max(0, gss[i] / reps - gm[i] * gm[i]) / (reps - 1));
        }
        return new Stats(fm, fse, gm, gse);
    }

    /** The largest |z| over the checked rounds, for F and G together. */
    static double worstZ(Stats s, TheoryCurve c, int[] rounds) {
        double worst = 0;
        for (int t : rounds) {
            if (t >= 2) {
                worst = Math.max(worst, Math.abs(s.fMean()[t - 1] - c.forgettingAt(t)) / s.fSe()[t - 1]);
            }
            worst = Math.max(worst, Math.abs(s.gMean()[t - 1] - c.generalizationAt(t)) / s.gSe()[t - 1]);
        }
        return worst;
    }

    static RunResult runFixed(int d, int s, double sigma, double[][] w, int[] types, int[] experts, int m, long seed) {
        GaussianGenerator g = new GaussianGenerator(d, s, sigma, w, types, new FastRandom(seed));
        Expert[] ex = new Expert[m];
        for (int e = 0; e < m; e++) {
            ex[e] = new MinNormExpert(d, s);
        }
        return RunEngine.run(g, ex, new TableRouter(experts), new LinearMetrics(w, m), types.length,
                RunEngine.Progress.NONE);
    }

    @Test
    void singleExpertUniformArrivalsMatchesTheSAndDFormulas() {
        int[][] settings = {{20, 5, 3}, {12, 6, 4}, {16, 4, 2}};
        double[] sigmas = {0.0, 0.3, 0.5};
        int rounds = 16;
        int[] check = {1, 2, 4, 8, 16};
        for (int k = 0; k < settings.length; k++) {
            int d = settings[k][0];
            int s = settings[k][1];
            int n = settings[k][2];
            double sigma = sigmas[k];
            double[][] w = truths(n, d, 7 + k);
            Stats st = simulate(3000, rounds, seed -> {
                int[] types = new int[rounds];
                FastRandom arr = new FastRandom(seed * 31 + 5);
                for (int t = 0; t < rounds; t++) {
                    types[t] = arr.nextInt(n);
                }
                return runFixed(d, s, sigma, w, types, new int[rounds], 1, seed);
            });
            TheoryCurve exact = new UniformArrivalTheory(Projection.isotropic(d, s), sigma, TruthGeometry.of(w))
                    .curve(rounds);
            double z = worstZ(st, exact, check);
            assertTrue(z <= 3, "setting " + k + ": worst |z| = " + z);
            double r = 1 - (double) s / d;
            TheoryCurve wrong = new UniformArrivalTheory(Projection.rEffective(r + 0.1, (double) s / (d - s - 1)),
                    sigma, TruthGeometry.of(w)).curve(rounds);
            assertTrue(worstZ(st, wrong, check) > 3, "setting " + k + ": r + 0.1 not rejected");
        }
    }

    @Test
    void moeWithAFixedRoutingMatchesTheConditionalExpectation() {
        // M = 3 with a non-trivial routing (types shared between experts, uneven loads), with and without noise
        int[][] settings = {{20, 6, 3, 3}, {12, 4, 4, 3}, {14, 5, 2, 4}};
        double[] sigmas = {0.5, 0.0, 0.3};
        int rounds = 18;
        int[] check = {2, 5, 9, 13, 18};
        for (int k = 0; k < settings.length; k++) {
            int d = settings[k][0];
            int s = settings[k][1];
            int n = settings[k][2];
            int m = settings[k][3];
            double sigma = sigmas[k];
            double[][] w = truths(n, d, 70 + k);
            FastRandom fix = new FastRandom(99 + k);
            int[] types = new int[rounds];
            int[] experts = new int[rounds];
            for (int t = 0; t < rounds; t++) {
                types[t] = fix.nextInt(n);
                experts[t] = (types[t] + (fix.nextInt(3) == 0 ? 1 : 0)) % m;
            }
            Stats st = simulate(3000, rounds, seed -> runFixed(d, s, sigma, w, types, experts, m, seed));
            TheoryCurve exact = RoutedMoETheory.curve(Projection.isotropic(d, s), sigma, types, experts, m,
                    TruthGeometry.of(w));
            double z = worstZ(st, exact, check);
            assertTrue(z <= 3, "setting " + k + ": worst |z| = " + z);
            double r = 1 - (double) s / d;
            TheoryCurve wrong = RoutedMoETheory.curve(Projection.rEffective(r + 0.1, (double) s / (d - s - 1)),
                    sigma, types, experts, m, TruthGeometry.of(w));
            assertTrue(worstZ(st, wrong, check) > 3, "setting " + k + ": r + 0.1 not rejected");
        }
    }
}
