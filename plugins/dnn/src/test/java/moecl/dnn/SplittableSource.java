package moecl.dnn;

import java.util.SplittableRandom;

import moecl.rng.RandomSource;

/** A test-only {@link RandomSource} over {@link SplittableRandom} (the project's real streams live elsewhere). */
public final class SplittableSource implements RandomSource {

    private final SplittableRandom random;
    private long draws;

    public SplittableSource(long seed) {
        this.random = new SplittableRandom(seed);
    }

    @Override
    public double nextGaussian() {
        draws++;
        double u;
        double v;
        double s;
        do {
            u = 2 * random.nextDouble() - 1;
            v = 2 * random.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * Math.sqrt(-2 * Math.log(s) / s);
    }

    @Override
    public double nextDouble() {
        draws++;
        return random.nextDouble();
    }

    @Override
    public int nextInt(int n) {
        draws++;
        return random.nextInt(n);
    }

    @Override
    public long draws() {
        return draws;
    }

    /** A uniformly random permutation of {@code 0..n-1} (Fisher–Yates). */
    public int[] permutation(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** {@code n} standard normal values. */
    public double[] gaussians(int n) {
        double[] out = new double[n];
        fillGaussian(out, 0, n);
        return out;
    }
}
