package moecl.linalg.kernels;

/**
 * What the two Vector API lanes ({@link VectorLanes}: one 512-bit vector, {@link VectorLanes256}: two 256-bit ones)
 * share: their warm-up and the switch from the scalar lanes to the vectors. Both give {@link ScalarLanes}' bits.
 *
 * <p>Until C2 has compiled it, Vector API code runs interpreted or in C1 code that allocates every vector, a hundred
 * times slower than scalar code: the first call of the Gram kernel at d = 500, s = 50 took most of a second that
 * way, and the first hundred rounds of such a run were slower than the whole rest. So the first vector lanes of a
 * class made in a JVM start a daemon thread, which calls that class's vector kernels {@value #WARM_UP_CALLS} times
 * on a tiny problem (d = 36, s = 5, passes of 16 rows: every loop and branch of the large case, a few hundred vector
 * operations a call; the JIT's thresholds count calls and loop iterations, not data) and then lets {@link #gram} and
 * {@link #dot} switch from the scalar lanes to the vectors. Both give the same bits, so when the switch happens
 * changes no result.
 */
abstract sealed class WideVectors extends ScalarLanes permits VectorLanes, VectorLanes256 {

    /** Calls of each vector kernel in the warm-up. */
    static final int WARM_UP_CALLS = 3000;
    /** Rows per pass of the Gram kernels over the columns: a pass's column pieces (2 KB each) stay in the caches. */
    static final int CHUNK = 256;

    /** A vector class's warm-up: whether it started, whether it is done. One per class. */
    static final class WarmUp {
        private volatile boolean ready;
        private final java.util.concurrent.atomic.AtomicBoolean started =
                new java.util.concurrent.atomic.AtomicBoolean();

        /** Whether the vectors have taken over from the scalar lanes. */
        boolean ready() {
            return ready;
        }
    }

    private final WarmUp warm;
    /** Lane scratch for {@link #dot}'s tail. */
    final double[] lanes = new double[8];

    /** @param fresh makes another instance of the class, for the warm-up thread's own use */
    WideVectors(WarmUp warm, java.util.function.Supplier<WideVectors> fresh) {
        this.warm = warm;
        if (warm.started.compareAndSet(false, true)) {
            Thread t = new Thread(() -> warmUp(fresh.get(), warm), "moecl-kernels-warm-up");
            t.setDaemon(true);
            t.start();
        }
    }

    private static void warmUp(WideVectors v, WarmUp warm) {
        int d = 36;
        int s = 5;
        double[] x = new double[d * s];
        for (int i = 0; i < x.length; i++) {
            x[i] = ((i * 7919) % 101 - 50) / 50.0;
        }
        double[] g = new double[s * s];
        double sink = 0;
        for (int k = 0; k < WARM_UP_CALLS; k++) {
            v.gramVector(x, d, s, g, 16);
            sink += v.dotVector(x, k & 7, x, d, 20 + (k & 7));
        }
        warm.ready = sink == sink || g[0] == 0; // (always true: keeps the calls' results alive)
    }

    /** {@link Lanes#gram} on the vectors, in passes of {@code chunk} rows (a multiple of 8). */
    abstract void gramVector(double[] x, int d, int s, double[] g, int chunk);

    /** {@link Lanes#dot} on the vectors. */
    abstract double dotVector(double[] a, int oa, double[] b, int ob, int n);

    @Override
    public final void gram(double[] x, int d, int s, double[] g) {
        if (warm.ready) {
            gramVector(x, d, s, g, CHUNK);
        } else {
            super.gram(x, d, s, g);
        }
    }

    @Override
    public final double dot(double[] a, int oa, double[] b, int ob, int n) {
        if (n < 16 || !warm.ready) {
            return super.dot(a, oa, b, ob, n);
        }
        return dotVector(a, oa, b, ob, n);
    }
}
