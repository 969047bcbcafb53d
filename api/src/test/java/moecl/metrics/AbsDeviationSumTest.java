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

    /**
     * Many values (blocks split hundreds of times), inserted in random, ascending, descending and few-distinct
     * orders, against a brute-force sum every 97 insertions; queries below, above and at the values.
     */
    @Test
    void manyValuesInEveryOrder() {
        FastRandom rng = new FastRandom(8);
        int n = 20_000;
        for (int order = 0; order < 4; order++) {
            AbsDeviationSum sum = new AbsDeviationSum();
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                double b = switch (order) {
                    case 0 -> rng.nextGaussian();
                    case 1 -> i * 0.001;
                    case 2 -> -i * 0.001;
                    default -> rng.nextInt(5) * 0.25;
                };
                values[i] = b;
                sum.add(b);
                if (i % 97 == 0 || i == n - 1) {
                    for (double a : new double[] {-1e9, 1e9, values[rng.nextInt(i + 1)], rng.nextGaussian(), 0.25}) {
                        double exp = 0;
                        double scale = 0;
                        for (int j = 0; j <= i; j++) {
                            exp += Math.abs(a - values[j]);
                            scale += Math.abs(values[j]) + Math.abs(a);
                        }
                        assertEquals(exp, sum.sumAbsDeviation(a), 1e-12 * Math.max(scale, 1e-300),
                                "order " + order + " after " + (i + 1) + " values, a = " + a);
                    }
                }
            }
            assertEquals(n, sum.size());
        }
    }

    /**
     * The lazy prefix sums give bit for bit the results of the eager version (AbsDeviationSumEager, the code before
     * them): same sums, same order. Insertions and queries interleaved as F_ref uses them (a query right after an
     * insertion, runs of queries without one), with duplicates, blocks that split, and queries at the values.
     */
    @Test
    void lazyPrefixSumsAreBitIdenticalToEager() {
        FastRandom rng = new FastRandom(21);
        long queries = 0;
        for (int trial = 0; trial < 6; trial++) {
            AbsDeviationSum lazy = new AbsDeviationSum();
            AbsDeviationSumEager eager = new AbsDeviationSumEager();
            List<Double> values = new ArrayList<>();
            int n = trial < 3 ? 600 : 5000;
            for (int step = 0; step < n; step++) {
                if (rng.nextInt(4) > 0) {
                    double b = switch (rng.nextInt(4)) {
                        case 0 -> values.isEmpty() ? 0.0 : values.get(rng.nextInt(values.size()));
                        case 1 -> trial % 2 == 0 ? step * 1e-3 : -step * 1e-3; // sorted runs
                        case 2 -> 1e3 * rng.nextGaussian();
                        default -> rng.nextDouble();
                    };
                    lazy.add(b);
                    eager.add(b);
                    values.add(b);
                }
                for (int q = rng.nextInt(8); q >= 0; q--) {
                    double a = switch (rng.nextInt(3)) {
                        case 0 -> values.isEmpty() ? 0.5 : values.get(rng.nextInt(values.size()));
                        case 1 -> 2 * rng.nextDouble() - 1;
                        default -> 1e3 * rng.nextGaussian();
                    };
                    assertEquals(Double.doubleToRawLongBits(eager.sumAbsDeviation(a)),
                            Double.doubleToRawLongBits(lazy.sumAbsDeviation(a)),
                            "trial " + trial + " step " + step + " a = " + a);
                    queries++;
                }
            }
            assertEquals(eager.size(), lazy.size());
        }
        assertEquals(true, queries > 50_000, "queries made: " + queries);
    }
}
