package moecl.dnn.nn;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link LayerKernels} with the Vector API, on the machine's preferred vector shape ({@code SPECIES_PREFERRED}: 512
 * bits with AVX-512, so 8 doubles or 16 floats per vector; 256 bits with AVX2). The multiply is register-blocked: the
 * generated {@link MicroKernels} keep 6 rows × 2 vectors of {@code C} in registers for the whole {@code k} loop
 * (12 independent accumulators hide the FMA latency; per step two vectors of {@code B} are loaded and six elements
 * of {@code A} broadcast); edges use 4-, 2- and 1-row kernels, one-vector kernels and finally masked one-vector
 * kernels for the last {@code n mod L} columns, all computing the same per-element FMA chain as
 * {@link ScalarKernels}.
 *
 * <p>Loaded reflectively by {@link LayerKernels} only when the {@code jdk.incubator.vector} module is in the boot layer
 * (JVM flag {@code --add-modules jdk.incubator.vector}).
 */
final class VectorKernels extends LayerKernels {

    private static final VectorSpecies<Double> S = MicroKernels.DS;
    private static final int L = MicroKernels.DL;
    private static final VectorSpecies<Float> F = MicroKernels.FS;
    private static final int FL = MicroKernels.FL;
    /**
     * Half-width species for the tails of the elementwise loops (col2im's runs are 8 values in LeNet's second
     * convolution). Masked stores would do too, but they are slow on AMD's AVX-512 (the tail of col2im took a sixth
     * of a float32 training step with a masked add, against a few percent now).
     */
    private static final VectorSpecies<Double> H = half(S);
    private static final int HL = H.length();
    private static final VectorSpecies<Float> HF = half(F);
    private static final int HFL = HF.length();

    private static <E> VectorSpecies<E> half(VectorSpecies<E> s) {
        int bits = Math.max(64, s.vectorBitSize() / 2);
        return VectorSpecies.of(s.elementType(), VectorShape.forBitSize(bits));
    }

    @Override
    String name() {
        return "vector-" + S.vectorBitSize();
    }

    @Override
    boolean usable() {
        return L >= 2;
    }

    @Override
    void multiply(int m, int n, int k, double[] a, int aOff, int[] aRows, int[] aCols, double[] b, int bOff,
                  int[] bRows, double[] c, int cOff, int ldc, boolean accumulate) {
        MicroKernels.multiply(m, n, k, a, aOff, aRows, aCols, b, bOff, bRows, c, cOff, ldc, accumulate);
    }

    @Override
    void multiply(int m, int n, int k, float[] a, int aOff, int[] aRows, int[] aCols, float[] b, int bOff,
                  int[] bRows, float[] c, int cOff, int ldc, boolean accumulate) {
        MicroKernels.multiply(m, n, k, a, aOff, aRows, aCols, b, bOff, bRows, c, cOff, ldc, accumulate);
    }

    @Override
    void scatterAdd(int count, int len, double[] src, int sOff, double[] dst, int dOff, int[] targets) {
        int end = S.loopBound(len);
        for (int r = 0; r < count; r++) {
            int s = sOff + r * len;
            int d = dOff + targets[r];
            int i = 0;
            for (; i < end; i += L) {
                DoubleVector.fromArray(S, dst, d + i).add(DoubleVector.fromArray(S, src, s + i)).intoArray(dst, d + i);
            }
            if (i + HL <= len) {
                DoubleVector.fromArray(H, dst, d + i).add(DoubleVector.fromArray(H, src, s + i)).intoArray(dst, d + i);
                i += HL;
            }
            for (; i < len; i++) {
                dst[d + i] += src[s + i];
            }
        }
    }

    @Override
    void scatterAdd(int count, int len, float[] src, int sOff, float[] dst, int dOff, int[] targets) {
        int end = F.loopBound(len);
        for (int r = 0; r < count; r++) {
            int s = sOff + r * len;
            int d = dOff + targets[r];
            int i = 0;
            for (; i < end; i += FL) {
                FloatVector.fromArray(F, dst, d + i).add(FloatVector.fromArray(F, src, s + i)).intoArray(dst, d + i);
            }
            if (i + HFL <= len) {
                FloatVector.fromArray(HF, dst, d + i).add(FloatVector.fromArray(HF, src, s + i)).intoArray(dst, d + i);
                i += HFL;
            }
            for (; i < len; i++) {
                dst[d + i] += src[s + i];
            }
        }
    }

    @Override
    void relu(int len, double[] x, int xOff, double[] y, int yOff) {
        int i = 0;
        DoubleVector zero = DoubleVector.zero(S);
        for (int end = S.loopBound(len); i < end; i += L) {
            DoubleVector.fromArray(S, x, xOff + i).lanewise(VectorOperators.MAX, zero).intoArray(y, yOff + i);
        }
        for (; i < len; i++) {
            y[yOff + i] = Math.max(x[xOff + i], 0.0);
        }
    }

    @Override
    void relu(int len, float[] x, int xOff, float[] y, int yOff) {
        int i = 0;
        FloatVector zero = FloatVector.zero(F);
        for (int end = F.loopBound(len); i < end; i += FL) {
            FloatVector.fromArray(F, x, xOff + i).lanewise(VectorOperators.MAX, zero).intoArray(y, yOff + i);
        }
        for (; i < len; i++) {
            y[yOff + i] = Math.max(x[xOff + i], 0f);
        }
    }

    @Override
    void reluBackward(int len, double[] y, int yOff, double[] dy, int dyOff, double[] dx, int dxOff) {
        int i = 0;
        DoubleVector zero = DoubleVector.zero(S);
        for (int end = S.loopBound(len); i < end; i += L) {
            DoubleVector yv = DoubleVector.fromArray(S, y, yOff + i);
            zero.blend(DoubleVector.fromArray(S, dy, dyOff + i), yv.compare(VectorOperators.GT, 0.0))
                    .intoArray(dx, dxOff + i);
        }
        for (; i < len; i++) {
            long active = -Double.doubleToRawLongBits(y[yOff + i]) >> 63;
            dx[dxOff + i] = Double.longBitsToDouble(Double.doubleToRawLongBits(dy[dyOff + i]) & active);
        }
    }

    @Override
    void reluBackward(int len, float[] y, int yOff, float[] dy, int dyOff, float[] dx, int dxOff) {
        int i = 0;
        FloatVector zero = FloatVector.zero(F);
        for (int end = F.loopBound(len); i < end; i += FL) {
            FloatVector yv = FloatVector.fromArray(F, y, yOff + i);
            zero.blend(FloatVector.fromArray(F, dy, dyOff + i), yv.compare(VectorOperators.GT, 0f))
                    .intoArray(dx, dxOff + i);
        }
        for (; i < len; i++) {
            int active = -Float.floatToRawIntBits(y[yOff + i]) >> 31;
            dx[dxOff + i] = Float.intBitsToFloat(Float.floatToRawIntBits(dy[dyOff + i]) & active);
        }
    }
}
