package moecl.paper;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.function.Function;

import org.junit.jupiter.api.Test;

import moecl.rng.FastRandom;
import moecl.rng.NumpyLegacyRandom;
import moecl.rng.RandomSource;
import moecl.task.LinearTask;
import moecl.task.ReusesRoundArrays;
import moecl.task.TaskGenerator;

/**
 * The {@code gaussian} and {@code definition1} generators hand out the same X, y and x̄ arrays every round once the
 * engine allows it, and the tasks are bit for bit those of a generator that makes fresh arrays (narrow and wide d,
 * with and without label noise, both random streams), the streams ending in the same state.
 */
class GeneratorArrayReuseTest {

    private static final int ROUNDS = 60;

    private static int[] sequence(int types) {
        RandomSource r = new FastRandom(3);
        int[] seq = new int[ROUNDS];
        for (int t = 0; t < ROUNDS; t++) {
            seq[t] = r.nextInt(types);
        }
        return seq;
    }

    private static double[][] vectors(int n, int d, long seed) {
        RandomSource r = new FastRandom(seed);
        double[][] v = new double[n][d];
        for (double[] row : v) {
            r.fillGaussian(row, 0, d);
        }
        return v;
    }

    private static void compare(Function<RandomSource, TaskGenerator> make, String what) {
        for (boolean numpy : new boolean[] {false, true}) {
            RandomSource a = numpy ? new NumpyLegacyRandom(11) : new FastRandom(11);
            RandomSource b = numpy ? new NumpyLegacyRandom(11) : new FastRandom(11);
            TaskGenerator fresh = make.apply(a);
            TaskGenerator reused = make.apply(b);
            ((ReusesRoundArrays) reused).reuseRoundArrays();
            LinearTask first = null;
            LinearTask previousFresh = null;
            for (int t = 1; t <= ROUNDS; t++) {
                String where = what + (numpy ? " numpy" : " fast") + " round " + t;
                LinearTask want = (LinearTask) fresh.next();
                LinearTask got = (LinearTask) reused.next();
                if (first == null) {
                    first = got;
                } else {
                    assertSame(first.x(), got.x(), where + ": X is reused");
                    assertSame(first.y(), got.y(), where + ": y is reused");
                    assertSame(first.gateInput(), got.gateInput(), where + ": x̄ is reused");
                    assertNotSame(previousFresh.x(), want.x(), where + ": without reuse X is fresh");
                }
                previousFresh = want;
                assertEquals(want.round(), got.round(), where);
                assertEquals(want.type(), got.type(), where);
                assertArrayEquals(bits(want.x()), bits(got.x()), where + " X");
                assertArrayEquals(bits(want.y()), bits(got.y()), where + " y");
                assertArrayEquals(bits(want.gateInput()), bits(got.gateInput()), where + " x̄");
            }
            assertEquals(Double.doubleToRawLongBits(a.nextGaussian()), Double.doubleToRawLongBits(b.nextGaussian()),
                    what + ": the streams end in the same state");
        }
    }

    private static long[] bits(double[] v) {
        long[] out = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Double.doubleToRawLongBits(v[i]);
        }
        return out;
    }

    @Test
    void gaussianTasksAreTheSameWithReusedArrays() {
        for (int[] ds : new int[][] {{10, 6}, {96, 12}, {500, 50}}) {
            int d = ds[0];
            int s = ds[1];
            double[][] truths = vectors(3, d, 5);
            int[] seq = sequence(3);
            for (double sigma : new double[] {0.0, 0.3}) {
                compare(rng -> new GaussianGenerator(d, s, sigma, truths, seq, rng),
                        "gaussian d=" + d + " s=" + s + " sigma=" + sigma);
            }
        }
    }

    @Test
    void definition1TasksAreTheSameWithReusedArrays() {
        for (int[] ds : new int[][] {{10, 6}, {72, 9}}) {
            int d = ds[0];
            int s = ds[1];
            ClusterPool pool = new ClusterPool(vectors(4, d, 7), vectors(4, d, 8));
            int[] seq = sequence(4);
            compare(rng -> new Definition1Generator(d, s, 2.0, 0.5, pool, seq, rng), "definition1 d=" + d + " s=" + s);
        }
    }
}
