package moecl.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import moecl.rng.FastRandom;

/** {@link Dot#of}: the straight-line kernel at n = 10 gives the general loop's bits, at any offsets. */
class DotTest {

    /** The general loop, written out here as the reference: even terms into one sum, odd into another. */
    static double reference(double[] a, int oa, double[] b, int ob, int n) {
        double s0 = 0;
        double s1 = 0;
        for (int i = 0; i < n; i++) {
            if (i % 2 == 0) {
                s0 += a[oa + i] * b[ob + i];
            } else {
                s1 += a[oa + i] * b[ob + i];
            }
        }
        return s0 + s1;
    }

    @Test
    void everyLengthMatchesTheReferenceBitForBit() {
        FastRandom rng = new FastRandom(3);
        double[] a = new double[64];
        double[] b = new double[64];
        for (int rep = 0; rep < 2000; rep++) {
            rng.fillGaussian(a, 0, a.length);
            rng.fillGaussian(b, 0, b.length);
            if (rep % 7 == 0) {
                a[rep % 10] = 0.0;
                b[rep % 10] = -0.0;
            }
            int n = rep % 21;
            int oa = rng.nextInt(64 - n + 1);
            int ob = rng.nextInt(64 - n + 1);
            assertEquals(Double.doubleToRawLongBits(reference(a, oa, b, ob, n)),
                    Double.doubleToRawLongBits(Dot.of(a, oa, b, ob, n)), "n=" + n);
        }
    }

    @Test
    void signedZerosAndSpecialsAsTheLoop() {
        double[] z = new double[10];
        double[] nz = new double[10];
        java.util.Arrays.fill(nz, -0.0);
        double[] one = new double[10];
        java.util.Arrays.fill(one, 1.0);
        assertEquals(Double.doubleToRawLongBits(reference(nz, 0, one, 0, 10)),
                Double.doubleToRawLongBits(Dot.of(nz, 0, one, 0, 10)));
        assertEquals(0.0, Dot.of(z, 0, one, 0, 10));
        one[3] = Double.NaN;
        assertEquals(Double.NaN, Dot.of(z, 0, one, 0, 10));
        one[3] = Double.POSITIVE_INFINITY;
        double[] x = new double[10];
        x[3] = 1;
        assertEquals(Double.POSITIVE_INFINITY, Dot.of(x, 0, one, 0, 10));
    }
}
