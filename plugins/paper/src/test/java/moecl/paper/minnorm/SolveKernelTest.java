package moecl.paper.minnorm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import moecl.linalg.kernels.Kernels;
import moecl.linalg.kernels.Kernels.Mode;
import moecl.linalg.kernels.VecKernel;
import moecl.rng.FastRandom;

/**
 * The min-norm solve's kernels: the written-out s = 6 kernel against the generic loops bit for bit
 * ({@link #sixEqualsGeneric}), the wide kernel against the loops within rounding (another summation order:
 * {@link #wideAgreesWithGenericWithinRounding}), and which kernel each shape and mode gets.
 */
class SolveKernelTest {

    @Test
    void autoPicksTheSpecialisationsAndGenericPicksNone() {
        assertEquals("s6", SolveKernel.choose(10, 6, Mode.AUTO).name());
        assertEquals(Kernels.vectorApi() ? "wide-" + Kernels.lanes(Mode.AUTO).name() : "wide-scalar",
                SolveKernel.choose(1000, 100, Mode.AUTO).name());
        assertEquals("wide-scalar", SolveKernel.choose(500, 50, Mode.AUTO).name()); // too little work for vectors
        assertEquals("wide-scalar", SolveKernel.choose(1000, 100, Mode.SCALAR).name());
        for (int n : new int[] {6, 10, 64, 1000}) {
            assertEquals("generic", SolveKernel.choose(n, 6, Mode.GENERIC).name());
        }
    }

    @ParameterizedTest(name = "d={0} s=6")
    @ValueSource(ints = {6, 7, 10, 33})
    void sixEqualsGeneric(int d) {
        SolveKernel a = SolveKernel.choose(d, 6, Mode.AUTO);
        SolveKernel b = SolveKernel.choose(d, 6, Mode.GENERIC);
        assertEquals("s6", a.name());
        assertEquals("generic", b.name());
        FastRandom rng = new FastRandom(("solve d=" + d + " s=6").hashCode());
        for (int rep = 0; rep < 500; rep++) {
            compareSolve(a, b, d, 6, rng, rep);
        }
    }

    // (the next two helpers are KernelsTest's in api: test classes are not shared between modules)
    private static void same(double expected, double actual, String what) {
        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual),
                what + ": " + expected + " vs " + actual);
    }

    private static void same(double[] expected, double[] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            same(expected[i], actual[i], what + "[" + i + "]");
        }
    }

    /** Gaussians, with signed zeros, a NaN or an infinity now and then. */
    static double[] data(FastRandom rng, int len, int rep) {
        double[] a = new double[len];
        rng.fillGaussian(a, 0, len);
        if (rep % 7 == 0) {
            a[rep % len] = rep % 2 == 0 ? 0.0 : -0.0;
        }
        if (rep % 97 == 3) {
            a[rep % len] = rep % 3 == 0 ? Double.NaN : Double.POSITIVE_INFINITY;
        }
        return a;
    }

    private static void compareSolve(SolveKernel a, SolveKernel b, int d, int s, FastRandom rng, int rep) {
        double[] x = data(rng, d * s, rep % 97 == 3 ? 1 : rep); // no NaN here: a NaN pivot fails both alike
        int j = rep % s;
        if (rep % 3 == 1 && j > 0) { // column j nearly parallel to column j − 1: pivots around the tolerance
            double eps = Math.pow(10, -3 - rep % 5);
            for (int i = 0; i < d; i++) {
                x[j * d + i] = x[(j - 1) * d + i] + eps * x[j * d + i];
            }
        }
        double[] y = data(rng, s, 1);
        double[] w = data(rng, d, 1);
        double[] ea = new double[s];
        double[] eb = new double[s];
        double[] da = new double[s];
        double[] db = new double[s];
        a.residuals(x, y, w, ea, da);
        b.residuals(x, y, w, eb, db);
        same(eb, ea, "residuals");
        same(db, da, "diag");
        double[] ga = new double[s * s];
        double[] gb = new double[s * s];
        double[] ia = new double[s];
        double[] ib = new double[s];
        double[] ca = new double[s];
        double[] cb = new double[s];
        boolean pa = a.plain(x, ea, da, ga, ia, ca);
        boolean pb = b.plain(x, eb, db, gb, ib, cb);
        assertEquals(pb, pa, "plain Cholesky succeeded");
        if (pa) {
            same(cb, ca, "coef"); // (the factor itself is scratch: the s = 6 kernel keeps it in locals)
            double[] wa = w.clone();
            double[] wb = w.clone();
            same(b.addCombination(x, cb, wb), a.addCombination(x, ca, wa), "moved");
            same(wb, wa, "w");
        }
    }

    static Stream<Arguments> wideShapes() {
        return Stream.of(Arguments.of(64, 8), Arguments.of(67, 9), Arguments.of(100, 13), Arguments.of(257, 30),
                Arguments.of(1000, 100));
    }

    /** The wide solve and vector kernels give the generic loops' results within rounding (another summation order). */
    @ParameterizedTest(name = "d={0} s={1}")
    @MethodSource("wideShapes")
    void wideAgreesWithGenericWithinRounding(int d, int s) {
        FastRandom rng = new FastRandom(d + 7L * s);
        for (Mode mode : new Mode[] {Mode.AUTO, Mode.SCALAR}) {
            SolveKernel wide = SolveKernel.choose(d, s, mode);
            SolveKernel gen = SolveKernel.choose(d, s, Mode.GENERIC);
            assertTrue(wide.name().startsWith("wide-"), wide.name());
            VecKernel wv = Kernels.vec(d, mode);
            VecKernel gv = Kernels.vec(d, Mode.GENERIC);
            double[] x = data(rng, d * s, 1);
            double[] y = data(rng, s, 1);
            double[] w = data(rng, d, 1);
            assertEquals(gv.dot(x, 0, w, 0), wv.dot(x, 0, w, 0), 1e-12 * d);
            assertEquals(gv.sqDist(x, w), wv.sqDist(x, w), 1e-12 * gv.sqDist(x, w));
            double[][] out = new double[2][];
            double[] moved = new double[2];
            SolveKernel[] ks = {wide, gen};
            for (int k = 0; k < 2; k++) {
                double[] e = new double[s];
                double[] diag = new double[s];
                ks[k].residuals(x, y, w, e, diag);
                double[] c = new double[s];
                assertTrue(ks[k].plain(x, e, diag, new double[s * s], new double[s], c), ks[k].name());
                out[k] = w.clone();
                moved[k] = ks[k].addCombination(x, c, out[k]);
            }
            assertEquals(moved[1], moved[0], 1e-9 * moved[1], "‖Δ‖²");
            for (int i = 0; i < d; i++) {
                assertEquals(out[1][i], out[0][i], 1e-9 * Math.max(1, Math.abs(out[1][i])), "w[" + i + "]");
            }
            // and the new w interpolates: X^T w = y
            for (int j = 0; j < s; j++) {
                assertEquals(y[j], gv.dot(x, j * d, out[0], 0), 1e-9 * Math.sqrt(d), "sample " + j);
            }
        }
    }
}
