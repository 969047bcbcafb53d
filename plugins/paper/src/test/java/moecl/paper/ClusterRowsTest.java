package moecl.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import moecl.linalg.kernels.Kernels.Mode;
import moecl.rng.FastRandom;

/** The {@code clusters} generator's copied rows: the written-out d = 10, r = 6 kernel against the loop, bit for bit. */
class ClusterRowsTest {

    @Test
    void autoPicksTheWrittenOutKernelOnlyAtTheFig2Shape() {
        assertEquals("d10r6", ClusterRows.choose(10, 6, Mode.AUTO).name());
        assertEquals("generic", ClusterRows.choose(10, 6, Mode.GENERIC).name());
        assertEquals("generic", ClusterRows.choose(12, 6, Mode.AUTO).name());
    }

    @Test
    void tenSixEqualsTheLoop() {
        ClusterRows a = ClusterRows.choose(10, 6, Mode.AUTO);
        ClusterRows b = ClusterRows.choose(10, 6, Mode.GENERIC);
        FastRandom rng = new FastRandom("clusterRows d=10 r=6".hashCode());
        int d = 10;
        int s = 7;
        for (int rep = 0; rep < 500; rep++) {
            double[] x = new double[d * s];
            double[] scale = new double[d - 6];
            rng.fillGaussian(x, 0, x.length);
            rng.fillGaussian(scale, 0, scale.length);
            if (rep % 7 == 0) {
                x[rep % x.length] = rep % 2 == 0 ? 0.0 : -0.0;
            }
            double[] xa = x.clone();
            double[] xb = x.clone();
            a.copyScaledRows(xa, s, scale);
            b.copyScaledRows(xb, s, scale);
            for (int i = 0; i < x.length; i++) {
                assertEquals(Double.doubleToRawLongBits(xb[i]), Double.doubleToRawLongBits(xa[i]), "rows[" + i + "]");
            }
        }
    }
}
