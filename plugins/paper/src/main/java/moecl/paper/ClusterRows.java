package moecl.paper;

import moecl.linalg.kernels.Kernels;

/**
 * The {@code clusters} generator's copied rows: in every column of X (d rows, s columns), row {@code j ≥ r}
 * becomes row {@code j − r} times {@code scale[j − r]}. Chosen once by {@link #choose}; at
 * d = 10, r = 6 (the paper's shape) written out ({@link TenSix}: loops of 4 and 6 steps spent most on their
 * control), with the same products; {@code -Dmoecl.kernels=generic} ({@link Kernels#mode()}) forces the loops.
 */
sealed class ClusterRows permits ClusterRows.TenSix {

    final int d;
    final int r;

    ClusterRows(int d, int r) {
        this.d = d;
        this.r = r;
    }

    /** The copied rows for tasks of d rows with noise rank r, under {@code mode}. */
    static ClusterRows choose(int d, int r, Kernels.Mode mode) {
        if (mode != Kernels.Mode.GENERIC && d == 10 && r == 6) {
            return new TenSix();
        }
        return new ClusterRows(d, r);
    }

    /** A short name for diagnostics. */
    public String name() {
        return "generic";
    }

    /** Column by column, rows ascending: {@code x[c·d + j] = x[c·d + j − r] · scale[j − r]} for {@code r ≤ j < d}. */
    public void copyScaledRows(double[] x, int s, double[] scale) {
        final int d = this.d;
        final int r = this.r;
        for (int c = 0; c < s; c++) {
            int off = c * d;
            for (int j = r; j < d; j++) {
                x[off + j] = x[off + j - r] * scale[j - r];
            }
        }
    }

    /** d = 10, r = 6: the four row scales in locals, each column's four products written out. */
    static final class TenSix extends ClusterRows {
        TenSix() {
            super(10, 6);
        }

        @Override
        public String name() {
            return "d10r6";
        }

        @Override
        public void copyScaledRows(double[] x, int s, double[] scale) {
            double k0 = scale[0];
            double k1 = scale[1];
            double k2 = scale[2];
            double k3 = scale[3];
            for (int off = 0, end = s * 10; off < end; off += 10) {
                x[off + 6] = x[off] * k0;
                x[off + 7] = x[off + 1] * k1;
                x[off + 8] = x[off + 2] * k2;
                x[off + 9] = x[off + 3] * k3;
            }
        }
    }
}
