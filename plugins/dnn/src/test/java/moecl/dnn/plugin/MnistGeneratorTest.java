package moecl.dnn.plugin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import moecl.dnn.data.IdxImages;
import moecl.dnn.data.IdxLabels;
import moecl.dnn.data.MnistSplit;
import moecl.plugin.Registry;
import moecl.plugin.PluginKind;

class MnistGeneratorTest {

    @TempDir
    static Path tmp;
    static Path tiny;

    @BeforeAll
    static void writeTiny() {
        tiny = Fixtures.tinyMnist(tmp, 2200);
    }

    static MnistGenerator generator(String args, long seed, int rounds) {
        String spec = "mnist(data=" + Fixtures.quoted(tiny) + (args.isEmpty() ? "" : ", " + args) + ")";
        return (MnistGenerator) Fixtures.build(new MnistFactory(), spec, Fixtures.context(1, rounds, seed));
    }

    @Test
    void registeredThroughServiceLoader() {
        Registry r = Registry.standard();
        assertTrue(r.find(PluginKind.GENERATOR, "mnist").isPresent());
        assertTrue(r.find(PluginKind.EXPERT, "lenet").isPresent());
        assertTrue(r.find(PluginKind.EXPERT, "mlp").isPresent());
    }

    @Test
    void slicesFollowTheReferenceIncludingTheWrap() {
        MnistGenerator g = generator("", 3, 10);
        MnistWorld w = g.world();
        int[] perm = w.permutation();
        assertEquals(2200, perm.length);
        assertEquals(Set.copyOf(IntStream.range(0, 2200).boxed().toList()),
                new HashSet<>(Arrays.stream(perm).boxed().toList()), "a permutation");
        // one-vs-rest: every type uses the whole permutation
        for (int type = 0; type < 3; type++) {
            MnistWorld.Slice s0 = w.slice(type, 0);
            assertArrayEquals(Arrays.copyOfRange(perm, 0, 100), s0.trainIndices());
            assertArrayEquals(Arrays.copyOfRange(perm, 100, 1100), s0.testIndices());
            MnistWorld.Slice s1 = w.slice(type, 1);
            assertArrayEquals(Arrays.copyOfRange(perm, 1100, 1200), s1.trainIndices());
            assertArrayEquals(Arrays.copyOfRange(perm, 1200, 2200), s1.testIndices());
            // k = 2: 2200 + 1100 > 2200, wraps by n - test = 1200 to 1000
            MnistWorld.Slice s2 = w.slice(type, 2);
            assertEquals(1000, s2.start());
            assertArrayEquals(Arrays.copyOfRange(perm, 1000, 1100), s2.trainIndices());
            assertArrayEquals(Arrays.copyOfRange(perm, 1100, 2100), s2.testIndices());
        }
    }

    @Test
    void wrapIsMinus59000OnSixtyThousandImages() {
        int n = 60_000;
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (byte) (i % 10);
        }
        MnistSplit split = new MnistSplit(new IdxImages(n, 1, 1, new byte[n]), new IdxLabels(labels));
        int[] perm = IntStream.range(0, n).toArray();
        MnistWorld w = new MnistWorld(split, perm, new int[][] {null}, new int[][] {{1}}, 100, 1000,
                MnistWorld.Slices.PER_EXPERT, MnistWorld.Features.MEAN);
        assertEquals(0, w.start(0, 0));
        assertEquals(1100, w.start(0, 1));
        assertEquals(53 * 1100, w.start(0, 53));       // 58300 + 1100 <= 60000
        assertEquals(54 * 1100 - 59000, w.start(0, 54)); // 59400 wraps to 400
        assertEquals(59 * 1100 - 59000, w.start(0, 59));
        assertEquals(108 * 1100 - 2 * 59000, w.start(0, 108));
        MnistWorld.Slice s = w.slice(0, 54);
        assertArrayEquals(IntStream.range(400, 500).toArray(), s.trainIndices());
        assertArrayEquals(IntStream.range(500, 1500).toArray(), s.testIndices());
    }

    @Test
    void perExpertSlicesFollowTheExpertsCountPerArrivalTheRound() {
        MnistGenerator g = generator("", 3, 10);
        MnistTask t = (MnistTask) g.next();
        t = (MnistTask) g.next();
        assertEquals(2, t.round());
        assertEquals(0, t.slice(0).start());
        assertEquals(1100, t.slice(1).start());
        MnistGenerator a = generator("slices=per-arrival", 3, 10);
        a.next();
        MnistTask u = (MnistTask) a.next();
        assertEquals(1100, u.slice(0).start());
        assertEquals(1100, u.slice(5).start());
    }

    @Test
    void referenceFeaturesAreFrobeniusNormalisedThenShifted() {
        MnistGenerator g = generator("digits=[1,4,7,2]", 5, 10);
        MnistWorld w = g.world();
        int[] train = Arrays.copyOfRange(w.permutation(), 0, 100);
        int[] digits = {1, 4, 7, 2};
        double[][] sums = new double[4][784];
        double frob = 0;
        for (int t = 0; t < 4; t++) {
            for (int i : train) {
                if (Fixtures.label(i) == digits[t]) {
                    for (int p = 0; p < 784; p++) {
                        sums[t][p] += (Fixtures.pixel(i, p) / 255.0 - 0.1307) / 0.3081;
                    }
                }
            }
            for (double v : sums[t]) {
                frob += v * v;
            }
        }
        frob = Math.sqrt(frob);
        double[][] f = g.signals();
        double[] shift = {-0.5, 0.5, 0, 0};
        double check = 0;
        for (int t = 0; t < 4; t++) {
            assertEquals(784, f[t].length);
            for (int p = 0; p < 784; p++) {
                assertEquals(sums[t][p] / frob + shift[t], f[t][p], 1e-12);
                double unshifted = f[t][p] - shift[t];
                check += unshifted * unshifted;
            }
        }
        assertEquals(1.0, check, 1e-12, "unshifted rows have unit Frobenius norm together");
        for (int r = 0; r < 10; r++) {
            MnistTask task = (MnistTask) g.next();
            assertArrayEquals(f[task.type()], task.gateInput(), "the gate sees its type's feature row");
        }
    }

    @Test
    void meanFeaturesAreTheMeanPositiveImage() {
        MnistGenerator g = generator("features=mean", 5, 10);
        int[] train = Arrays.copyOfRange(g.world().permutation(), 0, 100);
        double[] mean = new double[784];
        int count = 0;
        for (int i : train) {
            if (Fixtures.label(i) == 4) {
                count++;
                for (int p = 0; p < 784; p++) {
                    mean[p] += (Fixtures.pixel(i, p) / 255.0 - 0.1307) / 0.3081;
                }
            }
        }
        assertTrue(count > 0);
        for (int p = 0; p < 784; p++) {
            assertEquals(mean[p] / count, g.signals()[1][p], 1e-12);
        }
    }

    @Test
    void splitModeUsesOnlyThePairsImagesLabelledByTheSecondDigit() {
        MnistGenerator g = generator("mode=split, train=10, test=20", 5, 10);
        MnistWorld w = g.world();
        assertEquals(5, w.types());
        for (int t = 0; t < 5; t++) {
            MnistWorld.Slice s = w.slice(t, 0);
            double[] y = w.targets(t, s.trainIndices());
            for (int i = 0; i < s.trainIndices().length; i++) {
                int d = Fixtures.label(s.trainIndices()[i]);
                assertTrue(d == 2 * t || d == 2 * t + 1);
                assertEquals(d == 2 * t + 1 ? 1.0 : 0.0, y[i]);
            }
        }
    }

    @Test
    void sameSeedSameWorldOtherSeedOtherWorld() {
        MnistGenerator a = generator("", 11, 30);
        MnistGenerator b = generator("", 11, 30);
        MnistGenerator c = generator("", 12, 30);
        assertArrayEquals(a.world().permutation(), b.world().permutation());
        assertArrayEquals(a.arrivals(), b.arrivals());
        assertFalse(Arrays.equals(a.world().permutation(), c.world().permutation()));
        assertNotEquals(Arrays.toString(a.arrivals()), Arrays.toString(c.arrivals()));
        assertTrue(Arrays.stream(a.arrivals()).allMatch(x -> x >= 0 && x < 3));
        assertEquals(784, a.dimension());
        assertArrayEquals(a.arrivals(), ((MnistGenerator) a.restart(null)).arrivals());
    }

    @Test
    void missingDataIsOneLineNamingWhereItLookedAndHowToGetIt(@TempDir Path empty) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Fixtures.build(new MnistFactory(), "mnist(data=" + Fixtures.quoted(empty) + ")",
                        Fixtures.context(1, 5, 1)));
        assertTrue(e.getMessage().contains(empty.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte"), e.getMessage());
        assertTrue(e.getMessage().contains("README.md"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void realMnistSlicesAndFeatures() {
        Path real = Fixtures.realMnist();
        Assumptions.assumeTrue(real != null, "real MNIST not found above the module folder");
        MnistGenerator g = (MnistGenerator) Fixtures.build(new MnistFactory(),
                "mnist(data=" + Fixtures.quoted(real) + ")", Fixtures.context(1, 60, 1));
        MnistWorld w = g.world();
        assertEquals(60_000, w.permutation().length);
        assertEquals(400, w.slice(0, 54).start());
        assertArrayEquals(Arrays.copyOfRange(w.permutation(), 500, 1500), w.slice(2, 54).testIndices());
        double[][] f = g.signals();
        double frob = 0;
        double[] shift = {-0.5, 0.5, 0};
        for (int t = 0; t < 3; t++) {
            for (double v : f[t]) {
                frob += (v - shift[t]) * (v - shift[t]);
            }
        }
        assertEquals(1.0, frob, 1e-12);
    }
}
