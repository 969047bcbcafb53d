package moecl.rng;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The whole random consumption of the Fig. 2 reference script (docs/paper.md section 8: pool, T = 2000 tasks, then
 * per round for M = 1, 5, 10, 20: 6 x randn(6), randint(0, 6), 4 x randn(1), uniform(0, 0.3, M)), checked against
 * SHA-256 digests of numpy's outputs in {@code numpy_legacy_fig2.txt}, section by section.
 */
class NumpyLegacyFig2Test {

    private static final int D = 10;
    private static final int R = 6;
    private static final int S = 6;
    private static final int N = 7;
    private static final int K = 3;
    private static final double LAMBDA = 0.3;
    private static final int T = 2000;
    private static final int[] MS = {1, 5, 10, 20};

    record Checkpoint(long seed, String section, String digest, int pos, boolean hasGauss, double gauss) {
    }

    @Test
    void fig2ConsumptionMatchesNumpyForAllSeeds() {
        List<Checkpoint> expected = new ArrayList<>();
        for (NumpyReferenceData.Line l : NumpyReferenceData.read("/rng/numpy_legacy_fig2.txt")) {
            String[] f = l.text().split(" ");
            expected.add(new Checkpoint(Long.parseLong(f[1]), f[2], f[3], Integer.parseInt(f[4]), "1".equals(f[5]),
                    Double.parseDouble(f[6])));
        }
        List<Long> seeds = expected.stream().map(Checkpoint::seed).distinct().toList();
        assertTrue(seeds.size() >= 5);
        for (long seed : seeds) {
            List<Checkpoint> actual = run(seed);
            List<Checkpoint> want = expected.stream().filter(c -> c.seed() == seed).toList();
            assertEquals(want, actual, "seed " + seed);
        }
    }

    private static List<Checkpoint> run(long seed) {
        NumpyLegacyRandom rng = new NumpyLegacyRandom(seed);
        MessageDigest md = NumpyReferenceData.sha256();
        ByteBuffer buf = ByteBuffer.allocate(8);
        List<Checkpoint> out = new ArrayList<>();
        double[] col = new double[R];
        for (int n = 0; n < N; n++) { // K centres, then members K..N-1: the same call randn(r)
            rng.fillGaussian(col, 0, R);
            for (double v : col) {
                NumpyReferenceData.putDouble(md, buf, v);
            }
        }
        out.add(checkpoint(seed, "pool", md, rng));
        for (int t = 0; t < T; t++) {
            NumpyReferenceData.putLong(md, buf, rng.nextInt(N));
        }
        out.add(checkpoint(seed, "tasks", md, rng));
        for (int m : MS) {
            for (int t = 0; t < T; t++) {
                for (int j = 0; j < S; j++) {
                    rng.fillGaussian(col, 0, R);
                    for (double v : col) {
                        NumpyReferenceData.putDouble(md, buf, v);
                    }
                }
                NumpyReferenceData.putLong(md, buf, rng.nextInt(S));
                for (int j = 0; j < D - R; j++) {
                    NumpyReferenceData.putDouble(md, buf, rng.nextGaussian());
                }
                for (int j = 0; j < m; j++) {
                    NumpyReferenceData.putDouble(md, buf, rng.uniform(0.0, LAMBDA));
                }
            }
            out.add(checkpoint(seed, "M=" + m, md, rng));
        }
        return out;
    }

    private static Checkpoint checkpoint(long seed, String section, MessageDigest md, NumpyLegacyRandom rng) {
        return new Checkpoint(seed, section, NumpyReferenceData.hex(md), rng.position(), rng.hasCachedGaussian(),
                rng.cachedGaussian());
    }
}
