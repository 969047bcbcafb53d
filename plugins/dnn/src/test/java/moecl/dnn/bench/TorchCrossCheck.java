package moecl.dnn.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import moecl.dnn.data.MnistData;
import moecl.dnn.data.MnistSplit;
import moecl.dnn.nn.LeNet;
import moecl.dnn.nn.Loss;
import moecl.dnn.nn.Network;
import moecl.dnn.nn.Precision;

/**
 * Exports one complete LeNet training run (the paper's digit-1 task: 100 MNIST training images, MSE, SGD lr 0.1,
 * 600 full-batch steps) so that {@code bench/torch_crosscheck.py} can replay it in PyTorch, in the same precision,
 * from the same initial weights and data and compare losses, final weights and test predictions. With
 * {@code --precision float32} the network computes in float32 and every exported value (weights, images) is a
 * float, so PyTorch's float32 model starts from exactly the same numbers.
 *
 * <p>A developer's tool, so it lives with the module's tests (the plugin's jar ships none of it); after
 * {@code mvn -pl plugins/dnn -am test-compile}:
 * <pre>
 * java --add-modules jdk.incubator.vector \
 *      -cp plugins/dnn/target/test-classes:plugins/dnn/target/classes:api/target/classes \
 *      moecl.dnn.bench.TorchCrossCheck OUT_DIR [--mnist DIR] [--seed 1] [--steps 600] [--precision float64]
 * python3 bench/torch_crosscheck.py OUT_DIR
 * </pre>
 *
 * Files (little-endian float64, float32 values widened exactly; {@code precision.txt} names the precision):
 * {@code init.bin} and {@code final.bin} (flat parameters, PyTorch's {@code parameters()} order),
 * {@code x.bin}/{@code y.bin} (training inputs and targets), {@code xt.bin} (1000 held-out inputs),
 * {@code losses.bin} (loss before each step), {@code pred.bin} (final test outputs); {@code run.txt} describes the
 * run.
 */
public final class TorchCrossCheck {

    private TorchCrossCheck() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println("usage: TorchCrossCheck OUT_DIR [--mnist DIR] [--seed S] [--steps N] "
                    + "[--precision float32|float64]");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        Path mnist = null;
        long seed = 1;
        int steps = 600;
        Precision precision = Precision.FLOAT64;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--mnist" -> mnist = Path.of(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--steps" -> steps = Integer.parseInt(args[++i]);
                case "--precision" -> precision = Precision.of(args[++i]);
                default -> {
                    System.err.println("unknown option " + args[i]);
                    System.exit(2);
                }
            }
        }
        // the digit-1 task drawn as MnistLeNetTrainingTest draws it (deliberately alike: the same run, exported)
        MnistSplit train = MnistData.load(MnistData.locate(mnist)).train();
        SplittableRandomSource rng = new SplittableRandomSource(seed);
        int[] perm = rng.permutation(train.size());
        int[] trainIdx = Arrays.copyOfRange(perm, 0, 100);
        int[] testIdx = Arrays.copyOfRange(perm, 100, 1100);
        double[] x = train.inputs(trainIdx);
        double[] y = train.targets(trainIdx, 1);
        double[] xt = train.inputs(testIdx);
        Network net = LeNet.create(rng).to(precision).threads(2);
        if (precision == Precision.FLOAT32) {
            roundToFloat(x);
            roundToFloat(xt);
        }
        try {
            Files.createDirectories(out);
            Files.writeString(out.resolve("precision.txt"), precision + "\n", StandardCharsets.UTF_8);
            write(out, "init.bin", net.parameters());
            write(out, "x.bin", x);
            write(out, "y.bin", y);
            write(out, "xt.bin", xt);
            double[] losses = new double[steps];
            for (int s = 0; s < steps; s++) {
                losses[s] = net.trainStep(x, y, 0.1, Loss.MSE);
            }
            write(out, "losses.bin", losses);
            write(out, "final.bin", net.parameters());
            write(out, "pred.bin", net.predict(xt));
            Files.writeString(out.resolve("run.txt"), "LeNet digit-1, " + precision + ", seed " + seed
                    + ", 100 training images, "
                    + steps + " steps, lr 0.1, MSE, " + (int) Arrays.stream(y).sum() + " positives\n",
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println("wrote " + out);
    }

    private static void roundToFloat(double[] v) {
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) v[i];
        }
    }

    private static void write(Path dir, String name, double[] v) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(v.length * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (double d : v) {
            b.putDouble(d);
        }
        Files.write(dir.resolve(name), b.array());
    }
}
