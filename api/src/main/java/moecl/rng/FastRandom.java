package moecl.rng;

/**
 * A fast generator for everyday runs: xoshiro256** (Blackman and Vigna) seeded through SplitMix64, Gaussians by
 * the polar method, bounded integers by Lemire's nearly-divisionless method (unbiased).
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
    private boolean hasGauss;
    private double gauss;
    private long draws;

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
        double f = Math.sqrt(-2.0 * Math.log(r2) / r2);
        gauss = f * x1;
        hasGauss = true;
        return f * x2;
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
