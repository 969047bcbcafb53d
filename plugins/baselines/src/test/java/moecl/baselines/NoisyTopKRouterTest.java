package moecl.baselines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import moecl.expert.LearnReport;
import moecl.rng.RandomSource;
import moecl.router.Decision;

class NoisyTopKRouterTest {

    private static final int M = 5;
    private static final int D = 4;

    /** A router with random weights and accumulated Importance/Load, so every term of the loss is active. */
    private static NoisyTopKRouter scrambled(String spec, long seed) {
        NoisyTopKRouter r = (NoisyTopKRouter) Fixtures.router(new NoisyTopKRouterFactory(), spec, M, D, seed);
        RandomSource rng = Fixtures.random(seed + 1000);
        for (int e = 0; e < M; e++) {
            for (int i = 0; i < D; i++) {
                r.gateWeights()[e][i] = 0.5 * rng.nextGaussian();
                r.noiseWeights()[e][i] = 0.5 * rng.nextGaussian();
            }
            r.importance()[e] = 1 + 2 * rng.nextDouble();
            r.load()[e] = 1 + 2 * rng.nextDouble();
        }
        return r;
    }

    @ParameterizedTest
    @CsvSource({"'noisytopk', 1", "'noisytopk(k=2)', 2", "'noisytopk(k=3, wImportance=0.7, wLoad=1.5)', 3",
            "'noisytopk(k=5)', 4", "'noisytopk(k=2, wImportance=0, wLoad=2)', 5", "'noisytopk(k=4)', 6"})
    void gradientMatchesFiniteDifferences(String spec, long seed) {
        NoisyTopKRouter r = scrambled(spec, seed);
        RandomSource rng = Fixtures.random(seed);
        double[] x = Fixtures.gaussian(rng, D, 1);
        double[] eps = Fixtures.gaussian(rng, M, 1);
        Decision d = r.route(new Fixtures.StubTask(1, 0, x)); // only to pick a realistic primary expert
        int chosen = d.expert();
        double delta = 0.9;
        double[][] gWg = new double[M][D];
        double[][] gWn = new double[M][D];
        r.loss(x, eps, chosen, delta, gWg, gWn, null, null);
        double normG = check(r, r.gateWeights(), gWg, x, eps, chosen, delta, "W_g");
        double normN = check(r, r.noiseWeights(), gWn, x, eps, chosen, delta, "W_noise");
        assertTrue(normG > 1e-8 && normN > 1e-8, "the check must not pass on a vanishing gradient: " + normG
                + ", " + normN);
    }

    private static double check(NoisyTopKRouter r, double[][] w, double[][] grad, double[] x, double[] eps,
                                int chosen, double delta, String name) {
        double h = 1e-6;
        double norm = 0;
        for (int e = 0; e < M; e++) {
            for (int i = 0; i < D; i++) {
                double keep = w[e][i];
                w[e][i] = keep + h;
                double up = r.loss(x, eps, chosen, delta, null, null, null, null);
                w[e][i] = keep - h;
                double down = r.loss(x, eps, chosen, delta, null, null, null, null);
                w[e][i] = keep;
                double fd = (up - down) / (2 * h);
                assertEquals(fd, grad[e][i], 1e-7 * Math.max(1, Math.abs(fd)), "∂L/∂" + name + "[" + e + "][" + i
                        + "]");
                norm += grad[e][i] * grad[e][i];
            }
        }
        return norm;
    }

    @Test
    void topKReturnsKDistinctExpertsAndGatesOverTheKeptOnes() {
        for (int k = 1; k <= M; k++) {
            NoisyTopKRouter r = scrambled("noisytopk(k=" + k + ")", 10 + k);
            Decision d = r.route(new Fixtures.StubTask(1, 0, Fixtures.gaussian(Fixtures.random(k), D, 1)));
            assertEquals(k - 1, d.others().length);
            Set<Integer> kept = new HashSet<>();
            kept.add(d.expert());
            for (int o : d.others()) {
                kept.add(o);
            }
            assertEquals(k, kept.size(), "k distinct experts");
            double[] h = d.noisy();
            double[] g = d.probs();
            double sum = 0;
            for (int e = 0; e < M; e++) {
                assertTrue(h[e] <= h[d.expert()], "the primary expert has the largest H");
                if (kept.contains(e)) {
                    assertTrue(g[e] > 0);
                    for (int o = 0; o < M; o++) {
                        if (!kept.contains(o)) {
                            assertTrue(h[o] <= h[e], "kept experts have the largest H");
                        }
                    }
                } else {
                    assertEquals(0, g[e], "gates outside the top k are 0");
                }
                sum += g[e];
            }
            assertEquals(1, sum, 1e-12);
        }
    }

    @Test
    void startsAtZeroWithNoiseScaleLn2AndDrawsNoiseFromTheRouterStream() {
        NoisyTopKRouter a = (NoisyTopKRouter) Fixtures.router(new NoisyTopKRouterFactory(), "noisytopk", M, D, 3);
        NoisyTopKRouter b = (NoisyTopKRouter) Fixtures.router(new NoisyTopKRouterFactory(), "noisytopk", M, D, 3);
        double[] x = {1, -1, 2, 0.5};
        Decision da = a.route(new Fixtures.StubTask(1, 0, x));
        Decision db = b.route(new Fixtures.StubTask(1, 0, x));
        assertArrayEquals(da.noisy(), db.noisy(), "same seed, same noise");
        RandomSource stream = moecl.rng.Seeds.stream(moecl.rng.RngKind.FAST, 3, "router");
        for (int e = 0; e < M; e++) {
            assertEquals(0, da.gate()[e]);
            assertEquals(stream.nextGaussian() * Math.log(2), da.noisy()[e], 1e-15);
        }
    }

    @Test
    void noiseInitDrawsTheInitialNoiseWeights() {
        NoisyTopKRouter r = (NoisyTopKRouter) Fixtures.router(new NoisyTopKRouterFactory(),
                "noisytopk(noiseInit=0.25)", M, D, 3);
        double sq = Arrays.stream(r.noiseWeights()).flatMapToDouble(Arrays::stream).map(v -> v * v).sum();
        assertTrue(sq > 0);
        assertEquals(0, Arrays.stream(r.gateWeights()).flatMapToDouble(Arrays::stream).map(Math::abs).sum());
    }

    @Test
    void learnTakesExactlyOneSgdStepAndAccumulates() {
        String spec = "noisytopk(k=2, eta=0.2, wImportance=0.5, wLoad=0.5)";
        NoisyTopKRouter a = scrambled(spec, 21);
        NoisyTopKRouter b = scrambled(spec, 21);
        double[] x = Fixtures.gaussian(Fixtures.random(5), D, 1);
        var task = new Fixtures.StubTask(1, 0, x);
        Decision d = a.route(task);
        double[] eps = new double[M];
        for (int e = 0; e < M; e++) {
            double s = GateMath.softplus(GateMath.dot(a.noiseWeights()[e], x));
            eps[e] = (d.noisy()[e] - d.gate()[e]) / s;
        }
        double[][] gWg = new double[M][D];
        double[][] gWn = new double[M][D];
        double[] gates = new double[M];
        double[] prob = new double[M];
        b.loss(x, eps, d.expert(), 0.4, gWg, gWn, gates, prob);
        double[] imp0 = a.importance().clone();
        double[] load0 = a.load().clone();
        a.learn(task, d, new LearnReport(0.4, 0));
        for (int e = 0; e < M; e++) {
            for (int i = 0; i < D; i++) {
                assertEquals(b.gateWeights()[e][i] - 0.2 * gWg[e][i], a.gateWeights()[e][i], 1e-12);
                assertEquals(b.noiseWeights()[e][i] - 0.2 * gWn[e][i], a.noiseWeights()[e][i], 1e-12);
            }
            assertEquals(imp0[e] + gates[e], a.importance()[e], 1e-12);
            assertEquals(load0[e] + prob[e], a.load()[e], 1e-12);
            assertTrue(prob[e] >= 0 && prob[e] <= 1);
        }
    }

    @Test
    void badKIsRefusedWithAClearMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Fixtures.router(new NoisyTopKRouterFactory(), "noisytopk(k=6)", M, D, 1));
        assertEquals("noisytopk: k must be between 1 and M=5 (the number of experts), got k=6", e.getMessage());
    }

    @Test
    void normalCdfIsAccurate() {
        // reference values of Φ to 16 digits
        assertEquals(0.5, GateMath.normalCdf(0), 1e-16);
        assertEquals(0.8413447460685429, GateMath.normalCdf(1), 1e-15);
        assertEquals(0.15865525393145707, GateMath.normalCdf(-1), 1e-15);
        assertEquals(0.9772498680518208, GateMath.normalCdf(2), 1e-15);
        assertEquals(0.0013498980316301, GateMath.normalCdf(-3), 1e-15);
        assertEquals(9.865876450377e-10, GateMath.normalCdf(-6), 1e-15);
        assertEquals(1, GateMath.normalCdf(12));
        assertEquals(0, GateMath.normalCdf(-12));
    }

    @Test
    void squaredCoefficientOfVariation() {
        double[] grad = new double[3];
        // mean 2, population variance 2/3 -> CV² = (2/3)/4
        assertEquals((2.0 / 3) / (4 + GateMath.CV_EPS), GateMath.cv2(new double[] {1, 2, 3}, grad), 1e-15);
        assertEquals(0, GateMath.cv2(new double[] {2, 2, 2}, grad), 0);
        assertEquals(0, GateMath.cv2(new double[] {5}, new double[1]), 0);
    }
}
