package moecl.workbench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import moecl.plugin.Registry;
import org.junit.jupiter.api.Test;

/** The bench's bookkeeping (not its timings, which are reported in BENCHMARKS.md and never asserted). */
class BenchTest {

    @Test
    void measureGivesOneTimeAndOneReferenceTimePerMeasuredRun() {
        double[][] r = Bench.measure(Registry.standard(), 5, 200, 3, Bench.Metrics.PAPER);
        assertEquals(2, r.length);
        assertEquals(3, r[0].length);
        assertEquals(3, r[1].length);
        for (int i = 0; i < 3; i++) {
            assertTrue(r[0][i] > 0 && Double.isFinite(r[0][i]), "us/round " + r[0][i]);
            assertTrue(r[1][i] > 0 && Double.isFinite(r[1][i]), "reference ns/step " + r[1][i]);
        }
        assertArrayEquals(new double[0], Bench.measure(Registry.standard(), 5, 200, 0, Bench.Metrics.NONE)[0]);
    }

    @Test
    void ratiosAreEngineNanosPerRoundOverReferenceNanosPerStepRunByRun() {
        Bench.Sample s = new Bench.Sample(new double[] {2.0, 3.0, 1.5}, new double[] {2.0}, new double[] {10, 15, 5});
        assertArrayEquals(new double[] {200, 200, 300}, s.ratios(), 1e-12);
        assertEquals(2.0, s.median());
        assertEquals(1.5, s.p10());
    }
}
