package moecl.dnn.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import moecl.dnn.bench.SplittableRandomSource;

/**
 * Finite-difference checks of whole networks (LeNet, MLP): the gradient from {@link Network#backward} against
 * central differences of the loss, parameter by parameter.
 *
 * <p>ReLU and max pooling make the loss only piecewise smooth. When the {@code ±h} step moves some unit across a
 * kink (a ReLU input through 0, a pooling window changing its winner) the central difference straddles two pieces and
 * is not the derivative, so such coordinates are skipped: when a coordinate disagrees, the test recomputes the
 * activation pattern (every ReLU's sign, every window's winner) at {@code θ ± h} and skips the coordinate if it
 * differs from the pattern at {@code θ}; a disagreement without a kink fails. The fraction skipped is asserted to be
 * small, so this cannot hide a broken gradient.
 */
class NetworkGradientTest {

    /** The pattern of kinks: for each ReLU its active units, for each max pool the winner of each window. */
    private static Object[] pattern(Network net, double[] params, double[] x) {
        int n = x.length / net.inputSize();
        List<Object> out = new ArrayList<>();
        double[] in = x;
        for (int l = 0; l < net.layers().size(); l++) {
            Layer layer = net.layers().get(l);
            double[] y = new double[n * layer.outputSize()];
            layer.forward(params, net.parameterOffset(l), in, 0, y, 0, n, new double[layer.scratchSize(n)]);
            if (layer instanceof ReLU) {
                boolean[] active = new boolean[y.length];
                for (int i = 0; i < y.length; i++) {
                    active[i] = y[i] > 0;
                }
                out.add(active);
            } else if (layer instanceof MaxPool2d pool) {
                // the winner index, found by the layer's own backward pass with a one-hot upstream gradient
                double[] winners = new double[in.length];
                double[] ones = new double[y.length];
                Arrays.fill(ones, 1.0);
                pool.backward(params, 0, in, 0, y, 0, ones, 0, winners, 0, new double[0], 0, n, new double[0]);
                out.add(winners);
            }
            in = y;
        }
        return out.toArray();
    }

    /**
     * Checks {@code count} parameters chosen by {@code pick} (all of them if it covers the range), skipping
     * coordinates whose {@code ±h} step crosses a kink; at most {@code maxSkipped} of them may be skipped.
     */
    private static void check(Network net, double[] x, double[] y, Loss loss, int[] coordinates, double maxSkipped) {
        double[] params = net.parameters();
        net.forward(x);
        double[] out = net.forward(x);
        net.backward(loss.gradient(out, y));
        double[] analytic = net.gradient();
        Object[] base = pattern(net, params, x);
        int skipped = 0;
        double worst = 0;
        for (int i : coordinates) {
            double saved = params[i];
            params[i] = saved + GradientCheck.H;
            net.setParameters(params);
            double plus = net.evaluate(x, y, loss);
            params[i] = saved - GradientCheck.H;
            net.setParameters(params);
            double minus = net.evaluate(x, y, loss);
            double fd = (plus - minus) / (2 * GradientCheck.H);
            if (!GradientCheck.agree(fd, analytic[i])) {
                // only a disagreement needs the (expensive) kink test; a smooth coordinate that disagrees fails
                boolean kink = !Arrays.deepEquals(pattern(net, params, x), base);
                params[i] = saved + GradientCheck.H;
                kink |= !Arrays.deepEquals(pattern(net, params, x), base);
                params[i] = saved;
                if (kink) {
                    skipped++;
                    continue;
                }
                int at = i;
                assertTrue(false, () -> "parameter " + at + ": finite difference " + fd + ", analytic " + analytic[at]);
            }
            params[i] = saved;
            worst = Math.max(worst, Math.abs(fd - analytic[i]));
        }
        net.setParameters(params);
        System.out.printf("%s: %d coordinates checked, %d skipped at kinks, worst absolute error %.2e%n", net,
                coordinates.length - skipped, skipped, worst);
        assertTrue(skipped <= maxSkipped * coordinates.length,
                skipped + " of " + coordinates.length + " coordinates crossed a kink");
        assertTrue(worst < 1e-8, "worst absolute error " + worst);
    }

    /**
     * Every parameter of layers with at most {@code perLayer} parameters (and of the convolutions if
     * {@code allConv}), and a random sample of {@code perLayer} in the others.
     */
    private static int[] coordinates(Network net, int perLayer, boolean allConv, SplittableRandomSource rng) {
        List<Integer> out = new ArrayList<>();
        for (int l = 0; l < net.layers().size(); l++) {
            int count = net.layers().get(l).parameterCount();
            int off = net.parameterOffset(l);
            if (count <= perLayer || allConv && net.layers().get(l) instanceof Conv2d) {
                for (int i = 0; i < count; i++) {
                    out.add(off + i);
                }
            } else {
                int[] perm = rng.permutation(count);
                for (int i = 0; i < perLayer; i++) {
                    out.add(off + perm[i]);
                }
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    @Test
    void leNetWithMseLoss() {
        SplittableRandomSource rng = new SplittableRandomSource(21);
        Network net = LeNet.create(rng);
        double[] x = rng.gaussians(3 * 784);
        double[] y = {1, 0, 1};
        // every conv parameter (156 + 2416), every parameter of the last layer, 400 sampled in each other one
        check(net, x, y, Loss.MSE, coordinates(net, 400, true, rng), 0.02);
    }

    @Test
    void leNetWithBceLossOnTwoThreads() {
        SplittableRandomSource rng = new SplittableRandomSource(22);
        Network net = LeNet.create(rng).threads(2);
        double[] x = rng.gaussians(5 * 784);
        double[] y = {0, 1, 1, 0, 0};
        check(net, x, y, Loss.BCE, coordinates(net, 100, false, rng), 0.02);
    }

    @Test
    void mlpWithTwoHiddenLayers() {
        SplittableRandomSource rng = new SplittableRandomSource(23);
        Network net = Mlp.create(rng, 32, 16);
        double[] x = rng.gaussians(4 * 784);
        double[] y = {1, 0, 0, 1};
        check(net, x, y, Loss.MSE, coordinates(net, 1000, false, rng), 0.02);
    }

    @Test
    void mlpWithoutHiddenLayersIsLogisticRegression() {
        SplittableRandomSource rng = new SplittableRandomSource(24);
        Network net = Mlp.create(rng);
        double[] x = rng.gaussians(3 * 784);
        double[] y = {1, 0, 1};
        check(net, x, y, Loss.BCE, coordinates(net, 785, false, rng), 0.0);
    }
}
