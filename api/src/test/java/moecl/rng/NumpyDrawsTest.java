package moecl.rng;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * {@link NumpyLegacyRandom} against draws of numpy's {@code RandomState} written by
 * {@code src/test/resources/numpy/make_draws.py} (numpy 2.4.6). Every value must be bit-identical: integers and
 * {@code random_sample} (and {@code uniform}) are pure integer arithmetic plus exactly rounded operations, so
 * they must be bit-identical. Gaussians go through {@code log}: numpy calls glibc's {@code log}, the Java class
 * a port of glibc's log (GlibcLog), so Gaussians are asserted bit-identical too (with StrictMath.log 239 of 8252
 * differed by 1–2 ulp).
 */
class NumpyDrawsTest {

    @ParameterizedTest
    @ValueSource(longs = {0L, 1L, 42L, 4294967295L})
    void replaysNumpyDrawForDraw(long seed) throws IOException {
        NumpyLegacyRandom rng = new NumpyLegacyRandom(seed);
        int checked = 0;
        int gaussians = 0;
        int exactGaussians = 0;
        try (InputStream in = getClass().getResourceAsStream("/numpy/draws_" + seed + ".txt")) {
            assertTrue(in != null, "reference file for seed " + seed);
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int lineNo = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(" ");
                String op = f[0];
                long n = Long.parseLong(f[1]);
                String where = "seed " + seed + " line " + lineNo + " (" + line + ")";
                switch (op) {
                    case "randn" -> {
                        double expected = Double.parseDouble(f[2]);
                        double got = rng.nextGaussian();
                        long ulps = Math.abs(Double.doubleToLongBits(expected) - Double.doubleToLongBits(got));
                        assertTrue(ulps == 0,
                                where + ": got " + got + ", " + ulps + " ulp off");
                        gaussians++;
                        if (ulps == 0) {
                            exactGaussians++;
                        }
                    }
                    case "random_sample" -> assertEquals(Double.parseDouble(f[2]), rng.nextDouble(), 0.0, where);
                    case "uniform" -> assertEquals(Double.parseDouble(f[2]), rng.uniform(0, 0.3), 0.0, where);
                    case "randint" -> assertEquals(Integer.parseInt(f[2]), rng.nextInt((int) n), where);
                    default -> throw new AssertionError("unknown op " + op);
                }
                checked++;
            }
        }
        assertEquals(2870, checked);
        assertTrue(gaussians > 2000);
        // with the port of glibc's log (GlibcLog) every Gaussian is bit-identical to numpy's
        assertEquals(gaussians, exactGaussians, exactGaussians + " of " + gaussians + " exact");
    }

    @Test
    void firstWordsOfSeed5489MatchTheMt19937Reference() {
        // MT19937's reference output for init_genrand(5489): 3499211612, 581869302, 3890346734
        NumpyLegacyRandom rng = new NumpyLegacyRandom(5489);
        assertEquals(3499211612L, Integer.toUnsignedLong(rng.nextInt32()));
        assertEquals(581869302L, Integer.toUnsignedLong(rng.nextInt32()));
        assertEquals(3890346734L, Integer.toUnsignedLong(rng.nextInt32()));
        assertEquals(3, rng.draws());
    }

    @Test
    void randintOfOneConsumesNothing() {
        NumpyLegacyRandom rng = new NumpyLegacyRandom(7);
        assertEquals(0, rng.nextInt(1));
        assertEquals(0, rng.draws());
    }

    @Test
    void rejectsSeedsNumpyRejects() {
        assertThrows(IllegalArgumentException.class, () -> new NumpyLegacyRandom(-1));
        assertThrows(IllegalArgumentException.class, () -> new NumpyLegacyRandom(1L << 32));
        assertThrows(IllegalArgumentException.class, () -> new NumpyLegacyRandom(1).nextInt(0));
    }
}
