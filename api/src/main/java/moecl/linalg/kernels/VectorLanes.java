package moecl.linalg.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Lanes} on 512-bit vectors: one {@code DoubleVector} of eight doubles is the eight lanes, so the results
 * are {@link ScalarLanes}' bits (checked by KernelsTest). Loaded by {@link Kernels} only when the
 * {@code jdk.incubator.vector} module is present (JVM flag {@code --add-modules jdk.incubator.vector}) and the
 * machine has eight-lane double vectors; the lane tails (n mod 8 terms) are finished in scalar code in the lanes
 * they belong to. The Gram matrix is computed in 4 × 2 blocks of columns: six loads feed eight independent
 * fused multiply-adds, where a single dot product waits on one chain (4 × 4 blocks took C2 far longer to compile).
 * The Gram matrix (s²d/2 of the round's work) and the dot products use vectors; the rest is the scalar lanes',
 * whose element-wise loops C2 vectorises itself.
 */
final class VectorLanes extends WideVectors {

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_512;

    /** Whether this machine runs eight-lane double vectors natively (else the scalar lanes are faster). */
    static boolean usable() {
        return DoubleVector.SPECIES_PREFERRED.length() >= 8;
    }

    private static final WarmUp WARM = new WarmUp();

    VectorLanes() {
        super(WARM, VectorLanes::new);
    }

    /** {@link Lanes#dot} on one vector of eight lanes. */
    @Override
    double dotVector(double[] a, int oa, double[] b, int ob, int n) {
        DoubleVector acc = DoubleVector.zero(S);
        int i = 0;
        for (int end = n - 7; i < end; i += 8) {
            acc = DoubleVector.fromArray(S, a, oa + i).fma(DoubleVector.fromArray(S, b, ob + i), acc);
        }
        double[] l = lanes;
        acc.intoArray(l, 0);
        for (int k = 0; i < n; i++, k++) {
            l[k] = Math.fma(a[oa + i], b[ob + i], l[k]);
        }
        return tree(l);
    }

    /** The lanes of every block's eight pairs, kept between passes (64 doubles a block). */
    private double[] acc = new double[0];

    /**
     * {@link Lanes#gram} on the vectors: blocks of four columns against two, in passes of {@code chunk} rows, a
     * multiple of 8 ({@value WideVectors#CHUNK} but in the warm-up; at
     * d = 2000, s = 200 X is 3.2 MB and a block streamed whole columns from memory); each lane's chain still runs over
     * the rows in ascending order, so the passes change no bit.
     */
    @Override
    void gramVector(double[] x, int d, int s, double[] g, int chunk) {
        int full = s & ~3;
        int vend = d & ~7;
        int blocks = 0;
        for (int a0 = 0; a0 < full; a0 += 4) {
            blocks += (a0 + 4) / 2;
        }
        if (acc.length < blocks * 64) {
            acc = new double[blocks * 64];
        }
        final double[] acc = this.acc;
        java.util.Arrays.fill(acc, 0, blocks * 64, 0.0);
        for (int c0 = 0; c0 < vend; c0 += chunk) {
            int c1 = Math.min(vend, c0 + chunk);
            int o = 0;
            for (int a0 = 0; a0 < full; a0 += 4) {
                int oa0 = a0 * d;
                int oa1 = oa0 + d;
                int oa2 = oa1 + d;
                int oa3 = oa2 + d;
                for (int b0 = 0; b0 < a0 + 4; b0 += 2, o += 64) {
                    int ob0 = b0 * d;
                    int ob1 = ob0 + d;
                    DoubleVector c00 = DoubleVector.fromArray(S, acc, o + 0);
                    DoubleVector c01 = DoubleVector.fromArray(S, acc, o + 8);
                    DoubleVector c10 = DoubleVector.fromArray(S, acc, o + 16);
                    DoubleVector c11 = DoubleVector.fromArray(S, acc, o + 24);
                    DoubleVector c20 = DoubleVector.fromArray(S, acc, o + 32);
                    DoubleVector c21 = DoubleVector.fromArray(S, acc, o + 40);
                    DoubleVector c30 = DoubleVector.fromArray(S, acc, o + 48);
                    DoubleVector c31 = DoubleVector.fromArray(S, acc, o + 56);
                    for (int i = c0; i < c1; i += 8) {
                        DoubleVector va0 = DoubleVector.fromArray(S, x, oa0 + i);
                        DoubleVector va1 = DoubleVector.fromArray(S, x, oa1 + i);
                        DoubleVector va2 = DoubleVector.fromArray(S, x, oa2 + i);
                        DoubleVector va3 = DoubleVector.fromArray(S, x, oa3 + i);
                        DoubleVector vb0 = DoubleVector.fromArray(S, x, ob0 + i);
                        DoubleVector vb1 = DoubleVector.fromArray(S, x, ob1 + i);
                        c00 = va0.fma(vb0, c00);
                        c01 = va0.fma(vb1, c01);
                        c10 = va1.fma(vb0, c10);
                        c11 = va1.fma(vb1, c11);
                        c20 = va2.fma(vb0, c20);
                        c21 = va2.fma(vb1, c21);
                        c30 = va3.fma(vb0, c30);
                        c31 = va3.fma(vb1, c31);
                    }
                    c00.intoArray(acc, o + 0);
                    c01.intoArray(acc, o + 8);
                    c10.intoArray(acc, o + 16);
                    c11.intoArray(acc, o + 24);
                    c20.intoArray(acc, o + 32);
                    c21.intoArray(acc, o + 40);
                    c30.intoArray(acc, o + 48);
                    c31.intoArray(acc, o + 56);
                }
            }
        }
        int o = 0;
        for (int a0 = 0; a0 < full; a0 += 4) {
            for (int b0 = 0; b0 < a0 + 4; b0 += 2, o += 64) {
                finishBlock(acc, o, g, s, a0, b0, 4, x, d, vend);
            }
        }
        for (int a = full; a < s; a++) { // the columns after the last full block of four
            for (int b = 0; b <= a; b++) {
                g[a * s + b] = dotVector(x, a * d, x, b * d, d);
            }
        }
    }

    @Override
    public String name() {
        return "vector";
    }
}
