package moecl.script;

import org.graalvm.polyglot.HostAccess;

import moecl.rng.RandomSource;

/** A seeded random stream for a script plugin: {@code normal()}, {@code uniform()}, {@code int(n)}. */
public final class RandomView {
    private final RandomSource r;

    RandomView(RandomSource r) {
        this.r = r;
    }

    @HostAccess.Export
    public double normal() {
        return r.nextGaussian();
    }

    @HostAccess.Export
    public double uniform() {
        return r.nextDouble();
    }

    @HostAccess.Export
    public int integer(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("random.integer(n) needs n >= 1, got " + n);
        }
        return r.nextInt(n);
    }
}
