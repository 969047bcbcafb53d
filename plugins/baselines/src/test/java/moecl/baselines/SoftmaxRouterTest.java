package moecl.baselines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import moecl.expert.LearnReport;
import moecl.rng.RandomSource;
import moecl.router.Decision;

class SoftmaxRouterTest {

    private static final int M = 4;
    private static final int D = 5;

    /** A router after a few rounds of real learning, so θ, the counts and Σπ are all non-trivial. */
    private static SoftmaxRouter warmed(String spec, long seed) {
        SoftmaxRouter r = (SoftmaxRouter) Fixtures.router(new SoftmaxRouterFactory(), spec, M, D, seed);
        RandomSource rng = Fixtures.random(seed + 100);
        for (int t = 1; t <= 6; t++) {
            var task = new Fixtures.StubTask(t, 0, Fixtures.gaussian(rng, D, 1));
            Decision d = r.route(task);
            r.learn(task, d, new LearnReport(0.3 + rng.nextDouble(), 0));
        }
        return r;
    }

    @ParameterizedTest
    @CsvSource({"'softmax', 1", "'softmax(k=2)', 2", "'softmax(k=3, temperature=0.7, alpha=1.3)', 3",
            "'softmax(k=4, temperature=2.5)', 4"})
    void gradientMatchesFiniteDifferences(String spec, long seed) {
        SoftmaxRouter r = warmed(spec, seed);
        RandomSource rng = Fixtures.random(seed);
        double[] x = Fixtures.gaussian(rng, D, 1);
        Decision d = r.route(new Fixtures.StubTask(7, 0, x));
        r.record(d);
        double delta = 0.8;
        double[][] grad = new double[M][D];
        r.loss(x, d.expert(), delta, grad, null);
        double[][] theta = r.gateWeights();
        double h = 1e-6;
        double norm = 0;
        for (int e = 0; e < M; e++) {
            for (int i = 0; i < D; i++) {
                double keep = theta[e][i];
                theta[e][i] = keep + h;
                double up = r.loss(x, d.expert(), delta, null, null);
                theta[e][i] = keep - h;
                double down = r.loss(x, d.expert(), delta, null, null);
                theta[e][i] = keep;
                double fd = (up - down) / (2 * h);
                assertEquals(fd, grad[e][i], 1e-7 * Math.max(1, Math.abs(fd)), "∂L/∂θ[" + e + "][" + i + "]");
                norm += grad[e][i] * grad[e][i];
            }
        }
        assertTrue(norm > 1e-6, "the check must not pass on a vanishing gradient");
    }

    @Test
    void learnTakesExactlyOneGradientStep() {
        String spec = "softmax(k=2, eta=0.3, alpha=0.7)";
        SoftmaxRouter a = warmed(spec, 5);
        SoftmaxRouter b = warmed(spec, 5);
        double[] x = Fixtures.gaussian(Fixtures.random(9), D, 1);
        var task = new Fixtures.StubTask(7, 0, x);
        Decision da = a.route(task);
        Decision db = b.route(task);
        a.learn(task, da, new LearnReport(0.6, 0));
        b.record(db);
        double[][] grad = new double[M][D];
        b.loss(x, db.expert(), 0.6, grad, null);
        for (int e = 0; e < M; e++) {
            for (int i = 0; i < D; i++) {
                assertEquals(b.gateWeights()[e][i] - 0.3 * grad[e][i], a.gateWeights()[e][i], 1e-15);
            }
        }
        assertFalse(a.frozen(), "the softmax gate never stops");
    }

    @Test
    void topKReturnsKDistinctExpertsLargestPiFirst() {
        for (int k = 1; k <= M; k++) {
            SoftmaxRouter r = warmed("softmax(k=" + k + ")", 3);
            Decision d = r.route(new Fixtures.StubTask(7, 0, Fixtures.gaussian(Fixtures.random(4), D, 1)));
            assertEquals(k - 1, d.others().length);
            Set<Integer> all = new HashSet<>();
            all.add(d.expert());
            double[] pi = d.probs();
            for (int o : d.others()) {
                all.add(o);
                assertTrue(pi[o] <= pi[d.expert()], "the primary expert has the largest π");
            }
            assertEquals(k, all.size(), "k distinct experts");
            for (int e = 0; e < M; e++) {
                if (!all.contains(e)) {
                    for (int c : all) {
                        assertTrue(pi[e] <= pi[c], "routed experts have the largest π");
                    }
                }
            }
            assertEquals(1, java.util.Arrays.stream(pi).sum(), 1e-12);
        }
    }

    @Test
    void theGateStartsAtZeroAndLearns() {
        SoftmaxRouter r = (SoftmaxRouter) Fixtures.router(new SoftmaxRouterFactory(), "softmax", M, D, 1);
        assertSame(r.gateWeights(), r.gateWeights());
        assertEquals(0, java.util.Arrays.stream(r.gateWeights()).flatMapToDouble(java.util.Arrays::stream)
                .map(Math::abs).sum());
        warmedInPlace(r);
        assertNotEquals(0, java.util.Arrays.stream(r.gateWeights()).flatMapToDouble(java.util.Arrays::stream)
                .map(Math::abs).sum());
    }

    private static void warmedInPlace(SoftmaxRouter r) {
        var task = new Fixtures.StubTask(1, 0, new double[] {1, 0, 0, 0, 0});
        r.learn(task, r.route(task), new LearnReport(1, 0));
    }

    @Test
    void badKIsRefusedWithAClearMessage() {
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
                () -> Fixtures.router(new SoftmaxRouterFactory(), "softmax(k=5)", M, D, 1));
        assertEquals("softmax: k must be between 1 and M=4 (the number of experts), got k=5", tooMany.getMessage());
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> new SoftmaxRouterFactory().create(new moecl.plugin.Params(java.util.Map.of("k", 0L, "eta", 0.5,
                        "alpha", 0.5, "temperature", 1.0)), Fixtures.context(M, D, 1)));
        assertEquals("softmax: k must be between 1 and M=4 (the number of experts), got k=0", zero.getMessage());
    }
}
