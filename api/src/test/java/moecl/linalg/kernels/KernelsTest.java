package moecl.linalg.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import moecl.linalg.kernels.Kernels.Mode;
import moecl.rng.FastRandom;

/**
 * Every specialised vector kernel against its generic loop, bit for bit ({@link #specialisedEqualsGeneric}): the
 * written-out kernels at n = 10 and n = 6. The wide kernels sum in another order: their Vector API code against its
 * scalar mirror bit for bit, and both against the generic loops within rounding
 * ({@link #wideVectorEqualsWideScalar}, {@link #wideAgreesWithGenericWithinRounding}). (The paper plugin's solve
 * and copied-row kernels have their own tests there: SolveKernelTest, ClusterRowsTest.)
 */
class KernelsTest {

    /** A specialised kernel (what {@link Kernels} picks in auto mode) and the generic one for the same shape. */
    record Pair(String name, Supplier<Object> specialised, Supplier<Object> generic, int d, int s) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> specialised() {
        List<Arguments> out = new ArrayList<>();
        for (int n : new int[] {10, 6}) {
            out.add(Arguments.of(new Pair("vec n=" + n, () -> Kernels.vec(n, Mode.AUTO),
                    () -> Kernels.vec(n, Mode.GENERIC), n, 1)));
        }
        return out.stream();
    }

    @Test
    void autoPicksTheSpecialisationsAndGenericPicksNone() {
        assertEquals("n10", Kernels.vec(10, Mode.AUTO).name());
        assertEquals("n6", Kernels.vec(6, Mode.AUTO).name());
        assertEquals("generic", Kernels.vec(9, Mode.AUTO).name());
        assertEquals("wide-scalar", Kernels.vec(1000, Mode.SCALAR).name());
        assertEquals("wide-scalar", Kernels.vec(1000, Mode.AUTO).name());
        assertEquals(Kernels.vectorApi() ? vectorName() : "scalar", Kernels.lanes(Mode.AUTO).name());
        assertEquals("scalar", Kernels.lanes(Mode.SCALAR).name());
        assertEquals("scalar", Kernels.scalarLanes().name());
        for (int n : new int[] {6, 10, 64, 1000}) {
            assertEquals("generic", Kernels.vec(n, Mode.GENERIC).name());
        }
    }

    @Test
    void thePropertyChoosesAndABadValueIsNamed() {
        String old = System.getProperty(Kernels.PROPERTY);
        try {
            System.setProperty(Kernels.PROPERTY, "generic");
            assertEquals(Mode.GENERIC, Kernels.mode());
            assertEquals("generic", Kernels.vec(10).name());
            System.setProperty(Kernels.PROPERTY, "Scalar");
            assertEquals(Mode.SCALAR, Kernels.mode());
            System.setProperty(Kernels.PROPERTY, "fast");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, Kernels::mode);
            assertEquals("the system property moecl.kernels must be auto, generic or scalar; got 'fast'",
                    e.getMessage());
        } finally {
            if (old == null) {
                System.clearProperty(Kernels.PROPERTY);
            } else {
                System.setProperty(Kernels.PROPERTY, old);
            }
        }
        assertEquals(Mode.AUTO, old == null ? Kernels.mode() : Mode.AUTO);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specialised")
    void specialisedEqualsGeneric(Pair p) {
        Object a = p.specialised().get();
        Object b = p.generic().get();
        assertTrue(!name(a).equals("generic"), p + " should be specialised, got " + name(a));
        assertEquals("generic", name(b));
        FastRandom rng = new FastRandom(p.name().hashCode());
        for (int rep = 0; rep < 500; rep++) {
            compareVec((VecKernel) a, (VecKernel) b, rng, rep);
        }
    }

    private static String name(Object k) {
        return ((VecKernel) k).name();
    }

    // same() and data() stand again in the paper plugin's SolveKernelTest: test classes are not shared between modules
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
    private static double[] data(FastRandom rng, int len, int rep) {
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

    private static void compareVec(VecKernel a, VecKernel b, FastRandom rng, int rep) {
        int n = a.length();
        int s = 1 + rep % 7;
        double[] x = data(rng, 3 * n + s * n, rep);
        double[] y = data(rng, 3 * n, rep + 1);
        int ox = rng.nextInt(2 * n + 1);
        int oy = rng.nextInt(2 * n + 1);
        same(b.dot(x, ox, y, oy), a.dot(x, ox, y, oy), "dot");
        same(b.dot(x, ox, x, ox), a.dot(x, ox, x, ox), "dot self");
        double[] w = java.util.Arrays.copyOfRange(x, ox, ox + n);
        double[] g = java.util.Arrays.copyOfRange(y, oy, oy + n);
        same(b.sqDist(w, g), a.sqDist(w, g), "sqDist");
        same(b.norm(x, ox), a.norm(x, ox), "norm");
        double step = rng.nextGaussian();
        double[] ta = y.clone();
        double[] tb = y.clone();
        a.subtractScaled(ta, oy, step, w);
        b.subtractScaled(tb, oy, step, w);
        same(tb, ta, "subtractScaled");
        double[] sa = new double[4 * n];
        double[] sb = new double[4 * n];
        a.scaleInto(x, ox, step, sa, oy);
        b.scaleInto(x, ox, step, sb, oy);
        same(sb, sa, "scaleInto");
        double[] lab = data(rng, s, rep);
        double[] ea = new double[s];
        double[] eb = new double[s];
        double[] da = new double[s];
        double[] db = new double[s];
        a.residuals(x, s, lab, w, ea, da);
        b.residuals(x, s, lab, w, eb, db);
        same(eb, ea, "residuals");
        same(db, da, "diag");
        double[] ya = new double[s];
        double[] yb = new double[s];
        double[] ga = new double[n];
        double[] gb = new double[n];
        a.labels(x, s, w, ya, ga);
        b.labels(x, s, w, yb, gb);
        same(yb, ya, "labels");
        same(gb, ga, "gate input");
    }

    // ---- the wide kernels ----

    static Stream<Arguments> wideShapes() {
        return Stream.of(Arguments.of(64, 8), Arguments.of(67, 9), Arguments.of(100, 13), Arguments.of(257, 30),
                Arguments.of(1000, 100));
    }

    /** The vector lanes auto mode picks here: 512-bit on AVX-512 machines, 256-bit on AVX2 ones. */
    static String vectorName() {
        return jdk.incubator.vector.DoubleVector.SPECIES_PREFERRED.length() >= 8 ? "vector" : "vector256";
    }

    /**
     * Both Vector API lanes (one 512-bit vector, two 256-bit ones) against the scalar lanes, bit for bit, every
     * method (skipped without the module; the 512-bit lanes only where the machine has them, emulated they are
     * very slow).
     */
    @ParameterizedTest(name = "d={0} s={1}")
    @MethodSource("wideShapes")
    void wideVectorEqualsWideScalar(int d, int s) {
        org.junit.jupiter.api.Assumptions.assumeTrue(Kernels.vectorApi(), "no Vector API in this JVM");
        assertEquals(vectorName(), Kernels.lanes(Mode.AUTO).name());
        wideVectorEqualsWideScalar(d, s, new VectorLanes256());
        if (VectorLanes.usable()) {
            wideVectorEqualsWideScalar(d, s, new VectorLanes());
        }
    }

    private void wideVectorEqualsWideScalar(int d, int s, WideVectors v) {
        Lanes sc = new ScalarLanes();
        FastRandom rng = new FastRandom(d * 31L + s);
        for (int rep = 0; rep < 6; rep++) {
            double[] x = data(rng, d * s + 16, rep);
            double[] w = data(rng, d + 16, rep + 1);
            for (int n : new int[] {0, 1, 7, 8, 9, 15, 16, 17, d}) {
                int o = rng.nextInt(8);
                same(sc.dot(x, o, w, o / 2, n), v.dotVector(x, o, w, o / 2, n), v.name() + " dot n=" + n);
                same(sc.dot(x, o, w, o / 2, n), v.dot(x, o, w, o / 2, n), "dot n=" + n + " (warm-up switch)");
                same(sc.sqDist(x, w, n), v.sqDist(x, w, n), "sqDist n=" + n);
            }
            double[] gv = new double[s * s];
            double[] gs = new double[s * s];
            for (int chunk : new int[] {WideVectors.CHUNK, 16}) { // the passes over the rows change no bit
                java.util.Arrays.fill(gv, Double.NaN);
                v.gramVector(x, d, s, gv, chunk);
                sc.gram(x, d, s, gs);
                for (int a = 0; a < s; a++) {
                    for (int b = 0; b <= a; b++) {
                        same(gs[a * s + b], gv[a * s + b], v.name() + " gram[" + a + "][" + b + "] in passes of "
                                + chunk + " rows");
                    }
                }
            }
            for (int a = 0; a < s; a++) {
                same(sc.dot(x, a * d, x, 0, d), gv[a * s], "gram entry = dot");
            }
            double[] c = data(rng, s, 2);
            double[] wv = w.clone();
            double[] ws = w.clone();
            same(sc.addCombination(x, d, s, c, ws), v.addCombination(x, d, s, c, wv), "moved");
            same(ws, wv, "w + Xc");
            double[] yv = new double[s];
            double[] ys = new double[s];
            double[] g1 = new double[d];
            double[] g2 = new double[d];
            v.labels(x, d, s, w, yv, g1);
            sc.labels(x, d, s, w, ys, g2);
            same(ys, yv, "labels");
            same(g2, g1, "gate input");
        }
    }

    /** The scalar lanes' Gram matrix (two entries a pass) holds exactly their dot products. */
    @ParameterizedTest(name = "d={0} s={1}")
    @MethodSource("wideShapes")
    void scalarGramEntriesAreTheDotProducts(int d, int s) {
        ScalarLanes sc = new ScalarLanes();
        FastRandom rng = new FastRandom(d * 17L + s);
        double[] x = data(rng, d * s, 1);
        double[] g = new double[s * s];
        double[] pairs = new double[s * s];
        double[] single = new double[s * s];
        sc.gram(x, d, s, g);
        sc.gramInPairs(x, d, s, pairs); // 32 vector registers
        sc.gramByEntries(x, d, s, single); // 16
        for (int a = 0; a < s; a++) {
            for (int b = 0; b <= a; b++) {
                same(sc.dot(x, a * d, x, b * d, d), g[a * s + b], "G[" + a + "][" + b + "]");
                same(sc.dot(x, a * d, x, b * d, d), pairs[a * s + b], "in pairs: G[" + a + "][" + b + "]");
                same(sc.dot(x, a * d, x, b * d, d), single[a * s + b], "one by one: G[" + a + "][" + b + "]");
            }
        }
    }

    /** The Gram kernel's choice follows the JVM's vector registers: 32 with eight-lane vectors, else 16. */
    @Test
    void theScalarGramPairsEntriesWhereRegistersAllow() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Kernels.vectorApi(), "no Vector API in this JVM");
        assertEquals(VectorLanes.usable(), ScalarLanes.Registers.MANY);
    }

    /**
     * The scalar lanes' squared distance and Gram matrix against {@link Lanes}' definition written as plainly as it
     * reads (term i into lane i mod 8 in an array, then the tree), for every length's remainder mod 8: the kernels
     * keep their lanes in locals, and a tail that put a term into the wrong lane would change bits here.
     */
    @Test
    void scalarLanesFollowTheLaneDefinitionForEveryRemainder() {
        ScalarLanes sc = new ScalarLanes();
        FastRandom rng = new FastRandom(2026);
        for (int n = 0; n <= 40; n++) {
            double[] a = data(rng, n + 1, n);
            double[] b = data(rng, n + 1, n + 1);
            double[] lanes = new double[8];
            for (int i = 0; i < n; i++) {
                double diff = a[i] - b[i];
                lanes[i % 8] = Math.fma(diff, diff, lanes[i % 8]);
            }
            same(Lanes.tree(lanes), sc.sqDist(a, b, n), "sqDist n=" + n);
        }
        for (int d = 64; d <= 72; d++) {
            int s = 5;
            double[] x = data(rng, d * s, d);
            double[] g = new double[s * s];
            sc.gram(x, d, s, g);
            for (int r = 0; r < s; r++) {
                for (int c = 0; c <= r; c++) {
                    double[] lanes = new double[8];
                    for (int i = 0; i < d; i++) {
                        lanes[i % 8] = Math.fma(x[r * d + i], x[c * d + i], lanes[i % 8]);
                    }
                    same(Lanes.tree(lanes), g[r * s + c], "gram d=" + d + " [" + r + "][" + c + "]");
                }
            }
        }
    }

    /** The wide vector kernels give the generic loops' results within rounding (another summation order). */
    @ParameterizedTest(name = "d={0} s={1}")
    @MethodSource("wideShapes")
    void wideAgreesWithGenericWithinRounding(int d, int s) {
        FastRandom rng = new FastRandom(d + 7L * s);
        for (Mode mode : new Mode[] {Mode.AUTO, Mode.SCALAR}) {
            VecKernel wv = Kernels.vec(d, mode);
            VecKernel gv = Kernels.vec(d, Mode.GENERIC);
            assertTrue(wv.name().startsWith("wide-"), wv.name());
            double[] x = data(rng, d * s, 1);
            double[] w = data(rng, d, 1);
            assertEquals(gv.dot(x, 0, w, 0), wv.dot(x, 0, w, 0), 1e-12 * d);
            assertEquals(gv.sqDist(x, w), wv.sqDist(x, w), 1e-12 * gv.sqDist(x, w));
        }
    }
}
