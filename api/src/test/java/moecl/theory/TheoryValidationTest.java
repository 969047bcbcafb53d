package moecl.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Invalid settings are refused with a message naming the parameter, its value and what is allowed. */
class TheoryValidationTest {

    static final double[][] TRUTHS_10 = MonteCarloTheoryTest.randomTruths(3, 10, 1.0, 7);
    static final double[][] TRUTHS_7 = MonteCarloTheoryTest.randomTruths(3, 7, 1.0, 8);
    static final int[] TYPES = {0, 1, 2, 1, 0};
    static final int[] EXPERTS = {0, 1, 1, 0, 1};

    static void assertMessage(String expected, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertEquals(expected, e.getMessage());
    }

    @Test
    void labelNoiseNeedsDAtLeastSPlusTwo() {
        String msg = "label noise sigma = 0.5 > 0 requires d >= s + 2; got d = 7, s = 6";
        assertMessage(msg, () -> FixedOrderTheory.curve(7, 6, 0.5, TYPES, TRUTHS_7));
        assertMessage(msg, () -> FixedOrderTheory.curveOfSequence(7, 6, 0.5, TRUTHS_7));
        assertMessage(msg, () -> RoutedMoETheory.curve(7, 6, 0.5, TYPES, EXPERTS, 2, TRUTHS_7));
        assertMessage(msg, () -> UniformArrivalTheory.of(7, 6, 0.5, TRUTHS_7));
        assertMessage(msg, () -> Projection.isotropic(7, 6).noiseFloor(0.5));
        FixedOrderTheory.curve(7, 6, 0.0, TYPES, TRUTHS_7); // fine without noise
        FixedOrderTheory.curve(7, 5, 0.5, TYPES, TRUTHS_7); // d = s + 2 is the boundary
    }

    @Test
    void negativeOrNonFiniteValues() {
        assertMessage("sigma must be finite and >= 0; got sigma = -1.0",
                () -> FixedOrderTheory.curve(10, 3, -1, TYPES, TRUTHS_10));
        assertMessage("sigma must be finite and >= 0; got sigma = NaN",
                () -> RoutedMoETheory.curve(10, 3, Double.NaN, TYPES, EXPERTS, 2, TRUTHS_10));
        assertMessage("sigma must be finite and >= 0; got sigma = Infinity",
                () -> UniformArrivalTheory.of(10, 3, Double.POSITIVE_INFINITY, TRUTHS_10));
        assertMessage("S must be finite and >= 0; got S = -1.0",
                () -> UniformArrivalTheory.ofMoments(Projection.isotropic(10, 3), 0, -1, 1));
        assertMessage("D must be finite and >= 0; got D = NaN",
                () -> UniformArrivalTheory.ofMoments(Projection.isotropic(10, 3), 0, 1, Double.NaN));
        assertMessage("noiseGain must be finite and >= 0; got noiseGain = -1.0",
                () -> Projection.rEffective(0.5, -1));
        assertMessage("truths[1][4] must be finite; got NaN", () -> {
            double[][] bad = {new double[10], new double[10]};
            bad[1][4] = Double.NaN;
            TruthGeometry.of(bad);
        });
        assertMessage("sqDistances[1][0] must be finite and >= 0; got -2.0",
                () -> TruthGeometry.ofDistances(new double[] {1, 1}, new double[][] {{0, -2}, {-2, 0}}));
    }

    @Test
    void dimensionsAndSamples() {
        assertMessage("s must be >= 1; got s = 0", () -> FixedOrderTheory.curve(10, 0, 0, TYPES, TRUTHS_10));
        assertMessage("s must be >= 1; got s = -2", () -> Projection.isotropic(10, -2));
        assertMessage("s must be < d (overparameterised regime); got s = 10, d = 10",
                () -> RoutedMoETheory.curve(10, 10, 0, TYPES, EXPERTS, 2, TRUTHS_10));
        assertMessage("s must be < d (overparameterised regime); got s = 12, d = 10",
                () -> UniformArrivalTheory.of(10, 12, 0, TRUTHS_10));
        assertMessage("s must be < d (overparameterised regime); got s = 2, d = -3", () -> Projection.isotropic(-3, 2));
        assertMessage("truths must have dimension d = 10; got dimension 7",
                () -> FixedOrderTheory.curve(10, 3, 0, TYPES, TRUTHS_7));
        assertMessage("truths must have dimension d = 10; got dimension 7",
                () -> RoutedMoETheory.curve(10, 3, 0, TYPES, EXPERTS, 2, TRUTHS_7));
        assertMessage("truths[1] must have length d = 10 (as truths[0]); got 7",
                () -> TruthGeometry.of(new double[][] {TRUTHS_10[0], TRUTHS_7[1]}));
        assertMessage("truthPerRound[0] must have length d = 10; got 7",
                () -> FixedOrderTheory.curveOfSequence(10, 3, 0, TRUTHS_7));
        assertMessage("truthPerRound[1] must have length d = 10; got 7",
                () -> FixedOrderTheory.curveOfSequence(10, 3, 0, new double[][] {TRUTHS_10[0], TRUTHS_7[1]}));
    }

    @Test
    void effectiveR() {
        assertMessage("r must be finite and in [0, 1); got r = 1.0", () -> Projection.rEffective(1.0));
        assertMessage("r must be finite and in [0, 1); got r = -0.1", () -> Projection.rEffective(-0.1, 0));
        assertMessage("r must be finite and in [0, 1); got r = NaN", () -> Projection.rEffective(Double.NaN));
        assertMessage("label noise sigma = 0.3 > 0 needs a noise gain for an rEffective projection;"
                + " use Projection.rEffective(r, noiseGain)",
                () -> FixedOrderTheory.curve(Projection.rEffective(0), 0.3, TYPES, TruthGeometry.of(TRUTHS_10)));
    }

    @Test
    void poolAndRounds() {
        assertMessage("truths must contain at least one ground truth (N >= 1); got N = 0",
                () -> FixedOrderTheory.curve(10, 3, 0, TYPES, new double[0][]));
        assertMessage("truths must contain at least one ground truth (N >= 1); got N = 0",
                () -> TruthGeometry.ofGram(new double[0][]));
        assertMessage("types must contain at least one round (T >= 1); got T = 0",
                () -> FixedOrderTheory.curve(10, 3, 0, new int[0], TRUTHS_10));
        assertMessage("types must contain at least one round (T >= 1); got T = 0",
                () -> RoutedMoETheory.curve(10, 3, 0, new int[0], new int[0], 2, TRUTHS_10));
        assertMessage("truthPerRound must contain at least one round (T >= 1); got T = 0",
                () -> FixedOrderTheory.curveOfSequence(10, 3, 0, new double[0][]));
        UniformArrivalTheory u = UniformArrivalTheory.of(10, 3, 0, TRUTHS_10);
        assertMessage("T must be >= 1; got T = 0", () -> u.curve(0));
        assertMessage("t must be >= 1; got t = 0", () -> u.generalization(0));
        assertMessage("t must be >= 1; got t = -4", () -> u.forgetting(-4));
        TheoryCurve c = u.curve(5);
        assertMessage("t must be in [1, T] = [1, 5]; got t = 0", () -> c.forgettingAt(0));
        assertMessage("t must be in [1, T] = [1, 5]; got t = 6", () -> c.generalizationAt(6));
        assertMessage("forgetting and generalization must have the same length; got 2 and 3",
                () -> new TheoryCurve(new double[2], new double[3]));
    }

    @Test
    void typeAndExpertIndices() {
        assertMessage("types[2] must be in [0, N) = [0, 3); got 3",
                () -> FixedOrderTheory.curve(10, 3, 0, new int[] {0, 1, 3}, TRUTHS_10));
        assertMessage("types[0] must be in [0, N) = [0, 3); got -1",
                () -> RoutedMoETheory.curve(10, 3, 0, new int[] {-1, 1, 2}, new int[] {0, 0, 0}, 1, TRUTHS_10));
        assertMessage("experts must have the same length as types (T = 5); got length 4",
                () -> RoutedMoETheory.curve(10, 3, 0, TYPES, new int[] {0, 1, 1, 0}, 2, TRUTHS_10));
        assertMessage("experts[3] must be in [0, M) = [0, 2); got 2",
                () -> RoutedMoETheory.curve(10, 3, 0, TYPES, new int[] {0, 1, 1, 2, 0}, 2, TRUTHS_10));
        assertMessage("experts[1] must be in [0, M) = [0, 2); got -1",
                () -> RoutedMoETheory.curve(10, 3, 0, TYPES, new int[] {0, -1, 1, 1, 0}, 2, TRUTHS_10));
        assertMessage("numExperts must be >= 1; got numExperts = 0",
                () -> RoutedMoETheory.curve(10, 3, 0, TYPES, EXPERTS, 0, TRUTHS_10));
        RoutedMoETheory online = new RoutedMoETheory(Projection.isotropic(10, 3), 0, 2, TruthGeometry.of(TRUTHS_10));
        assertMessage("type must be in [0, N) = [0, 3); got 5", () -> online.observe(5, 0));
        assertMessage("expert must be in [0, M) = [0, 2); got 2", () -> online.observe(0, 2));
        assertThrows(IllegalStateException.class, online::generalization);
    }

    @Test
    void truthGeometryInputs() {
        assertMessage("gram must be symmetric; got gram[1][0] = 0.5 but gram[0][1] = 0.25",
                () -> TruthGeometry.ofGram(new double[][] {{1, 0.25}, {0.5, 1}}));
        assertMessage("sqDistances[1][1] must be 0; got 0.1",
                () -> TruthGeometry.ofDistances(new double[] {1, 1}, new double[][] {{0, 2}, {2, 0.1}}));
        assertMessage("sqDistances must be N x N with N = sqNorms.length = 2; got 3 rows",
                () -> TruthGeometry.ofDistances(new double[] {1, 1}, new double[3][3]));
        // the three constructions agree
        TruthGeometry v = TruthGeometry.of(TRUTHS_10);
        double[][] gram = new double[3][3];
        double[][] dist = new double[3][3];
        double[] norms = new double[3];
        for (int g = 0; g < 3; g++) {
            norms[g] = NaiveTheory.sq(TRUTHS_10[g]);
            for (int h = 0; h < 3; h++) {
                double acc = 0;
                for (int i = 0; i < 10; i++) {
                    acc += TRUTHS_10[g][i] * TRUTHS_10[h][i];
                }
                gram[g][h] = acc;
                dist[g][h] = v.sqDistance(g, h);
            }
        }
        for (int g = 0; g < 3; g++) { // exact symmetry of the Gram matrix
            for (int h = 0; h < g; h++) {
                gram[g][h] = gram[h][g];
            }
        }
        TruthGeometry fromGram = TruthGeometry.ofGram(gram);
        TruthGeometry fromDist = TruthGeometry.ofDistances(norms, dist);
        for (int g = 0; g < 3; g++) {
            assertEquals(v.sqNorm(g), fromGram.sqNorm(g), 1e-12);
            for (int h = 0; h < 3; h++) {
                assertEquals(v.sqDistance(g, h), fromGram.sqDistance(g, h), 1e-12);
                assertEquals(v.sqDistance(g, h), fromDist.sqDistance(g, h), 0);
            }
        }
        TheoryCurve a = RoutedMoETheory.curve(Projection.isotropic(10, 3), 0.2, TYPES, EXPERTS, 2, fromGram);
        TheoryCurve b = RoutedMoETheory.curve(10, 3, 0.2, TYPES, EXPERTS, 2, TRUTHS_10);
        TheoryAlgebraTest.assertSameCurve(b, a, 1e-12, "Gram vs vectors");
    }
}
