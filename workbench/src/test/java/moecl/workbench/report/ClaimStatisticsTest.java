package moecl.workbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The report's statistics on data whose answer is known: Student's t quantiles (tables), a t interval and a Welch
 * interval computed by hand, the verdict rules, the log-log slope of power laws, and the within-set entropy.
 */
class ClaimStatisticsTest {

    @Test
    void tQuantilesMatchTheTables() {
        assertEquals(12.706, Estimate.t975(1), 1e-3);
        assertEquals(2.228, Estimate.t975(10), 1e-3);
        assertEquals(2.042, Estimate.t975(30), 1e-3);
        // beyond the table: 2.021 (40), 2.000 (60), 1.980 (120), 1.960 (∞)
        assertEquals(2.021, Estimate.t975(40), 1e-3);
        assertEquals(2.000, Estimate.t975(60), 1e-3);
        assertEquals(1.980, Estimate.t975(120), 1e-3);
        assertEquals(1.960, Estimate.t975(1e9), 1e-3);
    }

    @Test
    void intervalsComputedByHand() {
        // 1, 2, 3, 4, 5: mean 3, sd √2.5 = 1.5811, se 0.7071, t(4) = 2.776 → ±1.963
        Estimate e = Estimate.of(new double[] {1, 2, 3, 4, 5});
        assertEquals(5, e.n());
        assertEquals(3.0, e.mean(), 1e-15);
        assertEquals(Math.sqrt(2.5), e.sd(), 1e-15);
        assertEquals(3 - 2.776 * Math.sqrt(0.5), e.lo(), 1e-12);
        assertEquals(3 + 2.776 * Math.sqrt(0.5), e.hi(), 1e-12);
        // Welch: a = 1..5 (var 2.5, n 5), b = 0, 0, 6, 6 (mean 3, var 12, n 4): diff 0, se² = 0.5 + 3 = 3.5,
        // df = 3.5² / (0.5²/4 + 3²/3) = 12.25 / 3.0625 = 4 → t 2.776
        Estimate w = Estimate.difference(new double[] {1, 2, 3, 4, 5}, new double[] {0, 0, 6, 6});
        assertEquals(0.0, w.mean(), 1e-15);
        assertEquals(2.776 * Math.sqrt(3.5), w.hi(), 1e-9);
        assertEquals(-2.776 * Math.sqrt(3.5), w.lo(), 1e-9);
    }

    @Test
    void verdictRules() {
        Estimate above = new Estimate(10, 1.0, 0.1, 0.9, 1.1);
        Estimate across = new Estimate(10, 0.5, 1, -0.1, 1.1);
        Estimate below = new Estimate(10, -1.0, 0.1, -1.1, -0.9);
        assertEquals(Claim.Verdict.HOLDS, Claim.verdict(">", 0, above));
        assertEquals(Claim.Verdict.INCONCLUSIVE, Claim.verdict(">", 0, across));
        assertEquals(Claim.Verdict.DOES_NOT_HOLD, Claim.verdict(">", 0, below));
        assertEquals(Claim.Verdict.HOLDS, Claim.verdict("<", 0, below));
        assertEquals(Claim.Verdict.DOES_NOT_HOLD, Claim.verdict("<", 0, above));
        assertEquals(Claim.Verdict.HOLDS, Claim.verdict("!=", 0, below));
        assertEquals(Claim.Verdict.INCONCLUSIVE, Claim.verdict("!=", 0, across));
        assertEquals(Claim.Verdict.HOLDS, Claim.verdict("within", 0.05, new Estimate(10, 0, 0.01, -0.02, 0.03)));
        assertEquals(Claim.Verdict.INCONCLUSIVE, Claim.verdict("within", 0.05, new Estimate(10, 0.04, 1, 0.01, 0.07)));
        assertEquals(Claim.Verdict.DOES_NOT_HOLD, Claim.verdict("within", 0.05, new Estimate(10, 0.1, 1, 0.06, 0.14)));
        assertEquals(Claim.Verdict.NOT_RUN, Claim.verdict(">", 0, null));
        assertEquals(Claim.Verdict.DOES_NOT_HOLD, Claim.check("x", "f", "s", "st", 2e-9, 1e-9, null).verdict());
        assertEquals(Claim.Verdict.HOLDS, Claim.check("x", "f", "s", "st", 0, 0, null).verdict());
    }

    @Test
    void slopeOfPowerLaws() {
        double[] inv = new double[2000];
        double[] root = new double[2000];
        for (int t = 1; t <= 2000; t++) {
            inv[t - 1] = 3.0 / t;
            root[t - 1] = 0.7 / Math.sqrt(t);
        }
        assertEquals(-1.0, Claims.slope(inv, 95), 1e-12);
        assertEquals(-0.5, Claims.slope(root, 95), 1e-12);
    }

    @Test
    void withinSetEntropy() throws Exception {
        ObjectMapper j = new ObjectMapper();
        // type 0: experts 0, 1 at 50/50 (entropy 1); type 1: one expert (skipped); type 2: 75/25 → 0.8113
        JsonNode h = j.readTree("[[100, 100, 0], [0, 0, 300], [0, 75, 25]]");
        double e25 = -(0.75 * Math.log(0.75) + 0.25 * Math.log(0.25)) / Math.log(2);
        assertEquals((1 + e25) / 2, Claims.withinSetEntropy(h), 1e-12);
        // an expert below 10% of the type's most used is stray noise, not part of the set
        assertEquals(1.0, Claims.withinSetEntropy(j.readTree("[[100, 100, 9]]")), 1e-12);
        assertTrue(Double.isNaN(Claims.withinSetEntropy(j.readTree("[[0, 300, 0]]"))));
    }
}
