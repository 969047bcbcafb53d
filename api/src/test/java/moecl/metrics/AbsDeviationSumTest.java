package moecl.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import moecl.rng.FastRandom;

/**
 * AbsDeviationSum against a brute-force Σ|a − b_i| over random inserts and queries. Tolerance 1e-12 relative to
 * Σ|b_i| + n·|a|: the prefix-sum formula cancels sums of that size, so its error is a few ε of it.
 */
class AbsDeviationSumTest {

    @Test
    void matchesBruteForce() {
        FastRandom rng = new FastRandom(3);
        for (int trial = 0; trial < 5; trial++) {
            AbsDeviationSum sum = new AbsDeviationSum();
            List<Double> values = new ArrayList<>();
            for (int step = 0; step < 3000; step++) {
                if (rng.nextInt(3) > 0) {
                    double b = switch (rng.nextInt(4)) {
                        case 0 -> values.isEmpty() ? 0.0 : values.get(rng.nextInt(values.size())); // duplicates
                        case 1 -> -rng.nextDouble(); // negatives
                        case 2 -> 1e3 * rng.nextGaussian(); // mixed magnitudes
                        default -> rng.nextDouble();
                    };
                    sum.add(b);
                    values.add(b);
                }
                assertEquals(values.size(), sum.size());
                double a = switch (rng.nextInt(3)) {
                    case 0 -> values.isEmpty() ? 0.5 : values.get(rng.nextInt(values.size())); // a equal to a b_i
                    case 1 -> 2 * rng.nextDouble() - 1;
                    default -> 1e3 * rng.nextGaussian();
                };
                double exp = 0;
                double scale = 0;
                for (double b : values) {
                    exp += Math.abs(a - b);
                    scale += Math.abs(b) + Math.abs(a);
                }
                assertEquals(exp, sum.sumAbsDeviation(a), 1e-12 * Math.max(scale, 1e-300),
                        "trial " + trial + " step " + step);
            }
        }
        assertEquals(0.0, new AbsDeviationSum().sumAbsDeviation(1.5), 0.0);
    }
}
