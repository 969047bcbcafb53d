package moecl.dnn.bench;

import java.util.SplittableRandom;

import moecl.rng.RandomSource;

/**
 * A {@link RandomSource} over {@link SplittableRandom} for the module's tests and {@link TorchCrossCheck} (the
 * engine's streams live in api).
 */
public final class SplittableRandomSource implements RandomSource {

    private final SplittableRandom random;
    private long draws;

    public SplittableRandomSource(long seed) {
        random = new SplittableRandom(seed);
    }

    @Override
    public double nextGaussian() {
        draws++;
        return gaussian(random);
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

    /** Marsaglia's polar method on {@code r}. */
    static double gaussian(SplittableRandom r) {
        double u;
        double v;
        double s;
        do {
            u = 2 * r.nextDouble() - 1;
            v = 2 * r.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * Math.sqrt(-2 * Math.log(s) / s);
    }

    /** A uniformly random permutation of {@code 0..n-1} (Fisher–Yates, one {@code nextInt} per position). */
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
