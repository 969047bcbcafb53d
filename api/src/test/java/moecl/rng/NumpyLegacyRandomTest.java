package moecl.rng;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Behaviour of {@link NumpyLegacyRandom} that the numpy reference files do not pin down by themselves. */
class NumpyLegacyRandomTest {

    @Test
    void initGenrandMatchesTheMt19937ReferenceOutputs() {
        // Matsumoto & Nishimura's mt19937ar.c with init_genrand(5489): the published first outputs.
        NumpyLegacyRandom r = new NumpyLegacyRandom(5489);
        long[] expected = {3499211612L, 581869302L, 3890346734L, 3586334585L, 545404204L};
        for (long e : expected) {
            assertEquals(e, Integer.toUnsignedLong(r.nextInt32()));
        }
        assertEquals(5, r.draws());
    }

    @Test
    void acceptsExactlyNumpysSeedRange() {
        new NumpyLegacyRandom(0);
        new NumpyLegacyRandom(NumpyLegacyRandom.MAX_SEED);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new NumpyLegacyRandom(-1));
        assertTrue(e.getMessage().contains("between 0 and 2**32 - 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new NumpyLegacyRandom(1L << 32));
        assertThrows(IllegalArgumentException.class, () -> new NumpyLegacyRandom(Long.MIN_VALUE));
    }

    @Test
    void firstNormalForSeed42IsNumpys() {
        // np.random.seed(42); np.random.randn() -> 0.4967141530112327 (the value every numpy user has seen)
        assertEquals(0.4967141530112327, new NumpyLegacyRandom(42).nextGaussian());
    }

    @Test
    void reseedingResetsEverythingIncludingTheNormalCache() {
        NumpyLegacyRandom r = new NumpyLegacyRandom(7);
        double first = r.nextGaussian();
        assertTrue(r.hasCachedGaussian());
        r.nextDouble();
        r.seed(7);
        assertFalse(r.hasCachedGaussian());
        assertEquals(0, r.draws());
        assertEquals(624, r.position());
        assertEquals(first, r.nextGaussian());
    }

    @Test
    void normalCacheSurvivesOtherCallsAndCostsNoDraws() {
        NumpyLegacyRandom a = new NumpyLegacyRandom(11);
        NumpyLegacyRandom b = new NumpyLegacyRandom(11);
        a.nextGaussian();
        b.nextGaussian();
        double cached = b.nextGaussian();
        a.nextDouble();
        a.nextInt(6);
        a.uniform(0, 0.3);
        long before = a.draws();
        assertEquals(cached, a.nextGaussian());
        assertEquals(before, a.draws());
    }

    @Test
    void copyIsIndependentAndIdentical() {
        NumpyLegacyRandom a = new NumpyLegacyRandom(3);
        a.nextGaussian();
        NumpyLegacyRandom b = a.copy();
        assertEquals(a.draws(), b.draws());
        for (int i = 0; i < 1000; i++) {
            assertEquals(Double.doubleToRawLongBits(a.nextGaussian()), Double.doubleToRawLongBits(b.nextGaussian()));
        }
        b.nextInt32();
        assertEquals(a.draws() + 1, b.draws());
    }

    @Test
    void boundsOfOneDrawNothing() {
        NumpyLegacyRandom r = new NumpyLegacyRandom(1);
        assertEquals(0, r.nextInt(1));
        assertEquals(-4, r.randint(-4, -3));
        assertEquals(0, r.draws());
    }

    @Test
    void nextIntAndRandintAgreeAndStayInRange() {
        NumpyLegacyRandom a = new NumpyLegacyRandom(99);
        NumpyLegacyRandom b = new NumpyLegacyRandom(99);
        for (int n : new int[] {2, 3, 5, 6, 7, 8, 30, 100, 1 << 20, Integer.MAX_VALUE}) {
            for (int i = 0; i < 200; i++) {
                int v = a.nextInt(n);
                assertEquals(v, b.randint(0, n));
                assertTrue(v >= 0 && v < n);
            }
        }
        assertEquals(a.draws(), b.draws());
    }

    @Test
    void randintCoversTheWholeInt64Range() {
        NumpyLegacyRandom r = new NumpyLegacyRandom(5);
        long before = r.draws();
        r.randint(Long.MIN_VALUE, Long.MAX_VALUE); // range 2^64 - 2: masked 64-bit draws
        assertTrue((r.draws() - before) % 2 == 0);
        for (int i = 0; i < 100; i++) {
            long v = r.randint(-10, 10);
            assertTrue(v >= -10 && v < 10);
        }
    }

    @Test
    void rejectsEmptyRanges() {
        NumpyLegacyRandom r = new NumpyLegacyRandom(5);
        assertThrows(IllegalArgumentException.class, () -> r.nextInt(0));
        assertThrows(IllegalArgumentException.class, () -> r.nextInt(-3));
        assertThrows(IllegalArgumentException.class, () -> r.randint(3, 3));
        assertEquals(0, r.draws());
    }

    @Test
    void nextDoubleUsesTwoWordsAnd53Bits() {
        NumpyLegacyRandom a = new NumpyLegacyRandom(8);
        NumpyLegacyRandom b = new NumpyLegacyRandom(8);
        for (int i = 0; i < 100; i++) {
            long hi = Integer.toUnsignedLong(b.nextInt32()) >>> 5;
            long lo = Integer.toUnsignedLong(b.nextInt32()) >>> 6;
            assertEquals(((hi << 26) | lo) * 0x1p-53, a.nextDouble());
        }
        assertEquals(200, a.draws());
    }
}
