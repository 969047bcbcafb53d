package moecl.theory;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Monte Carlo agreement of every closed-form expectation with the literal simulation ({@link MinNormSimulator}):
 * at each checked round {@code t} the sample mean of the realised {@code F_t} / {@code G_t} over {@link #REPS}
 * independent replicates must lie within 3 standard errors of the theory. Seeds are fixed, so the test is
 * deterministic. As a check of power, the same samples must <em>reject</em> the theory evaluated with a wrong
 * contraction factor {@code r + 0.1} (and, for noisy settings, with the label-noise term dropped).
 */
class MonteCarloTheoryTest {

    static final int REPS = 6000;
    static final double Z_MAX = 3.0;

    /** Per-round sample means and standard errors of F and G. */
    record Sample(double[] meanF, double[] seF, double[] meanG, double[] seG) {
    }

    static Sample simulate(int d, int s, double sigma, double[][] truths, int numExperts,
            Function<SplittableRandom, int[]> types, int[] experts, int rounds, long seed) {
        MinNormSimulator sim = new MinNormSimulator(d, s, sigma, truths, numExperts);
        SplittableRandom rng = new SplittableRandom(seed);
        double[] f = new double[rounds];
        double[] g = new double[rounds];
        double[] mf = new double[rounds], vf = new double[rounds], mg = new double[rounds], vg = new double[rounds];
        for (int rep = 1; rep <= REPS; rep++) {
            sim.run(types.apply(rng), experts, rng, f, g);
            for (int t = 0; t < rounds; t++) { // Welford
                double df = f[t] - mf[t];
                mf[t] += df / rep;
                vf[t] += df * (f[t] - mf[t]);
                double dg = g[t] - mg[t];
                mg[t] += dg / rep;
                vg[t] += dg * (g[t] - mg[t]);
            }
        }
        double[] sf = new double[rounds], sg = new double[rounds];
        for (int t = 0; t < rounds; t++) {
            sf[t] = Math.sqrt(vf[t] / (REPS - 1) / REPS);
            sg[t] = Math.sqrt(vg[t] / (REPS - 1) / REPS);
        }
        return new Sample(mf, sf, mg, sg);
    }

    /** Largest |z| over the checked rounds (F is skipped at t = 1, where it is 0 by definition). */
    static double worstZ(Sample mc, TheoryCurve theory, int[] checkT) {
        double worst = 0;
        for (int t : checkT) {
            worst = Math.max(worst, z(mc.meanG()[t - 1], mc.seG()[t - 1], theory.generalizationAt(t)));
            if (t > 1) {
                worst = Math.max(worst, z(mc.meanF()[t - 1], mc.seF()[t - 1], theory.forgettingAt(t)));
            }
        }
        return worst;
    }

    /** |mean − theory| / SE; a quantity with no spread (e.g. F_t of an untouched expert, exactly 0) must match. */
    static double z(double mean, double se, double theory) {
        double diff = Math.abs(mean - theory);
        if (se == 0) {
            return diff <= 1e-9 * (1 + Math.abs(theory)) ? 0 : Double.POSITIVE_INFINITY;
        }
        return diff / se;
    }

    static double[][] randomTruths(int n, int d, double scale, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] centre = new double[d];
        for (int i = 0; i < d; i++) {
            centre[i] = 0.5 * scale * rng.nextGaussian() / Math.sqrt(d);
        }
        double[][] w = new double[n][d];
        for (int g = 0; g < n; g++) {
            for (int i = 0; i < d; i++) {
                w[g][i] = centre[i] + scale * rng.nextGaussian() / Math.sqrt(d);
            }
        }
        return w;
    }

    static Projection wrongR(int d, int s, double delta) {
        Projection p = Projection.isotropic(d, s);
        return Projection.rEffective(p.r() + delta, d >= s + 2 ? (double) s / (d - s - 1) : 0);
    }

    static int[] constant(int rounds, int value) {
        int[] a = new int[rounds];
        java.util.Arrays.fill(a, value);
        return a;
    }

    private final List<String> report = new ArrayList<>();

    private void verdict(String name, double z, double zWrongR, double zNoNoise) {
        String line = String.format("%-58s worst |z| = %.2f   wrong r+0.1: %.1f%s", name, z, zWrongR,
                Double.isNaN(zNoNoise) ? "" : String.format("   noise term dropped: %.1f", zNoNoise));
        report.add(line);
        System.out.println("[theory MC] " + line);
    }

    // ---------------------------------------------------------------------------------------------- fixed order

    record FixedCase(int d, int s, double sigma, int n, int[] types, int[] checkT, long seed) {
    }

    @Test
    void fixedOrderAgreesWithSimulation() {
        List<FixedCase> cases = List.of(
                new FixedCase(10, 3, 0.0, 3, new int[] {0, 1, 2, 0, 0, 1, 2, 2, 1, 0, 1, 2}, new int[] {1, 2, 4, 7, 12},
                        11),
                new FixedCase(20, 8, 0.5, 4, new int[] {3, 1, 0, 3, 2, 2, 0, 1, 3, 0}, new int[] {1, 2, 3, 6, 10}, 12),
                new FixedCase(15, 5, 1.0, 2, new int[] {0, 1, 1, 0, 1, 0, 0, 0, 1, 1, 0, 1, 0, 1, 1},
                        new int[] {1, 2, 5, 9, 15}, 13));
        double worstAll = 0;
        double weakestPower = Double.POSITIVE_INFINITY;
        for (FixedCase c : cases) {
            double[][] truths = randomTruths(c.n(), c.d(), 1.5, 100 + c.seed());
            int rounds = c.types().length;
            Sample mc = simulate(c.d(), c.s(), c.sigma(), truths, 1, rng -> c.types(), constant(rounds, 0), rounds,
                    c.seed());
            TruthGeometry geo = TruthGeometry.of(truths);
            TheoryCurve theory = FixedOrderTheory.curve(c.d(), c.s(), c.sigma(), c.types(), truths);
            double z = worstZ(mc, theory, c.checkT());
            double zr = worstZ(mc, FixedOrderTheory.curve(wrongR(c.d(), c.s(), 0.1), c.sigma(), c.types(), geo),
                    c.checkT());
            double zn = c.sigma() > 0
                    ? worstZ(mc, FixedOrderTheory.curve(c.d(), c.s(), 0.0, c.types(), truths), c.checkT())
                    : Double.NaN;
            verdict(String.format("FixedOrder d=%d s=%d sigma=%.1f N=%d T=%d", c.d(), c.s(), c.sigma(), c.n(),
                    rounds), z, zr, zn);
            worstAll = Math.max(worstAll, z);
            weakestPower = Math.min(weakestPower, Math.min(zr, Double.isNaN(zn) ? zr : zn));
        }
        // arbitrary per-round truths, the O(T·d) path
        int d = 8, s = 2, rounds = 10;
        double sigma = 0.3;
        double[][] perRound = randomTruths(rounds, d, 1.0, 114);
        int[] identity = new int[rounds];
        for (int t = 0; t < rounds; t++) {
            identity[t] = t;
        }
        Sample mc = simulate(d, s, sigma, perRound, 1, rng -> identity, constant(rounds, 0), rounds, 14);
        int[] checkT = {1, 2, 4, 7, 10};
        double z = worstZ(mc, FixedOrderTheory.curveOfSequence(d, s, sigma, perRound), checkT);
        double zr = worstZ(mc, FixedOrderTheory.curveOfSequence(wrongR(d, s, 0.1), sigma, perRound), checkT);
        double zn = worstZ(mc, FixedOrderTheory.curveOfSequence(d, s, 0.0, perRound), checkT);
        verdict("FixedOrder.curveOfSequence d=8 s=2 sigma=0.3 T=10 distinct", z, zr, zn);
        worstAll = Math.max(worstAll, z);
        weakestPower = Math.min(weakestPower, Math.min(zr, zn));
        assertTrue(worstAll <= Z_MAX, "Monte Carlo disagrees with FixedOrderTheory:\n" + String.join("\n", report));
        assertTrue(weakestPower > Z_MAX, "a wrong theory was not rejected (no power):\n" + String.join("\n", report));
    }

    // ----------------------------------------------------------------------------------------- uniform arrivals

    record UniformCase(int d, int s, double sigma, int n, int rounds, int[] checkT, long seed) {
    }

    @Test
    void uniformArrivalsAgreeWithSimulation() {
        List<UniformCase> cases = List.of(
                new UniformCase(10, 4, 0.0, 3, 15, new int[] {1, 2, 3, 6, 15}, 21),
                new UniformCase(20, 5, 0.0, 5, 20, new int[] {1, 2, 5, 10, 20}, 22),
                new UniformCase(16, 8, 0.4, 2, 12, new int[] {1, 2, 4, 8, 12}, 23));
        double worstAll = 0;
        double weakestPower = Double.POSITIVE_INFINITY;
        for (UniformCase c : cases) {
            double[][] truths = randomTruths(c.n(), c.d(), 1.5, 200 + c.seed());
            Function<SplittableRandom, int[]> arrivals = rng -> {
                int[] types = new int[c.rounds()];
                for (int t = 0; t < types.length; t++) {
                    types[t] = rng.nextInt(c.n());
                }
                return types;
            };
            Sample mc = simulate(c.d(), c.s(), c.sigma(), truths, 1, arrivals, constant(c.rounds(), 0), c.rounds(),
                    c.seed());
            UniformArrivalTheory theory = UniformArrivalTheory.of(c.d(), c.s(), c.sigma(), truths);
            TheoryCurve curve = theory.curve(c.rounds());
            for (int t : c.checkT()) { // the single-t closed forms are the same numbers
                assertTrue(Math.abs(curve.generalizationAt(t) - theory.generalization(t)) < 1e-12);
                assertTrue(Math.abs(curve.forgettingAt(t) - theory.forgetting(t)) < 1e-12);
            }
            double z = worstZ(mc, curve, c.checkT());
            TruthGeometry geo = TruthGeometry.of(truths);
            double zr = worstZ(mc, new UniformArrivalTheory(wrongR(c.d(), c.s(), 0.1), c.sigma(), geo)
                    .curve(c.rounds()), c.checkT());
            double zn = c.sigma() > 0
                    ? worstZ(mc, UniformArrivalTheory.of(c.d(), c.s(), 0, truths).curve(c.rounds()), c.checkT())
                    : Double.NaN;
            verdict(String.format("UniformArrival d=%d s=%d sigma=%.1f N=%d T=%d", c.d(), c.s(), c.sigma(), c.n(),
                    c.rounds()), z, zr, zn);
            worstAll = Math.max(worstAll, z);
            weakestPower = Math.min(weakestPower, Math.min(zr, Double.isNaN(zn) ? zr : zn));
        }
        assertTrue(worstAll <= Z_MAX, "Monte Carlo disagrees with UniformArrivalTheory:\n" + String.join("\n", report));
        assertTrue(weakestPower > Z_MAX, "a wrong theory was not rejected (no power):\n" + String.join("\n", report));
    }

    // ------------------------------------------------------------------------------------------------ routed MoE

    record RoutedCase(int d, int s, double sigma, int n, int m, int[] types, int[] experts, int[] checkT, long seed) {
    }

    @Test
    void routedMoEAgreesWithSimulation() {
        List<RoutedCase> cases = List.of(
                // M = 3, N = 4: specialising after a few misroutes, types 2 and 3 share expert 2
                new RoutedCase(12, 4, 0.0, 4, 3,
                        new int[] {0, 1, 2, 3, 0, 1, 2, 3, 3, 2, 1, 0, 0, 0, 1, 2, 3, 1, 2, 0},
                        new int[] {0, 0, 1, 2, 1, 1, 2, 2, 2, 2, 1, 0, 0, 0, 1, 2, 2, 1, 2, 0},
                        new int[] {1, 2, 4, 8, 13, 20}, 31),
                // M = 3, N = 3 with label noise: expert 1 idles for a while, then takes over type 1
                new RoutedCase(20, 6, 0.5, 3, 3,
                        new int[] {0, 1, 2, 2, 1, 0, 1, 1, 2, 0, 0, 2, 1, 2, 0, 1, 1, 2},
                        new int[] {0, 0, 2, 2, 0, 0, 1, 1, 2, 0, 0, 2, 1, 2, 0, 1, 1, 2},
                        new int[] {1, 2, 5, 9, 18}, 32),
                // M = 2 < N = 5 with label noise: two experts shared by five types
                new RoutedCase(10, 3, 0.2, 5, 2,
                        new int[] {0, 1, 2, 3, 4, 4, 3, 2, 1, 0, 2, 2, 4, 1, 3, 0},
                        new int[] {0, 0, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 1, 0, 1, 0},
                        new int[] {1, 2, 6, 11, 16}, 33),
                // M = 4 > N = 2: redundant experts, some never used
                new RoutedCase(14, 5, 0.3, 2, 4,
                        new int[] {0, 1, 0, 1, 1, 0, 0, 1, 0, 1, 1, 1},
                        new int[] {3, 1, 3, 1, 2, 3, 3, 2, 3, 1, 2, 1},
                        new int[] {1, 2, 5, 8, 12}, 34));
        double worstAll = 0;
        double weakestPower = Double.POSITIVE_INFINITY;
        for (RoutedCase c : cases) {
            double[][] truths = randomTruths(c.n(), c.d(), 1.5, 300 + c.seed());
            int rounds = c.types().length;
            Sample mc = simulate(c.d(), c.s(), c.sigma(), truths, c.m(), rng -> c.types(), c.experts(), rounds,
                    c.seed());
            TheoryCurve theory = RoutedMoETheory.curve(c.d(), c.s(), c.sigma(), c.types(), c.experts(), c.m(), truths);
            TruthGeometry geo = TruthGeometry.of(truths);
            double z = worstZ(mc, theory, c.checkT());
            double zr = worstZ(mc, RoutedMoETheory.curve(wrongR(c.d(), c.s(), 0.1), c.sigma(), c.types(), c.experts(),
                    c.m(), geo), c.checkT());
            double zn = c.sigma() > 0
                    ? worstZ(mc, RoutedMoETheory.curve(c.d(), c.s(), 0.0, c.types(), c.experts(), c.m(), truths),
                            c.checkT())
                    : Double.NaN;
            verdict(String.format("RoutedMoE d=%d s=%d sigma=%.1f N=%d M=%d T=%d", c.d(), c.s(), c.sigma(), c.n(),
                    c.m(), rounds), z, zr, zn);
            worstAll = Math.max(worstAll, z);
            weakestPower = Math.min(weakestPower, Math.min(zr, Double.isNaN(zn) ? zr : zn));
        }
        assertTrue(worstAll <= Z_MAX, "Monte Carlo disagrees with RoutedMoETheory:\n" + String.join("\n", report));
        assertTrue(weakestPower > Z_MAX, "a wrong theory was not rejected (no power):\n" + String.join("\n", report));
    }
}
