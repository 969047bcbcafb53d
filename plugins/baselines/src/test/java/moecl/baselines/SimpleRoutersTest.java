package moecl.baselines;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import moecl.expert.LearnReport;
import moecl.router.Decision;
import moecl.router.Router;

class SimpleRoutersTest {

    private static final double[] X = {1, 2, 3};

    @Test
    void roundRobinVisitsExpertsInOrder() {
        Router r = Fixtures.router(new RoundRobinRouterFactory(), "roundrobin", 3, X.length, 1);
        int[] got = new int[8];
        for (int t = 1; t <= 8; t++) {
            Decision d = r.route(new Fixtures.StubTask(t, 0, X));
            got[t - 1] = d.expert();
            assertEquals(0, d.others().length);
            r.learn(null, d, new LearnReport(1, 0));
        }
        assertArrayEquals(new int[] {0, 1, 2, 0, 1, 2, 0, 1}, got);
        assertFalse(r.frozen());
        assertNull(r.gateWeights());
    }

    @Test
    void randomIsUniformWithinBinomialBounds() {
        int m = 4;
        int rounds = 40_000;
        Router r = Fixtures.router(new RandomRouterFactory(), "random", m, X.length, 7);
        long[] count = new long[m];
        for (int t = 1; t <= rounds; t++) {
            count[r.route(new Fixtures.StubTask(t, 0, X)).expert()]++;
        }
        // each count ~ Binomial(T, 1/M): mean 10000, sd sqrt(T p (1-p)) = 86.6; 6 sd puts the two-sided chance of a
        // false failure below 1e-8 per expert
        double mean = rounds / (double) m;
        double sd = Math.sqrt(rounds * (1.0 / m) * (1 - 1.0 / m));
        for (int e = 0; e < m; e++) {
            assertTrue(Math.abs(count[e] - mean) <= 6 * sd, "expert " + e + " took " + count[e] + " tasks");
        }
    }

    @Test
    void randomDrawsFromTheRouterStreamOnly() {
        int[] a = draws(11);
        int[] b = draws(11);
        int[] c = draws(12);
        assertArrayEquals(a, b, "same seed, same routing");
        assertFalse(java.util.Arrays.equals(a, c), "another seed, other routing");
    }

    private static int[] draws(long seed) {
        Router r = Fixtures.router(new RandomRouterFactory(), "random", 5, X.length, seed);
        int[] out = new int[50];
        for (int t = 1; t <= 50; t++) {
            out[t - 1] = r.route(new Fixtures.StubTask(t, 3, X)).expert();
        }
        return out;
    }

    @Test
    void oracleSendsEachTypeToItsOwnExpert() {
        Router r = Fixtures.router(new OracleRouterFactory(), "oracle", 7, X.length, 1);
        for (int n = 0; n < 7; n++) {
            for (int t = 1; t <= 3; t++) {
                assertEquals(n, r.route(new Fixtures.StubTask(t + 10 * n, n, X)).expert());
            }
        }
    }

    @Test
    void oracleWithFewerExpertsThanTypesFoldsTypesModM() {
        Router r = Fixtures.router(new OracleRouterFactory(), "oracle", 3, X.length, 1);
        int[] got = new int[7];
        for (int n = 0; n < 7; n++) {
            got[n] = r.route(new Fixtures.StubTask(1, n, X)).expert();
        }
        assertArrayEquals(new int[] {0, 1, 2, 0, 1, 2, 0}, got);
    }
}
