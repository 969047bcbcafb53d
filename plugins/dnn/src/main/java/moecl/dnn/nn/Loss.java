package moecl.dnn.nn;

/**
 * Losses averaged over every output element of the batch (PyTorch's {@code reduction='mean'}): with
 * {@code N = batch · outputSize}, {@code L = (1/N) Σ ℓ(o, y)} and {@code ∂L/∂o = ℓ'(o, y) / N}.
 */
public enum Loss {

    /** Squared error {@code ℓ = (o − y)²}, {@code ℓ' = 2(o − y)} (PyTorch {@code MSELoss}). */
    MSE {
        @Override
        public double element(double o, double y) {
            double d = o - y;
            return d * d;
        }

        @Override
        public double derivative(double o, double y) {
            return 2.0 * (o - y);
        }
    },

    /**
     * Binary cross-entropy on probabilities, {@code ℓ = −[y·log o + (1−y)·log(1−o)]} with each log clamped at
     * {@code −100} and the derivative {@code (o − y) / max(o(1−o), 1e−12)}, exactly PyTorch's {@code BCELoss}
     * safeguards.
     */
    BCE {
        @Override
        public double element(double o, double y) {
            return -(y * Math.max(StrictMath.log(o), -100.0) + (1.0 - y) * Math.max(StrictMath.log(1.0 - o), -100.0));
        }

        @Override
        public double derivative(double o, double y) {
            return (o - y) / Math.max((1.0 - o) * o, 1e-12);
        }
    };

    /** The loss of one output element {@code o} with target {@code y}. */
    public abstract double element(double o, double y);

    /** The derivative of {@link #element} with respect to {@code o}. */
    public abstract double derivative(double o, double y);

    /** The mean loss over all elements (summed in index order). */
    public double value(double[] output, double[] target) {
        checkLengths(output, target);
        double sum = 0;
        for (int i = 0; i < output.length; i++) {
            sum += element(output[i], target[i]);
        }
        return sum / output.length;
    }

    /** {@code ∂L/∂o} for every element, {@code L} the mean over all {@code output.length} elements. */
    public double[] gradient(double[] output, double[] target) {
        checkLengths(output, target);
        double[] d = new double[output.length];
        gradient(output, 0, target, 0, output.length, output.length, d, 0);
        return d;
    }

    /** {@code ∂L/∂o} for elements {@code [off, off + len)} of a mean over {@code total} elements. */
    void gradient(double[] output, int off, double[] target, int tOff, int len, int total, double[] d, int dOff) {
        for (int i = 0; i < len; i++) {
            d[dOff + i] = derivative(output[off + i], target[tOff + i]) / total;
        }
    }

    /** {@code ∂L/∂o} of float outputs, computed in double and rounded once to float. */
    void gradient(float[] output, int off, double[] target, int tOff, int len, int total, float[] d, int dOff) {
        for (int i = 0; i < len; i++) {
            d[dOff + i] = (float) (derivative(output[off + i], target[tOff + i]) / total);
        }
    }

    private static void checkLengths(double[] output, double[] target) {
        if (output.length != target.length || output.length == 0) {
            throw new IllegalArgumentException("output has " + output.length + " values, target " + target.length);
        }
    }
}
