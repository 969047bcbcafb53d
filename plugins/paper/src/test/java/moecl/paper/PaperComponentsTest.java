package moecl.paper;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import moecl.expert.LearnReport;
import moecl.rng.FastRandom;
import moecl.rng.RandomSource;
import moecl.router.Decision;
import moecl.task.LinearTask;
import moecl.task.Task;

class PaperComponentsTest {

    /** A random source that replays fixed uniforms (for the gate noise) and counts what was drawn. */
    static final class Scripted implements RandomSource {
        private final double[] uniforms;
        private int next;

        Scripted(double... uniforms) {
            this.uniforms = uniforms;
        }

        @Override
        public double nextGaussian() {
            throw new UnsupportedOperationException();
        }

        @Override
        public double nextDouble() {
            return uniforms[next++ % uniforms.length];
        }

        @Override
        public int nextInt(int n) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long draws() {
            return next;
        }
    }

    static Task task(int round, int type, double... gate) {
        int d = gate.length;
        double[] x = gate.clone(); // one sample whose column is the gate input
        return LinearTask.of(round, type, d, 1, x, new double[1]);
    }

    @Test
    void routesToTheLargestNoisyOutputAndDrawsOneUniformPerExpertInOrder() {
        Scripted noise = new Scripted(0.1, 0.9, 0.5);
        PaperRouter r = new PaperRouter(3, 2, 0.5, 1.0, 0.5, true, GradientForm.FIG2, new StopRule.Never(), null,
                noise);
        Decision d = r.route(task(1, 0, 1, 0));
        assertEquals(1, d.expert()); // θ = 0, so the noise decides: r = [0.1, 0.9, 0.5]
        assertArrayEquals(new double[] {0.1, 0.9, 0.5}, d.noisy(), 0);
        assertArrayEquals(new double[] {0, 0, 0}, d.gate(), 0);
        assertEquals(3, noise.draws());
        double z = Math.exp(0.1) + Math.exp(0.9) + Math.exp(0.5);
        assertArrayEquals(new double[] {Math.exp(0.1) / z, Math.exp(0.9) / z, Math.exp(0.5) / z}, d.probs(), 1e-15);
    }

    @Test
    void cleanSoftmaxIgnoresTheNoise() {
        PaperRouter r = new PaperRouter(2, 1, 0.5, 1.0, 0.5, false, GradientForm.FIG2, new StopRule.Never(), null,
                new Scripted(0.2, 0.7));
        Decision d = r.route(task(1, 0, 1));
        assertArrayEquals(new double[] {0.5, 0.5}, d.probs(), 0);
    }

    @Test
    void fig2GradientStepMatchesTheReferenceForm() {
        // M = 2, x̄ = (2), Δ = 0.3, t = 1: a = αM/t = 1; π from noisy outputs (0.1, 0.9)
        PaperRouter r = new PaperRouter(2, 1, 0.5, 1.0, 0.5, true, GradientForm.FIG2, new StopRule.Never(), null,
                new Scripted(0.1, 0.9));
        Task t = task(1, 0, 2);
        Decision d = r.route(t);
        r.learn(t, d, new LearnReport(0.3, 0));
        double p1 = d.probs()[1];
        double p0 = d.probs()[0];
        double k = 0.3 + 1.0;
        // winner 1: θ -= η π1(1-π1)(Δ+a) x̄ ; other: θ -= η (-π1 π0)(Δ+a) x̄
        assertEquals(-0.5 * p1 * (1 - p1) * k * 2, r.gateWeights()[1][0], 1e-15);
        assertEquals(0.5 * p1 * p0 * k * 2, r.gateWeights()[0][0], 1e-15);
    }

    @Test
    void fig45GradientStepMatchesTheReferenceForm() {
        PaperRouter r = new PaperRouter(2, 1, 0.5, 1.0, 0.5, true, GradientForm.FIG45, new StopRule.Never(), null,
                new Scripted(0.1, 0.9));
        Task t = task(2, 0, 2);
        Decision d = r.route(t);
        r.learn(t, d, new LearnReport(0.3, 0));
        double p1 = d.probs()[1];
        double k = 0.3 + 0.5 * 2 / 2.0; // t = 2
        assertEquals(-0.5 * p1 * k * 2, r.gateWeights()[1][0], 1e-15);
        assertEquals(0.5 * p1 * k * 2, r.gateWeights()[0][0], 1e-15);
    }

    @Test
    void exactGradientMatchesFiniteDifferencesOfTheLoss() {
        // L(θ) = Σ_m π_m Δ_m + (αM/t) Σ_m f_m π_m with only the winner moved (Δ_w = Δ); π = softmax(θ·x̄ + r)
        double[] x = {0.7, -0.4};
        double[] noise = {0.05, 0.25, 0.15};
        int w = 1;
        double delta = 0.8;
        double a = 0.5 * 3 / 1.0;
        double[] f = {0, 1, 0};
        double[][] theta0 = {{0.1, 0.2}, {-0.3, 0.4}, {0.2, -0.1}};
        double[] pi = softmax(theta0, x, noise);
        double[] g = new double[3];
        GradientForm.EXACT.coefficients(w, pi, delta, a, f, g);
        double h = 1e-6;
        for (int m = 0; m < 3; m++) {
            for (int i = 0; i < 2; i++) {
                double[][] plus = copy(theta0);
                double[][] minus = copy(theta0);
                plus[m][i] += h;
                minus[m][i] -= h;
                double num = (loss(plus, x, noise, w, delta, a, f) - loss(minus, x, noise, w, delta, a, f)) / (2 * h);
                assertEquals(num, g[m] * x[i], 1e-8, "m=" + m + " i=" + i);
            }
        }
    }

    static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }

    static double[] softmax(double[][] theta, double[] x, double[] noise) {
        double[] z = new double[theta.length];
        double sum = 0;
        for (int m = 0; m < theta.length; m++) {
            z[m] = Math.exp(theta[m][0] * x[0] + theta[m][1] * x[1] + noise[m]);
            sum += z[m];
        }
        for (int m = 0; m < z.length; m++) {
            z[m] /= sum;
        }
        return z;
    }

    static double loss(double[][] theta, double[] x, double[] noise, int w, double delta, double a, double[] f) {
        double[] pi = softmax(theta, x, noise);
        double l = pi[w] * delta;
        for (int m = 0; m < pi.length; m++) {
            l += a * f[m] * pi[m];
        }
        return l;
    }

    @Test
    void thresholdRuleFlagsNonWinnersWithinGammaFromRoundMOverEtaAndStopsAfterMinRounds() {
        StopRule.Threshold rule = new StopRule.Threshold(3, 0.5, 0.2, 8, false, true);
        double[] clean = {0, 0, 0};
        // before tc = M/η = 6 nothing is flagged even when the gaps are tiny
        for (int tc = 0; tc < 6; tc++) {
            assertTrue(rule.update(tc, 0, clean, new double[] {1.0, 0.95, 0.99}));
            assertEquals(0, rule.flaggedCount());
        }
        assertTrue(rule.update(6, 0, clean, new double[] {1.0, 0.9, 0.5})); // gap 0.1 < Γ flags expert 1
        assertEquals(1, rule.flaggedCount());
        assertTrue(rule.update(7, 1, clean, new double[] {0.95, 1.0, 0.5})); // expert 0 flagged: 2 of 3
        assertEquals(2, rule.flaggedCount());
        assertTrue(rule.update(7, 1, clean, new double[] {0.95, 1.0, 0.9})); // all flagged but tc < minRounds
        assertEquals(3, rule.flaggedCount());
        assertFalse(rule.update(8, 0, clean, new double[] {5, 0, 0})); // tc >= minRounds: stops
        assertFalse(rule.update(9, 0, clean, new double[] {1, 1, 1})); // and stays stopped
    }

    @Test
    void withOneExpertTheThresholdRuleNeverStopsUnlessTheWinnerIsFlagged() {
        StopRule.Threshold plain = new StopRule.Threshold(1, 0.5, 10, 0, false, true);
        StopRule.Threshold flagWinner = new StopRule.Threshold(1, 0.5, 10, 0, true, true);
        for (int tc = 0; tc < 100; tc++) {
            assertTrue(plain.update(tc, 0, new double[1], new double[1]));
        }
        assertTrue(flagWinner.update(1, 0, new double[1], new double[1]));
        assertFalse(flagWinner.update(2, 0, new double[1], new double[1]));
    }

    @Test
    void afterRuleUpdatesForTheGivenRounds() {
        StopRule.After rule = new StopRule.After(3);
        assertTrue(rule.update(2, 0, null, null));
        assertFalse(rule.update(3, 0, null, null));
    }

    @Test
    void frozenRouterStopsMovingTheGate() {
        PaperRouter r = new PaperRouter(2, 1, 0.5, 0.0, 0.5, true, GradientForm.FIG2, new StopRule.After(1), null,
                new FastRandom(1));
        Task t1 = task(1, 0, 1);
        r.learn(t1, r.route(t1), new LearnReport(1, 0));
        double[] after1 = {r.gateWeights()[0][0], r.gateWeights()[1][0]};
        assertFalse(r.frozen());
        Task t2 = task(2, 0, 1);
        r.learn(t2, r.route(t2), new LearnReport(1, 0));
        assertTrue(r.frozen());
        assertArrayEquals(after1, new double[] {r.gateWeights()[0][0], r.gateWeights()[1][0]}, 0);
    }

    @Test
    void clustersTasksHaveTheReferenceStructure() {
        ClusterPool pool = ClusterPool.draw(new FastRandom(1), 10, 6, 7, 3, 0.4, 0.002, 6, ClusterPool.Draws.FIG2);
        // centres have norm σ0 and live in the first r coordinates; members sit within a small spread of their centre
        for (int n = 0; n < 7; n++) {
            double[] w = pool.truths()[n];
            for (int i = 6; i < 10; i++) {
                assertEquals(0, w[i]);
            }
            if (n < 3) {
                assertEquals(0.4, ClusterPool.norm(w, 10), 1e-12);
            } else {
                double gap = 0;
                for (int i = 0; i < 10; i++) {
                    gap += Math.pow(w[i] - pool.truths()[n - 3][i], 2);
                }
                assertTrue(Math.sqrt(gap) < 0.02, "member " + n + " is far from its centre");
            }
            assertEquals(6, ClusterPool.norm(pool.signals()[n], 10), 1e-12);
        }
        ClustersGenerator g = new ClustersGenerator(new ClustersGenerator.Shape(10, 6, 6, 0.1, 1e-3, 1e-5), pool,
                ClusterPool.sequence(new FastRandom(2), 50, 7), new FastRandom(3));
        for (int k = 0; k < 50; k++) {
            LinearTask t = (LinearTask) g.next();
            double[] v = pool.signals()[t.type()];
            int signalColumns = 0;
            for (int j = 0; j < 6; j++) {
                boolean isSignal = true;
                for (int i = 0; i < 6; i++) {
                    isSignal &= t.at(i, j) == v[i];
                }
                if (isSignal) {
                    signalColumns++;
                } else {
                    double norm = 0;
                    for (int i = 0; i < 6; i++) {
                        norm += t.at(i, j) * t.at(i, j);
                    }
                    assertEquals(0.1, Math.sqrt(norm), 1e-12); // a noise column's first r rows
                }
            }
            assertEquals(1, signalColumns);
            // rows j >= r are row j - r times one common factor per row
            for (int i = 6; i < 10; i++) {
                double ratio = t.at(i, 0) / t.at(i - 6, 0);
                for (int j = 1; j < 6; j++) {
                    assertEquals(ratio, t.at(i, j) / t.at(i - 6, j), 1e-9 * Math.abs(ratio) + 1e-300);
                }
            }
            for (int j = 0; j < 6; j++) { // labels follow the truth exactly
                double p = 0;
                for (int i = 0; i < 10; i++) {
                    p += t.at(i, j) * pool.truths()[t.type()][i];
                }
                assertEquals(p, t.y()[j], 1e-15);
            }
        }
    }

    @Test
    void restartReplaysTheSameWorldAndSequence() {
        ClusterPool pool = ClusterPool.draw(new FastRandom(1), 10, 6, 7, 3, 0.4, 0.002, 6, ClusterPool.Draws.FIG2);
        ClustersGenerator g = new ClustersGenerator(new ClustersGenerator.Shape(10, 6, 6, 0.1, 1e-3, 1e-5), pool,
                ClusterPool.sequence(new FastRandom(2), 20, 7), new FastRandom(3));
        var h = g.restart(new FastRandom(3));
        for (int k = 0; k < 20; k++) {
            LinearTask a = (LinearTask) g.next();
            LinearTask b = (LinearTask) h.next();
            assertEquals(a.type(), b.type());
            assertArrayEquals(a.x(), b.x(), 0);
        }
    }

    @Test
    void gaussianGeneratorHasUnitVarianceFeaturesAndTheGivenLabelNoise() {
        double[][] w = {{1, 0, 0, 0}, {0, 1, 0, 0}};
        int rounds = 20000;
        int[] seq = new int[rounds];
        GaussianGenerator g = new GaussianGenerator(4, 2, 0.5, w, seq, new FastRandom(5));
        double sx = 0;
        double sxx = 0;
        double sr = 0;
        double srr = 0;
        for (int k = 0; k < rounds; k++) {
            LinearTask t = (LinearTask) g.next();
            for (double v : t.x()) {
                sx += v;
                sxx += v * v;
            }
            for (int j = 0; j < 2; j++) {
                double resid = t.y()[j] - t.at(0, j);
                sr += resid;
                srr += resid * resid;
            }
        }
        int nx = rounds * 8;
        int nr = rounds * 2;
        // means within 5 standard errors, variances within 5 standard errors of the sample variance (sd ≈ √2/√n)
        assertEquals(0, sx / nx, 5 / Math.sqrt(nx));
        assertEquals(1, sxx / nx, 5 * Math.sqrt(2.0 / nx));
        assertEquals(0, sr / nr, 5 * 0.5 / Math.sqrt(nr));
        assertEquals(0.25, srr / nr, 5 * 0.25 * Math.sqrt(2.0 / nr));
    }

    @Test
    void definition1HasOneScaledSignalColumn() {
        ClusterPool pool = ClusterPool.draw(new FastRandom(1), 8, 8, 4, 2, 0.4, 0.002, 1, ClusterPool.Draws.FIG2);
        Definition1Generator g = new Definition1Generator(8, 3, 2.0, 0.1, pool,
                ClusterPool.sequence(new FastRandom(2), 30, 4), new FastRandom(3));
        for (int k = 0; k < 30; k++) {
            LinearTask t = (LinearTask) g.next();
            double[] v = pool.signals()[t.type()];
            int found = 0;
            for (int j = 0; j < 3; j++) {
                double beta = t.at(0, j) / v[0];
                boolean parallel = true;
                for (int i = 0; i < 8; i++) {
                    parallel &= Math.abs(t.at(i, j) - beta * v[i]) < 1e-12;
                }
                if (parallel && beta > 0 && beta <= 2.0) {
                    found++;
                }
            }
            assertEquals(1, found);
        }
    }
}
