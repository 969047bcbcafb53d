package moecl.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Exact checks: the O(T·N) recurrences against the paper's literal sums, and the algebraic reductions. */
class TheoryAlgebraTest {

    static void assertCurve(double[][] expectedFG, TheoryCurve actual, double scale, double tol, String what) {
        for (int t = 1; t <= actual.length(); t++) {
            double ef = expectedFG[0][t - 1], eg = expectedFG[1][t - 1];
            double af = actual.forgettingAt(t), ag = actual.generalizationAt(t);
            assertTrue(Math.abs(ef - af) <= tol * Math.max(scale, Math.abs(ef)),
                    what + ": F at t=" + t + " expected " + ef + " got " + af);
            assertTrue(Math.abs(eg - ag) <= tol * Math.max(scale, Math.abs(eg)),
                    what + ": G at t=" + t + " expected " + eg + " got " + ag);
        }
    }

    static void assertSameCurve(TheoryCurve expected, TheoryCurve actual, double tol, String what) {
        assertEquals(expected.length(), actual.length());
        double scale = 0;
        for (int t = 1; t <= expected.length(); t++) {
            scale = Math.max(scale, Math.abs(expected.generalizationAt(t)));
        }
        assertCurve(new double[][] {expected.forgetting(), expected.generalization()}, actual, scale, tol, what);
    }

    static int[] randomInts(SplittableRandom rng, int length, int bound) {
        int[] a = new int[length];
        for (int i = 0; i < length; i++) {
            a[i] = rng.nextInt(bound);
        }
        return a;
    }

    static double[][] perRound(int[] types, double[][] truths) {
        double[][] w = new double[types.length][];
        for (int t = 0; t < types.length; t++) {
            w[t] = truths[types[t]];
        }
        return w;
    }

    static double q(int d, int s, double sigma) {
        return sigma * sigma * s / (d - s - 1);
    }

    @Test
    void fixedOrderRecurrencesMatchLinEtAlFormula() {
        SplittableRandom rng = new SplittableRandom(1);
        int[][] settings = {{10, 3, 3, 12}, {20, 8, 4, 25}, {15, 5, 2, 30}, {7, 1, 5, 40}, {30, 12, 6, 20}};
        double[] sigmas = {0, 0.5, 1.0, 0.3, 0.0};
        for (int k = 0; k < settings.length; k++) {
            int d = settings[k][0], s = settings[k][1], n = settings[k][2], rounds = settings[k][3];
            double sigma = sigmas[k];
            double[][] truths = MonteCarloTheoryTest.randomTruths(n, d, 2.0, 50 + k);
            int[] types = randomInts(rng, rounds, n);
            double r = 1 - (double) s / d;
            double[][] naive = NaiveTheory.fixedOrder(r, q(d, s, sigma), perRound(types, truths));
            String what = "fixed order d=" + d + " s=" + s + " sigma=" + sigma;
            assertCurve(naive, FixedOrderTheory.curve(d, s, sigma, types, truths), 1.0, 1e-12, what);
            assertCurve(naive, FixedOrderTheory.curveOfSequence(d, s, sigma, perRound(types, truths)), 1.0, 1e-12,
                    what + " (sequence path)");
            // distinct truths every round
            double[][] distinct = MonteCarloTheoryTest.randomTruths(rounds, d, 2.0, 90 + k);
            assertCurve(NaiveTheory.fixedOrder(r, q(d, s, sigma), distinct),
                    FixedOrderTheory.curveOfSequence(d, s, sigma, distinct), 1.0, 1e-12, what + " (distinct)");
        }
    }

    @Test
    void routedRecurrencesMatchLiteralFormula() {
        SplittableRandom rng = new SplittableRandom(2);
        int[][] settings = {{12, 4, 4, 3, 20}, {20, 6, 3, 3, 30}, {10, 3, 5, 2, 25}, {14, 5, 2, 4, 18},
                {9, 2, 6, 1, 15}};
        double[] sigmas = {0, 0.5, 0.2, 0.3, 0.7};
        for (int k = 0; k < settings.length; k++) {
            int d = settings[k][0], s = settings[k][1], n = settings[k][2], m = settings[k][3], rounds = settings[k][4];
            double[][] truths = MonteCarloTheoryTest.randomTruths(n, d, 2.0, 60 + k);
            int[] types = randomInts(rng, rounds, n);
            int[] experts = randomInts(rng, rounds, m);
            double r = 1 - (double) s / d;
            assertCurve(NaiveTheory.routed(r, q(d, s, sigmas[k]), types, experts, truths),
                    RoutedMoETheory.curve(d, s, sigmas[k], types, experts, m, truths), 1.0, 1e-12,
                    "routed d=" + d + " M=" + m);
        }
    }

    @Test
    void routedWithOneExpertIsTheFixedOrderResult() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int k = 0; k < 4; k++) {
            int d = 10 + 10 * k, s = 1 + 3 * k, n = 2 + 2 * k, rounds = 500 + 500 * k;
            double sigma = 0.25 * k;
            double[][] truths = MonteCarloTheoryTest.randomTruths(n, d, 1.0 + k, 70 + k);
            int[] types = randomInts(rng, rounds, n);
            TheoryCurve fixed = FixedOrderTheory.curve(d, s, sigma, types, truths);
            TheoryCurve routed = RoutedMoETheory.curve(d, s, sigma, types, new int[rounds], 1, truths);
            assertSameCurve(fixed, routed, 1e-12, "M = 1 vs fixed order, k=" + k);
            // M = 3 with every task routed to expert 2: the idle experts do not enter the metrics
            int[] allToTwo = MonteCarloTheoryTest.constant(rounds, 2);
            assertSameCurve(fixed, RoutedMoETheory.curve(d, s, sigma, types, allToTwo, 3, truths), 1e-12,
                    "M = 3, all to one expert, k=" + k);
            // the O(T·d) sequence path
            assertSameCurve(fixed, FixedOrderTheory.curveOfSequence(d, s, sigma, perRound(types, truths)), 1e-11,
                    "sequence path, k=" + k);
        }
    }

    @Test
    void zeroSigmaRemovesExactlyTheNoiseTerm() {
        int d = 16, s = 5, n = 4, rounds = 60;
        double sigma = 0.8;
        double r = 1 - (double) s / d;
        double q = q(d, s, sigma);
        double c = d * sigma * sigma / (d - s - 1);
        assertEquals(c, q / (1 - r), 1e-15 * c);
        SplittableRandom rng = new SplittableRandom(4);
        double[][] truths = MonteCarloTheoryTest.randomTruths(n, d, 1.0, 80);
        int[] types = randomInts(rng, rounds, n);
        // fixed order: noise adds c(1 − r^t) to G and c(A_t/(t−1) − r^t) to F
        TheoryCurve noisy = FixedOrderTheory.curve(d, s, sigma, types, truths);
        TheoryCurve clean = FixedOrderTheory.curve(d, s, 0, types, truths);
        double sum = 0;
        for (int t = 1; t <= rounds; t++) {
            double rt = Math.pow(r, t);
            assertEquals(c * (1 - rt), noisy.generalizationAt(t) - clean.generalizationAt(t), 1e-12);
            if (t > 1) {
                assertEquals(c * (sum / (t - 1) - rt), noisy.forgettingAt(t) - clean.forgettingAt(t), 1e-12);
            }
            sum += rt;
        }
        // routed: noise is c(1 − r^{L}) per expert
        int m = 3;
        int[] experts = randomInts(rng, rounds, m);
        TheoryCurve rn = RoutedMoETheory.curve(d, s, sigma, types, experts, m, truths);
        TheoryCurve rc = RoutedMoETheory.curve(d, s, 0, types, experts, m, truths);
        int[][] updatesAt = new int[rounds + 1][m];
        for (int t = 1; t <= rounds; t++) {
            updatesAt[t] = updatesAt[t - 1].clone();
            updatesAt[t][experts[t - 1]]++;
        }
        for (int t = 1; t <= rounds; t++) {
            double g = 0, f = 0;
            for (int tau = 1; tau <= t; tau++) {
                int e = experts[tau - 1];
                double now = c * (1 - Math.pow(r, updatesAt[t][e]));
                g += now;
                if (tau < t) {
                    f += now - c * (1 - Math.pow(r, updatesAt[tau][e]));
                }
            }
            assertEquals(g / t, rn.generalizationAt(t) - rc.generalizationAt(t), 1e-12);
            assertEquals(t == 1 ? 0 : f / (t - 1), rn.forgettingAt(t) - rc.forgettingAt(t), 1e-12);
        }
        // uniform: the same c-terms on top of the paper's sigma-free expressions
        UniformArrivalTheory un = UniformArrivalTheory.of(d, s, sigma, truths);
        UniformArrivalTheory uc = UniformArrivalTheory.of(d, s, 0, truths);
        for (int t = 1; t <= rounds; t++) {
            double rt = Math.pow(r, t);
            assertEquals(c * (1 - rt), un.generalization(t) - uc.generalization(t), 1e-12);
            double mean = t == 1 ? 0 : r * (1 - Math.pow(r, t - 1)) / (1 - r) / (t - 1);
            assertEquals(t == 1 ? 0 : c * (mean - rt), un.forgetting(t) - uc.forgetting(t), 1e-12);
        }
        // with sigma = 0 the boundary d = s + 1 is allowed
        FixedOrderTheory.curve(6, 5, 0, types, MonteCarloTheoryTest.randomTruths(n, 6, 1.0, 81));
    }

    @Test
    void uniformArrivalIsTheAverageOfFixedOrdersOverAllSequences() {
        int d = 12, s = 5, n = 3, rounds = 7;
        double sigma = 0.6;
        double[][] truths = MonteCarloTheoryTest.randomTruths(n, d, 1.5, 82);
        TruthGeometry geo = TruthGeometry.of(truths);
        Projection p = Projection.isotropic(d, s);
        int sequences = (int) Math.pow(n, rounds);
        double[] f = new double[rounds], g = new double[rounds];
        int[] types = new int[rounds];
        for (int code = 0; code < sequences; code++) {
            for (int t = 0, x = code; t < rounds; t++, x /= n) {
                types[t] = x % n;
            }
            TheoryCurve c = FixedOrderTheory.curve(p, sigma, types, geo);
            for (int t = 0; t < rounds; t++) {
                f[t] += c.forgettingAt(t + 1) / sequences;
                g[t] += c.generalizationAt(t + 1) / sequences;
            }
        }
        UniformArrivalTheory uniform = new UniformArrivalTheory(p, sigma, geo);
        assertCurve(new double[][] {f, g}, uniform.curve(rounds), 1.0, 1e-12, "uniform vs enumeration");
    }

    @Test
    void uniformClosedFormsCurveAndLiteralSumAgree() {
        double[][] truths = MonteCarloTheoryTest.randomTruths(5, 20, 1.5, 83);
        TruthGeometry geo = TruthGeometry.of(truths);
        Projection[] projections = {Projection.isotropic(20, 5), Projection.isotropic(20, 1),
                Projection.isotropic(20, 17), Projection.rEffective(0.0, 0.1), Projection.rEffective(0.93, 0.2)};
        for (Projection p : projections) {
            for (double sigma : new double[] {0, 0.4}) {
                UniformArrivalTheory u = new UniformArrivalTheory(p, sigma, geo);
                TheoryCurve curve = u.curve(300);
                double q = p.noisePerUpdate(sigma);
                for (int t = 1; t <= 300; t++) {
                    double[] naive = NaiveTheory.uniform(p.r(), q, geo.meanSqNorm(), geo.modelGap(), t);
                    assertEquals(naive[0], u.forgetting(t), 1e-12, p + " F(" + t + ")");
                    assertEquals(naive[1], u.generalization(t), 1e-12, p + " G(" + t + ")");
                    assertEquals(naive[0], curve.forgettingAt(t), 1e-12, p + " curve F(" + t + ")");
                    assertEquals(naive[1], curve.generalizationAt(t), 1e-12, p + " curve G(" + t + ")");
                }
            }
        }
    }

    @Test
    void uniformLimits() {
        double[][] truths = MonteCarloTheoryTest.randomTruths(4, 10, 1.0, 84);
        UniformArrivalTheory u = UniformArrivalTheory.of(10, 4, 0.5, truths);
        double dGap = u.modelGap();
        assertEquals(dGap + 10 * 0.25 / 5, u.generalizationLimit(), 1e-15);
        assertEquals(0.4 * dGap, u.forgettingLimit(), 1e-15);
        assertEquals(u.generalizationLimit(), u.generalization(1_000_000_000_000L), 1e-9);
        assertEquals(u.forgettingLimit(), u.forgetting(1_000_000_000_000L), 1e-9);
        TheoryCurve curve = u.curve(1_000_000);
        // G_t − lim = −D/t + O(r^t); F_t − lim = O(1/t)
        assertEquals(u.generalizationLimit() - dGap / 1e6, curve.generalizationAt(1_000_000), 1e-12);
        assertEquals(u.forgettingLimit(), curve.forgettingAt(1_000_000), 10.0 / 1e6);
        assertEquals(u.forgetting(1_000_000), curve.forgettingAt(1_000_000), 1e-12);
        // the paper's remark: with an effective r = 0 (one update fits a task), G_t = (1 − 1/t) D and F_t = D
        UniformArrivalTheory fits = new UniformArrivalTheory(Projection.rEffective(0), 0, TruthGeometry.of(truths));
        for (int t = 1; t <= 50; t++) {
            assertEquals((1 - 1.0 / t) * dGap, fits.generalization(t), 1e-15);
            assertEquals(t == 1 ? 0 : dGap, fits.forgetting(t), 1e-15);
        }
        assertEquals(dGap, fits.generalizationLimit(), 0);
        assertEquals(dGap, fits.forgettingLimit(), 0);
    }

    @Test
    void millionRoundCurves() {
        int rounds = 1_000_000, n = 10, m = 10, d = 50, s = 10;
        double sigma = 0.1;
        SplittableRandom rng = new SplittableRandom(5);
        double[][] truths = MonteCarloTheoryTest.randomTruths(n, d, 1.0, 85);
        int[] types = randomInts(rng, rounds, n);
        int[] experts = types.clone(); // perfect specialisation: expert m learns only type m
        long t0 = System.nanoTime();
        TheoryCurve fixed = FixedOrderTheory.curve(d, s, sigma, types, truths);
        long t1 = System.nanoTime();
        TheoryCurve routed = RoutedMoETheory.curve(d, s, sigma, types, experts, m, truths);
        long t2 = System.nanoTime();
        TheoryCurve uniform = UniformArrivalTheory.of(d, s, sigma, truths).curve(rounds);
        long t3 = System.nanoTime();
        TheoryCurve sequence = FixedOrderTheory.curveOfSequence(d, s, sigma, perRound(types, truths));
        long t4 = System.nanoTime();
        System.out.printf("[theory] T = 1e6: fixed order %.0f ms, routed (M=N=10) %.0f ms, uniform %.0f ms,"
                + " sequence path (d=50) %.0f ms%n", (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6,
                (t4 - t3) / 1e6);
        assertEquals(rounds, fixed.length());
        double floor = d * sigma * sigma / (d - s - 1);
        // specialised experts: G → noise floor, F → 0 (O(1/t))
        assertEquals(floor, routed.generalizationAt(rounds), 1e-9);
        assertEquals(0, routed.forgettingAt(rounds), 1e-4);
        // one expert on random arrivals hovers around the uniform expectation's limit
        UniformArrivalTheory u = UniformArrivalTheory.of(d, s, sigma, truths);
        assertEquals(u.generalizationLimit(), uniform.generalizationAt(rounds), 1e-5);
        assertEquals(u.generalizationLimit(), fixed.generalizationAt(rounds), 0.05 * u.generalizationLimit());
        assertEquals(u.forgettingLimit(), fixed.forgettingAt(rounds), 0.05 * u.forgettingLimit());
        assertSameCurve(fixed, sequence, 1e-9, "sequence path at T = 1e6");
        for (int t = 1; t <= rounds; t++) {
            assertTrue(Double.isFinite(fixed.forgettingAt(t)) && Double.isFinite(routed.generalizationAt(t)));
        }
    }
}
