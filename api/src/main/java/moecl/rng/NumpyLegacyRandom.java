package moecl.rng;

/**
 * numpy's legacy global generator, {@code numpy.random.RandomState(seed)}, draw for draw: MT19937 seeded with
 * {@code init_genrand}, {@code random_sample} from two 32-bit words (53 bits), {@code randn} by the polar
 * Box–Muller method with the second value cached, {@code randint(0, n)} by masked rejection sampling on 32-bit
 * words, {@code uniform(a, b)} as {@code a + (b − a)·random_sample()}.
 *
 * <p>Why: the authors' scripts draw everything from {@code np.random} after {@code np.random.seed(S)}; consuming
 * the same stream in the same order replays their published runs number for number (paper.md §8).
 *
 * <p>Logarithms use {@link StrictMath} (fdlibm) so that Gaussian draws agree with C's {@code log} to the last
 * bit in practice and do not depend on the JIT.
 */
public final class NumpyLegacyRandom implements RandomSource {

    private static final int N = 624;
    private static final int M = 397;

    private final int[] mt = new int[N];
    private int pos;
    private boolean hasGauss;
    private double gauss;
    private long draws;

    /** {@code RandomState(seed)}; numpy accepts integer seeds in {@code 0 .. 2^32 − 1}. */
    public NumpyLegacyRandom(long seed) {
        if (seed < 0 || seed > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("numpy-legacy seeds must be in 0..4294967295, got " + seed);
        }
        int s = (int) seed;
        for (int i = 0; i < N; i++) {
            mt[i] = s;
            s = 1812433253 * (s ^ (s >>> 30)) + i + 1;
        }
        pos = N;
    }

    private void reload() {
        int i = 0;
        for (; i < N - M; i++) {
            int y = (mt[i] & 0x80000000) | (mt[i + 1] & 0x7fffffff);
            mt[i] = mt[i + M] ^ (y >>> 1) ^ (-(y & 1) & 0x9908b0df);
        }
        for (; i < N - 1; i++) {
            int y = (mt[i] & 0x80000000) | (mt[i + 1] & 0x7fffffff);
            mt[i] = mt[i + (M - N)] ^ (y >>> 1) ^ (-(y & 1) & 0x9908b0df);
        }
        int y = (mt[N - 1] & 0x80000000) | (mt[0] & 0x7fffffff);
        mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ (-(y & 1) & 0x9908b0df);
        pos = 0;
    }

    /** The next 32-bit word, unsigned in a long. */
    public long nextUint32() {
        if (pos == N) {
            reload();
        }
        int y = mt[pos++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        draws++;
        return y & 0xFFFFFFFFL;
    }

    @Override
    public double nextDouble() {
        long a = nextUint32() >>> 5;
        long b = nextUint32() >>> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    @Override
    public double nextGaussian() {
        if (hasGauss) {
            hasGauss = false;
            return gauss;
        }
        double x1;
        double x2;
        double r2;
        do {
            x1 = 2.0 * nextDouble() - 1.0;
            x2 = 2.0 * nextDouble() - 1.0;
            r2 = x1 * x1 + x2 * x2;
        } while (r2 >= 1.0 || r2 == 0.0);
        double f = StrictMath.sqrt(-2.0 * StrictMath.log(r2) / r2);
        gauss = f * x1;
        hasGauss = true;
        return f * x2;
    }

    /** {@code randint(0, n)}: masked rejection sampling on 32-bit words; no draw when {@code n == 1}. */
    @Override
    public int nextInt(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("randint needs n >= 1, got " + n);
        }
        long rng = n - 1L;
        if (rng == 0) {
            return 0;
        }
        long mask = rng;
        mask |= mask >>> 1;
        mask |= mask >>> 2;
        mask |= mask >>> 4;
        mask |= mask >>> 8;
        mask |= mask >>> 16;
        long v;
        do {
            v = nextUint32() & mask;
        } while (v > rng);
        return (int) v;
    }

    @Override
    public long draws() {
        return draws;
    }
}
