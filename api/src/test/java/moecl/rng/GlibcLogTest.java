package moecl.rng;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Platform-independent sanity checks of the transcription. Bit-exactness against the C library is checked by the
 * {@code log_sha256} and {@code randn_sha256} lines of the numpy reference data.
 */
class GlibcLogTest {

    @Test
    void specialValues() {
        assertEquals(0.0, GlibcLog.log(1.0));
        assertEquals(Double.NEGATIVE_INFINITY, GlibcLog.log(0.0));
        assertTrue(Double.isNaN(GlibcLog.log(-1.0)));
        assertTrue(Double.isNaN(GlibcLog.log(Double.NaN)));
        assertEquals(Double.POSITIVE_INFINITY, GlibcLog.log(Double.POSITIVE_INFINITY));
        assertEquals(StrictMath.log(Double.MIN_VALUE), GlibcLog.log(Double.MIN_VALUE)); // subnormal: delegated
        assertEquals(1.0, GlibcLog.log(Math.E), 0x1p-52);
        assertEquals(-0x1p-53, GlibcLog.log(1.0 - 0x1p-53)); // log(1 - e) = -e - e^2/2 - ..., rounds to -e
    }

    @Test
    void withinOneUlpOfFdlibmEverywhere() {
        // Both are accurate to better than one ulp, so they can differ by at most one ulp; a transcription slip
        // (a wrong table entry or coefficient) would show up as a large difference.
        NumpyLegacyRandom r = new NumpyLegacyRandom(1);
        for (int i = 0; i < 2_000_000; i++) {
            double x = switch (i % 4) {
                case 0 -> r.nextDouble();
                case 1 -> 0.9375 + 0.128 * r.nextDouble(); // the near-1 path and both its edges
                case 2 -> Math.scalb(1.0 + r.nextDouble(), r.nextInt(2044) - 1022); // all normal exponents
                default -> 1.0 + r.nextDouble() * 1e6;
            };
            if (x == 0.0) {
                continue;
            }
            double a = GlibcLog.log(x);
            double b = StrictMath.log(x);
            assertTrue(Math.abs(a - b) <= Math.ulp(b), () -> "log(" + x + "): " + a + " vs fdlibm " + b);
        }
    }
}
