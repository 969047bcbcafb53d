package moecl.dnn.data;

import static moecl.dnn.data.IdxFiles.gzip;
import static moecl.dnn.data.IdxFiles.images;
import static moecl.dnn.data.IdxFiles.labels;
import static moecl.dnn.data.IdxFiles.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import moecl.dnn.TestData;

class MnistDataTest {

    @TempDir
    Path tmp;

    /** A tiny but valid MNIST directory: 3 training and 2 test images, gzip for training, raw for test. */
    private Path fakeMnist(Path dir) throws IOException {
        Files.createDirectories(dir);
        write(dir, "train-images-idx3-ubyte.gz", gzip(images(3, 28, 28)));
        write(dir, "train-labels-idx1-ubyte.gz", gzip(labels(5, 0, 4)));
        write(dir, "t10k-images-idx3-ubyte", images(2, 28, 28));
        write(dir, "t10k-labels-idx1-ubyte", labels(7, 2));
        return dir;
    }

    @Test
    void loadsMixedGzipAndRawFiles() throws IOException {
        MnistData d = MnistData.load(fakeMnist(tmp.resolve("m")));
        assertEquals(3, d.train().size());
        assertEquals(2, d.test().size());
        assertEquals(4, d.train().label(2));
        assertEquals(2, d.test().label(1));
        assertEquals(784, d.train().inputs(new int[] {0}).length);
        assertArrayEquals(new double[] {0, 1, 0}, d.train().targets(new int[] {0, 1, 2}, 0, 1, 2, 3), 0.0);
        assertArrayEquals(new double[] {1, 0, 1}, d.train().targets(new int[] {0, 1, 2}, 5, 4), 0.0);
    }

    @Test
    void explicitDirectoryIsAuthoritative() throws IOException {
        Path home = tmp.resolve("home");
        fakeMnist(home.resolve(".moecl/data/mnist"));
        Path explicit = tmp.resolve("typo");
        MnistNotFoundException e = assertThrows(MnistNotFoundException.class,
                () -> MnistData.locate(explicit, Map.of(), home));
        assertEquals("MNIST not found: looked in explicit directory " + explicit + " (no such directory); each "
                + "directory needs train-images-idx3-ubyte[.gz], train-labels-idx1-ubyte[.gz], "
                + "t10k-images-idx3-ubyte[.gz], t10k-labels-idx1-ubyte[.gz] (gzip or raw)", e.getMessage());
    }

    @Test
    void searchOrderIsEnvironmentMnistThenEnvironmentThenHome() throws IOException {
        Path root = tmp.resolve("data");
        Path home = tmp.resolve("home");
        Path homeMnist = fakeMnist(home.resolve(".moecl/data/mnist"));
        Map<String, String> env = Map.of("MOECL_DATA", root.toString());
        assertEquals(homeMnist, MnistData.locate(null, env, home));
        fakeMnist(root);
        assertEquals(root, MnistData.locate(null, env, home));
        fakeMnist(root.resolve("mnist"));
        assertEquals(root.resolve("mnist"), MnistData.locate(null, env, home));
        assertEquals(homeMnist, MnistData.locate(null, Map.of(), home));
    }

    @Test
    void moeclHomeReplacesTheHomeFolder() throws IOException {
        Path home = tmp.resolve("home");
        fakeMnist(home.resolve(".moecl/data/mnist"));
        Path moeclHome = tmp.resolve("moecl-home");
        Map<String, String> env = Map.of("MOECL_HOME", moeclHome.toString());
        MnistNotFoundException e = assertThrows(MnistNotFoundException.class,
                () -> MnistData.locate(null, env, home));
        assertTrue(e.getMessage().startsWith("MNIST not found: looked in $MOECL_HOME/data/mnist = "
                + moeclHome.resolve("data/mnist") + " (no such directory); "), e.getMessage());
        Path there = fakeMnist(moeclHome.resolve("data/mnist"));
        assertEquals(there, MnistData.locate(null, env, home));
    }

    @Test
    void notFoundListsEveryPlaceAndWhatIsMissing() throws IOException {
        Path root = tmp.resolve("data");
        Files.createDirectories(root.resolve("mnist"));
        write(root.resolve("mnist"), "train-images-idx3-ubyte.gz", gzip(images(1, 28, 28)));
        write(root.resolve("mnist"), "t10k-labels-idx1-ubyte", labels(1));
        Path home = tmp.resolve("home");
        MnistNotFoundException e = assertThrows(MnistNotFoundException.class,
                () -> MnistData.locate(null, Map.of("MOECL_DATA", root.toString()), home));
        String m = e.getMessage();
        assertTrue(m.startsWith("MNIST not found: looked in $MOECL_DATA/mnist = " + root.resolve("mnist")
                + " (missing train-labels-idx1-ubyte[.gz], t10k-images-idx3-ubyte[.gz]); $MOECL_DATA = " + root
                + " (missing train-images-idx3-ubyte[.gz], train-labels-idx1-ubyte[.gz], t10k-images-idx3-ubyte[.gz],"
                + " t10k-labels-idx1-ubyte[.gz]); ~/.moecl/data/mnist = " + home.resolve(".moecl/data/mnist")
                + " (no such directory)"), m);
        assertTrue(!m.contains("\n"), "one line");
    }

    @Test
    void loadFromIncompleteDirectoryNamesTheMissingFiles() throws IOException {
        Path dir = fakeMnist(tmp.resolve("m"));
        Files.delete(dir.resolve("t10k-images-idx3-ubyte"));
        MnistNotFoundException e = assertThrows(MnistNotFoundException.class, () -> MnistData.load(dir));
        assertEquals("MNIST incomplete in " + dir + ": missing t10k-images-idx3-ubyte[.gz]", e.getMessage());
    }

    @Test
    void imagesOfTheWrongSizeAreRejected() throws IOException {
        Path dir = fakeMnist(tmp.resolve("m"));
        write(dir, "t10k-images-idx3-ubyte", images(2, 28, 27));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> MnistData.load(dir));
        assertEquals("t10k-images-idx3-ubyte: bad dimensions: MNIST images are 28x28, found 28x27", e.getMessage());
    }

    @Test
    void labelCountMustMatchImageCount() throws IOException {
        Path dir = fakeMnist(tmp.resolve("m"));
        write(dir, "t10k-labels-idx1-ubyte", labels(1, 2, 3));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> MnistData.load(dir));
        assertEquals("t10k-labels-idx1-ubyte: has 3 labels but t10k-images-idx3-ubyte has 2 images", e.getMessage());
    }

    @Test
    void labelsMustBeDigits() throws IOException {
        Path dir = fakeMnist(tmp.resolve("m"));
        Files.delete(dir.resolve("train-labels-idx1-ubyte.gz"));
        write(dir, "train-labels-idx1-ubyte", labels(1, 12, 3));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> MnistData.load(dir));
        assertEquals("train-labels-idx1-ubyte: label 12 at index 1 is not a digit 0..9", e.getMessage());
    }

    @Test
    void realMnistHasTheStandardCountsAndFirstLabels() {
        Path dir = TestData.mnistDirectory().orElse(null);
        Assumptions.assumeTrue(dir != null, "real MNIST not available");
        MnistData d = MnistData.load(dir);
        assertEquals(60_000, d.train().size());
        assertEquals(10_000, d.test().size());
        int[] first = new int[5];
        for (int i = 0; i < 5; i++) {
            first[i] = d.train().label(i);
        }
        assertArrayEquals(new int[] {5, 0, 4, 1, 9}, first);
        assertEquals(7, d.test().label(0));
        int[] counts = new int[10];
        for (int i = 0; i < 60_000; i++) {
            counts[d.train().label(i)]++;
        }
        assertEquals(6742, counts[1], "number of ones in the training set");
        // the mean pixel of the training set is the normalisation constant 0.1307
        long sum = 0;
        for (byte b : d.train().images().pixels()) {
            sum += b & 0xFF;
        }
        assertEquals(MnistData.MEAN, sum / 255.0 / d.train().images().pixels().length, 1e-4);
    }
}
