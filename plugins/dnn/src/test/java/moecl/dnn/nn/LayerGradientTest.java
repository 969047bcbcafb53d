package moecl.dnn.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import moecl.dnn.bench.SplittableRandomSource;

/**
 * Finite-difference checks of every layer type on its own, for the input gradient and the parameter gradient, with
 * the scalar objective {@code f = Σ r·y} for a fixed random {@code r} (so {@code dy = r}). See {@link GradientCheck}
 * for the tolerance.
 */
class LayerGradientTest {

    /** Runs the layer on {@code n} samples and checks dx and dθ. */
    private static void check(Layer layer, int n, double[] x, long seed) {
        SplittableRandomSource rng = new SplittableRandomSource(seed);
        double[] params = new double[layer.parameterCount()];
        layer.initialise(rng, params, 0);
        for (int i = 0; i < params.length; i++) {
            params[i] *= 3; // larger than the default so that products are O(1)
        }
        double[] r = rng.gaussians(n * layer.outputSize());
        double[] scratch = new double[layer.scratchSize(n)];
        double[] y = new double[n * layer.outputSize()];

        java.util.function.DoubleSupplier f = () -> {
            layer.forward(params, 0, x, 0, y, 0, n, scratch);
            double s = 0;
            for (int i = 0; i < y.length; i++) {
                s += r[i] * y[i];
            }
            return s;
        };
        f.getAsDouble();
        double[] dx = new double[x.length];
        double[] grad = new double[params.length];
        layer.backward(params, 0, x, 0, y, 0, r, 0, dx, 0, grad, 0, n, scratch);
        GradientCheck.checkAll(layer + " dx", x, dx, f);
        GradientCheck.checkAll(layer + " dθ", params, grad, f);
    }

    /** Inputs whose magnitude is at least 0.05, so that {@code ±h} never crosses a ReLU kink. */
    private static double[] awayFromZero(SplittableRandomSource rng, int len) {
        double[] x = rng.gaussians(len);
        for (int i = 0; i < len; i++) {
            x[i] = Math.copySign(0.05 + Math.abs(x[i]), x[i]);
        }
        return x;
    }

    /** Distinct values spaced 0.01 apart in random order, so no pooling window has a near tie. */
    private static double[] distinct(SplittableRandomSource rng, int len) {
        int[] perm = rng.permutation(len);
        double[] x = new double[len];
        for (int i = 0; i < len; i++) {
            x[i] = (perm[i] - len / 2.0) * 0.01;
        }
        return x;
    }

    @Test
    void conv2d() {
        SplittableRandomSource rng = new SplittableRandomSource(1);
        Conv2d c = new Conv2d(Shape.of(3, 7, 6), 5, 3);
        assertEquals(Shape.of(5, 5, 4), c.outputShape());
        check(c, 2, rng.gaussians(2 * c.inputSize()), 11);
    }

    @Test
    void conv2dWithOneInputChannelAndManyOutputs() {
        SplittableRandomSource rng = new SplittableRandomSource(2);
        Conv2d c = new Conv2d(Shape.of(1, 9, 9), 10, 5);
        check(c, 3, rng.gaussians(3 * c.inputSize()), 12);
    }

    @Test
    void linear() {
        SplittableRandomSource rng = new SplittableRandomSource(3);
        Linear l = new Linear(Shape.of(2, 3, 3), 7);
        check(l, 5, rng.gaussians(5 * l.inputSize()), 13);
        check(l, 1, rng.gaussians(l.inputSize()), 14);
    }

    @Test
    void relu() {
        SplittableRandomSource rng = new SplittableRandomSource(4);
        ReLU r = new ReLU(Shape.of(2, 4, 4));
        check(r, 3, awayFromZero(rng, 3 * r.inputSize()), 15);
    }

    @Test
    void sigmoid() {
        SplittableRandomSource rng = new SplittableRandomSource(5);
        Sigmoid s = new Sigmoid(Shape.flat(13));
        double[] x = rng.gaussians(4 * 13);
        for (int i = 0; i < x.length; i++) {
            x[i] *= 3;
        }
        check(s, 4, x, 16);
    }

    @Test
    void maxPool2() {
        SplittableRandomSource rng = new SplittableRandomSource(6);
        MaxPool2d p = new MaxPool2d(Shape.of(3, 6, 8), 2);
        check(p, 2, distinct(rng, 2 * p.inputSize()), 17);
    }

    @Test
    void maxPool2OnOddSizesDropsTheLastRowAndColumn() {
        SplittableRandomSource rng = new SplittableRandomSource(7);
        MaxPool2d p = new MaxPool2d(Shape.of(2, 5, 7), 2);
        assertEquals(Shape.of(2, 2, 3), p.outputShape());
        check(p, 2, distinct(rng, 2 * p.inputSize()), 18);
    }

    @Test
    void maxPool3() {
        SplittableRandomSource rng = new SplittableRandomSource(8);
        MaxPool2d p = new MaxPool2d(Shape.of(2, 7, 6), 3);
        check(p, 2, distinct(rng, 2 * p.inputSize()), 19);
    }

    @Test
    void maxPoolTiesGoToTheFirstMaximum() {
        MaxPool2d p = new MaxPool2d(Shape.of(1, 2, 4), 2);
        double[] x = {1, 1, 0, 2, 1, 0, 2, 2};
        double[] y = new double[2];
        p.forward(new double[0], 0, x, 0, y, 0, 1, new double[0]);
        assertEquals(1.0, y[0]);
        assertEquals(2.0, y[1]);
        double[] dx = new double[8];
        p.backward(new double[0], 0, x, 0, y, 0, new double[] {10, 20}, 0, dx, 0, new double[0], 0, 1, new double[0]);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {10, 0, 0, 20, 0, 0, 0, 0}, dx, 0.0);
    }

    @Test
    void losses() {
        SplittableRandomSource rng = new SplittableRandomSource(9);
        double[] o = new double[12];
        double[] y = new double[12];
        for (int i = 0; i < o.length; i++) {
            o[i] = 0.05 + 0.9 * rng.nextDouble();
            y[i] = i % 3 == 0 ? 1 : rng.nextDouble() < 0.5 ? 0 : 0.3;
        }
        for (Loss loss : Loss.values()) {
            GradientCheck.checkAll(loss + " dL/do", o, loss.gradient(o, y), () -> loss.value(o, y));
        }
    }

    @Test
    void lossValuesMatchPyTorch() {
        // torch.nn.MSELoss()(torch.tensor([0.2, 0.9]), torch.tensor([0., 1.])) = 0.025
        assertEquals(0.025, Loss.MSE.value(new double[] {0.2, 0.9}, new double[] {0, 1}), 1e-15);
        // torch.nn.BCELoss()(torch.tensor([0.2, 0.9]), torch.tensor([0., 1.])) = 0.16425204...
        assertEquals(-(Math.log(0.8) + Math.log(0.9)) / 2,
                Loss.BCE.value(new double[] {0.2, 0.9}, new double[] {0, 1}), 1e-15);
        // log(0) is clamped at -100, as in PyTorch
        assertEquals(50.0, Loss.BCE.value(new double[] {0.0, 1.0}, new double[] {1, 1}), 1e-12);
    }
}
