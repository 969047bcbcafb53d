package moecl.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The worked example of {@code docs/theory.md} (d = 10, s = 6, r = 0.4, N = 3 truths, t = 1..5): the printed values
 * are asserted here, and every table row printed in the document must match what the code computes.
 */
class TheoryDocExampleTest {

    static final int D = 10, S = 6;
    static final double[][] TRUTHS = new double[3][D];

    static {
        TRUTHS[0][0] = 1; // w_0 = e_1
        TRUTHS[1][1] = 1; // w_1 = e_2
        TRUTHS[2][0] = 1; // w_2 = e_1 + e_2
        TRUTHS[2][1] = 1;
    }

    static final int[] TYPES = {0, 1, 2, 0, 1};
    static final int[] EXPERTS = {0, 1, 1, 0, 1};

    // printed values (t = 1..5), as in docs/theory.md
    static final double[] FIXED_G = {0.400000, 1.000000, 0.821333, 0.810800, 0.982848};
    static final double[] FIXED_F = {0.000000, 0.960000, 0.480000, 0.427200, 0.583920};
    static final double[] FIXED_NOISY_G = {0.900000, 1.700000, 1.601333, 1.622800, 1.807648};
    static final double[] FIXED_NOISY_F = {0.000000, 1.160000, 0.660000, 0.579200, 0.710720};
    static final double[] MOE_G = {0.400000, 0.400000, 0.573333, 0.410000, 0.350400};
    static final double[] MOE_F = {0.000000, 0.000000, 0.180000, 0.040000, -0.018000};
    static final double[] UNIFORM_G = {0.533333, 0.586667, 0.640000, 0.683733, 0.717483};
    static final double[] UNIFORM_F = {0.000000, 0.213333, 0.288000, 0.341333, 0.379093};

    static void assertPrinted(double[] printed, double[] actual, String what) {
        for (int t = 0; t < printed.length; t++) {
            assertEquals(printed[t], actual[t], 5e-7, what + " at t=" + (t + 1));
        }
    }

    static String rows(TheoryCurve c) {
        StringBuilder sb = new StringBuilder();
        for (int t = 1; t <= c.length(); t++) {
            sb.append(String.format(Locale.ROOT, "| %d | %.6f | %.6f |%n", t, c.generalizationAt(t),
                    c.forgettingAt(t)));
        }
        return sb.toString();
    }

    @Test
    void printedValuesAreWhatTheCodeComputes() throws IOException {
        TheoryCurve fixed = FixedOrderTheory.curve(D, S, 0, TYPES, TRUTHS);
        TheoryCurve noisy = FixedOrderTheory.curve(D, S, 0.5, TYPES, TRUTHS);
        TheoryCurve moe = RoutedMoETheory.curve(D, S, 0, TYPES, EXPERTS, 2, TRUTHS);
        UniformArrivalTheory u = UniformArrivalTheory.of(D, S, 0, TRUTHS);
        TheoryCurve uniform = u.curve(5);
        assertPrinted(FIXED_G, fixed.generalization(), "fixed G");
        assertPrinted(FIXED_F, fixed.forgetting(), "fixed F");
        assertPrinted(FIXED_NOISY_G, noisy.generalization(), "fixed noisy G");
        assertPrinted(FIXED_NOISY_F, noisy.forgetting(), "fixed noisy F");
        assertPrinted(MOE_G, moe.generalization(), "MoE G");
        assertPrinted(MOE_F, moe.forgetting(), "MoE F");
        assertPrinted(UNIFORM_G, uniform.generalization(), "uniform G");
        assertPrinted(UNIFORM_F, uniform.forgetting(), "uniform F");
        assertEquals(0.4, Projection.isotropic(D, S).r(), 1e-15);
        assertEquals(4.0 / 3, u.meanSqNorm(), 1e-15);
        assertEquals(8.0 / 9, u.modelGap(), 1e-15);
        assertEquals(8.0 / 9, u.generalizationLimit(), 1e-15);
        assertEquals(0.6 * 8 / 9, u.forgettingLimit(), 1e-15);
        assertEquals(5.0 / 6, Projection.isotropic(D, S).noiseFloor(0.5), 1e-15);
        // the expert table after round 5 of the MoE example
        RoutedMoETheory online = new RoutedMoETheory(Projection.isotropic(D, S), 0, 2, TruthGeometry.of(TRUTHS));
        for (int t = 0; t < 5; t++) {
            online.observe(TYPES[t], EXPERTS[t]);
        }
        double[][] table = {{0.16, 1.84, 1.16}, {1.696, 0.304, 0.824}};
        for (int m = 0; m < 2; m++) {
            for (int g = 0; g < 3; g++) {
                assertEquals(table[m][g], online.expectedError(m, g), 1e-12);
            }
        }

        // the document prints exactly these rows
        Path doc = Path.of(System.getProperty("basedir", "."), "..", "docs", "theory.md").normalize();
        assertTrue(Files.exists(doc), "docs/theory.md not found at " + doc);
        String text = Files.readString(doc).replace("\r\n", "\n");
        for (TheoryCurve c : new TheoryCurve[] {fixed, noisy, moe, uniform}) {
            String expected = rows(c).replace("\r\n", "\n");
            assertTrue(text.contains(expected), "docs/theory.md must contain the rows\n" + expected);
        }
    }
}
