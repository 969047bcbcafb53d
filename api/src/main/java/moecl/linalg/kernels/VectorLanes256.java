package moecl.linalg.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Lanes} on 256-bit vectors (AVX2 machines): the eight lanes are two {@code DoubleVector}s of four doubles,
 * lanes 0–3 and 4–7, each lane still one chain of fused multiply-adds over its terms in ascending order, so the
 * results are {@link ScalarLanes}' bits, as {@link VectorLanes}' are (checked by KernelsTest). Loaded by
 * {@link Kernels} when the {@code jdk.incubator.vector} module is present and the machine's widest double vectors
 * have four lanes. Without it, the wide kernels of such a machine ran on the scalar lanes: a round at d = 2000,
 * s = 200 took 2.6 times numpy/OpenBLAS's (BENCHMARKS.md, "Large d"). The Gram matrix is computed in 2 × 2 blocks
 * of columns: eight accumulators and the four columns' loads fill AVX2's sixteen registers. Warmed up as
 * {@link WideVectors} says (its own daemon thread; the scalar lanes run until then).
 */
final class VectorLanes256 extends WideVectors {

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_256;

    /** Whether this machine runs four-lane double vectors natively. */
    static boolean usable() {
        return DoubleVector.SPECIES_PREFERRED.length() >= 4;
    }

    private static final WarmUp WARM = new WarmUp();

    VectorLanes256() {
        super(WARM, VectorLanes256::new);
    }

    /** {@link Lanes#dot} on two vectors of four lanes. */
    @Override
    double dotVector(double[] a, int oa, double[] b, int ob, int n) {
        DoubleVector lo = DoubleVector.zero(S);
        DoubleVector hi = DoubleVector.zero(S);
        int i = 0;
        for (int end = n - 7; i < end; i += 8) {
            lo = DoubleVector.fromArray(S, a, oa + i).fma(DoubleVector.fromArray(S, b, ob + i), lo);
            hi = DoubleVector.fromArray(S, a, oa + i + 4).fma(DoubleVector.fromArray(S, b, ob + i + 4), hi);
        }
        double[] l = lanes;
        lo.intoArray(l, 0);
        hi.intoArray(l, 4);
        for (int k = 0; i < n; i++, k++) {
            l[k] = Math.fma(a[oa + i], b[ob + i], l[k]);
        }
        return tree(l);
    }

    /** The lanes of every block's four pairs, kept between passes (32 doubles a block). */
    private double[] acc = new double[0];

    /**
     * {@link Lanes#gram} on the vectors: blocks of two columns against two, in passes of {@code chunk} rows (a
     * multiple of 8); each lane's chain runs over the rows in ascending order, so neither the blocks nor the passes
     * change a bit.
     */
    @Override
    void gramVector(double[] x, int d, int s, double[] g, int chunk) {
        int full = s & ~1;
        int vend = d & ~7;
        int blocks = 0;
        for (int a0 = 0; a0 < full; a0 += 2) {
            blocks += a0 / 2 + 1;
        }
        if (acc.length < blocks * 32) {
            acc = new double[blocks * 32];
        }
        final double[] acc = this.acc;
        java.util.Arrays.fill(acc, 0, blocks * 32, 0.0);
        for (int c0 = 0; c0 < vend; c0 += chunk) {
            int c1 = Math.min(vend, c0 + chunk);
            int o = 0;
            for (int a0 = 0; a0 < full; a0 += 2) {
                int oa0 = a0 * d;
                int oa1 = oa0 + d;
                for (int b0 = 0; b0 <= a0; b0 += 2, o += 32) {
                    int ob0 = b0 * d;
                    int ob1 = ob0 + d;
                    DoubleVector c00l = DoubleVector.fromArray(S, acc, o);
                    DoubleVector c00h = DoubleVector.fromArray(S, acc, o + 4);
                    DoubleVector c01l = DoubleVector.fromArray(S, acc, o + 8);
                    DoubleVector c01h = DoubleVector.fromArray(S, acc, o + 12);
                    DoubleVector c10l = DoubleVector.fromArray(S, acc, o + 16);
                    DoubleVector c10h = DoubleVector.fromArray(S, acc, o + 20);
                    DoubleVector c11l = DoubleVector.fromArray(S, acc, o + 24);
                    DoubleVector c11h = DoubleVector.fromArray(S, acc, o + 28);
                    for (int i = c0; i < c1; i += 8) {
                        DoubleVector va0 = DoubleVector.fromArray(S, x, oa0 + i);
                        DoubleVector va1 = DoubleVector.fromArray(S, x, oa1 + i);
                        DoubleVector vb0 = DoubleVector.fromArray(S, x, ob0 + i);
                        DoubleVector vb1 = DoubleVector.fromArray(S, x, ob1 + i);
                        c00l = va0.fma(vb0, c00l);
                        c01l = va0.fma(vb1, c01l);
                        c10l = va1.fma(vb0, c10l);
                        c11l = va1.fma(vb1, c11l);
                        va0 = DoubleVector.fromArray(S, x, oa0 + i + 4);
                        va1 = DoubleVector.fromArray(S, x, oa1 + i + 4);
                        vb0 = DoubleVector.fromArray(S, x, ob0 + i + 4);
                        vb1 = DoubleVector.fromArray(S, x, ob1 + i + 4);
                        c00h = va0.fma(vb0, c00h);
                        c01h = va0.fma(vb1, c01h);
                        c10h = va1.fma(vb0, c10h);
                        c11h = va1.fma(vb1, c11h);
                    }
                    c00l.intoArray(acc, o);
                    c00h.intoArray(acc, o + 4);
                    c01l.intoArray(acc, o + 8);
                    c01h.intoArray(acc, o + 12);
                    c10l.intoArray(acc, o + 16);
                    c10h.intoArray(acc, o + 20);
                    c11l.intoArray(acc, o + 24);
                    c11h.intoArray(acc, o + 28);
                }
            }
        }
        int o = 0;
        for (int a0 = 0; a0 < full; a0 += 2) {
            for (int b0 = 0; b0 <= a0; b0 += 2, o += 32) {
                finishBlock(acc, o, g, s, a0, b0, 2, x, d, vend);
            }
        }
        if (full < s) { // the last column of an odd s
            int a = full;
            for (int b = 0; b <= a; b++) {
                g[a * s + b] = dotVector(x, a * d, x, b * d, d);
            }
        }
    }

    @Override
    public String name() {
        return "vector256";
    }
}
