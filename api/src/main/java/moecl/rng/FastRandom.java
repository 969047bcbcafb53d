package moecl.rng;

/**
 * A fast generator for everyday runs: xoshiro256** (Blackman and Vigna) seeded through SplitMix64, Gaussians by
 * the 128-layer ziggurat (Marsaglia and Tsang 2000, in Doornik's ZIGNOR form: one 64-bit draw per Gaussian in
 * 98.8% of cases), bounded integers by Lemire's nearly-divisionless method (unbiased).
 *
 * <p>Why not {@code java.util.Random}: its 48-bit LCG is weak and its Gaussian is synchronized-slow; why not
 * {@code SplittableRandom}: it has no Gaussian of its own and its algorithm is unspecified across releases. This
 * class pins the algorithm so a seed means the same numbers on every JDK.
 */
public final class FastRandom implements RandomSource {

    private long s0;
    private long s1;
    private long s2;
    private long s3;
    private long draws;

    private static final int LAYERS = 128;
    /** Right edge of the base layer, and the area of each layer (Doornik 2005, 128 layers). */
    private static final double R = 3.442619855899;
    private static final double V = 9.91256303526217e-3;
    private static final double[] X = new double[LAYERS + 1];
    private static final double[] RATIO = new double[LAYERS];

    static {
        // StrictMath: the tables, hence the numbers, are the same on every JVM
        double f = StrictMath.exp(-0.5 * R * R);
        X[0] = V / f;
        X[1] = R;
        X[LAYERS] = 0;
        for (int i = 2; i < LAYERS; i++) {
            X[i] = StrictMath.sqrt(-2 * StrictMath.log(V / X[i - 1] + f));
            f = StrictMath.exp(-0.5 * X[i] * X[i]);
        }
        for (int i = 0; i < LAYERS; i++) {
            RATIO[i] = X[i + 1] / X[i];
        }
    }

    public FastRandom(long seed) {
        long x = seed;
        s0 = Seeds.mix(x += 0x9E3779B97F4A7C15L);
        s1 = Seeds.mix(x += 0x9E3779B97F4A7C15L);
        s2 = Seeds.mix(x += 0x9E3779B97F4A7C15L);
        s3 = Seeds.mix(x + 0x9E3779B97F4A7C15L);
        if ((s0 | s1 | s2 | s3) == 0) {
            s0 = 1; // the all-zero state is the one fixed point of xoshiro
        }
    }

    public long nextLong() {
        long result = Long.rotateLeft(s1 * 5, 7) * 9;
        long t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = Long.rotateLeft(s3, 45);
        draws++;
        return result;
    }

    @Override
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    @Override
    public double nextGaussian() {
        while (true) {
            long bits = nextLong();
            int i = (int) (bits & (LAYERS - 1));
            double u = 2.0 * ((bits >>> 11) * 0x1.0p-53) - 1.0;
            if (Math.abs(u) < RATIO[i]) {
                return u * X[i]; // inside the rectangle: the common case
            }
            if (i == 0) {
                return tail(u < 0);
            }
            double x = u * X[i];
            double f0 = StrictMath.exp(-0.5 * (X[i] * X[i] - x * x));
            double f1 = StrictMath.exp(-0.5 * (X[i + 1] * X[i + 1] - x * x));
            if (f1 + nextDouble() * (f0 - f1) < 1.0) {
                return x;
            }
        }
    }

    /** Marsaglia's tail method beyond R. */
    private double tail(boolean negative) {
        double x;
        double y;
        do {
            x = StrictMath.log(1.0 - nextDouble()) / R;
            y = StrictMath.log(1.0 - nextDouble());
        } while (-2 * y < x * x);
        return negative ? x - R : R - x;
    }

    @Override
    public int nextInt(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("nextInt needs n >= 1, got " + n);
        }
        long m = (nextLong() >>> 32) * n;
        long low = m & 0xFFFFFFFFL;
        if (low < n) {
            long threshold = (0x1_0000_0000L - n) % n;
            while (low < threshold) {
                m = (nextLong() >>> 32) * n;
                low = m & 0xFFFFFFFFL;
            }
        }
        return (int) (m >>> 32);
    }

    @Override
    public long draws() {
        return draws;
    }
}
