package moecl.dnn.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import moecl.dnn.bench.SplittableRandomSource;
import moecl.dnn.TestData;
import moecl.dnn.data.MnistData;
import moecl.dnn.data.MnistSplit;

/**
 * The paper's Fig. 3 expert on one task, end to end on the real data: a LeNet learns "is this digit a 1?" from 100
 * training images (a permutation of the 60k training set, images {@code [0, 100)} for training and the next 1000
 * held out, as the reference script's first occurrence of a task), pixels {@code /255} normalised with mean 0.1307
 * and std 0.3081, MSE loss, plain SGD with lr 0.1, 600 full-batch steps.
 *
 * <p>How much to expect. With only about ten ones among the 100 training images the result depends on the draw:
 * over permutation seeds 1..8 the balanced accuracy on the 1000 held-out images was 0.865, 0.967, 0.954, 0.956,
 * 0.983, 0.939, 0.953, 0.964 (median 0.955; seed 1 misses a quarter of the ones). PyTorch (float64, same initial
 * weights and data, {@code bench/torch_crosscheck.py}) reproduces these runs to 1e-16, so the spread belongs to the
 * protocol, not to this implementation. The seed below was the first one tried, not a pick; the run is bit-exact,
 * so the test is not flaky.
 */
@Tag("heavy")
class MnistLeNetTrainingTest {

    /** Balanced accuracy: the mean of the true-positive and true-negative rates at threshold 0.5. */
    static double balancedAccuracy(double[] p, double[] y) {
        int tp = 0;
        int pos = 0;
        int tn = 0;
        int neg = 0;
        for (int i = 0; i < p.length; i++) {
            if (y[i] == 1) {
                pos++;
                tp += p[i] > 0.5 ? 1 : 0;
            } else {
                neg++;
                tn += p[i] <= 0.5 ? 1 : 0;
            }
        }
        return 0.5 * ((double) tp / pos + (double) tn / neg);
    }

    @Test
    void leNetLearnsToDetectOnesFromOneHundredImages() {
        Path dir = TestData.mnistDirectory().orElse(null);
        Assumptions.assumeTrue(dir != null, "real MNIST not available");
        MnistSplit train = MnistData.load(dir).train();
        SplittableRandomSource rng = new SplittableRandomSource(2025);
        int[] perm = rng.permutation(train.size());
        int[] trainIdx = Arrays.copyOfRange(perm, 0, 100);
        int[] testIdx = Arrays.copyOfRange(perm, 100, 1100);
        double[] x = train.inputs(trainIdx);
        double[] y = train.targets(trainIdx, 1);
        double[] xt = train.inputs(testIdx);
        double[] yt = train.targets(testIdx, 1);

        Network net = LeNet.create(rng); // one thread: on a shared machine a 2-thread step waits for its slower half
        double before = net.evaluate(xt, yt, Loss.MSE);
        long t0 = System.nanoTime();
        double loss = 0;
        for (int step = 0; step < 600; step++) {
            loss = net.trainStep(x, y, 0.1, Loss.MSE);
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        double after = net.evaluate(xt, yt, Loss.MSE);
        double acc = balancedAccuracy(net.predict(xt), yt);
        System.out.printf("MNIST digit-1 LeNet: %d positives in training, %d in test; 600 steps in %d ms; train MSE "
                        + "%.4f; test MSE %.4f -> %.4f; balanced test accuracy %.4f%n",
                (int) Arrays.stream(y).sum(), (int) Arrays.stream(yt).sum(), ms, loss, before, after, acc);
        assertTrue(after < before, "test loss went down");
        assertTrue(acc >= 0.9, "balanced accuracy " + acc);
    }
}
