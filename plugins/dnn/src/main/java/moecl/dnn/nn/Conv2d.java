package moecl.dnn.nn;

import java.util.Arrays;

import moecl.rng.RandomSource;

/**
 * 2-D convolution (cross-correlation, as in PyTorch) with square kernels, stride 1 and no padding ("valid"):
 * {@code y[co][oy][ox] = b[co] + Σ_{ci,dy,dx} W[co][ci][dy][dx] · x[ci][oy+dy][ox+dx]}.
 *
 * <p>Parameters: the weight {@code W} as {@code outChannels × inChannels × kernel × kernel} (PyTorch's layout), then
 * the bias {@code b} ({@code outChannels}). Initialisation is PyTorch's default, {@code kaiming_uniform(a=√5)} for
 * the weight and the matching bias rule, which both come down to {@code U(−1/√fanIn, 1/√fanIn)} with
 * {@code fanIn = inChannels·kernel²}; drawn weight elements first in flat order, then the biases.
 *
 * <p>Computed one sample at a time as matrix products over the {@code im2col} patch matrix {@code col}
 * ({@code K×P}, {@code K = inChannels·kernel²}, {@code P = outHeight·outWidth}), which is never built: the kernels
 * read it from the image through offset tables. The forward pass is {@code W (outChannels×K) · col}; the weight
 * gradient is {@code (dY · colᵀ)ᵀ = col · dYᵀ} accumulated over samples (so the sum over the batch is one FMA chain
 * per weight, samples in order, positions in order); the input gradient is {@code Wᵀ · dY} scattered back by
 * {@code col2im}.
 */
public final class Conv2d extends Layer {

    private final int inChannels;
    private final int outChannels;
    private final int kernel;
    private final int k;
    private final int p;
    /** Output channels rounded up to a multiple of 8: the vector width of the transposed weight gradient. */
    private final int coPad;
    /** Offset in the input sample of patch row {@code (ci·kernel + dy)·kernel + dx}: {@code ci·H·W + dy·W + dx}. */
    private final int[] patchRows;
    /** Offset in the input sample of output pixel {@code oy·outW + ox}: {@code oy·W + ox}. */
    private final int[] pixelOffsets;
    /** {@code co·K}: rows of the weight matrix. */
    private final int[] weightRows;
    /** {@code 0, 1, …, K−1}. */
    private final int[] identity;
    /** {@code j·coPad}: rows of {@code dYᵀ}. */
    private final int[] transposedRows;
    /**
     * Output channels rounded up to a multiple of 16 for float32, whose 512-bit vectors hold 16 floats: a partly
     * used vector would need masked loads and stores, which cost AMD's AVX-512 a fifth of a training step here.
     */
    private final int coPad32;
    /** {@code j·coPad32}: rows of {@code dYᵀ} in float32. */
    private final int[] transposedRows32;
    /**
     * Columns of the forward pass's wide output, {@code (outH − 1)·W + outW}: output pixel {@code (oy, ox)} at
     * column {@code oy·W + ox}, the columns {@code ox ≥ outW} in between computed and dropped.
     */
    private final int wide;
    /** Where run {@code kk·outH + oy} of {@code dcol} (one output row of patch row {@code kk}) lands in the input. */
    private final int[] col2imTargets;

    /** A convolution of {@code input} with {@code outChannels} filters of {@code kernel × kernel}. */
    public Conv2d(Shape input, int outChannels, int kernel) {
        super(input, outputShape(input, outChannels, kernel));
        this.inChannels = input.channels();
        this.outChannels = outChannels;
        this.kernel = kernel;
        this.k = inChannels * kernel * kernel;
        this.p = outputShape().height() * outputShape().width();
        this.coPad = (outChannels + 7) / 8 * 8;
        int h = input.height();
        int w = input.width();
        this.patchRows = new int[k];
        for (int ci = 0, r = 0; ci < inChannels; ci++) {
            for (int dy = 0; dy < kernel; dy++) {
                for (int dx = 0; dx < kernel; dx++) {
                    patchRows[r++] = (ci * h + dy) * w + dx;
                }
            }
        }
        int ow = outputShape().width();
        this.pixelOffsets = new int[p];
        for (int j = 0; j < p; j++) {
            pixelOffsets[j] = j / ow * w + j % ow;
        }
        this.weightRows = LayerKernels.strided(outChannels, k);
        this.identity = LayerKernels.strided(k, 1);
        this.transposedRows = LayerKernels.strided(p, coPad);
        this.coPad32 = (outChannels + 15) / 16 * 16;
        this.transposedRows32 = LayerKernels.strided(p, coPad32);
        int oh = outputShape().height();
        this.wide = (oh - 1) * w + ow;
        this.col2imTargets = new int[k * oh];
        for (int kk = 0; kk < k; kk++) {
            for (int oy = 0; oy < oh; oy++) {
                col2imTargets[kk * oh + oy] = patchRows[kk] + oy * w;
            }
        }
    }

    private static Shape outputShape(Shape in, int outChannels, int kernel) {
        if (outChannels <= 0 || kernel <= 0 || kernel > in.height() || kernel > in.width()) {
            throw new IllegalArgumentException("conv " + outChannels + " filters of " + kernel + "x" + kernel
                    + " does not fit input " + in);
        }
        return Shape.of(outChannels, in.height() - kernel + 1, in.width() - kernel + 1);
    }

    /** Number of output channels (filters). */
    public int outChannels() {
        return outChannels;
    }

    /** Kernel side. */
    public int kernel() {
        return kernel;
    }

    @Override
    public int parameterCount() {
        return outChannels * k + outChannels;
    }

    @Override
    public void initialise(RandomSource rng, double[] params, int off) {
        double bound = defaultBound(k);
        int count = parameterCount();
        for (int i = 0; i < count; i++) {
            params[off + i] = rng.uniform(-bound, bound);
        }
    }

    @Override
    public int scratchSize(int n) {
        return Math.max(outChannels * wide, k * p + p * Math.max(coPad, coPad32) + k * Math.max(coPad, coPad32));
    }

    /**
     * Implicit im2col over the "wide" output: {@code B(kk, j) = x[patchRows[kk] + j]} for {@code j < wide} is patch
     * row {@code kk} for every output pixel at once if the output had the input's row length {@code W} (pixel
     * {@code (oy, ox)} is column {@code oy·W + ox}; the {@code W − outW} columns between output rows are computed
     * and dropped), read straight from the image. So one product {@code b + W · B} (outChannels × wide, in the
     * scratch) covers the sample, with long rows for the vector kernel, and its valid columns are copied to
     * {@code y}. Each output is still the one chain bias, then the products in increasing {@code kk}.
     */
    @Override
    public void forward(double[] params, int pOff, double[] x, int xOff, double[] y, int yOff, int n,
                        double[] scratch) {
        int inSize = inputSize();
        int outSize = outputSize();
        int biasOff = pOff + outChannels * k;
        int w = inputShape().width();
        int oh = outputShape().height();
        int ow = outputShape().width();
        for (int s = 0; s < n; s++) {
            int xs = xOff + s * inSize;
            int ys = yOff + s * outSize;
            for (int co = 0; co < outChannels; co++) {
                Arrays.fill(scratch, co * wide, (co + 1) * wide, params[biasOff + co]);
            }
            LayerKernels.INSTANCE.multiply(outChannels, wide, k, params, pOff, weightRows, identity, x, xs, patchRows,
                    scratch, 0, wide, true);
            for (int co = 0; co < outChannels; co++) {
                for (int oy = 0; oy < oh; oy++) {
                    System.arraycopy(scratch, co * wide + oy * w, y, ys + co * p + oy * ow, ow);
                }
            }
        }
    }

    /**
     * Scratch layout: {@code dcol} ({@code K×P}), {@code dYᵀ} ({@code P×coPad}) and {@code dWᵀ}
     * ({@code K×coPad}). The weight gradient is accumulated transposed, {@code dWᵀ += col · dYᵀ}, with {@code col}
     * read from the image through offset tables (implicit im2col) and the padded channels as the vector columns
     * (this shape runs about twice as fast as {@code dY · colᵀ}); {@code dWᵀ} starts as the transpose of the
     * incoming gradient and is transposed back at the end, so every weight still gets one FMA chain continued from
     * {@code grad}.
     */
    @Override
    public void backward(double[] params, int pOff, double[] x, int xOff, double[] y, int yOff, double[] dy,
                         int dyOff, double[] dx, int dxOff, double[] grad, int gOff, int n, double[] scratch) {
        int inSize = inputSize();
        int outSize = outputSize();
        int gBias = gOff + outChannels * k;
        int dyt = k * p;
        int dwt = dyt + p * coPad;
        Arrays.fill(scratch, dyt, dwt + k * coPad, 0.0);
        for (int co = 0; co < outChannels; co++) {
            for (int i = 0; i < k; i++) {
                scratch[dwt + i * coPad + co] = grad[gOff + co * k + i];
            }
        }
        for (int s = 0; s < n; s++) {
            int xs = xOff + s * inSize;
            int dys = dyOff + s * outSize;
            for (int co = 0; co < outChannels; co++) {
                double acc = grad[gBias + co];
                int row = dys + co * p;
                for (int j = 0; j < p; j++) {
                    acc += dy[row + j];
                    scratch[dyt + j * coPad + co] = dy[row + j];
                }
                grad[gBias + co] = acc;
            }
            LayerKernels.INSTANCE.multiply(k, coPad, p, x, xs, patchRows, pixelOffsets, scratch, dyt, transposedRows,
                    scratch, dwt, coPad, true);
            if (dx != null) {
                LayerKernels.INSTANCE.multiply(k, p, outChannels, params, pOff, 1, k, dy, dys, p, scratch, 0, p, false);
                col2im(scratch, 0, dx, dxOff + s * inSize);
            }
        }
        for (int co = 0; co < outChannels; co++) {
            for (int i = 0; i < k; i++) {
                grad[gOff + co * k + i] = scratch[dwt + i * coPad + co];
            }
        }
    }

    /** Scatter-adds {@code dcol} ({@code K × P} from {@code cOff}) into the sample at {@code dxs}, zeroed first. */
    private void col2im(double[] dcol, int cOff, double[] dxArr, int dxs) {
        Arrays.fill(dxArr, dxs, dxs + inputSize(), 0.0);
        LayerKernels.INSTANCE.scatterAdd(k * outputShape().height(), outputShape().width(), dcol, cOff, dxArr, dxs,
                col2imTargets);
    }

    /** The float32 kernel, the same operations as the double one. */
    @Override
    public void forward(float[] params, int pOff, float[] x, int xOff, float[] y, int yOff, int n,
                        float[] scratch) {
        int inSize = inputSize();
        int outSize = outputSize();
        int biasOff = pOff + outChannels * k;
        int w = inputShape().width();
        int oh = outputShape().height();
        int ow = outputShape().width();
        for (int s = 0; s < n; s++) {
            int xs = xOff + s * inSize;
            int ys = yOff + s * outSize;
            for (int co = 0; co < outChannels; co++) {
                Arrays.fill(scratch, co * wide, (co + 1) * wide, params[biasOff + co]);
            }
            LayerKernels.INSTANCE.multiply(outChannels, wide, k, params, pOff, weightRows, identity, x, xs, patchRows,
                    scratch, 0, wide, true);
            for (int co = 0; co < outChannels; co++) {
                for (int oy = 0; oy < oh; oy++) {
                    System.arraycopy(scratch, co * wide + oy * w, y, ys + co * p + oy * ow, ow);
                }
            }
        }
    }

    /** The float32 kernel, the same operations as the double one. */
    @Override
    public void backward(float[] params, int pOff, float[] x, int xOff, float[] y, int yOff, float[] dy,
                         int dyOff, float[] dx, int dxOff, float[] grad, int gOff, int n, float[] scratch) {
        int inSize = inputSize();
        int outSize = outputSize();
        int gBias = gOff + outChannels * k;
        int dyt = k * p;
        int dwt = dyt + p * coPad32;
        Arrays.fill(scratch, dyt, dwt + k * coPad32, 0f);
        for (int co = 0; co < outChannels; co++) {
            for (int i = 0; i < k; i++) {
                scratch[dwt + i * coPad32 + co] = grad[gOff + co * k + i];
            }
        }
        for (int s = 0; s < n; s++) {
            int xs = xOff + s * inSize;
            int dys = dyOff + s * outSize;
            for (int co = 0; co < outChannels; co++) {
                float acc = grad[gBias + co];
                int row = dys + co * p;
                for (int j = 0; j < p; j++) {
                    acc += dy[row + j];
                    scratch[dyt + j * coPad32 + co] = dy[row + j];
                }
                grad[gBias + co] = acc;
            }
            LayerKernels.INSTANCE.multiply(k, coPad32, p, x, xs, patchRows, pixelOffsets, scratch, dyt,
                    transposedRows32, scratch, dwt, coPad32, true);
            if (dx != null) {
                LayerKernels.INSTANCE.multiply(k, p, outChannels, params, pOff, 1, k, dy, dys, p, scratch, 0, p, false);
                col2im(scratch, 0, dx, dxOff + s * inSize);
            }
        }
        for (int co = 0; co < outChannels; co++) {
            for (int i = 0; i < k; i++) {
                grad[gOff + co * k + i] = scratch[dwt + i * coPad32 + co];
            }
        }
    }

    /** Scatter-adds {@code dcol} ({@code K × P} from {@code cOff}) into the sample at {@code dxs}, zeroed first. */
    private void col2im(float[] dcol, int cOff, float[] dxArr, int dxs) {
        Arrays.fill(dxArr, dxs, dxs + inputSize(), 0f);
        LayerKernels.INSTANCE.scatterAdd(k * outputShape().height(), outputShape().width(), dcol, cOff, dxArr, dxs,
                col2imTargets);
    }

    @Override
    public String toString() {
        return "Conv2d(" + inChannels + ", " + outChannels + ", kernel_size=" + kernel + ")";
    }
}
