package moecl.paper;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import moecl.rng.FastRandom;
import moecl.rng.NumpyLegacyRandom;
import moecl.rng.RandomSource;
import moecl.task.LinearTask;

/**
 * {@link ClustersGenerator} against a plain transcription of the reference scripts' per-round steps (paper.md §1.1),
 * one draw at a time and one loop per step, bit for bit: the generator's written-out paths for the paper's shape
 * (r = 6, d = 10) and its general loops must both give exactly these tasks.
 */
class ClustersGeneratorTest {

    /** The scripts' round, step by step: noise directions, the signal column, the copied rows, the labels. */
    static LinearTask reference(ClustersGenerator.Shape sh, ClusterPool pool, int type, int round, RandomSource rng) {
        int d = sh.d();
        int r = sh.r();
        int s = sh.s();
        double[] x = new double[d * s];
        for (int j = 0; j < s; j++) {
            double norm = 0;
            for (int i = 0; i < r; i++) {
                x[j * d + i] = rng.nextGaussian();
                norm += x[j * d + i] * x[j * d + i];
            }
            double f = sh.noiseNorm() / Math.sqrt(norm);
            for (int i = 0; i < r; i++) {
                x[j * d + i] *= f;
            }
        }
        int star = rng.nextInt(s);
        for (int i = 0; i < d; i++) {
            x[star * d + i] = pool.signals()[type][i];
        }
        for (int j = r; j < d; j++) {
            double xi = rng.nextGaussian();
            double scale = (j - r == star ? sh.signalRowScale() : sh.tinyScale()) * xi;
            for (int c = 0; c < s; c++) {
                x[c * d + j] = x[c * d + j - r] * scale;
            }
        }
        double[] y = new double[s];
        double[] g = new double[d];
        for (int c = 0; c < s; c++) {
            for (int i = 0; i < d; i++) {
                y[c] += x[c * d + i] * pool.truths()[type][i];
                g[i] += x[c * d + i];
            }
        }
        return new LinearTask(round, type, d, s, x, y, g);
    }

    private static void same(double[] a, double[] b, String what) {
        assertEquals(a.length, b.length, what);
        for (int i = 0; i < a.length; i++) {
            assertEquals(Double.doubleToRawLongBits(a[i]), Double.doubleToRawLongBits(b[i]), what + "[" + i + "]");
        }
    }

    @Test
    void everyShapeGivesTheReferenceTasksBitForBit() {
        int[][] shapes = {{10, 6, 6}, {10, 6, 8}, {12, 6, 4}, {10, 4, 6}, {9, 5, 3}, {6, 6, 2}};
        for (int[] shp : shapes) {
            for (int variant = 0; variant < 4; variant++) {
                boolean numpy = (variant & 1) != 0;
                boolean reuse = variant >= 2; // the engine's array reuse: the same arrays, rewritten in full
                int d = shp[0];
                int r = shp[1];
                int s = shp[2];
                ClustersGenerator.Shape sh = new ClustersGenerator.Shape(d, r, s, 0.1, 0.01, 0.5);
                RandomSource poolRng = new FastRandom(5);
                int n = 4;
                double[][] w = new double[n][d];
                double[][] v = new double[n][d];
                for (int k = 0; k < n; k++) {
                    poolRng.fillGaussian(w[k], 0, d);
                    poolRng.fillGaussian(v[k], 0, d);
                }
                ClusterPool pool = new ClusterPool(w, v);
                int rounds = 200;
                int[] seq = new int[rounds];
                for (int t = 0; t < rounds; t++) {
                    seq[t] = poolRng.nextInt(n);
                }
                RandomSource a = numpy ? new NumpyLegacyRandom(9) : new FastRandom(9);
                RandomSource b = numpy ? new NumpyLegacyRandom(9) : new FastRandom(9);
                ClustersGenerator gen = new ClustersGenerator(sh, pool, seq, a);
                if (reuse) {
                    gen.reuseRoundArrays();
                }
                double[] firstX = null;
                for (int t = 0; t < rounds; t++) {
                    LinearTask got = (LinearTask) gen.next();
                    if (t == 0) {
                        firstX = got.x();
                    } else {
                        assertEquals(reuse, got.x() == firstX, "reuse " + reuse + ": X is the first round's array");
                    }
                    LinearTask want = reference(sh, pool, seq[t], t + 1, b);
                    String where = "shape " + d + "/" + r + "/" + s + (numpy ? " numpy" : " fast")
                            + (reuse ? " reused" : "") + " round " + (t + 1);
                    assertEquals(want.round(), got.round(), where);
                    assertEquals(want.type(), got.type(), where);
                    same(want.x(), got.x(), where + " X");
                    same(want.y(), got.y(), where + " y");
                    same(want.gateInput(), got.gateInput(), where + " gate input");
                }
                assertEquals(Double.doubleToRawLongBits(a.nextGaussian()), Double.doubleToRawLongBits(b.nextGaussian()),
                        "the streams end in the same state");
            }
        }
    }
}
