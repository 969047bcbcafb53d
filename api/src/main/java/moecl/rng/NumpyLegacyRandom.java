package moecl.rng;

/**
 * numpy's legacy global generator, {@code numpy.random.RandomState(seed)} for an integer seed, draw for draw and
 * bit for bit.
 *
 * <p><b>Why.</b> The authors' reference scripts call {@code np.random.seed(S)} once and then draw everything
 * (ground-truth pool, task sequence, features, router noise) from that one global stream. Replaying a published
 * run number for number ({@code rng = numpy-legacy}, docs/paper.md section 8) needs the same values <em>and</em>
 * the same consumption: one extra or missing 32-bit word shifts every later draw. Everything below was checked
 * against numpy 2.4 by {@code api/src/test/resources/rng/make_numpy_reference.py}, which also asserts the
 * behavioural facts listed here, and the committed data it produced.
 *
 * <ul>
 *   <li><b>Seeding</b> ({@link #NumpyLegacyRandom(long)}, {@link #seed(long)}): an integer seed in
 *       [0, 2^32 - 1] goes through MT19937's {@code init_genrand} (so seed 5489 yields 3499211612 first); the
 *       position is set to 624, i.e. the first draw regenerates the state block; the Box&ndash;Muller cache is
 *       emptied. Other seeds are rejected, as numpy rejects them with {@code ValueError}.</li>
 *   <li><b>{@link #nextDouble()}</b> = {@code random_sample()}: two words a, b; {@code (a>>>5) * 2^26 + (b>>>6)}
 *       divided by 2^53.</li>
 *   <li><b>{@link #nextGaussian()}</b> = {@code randn()} / {@code standard_normal()} (numpy's
 *       {@code legacy_gauss}): the polar method on {@code x = 2 random_sample() - 1} pairs, rejecting
 *       {@code r2 >= 1} and {@code r2 == 0}; with {@code f = sqrt(-2 log(r2) / r2)} it returns {@code f x2} and
 *       caches {@code f x1} for the next normal. The cache survives every other kind of call (random_sample,
 *       randint, uniform, raw words): a normal drawn after them is the cached one. {@code log} is glibc's, see
 *       {@link GlibcLog}.</li>
 *   <li><b>{@link #nextInt(int)}</b> = {@code randint(0, n)} and <b>{@link #randint(long, long)}</b> =
 *       {@code randint(low, high)} with the default dtype (int64): with {@code rng = high - 1 - low}, nothing is
 *       drawn when {@code rng == 0}; if {@code rng <= 2^32 - 1}, 32-bit words are masked with the smallest
 *       {@code 2^k - 1 >= rng} and redrawn while {@code > rng} (one word when {@code rng == 2^32 - 1}); larger
 *       ranges do the same with 64-bit values {@code (w1 << 32) | w2}.</li>
 *   <li><b>Scalar vs array calls</b>: {@code randint(0, n)} called k times and {@code randint(0, n, size=k)}
 *       give the same values and consume the same words; likewise {@code randn}, {@code random_sample} and
 *       {@code uniform}. So an array call is simply k calls here.</li>
 *   <li><b>{@link #uniform(double, double)}</b> = {@code uniform(a, b)}: {@code a + (b - a) * random_sample()},
 *       with no fused multiply-add.</li>
 * </ul>
 *
 * <p>{@link #draws()} counts 32-bit words consumed since the last seeding. Not thread-safe. All hot methods are
 * allocation-free.
 */
public final class NumpyLegacyRandom implements RandomSource {

    /** The largest seed numpy accepts for an integer seed. */
    public static final long MAX_SEED = 0xFFFF_FFFFL;

    private static final int N = 624;
    private static final int M = 397;
    private static final int MATRIX_A = 0x9908b0df;
    private static final int UPPER_MASK = 0x80000000;
    private static final int LOWER_MASK = 0x7fffffff;

    private final int[] mt = new int[N];
    private int pos;
    private boolean hasGauss;
    private double gauss;
    private long draws;

    /**
     * The state of {@code numpy.random.RandomState(seed)}.
     *
     * @param seed in [0, 2^32 - 1]
     * @throws IllegalArgumentException for any other seed (numpy raises ValueError)
     */
    public NumpyLegacyRandom(long seed) {
        seed(seed);
    }

    private NumpyLegacyRandom(NumpyLegacyRandom other) {
        System.arraycopy(other.mt, 0, mt, 0, N);
        pos = other.pos;
        hasGauss = other.hasGauss;
        gauss = other.gauss;
        draws = other.draws;
    }

    /**
     * Reseeds in place, like {@code np.random.seed(seed)}: MT19937 {@code init_genrand}, position 624, empty
     * normal cache, and {@link #draws()} back to 0.
     *
     * @param seed in [0, 2^32 - 1]
     * @throws IllegalArgumentException for any other seed
     */
    public void seed(long seed) {
        if (seed < 0 || seed > MAX_SEED) {
            throw new IllegalArgumentException(
                    "numpy legacy seed must be between 0 and 2**32 - 1 (4294967295), got " + seed);
        }
        int s = (int) seed;
        mt[0] = s;
        for (int i = 1; i < N; i++) {
            s = 1812433253 * (s ^ (s >>> 30)) + i;
            mt[i] = s;
        }
        pos = N;
        hasGauss = false;
        gauss = 0.0;
        draws = 0;
    }

    /**
     * An independent copy with the same state (including the cached normal and the draw count), e.g. to look
     * ahead without consuming.
     *
     * @return the copy
     */
    public NumpyLegacyRandom copy() {
        return new NumpyLegacyRandom(this);
    }

    private void regenerate() {
        final int[] mt = this.mt;
        int kk = 0;
        int y;
        for (; kk < N - M; kk++) {
            y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
            mt[kk] = mt[kk + M] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
        }
        for (; kk < N - 1; kk++) {
            y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
            mt[kk] = mt[kk + (M - N)] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
        }
        y = (mt[N - 1] & UPPER_MASK) | (mt[0] & LOWER_MASK);
        mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
        pos = 0;
    }

    /**
     * The next raw 32-bit MT19937 output (numpy's {@code next_uint32}, {@code bit_generator.random_raw()}).
     * The bits are those of the unsigned value; use {@link Integer#toUnsignedLong(int)} to read it as a number.
     *
     * @return 32 random bits
     */
    public int nextInt32() {
        if (pos >= N) {
            regenerate();
        }
        int y = mt[pos++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        draws++;
        return y;
    }

    /** {@code random_sample()}: 53 random bits from two words, uniform on [0, 1). */
    @Override
    public double nextDouble() {
        int a = nextInt32() >>> 5;
        int b = nextInt32() >>> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    /**
     * {@code randn()}: numpy's legacy polar Box&ndash;Muller, with its one-value cache (see the class comment).
     * Draws 4 words per attempt on every second call, none on the others.
     */
    @Override
    public double nextGaussian() {
        if (hasGauss) {
            hasGauss = false;
            double g = gauss;
            gauss = 0.0;
            return g;
        }
        double x1;
        double x2;
        double r2;
        do {
            x1 = 2.0 * nextDouble() - 1.0;
            x2 = 2.0 * nextDouble() - 1.0;
            r2 = x1 * x1 + x2 * x2;
        } while (r2 >= 1.0 || r2 == 0.0);
        double f = Math.sqrt(-2.0 * GlibcLog.log(r2) / r2); // sqrt is correctly rounded in C and Java alike
        gauss = f * x1;
        hasGauss = true;
        return f * x2;
    }

    /**
     * {@code randint(0, n)} for the legacy generator: masked rejection on 32-bit words; {@code n == 1} returns 0
     * without drawing.
     *
     * @param n the exclusive upper bound, at least 1
     * @throws IllegalArgumentException if {@code n < 1} (numpy raises ValueError: "high &lt;= low")
     */
    @Override
    public int nextInt(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("nextInt bound must be at least 1, got " + n);
        }
        int rng = n - 1;
        if (rng == 0) {
            return 0;
        }
        int mask = -1 >>> Integer.numberOfLeadingZeros(rng);
        int v;
        do {
            v = nextInt32() & mask;
        } while (v > rng); // rng < 2^31 and mask < 2^31, so a signed comparison is exact
        return v;
    }

    /**
     * {@code randint(low, high)} with numpy's default integer dtype (int64), for any {@code low < high}:
     * the same draws as the scalar or array call in numpy (see the class comment for the word consumption).
     *
     * @param low  inclusive lower bound
     * @param high exclusive upper bound
     * @return a value in [low, high)
     * @throws IllegalArgumentException if {@code low >= high}
     */
    public long randint(long low, long high) {
        if (low >= high) {
            throw new IllegalArgumentException("randint needs low < high, got low=" + low + " high=" + high);
        }
        long rng = high - 1 - low; // as an unsigned 64-bit number
        if (rng == 0) {
            return low;
        }
        if (Long.compareUnsigned(rng, 0xFFFF_FFFFL) <= 0) {
            if (rng == 0xFFFF_FFFFL) {
                return low + Integer.toUnsignedLong(nextInt32());
            }
            long mask = -1L >>> Long.numberOfLeadingZeros(rng);
            long v;
            do {
                v = Integer.toUnsignedLong(nextInt32()) & mask;
            } while (v > rng);
            return low + v;
        }
        if (rng == -1L) {
            return low + nextInt64();
        }
        long mask = -1L >>> Long.numberOfLeadingZeros(rng);
        long v;
        do {
            v = nextInt64() & mask;
        } while (Long.compareUnsigned(v, rng) > 0);
        return low + v;
    }

    /** numpy's {@code next_uint64} for MT19937: the first word is the high half. */
    private long nextInt64() {
        long hi = Integer.toUnsignedLong(nextInt32());
        return (hi << 32) | Integer.toUnsignedLong(nextInt32());
    }

    /** {@code uniform(a, b)}: {@code a + (b - a) * random_sample()}, evaluated exactly as numpy does. */
    @Override
    public double uniform(double a, double b) {
        double range = b - a;
        return a + range * nextDouble();
    }

    /** 32-bit words consumed since the last seeding. */
    @Override
    public long draws() {
        return draws;
    }

    /**
     * Whether a second normal is cached, so that the next {@link #nextGaussian()} draws nothing.
     *
     * @return numpy's {@code has_gauss}
     */
    public boolean hasCachedGaussian() {
        return hasGauss;
    }

    /** numpy's {@code get_state()[2]}: position in the 624-word block (624 right after seeding). */
    int position() {
        return pos;
    }

    /** numpy's {@code get_state()[4]}: the cached normal, 0.0 when there is none. */
    double cachedGaussian() {
        return gauss;
    }
}
