package moecl.paper.minnorm;

import moecl.linalg.kernels.VecKernel;

/**
 * s = 6 (the Fig. 2 tasks), written out with the factor in local variables: {@link SolveKernel.Generic}'s
 * operations in the same order, so the same bits (SolveKernelTest checks it); the loops' control cost more than their
 * arithmetic at this size (BENCHMARKS.md). The repetition below is deliberate: that is what writing out means.
 */
final class SixSolve extends SolveKernel {
    SixSolve(int d, VecKernel vec) {
        super(d, 6, vec);
    }

    @Override
    public String name() {
        return "s6";
    }

    @Override
    public boolean plain(double[] x, double[] e, double[] diag, double[] g, double[] invDiag, double[] coef) {
        final int d = this.d;
        final VecKernel vec = this.vec;
        double maxDiag = 0;
        final double g00 = diag[0];
        maxDiag = Math.max(maxDiag, g00);
        final double g11 = diag[1];
        maxDiag = Math.max(maxDiag, g11);
        final double g22 = diag[2];
        maxDiag = Math.max(maxDiag, g22);
        final double g33 = diag[3];
        maxDiag = Math.max(maxDiag, g33);
        final double g44 = diag[4];
        maxDiag = Math.max(maxDiag, g44);
        final double g55 = diag[5];
        maxDiag = Math.max(maxDiag, g55);
        final double tol = PIVOT_TOLERANCE * maxDiag;
        double sum;
        sum = g00;
        if (!(sum > tol)) {
            return false;
        }
        final double i0 = 1.0 / Math.sqrt(sum);
        final double l10 = vec.dot(x, 1 * d, x, 0) * i0;
        final double l20 = vec.dot(x, 2 * d, x, 0) * i0;
        final double l30 = vec.dot(x, 3 * d, x, 0) * i0;
        final double l40 = vec.dot(x, 4 * d, x, 0) * i0;
        final double l50 = vec.dot(x, 5 * d, x, 0) * i0;
        sum = g11;
        sum -= l10 * l10;
        if (!(sum > tol)) {
            return false;
        }
        final double i1 = 1.0 / Math.sqrt(sum);
        double t21 = vec.dot(x, 2 * d, x, 1 * d);
        t21 -= l20 * l10;
        final double l21 = t21 * i1;
        double t31 = vec.dot(x, 3 * d, x, 1 * d);
        t31 -= l30 * l10;
        final double l31 = t31 * i1;
        double t41 = vec.dot(x, 4 * d, x, 1 * d);
        t41 -= l40 * l10;
        final double l41 = t41 * i1;
        double t51 = vec.dot(x, 5 * d, x, 1 * d);
        t51 -= l50 * l10;
        final double l51 = t51 * i1;
        sum = g22;
        sum -= l20 * l20;
        sum -= l21 * l21;
        if (!(sum > tol)) {
            return false;
        }
        final double i2 = 1.0 / Math.sqrt(sum);
        double t32 = vec.dot(x, 3 * d, x, 2 * d);
        t32 -= l30 * l20;
        t32 -= l31 * l21;
        final double l32 = t32 * i2;
        double t42 = vec.dot(x, 4 * d, x, 2 * d);
        t42 -= l40 * l20;
        t42 -= l41 * l21;
        final double l42 = t42 * i2;
        double t52 = vec.dot(x, 5 * d, x, 2 * d);
        t52 -= l50 * l20;
        t52 -= l51 * l21;
        final double l52 = t52 * i2;
        sum = g33;
        sum -= l30 * l30;
        sum -= l31 * l31;
        sum -= l32 * l32;
        if (!(sum > tol)) {
            return false;
        }
        final double i3 = 1.0 / Math.sqrt(sum);
        double t43 = vec.dot(x, 4 * d, x, 3 * d);
        t43 -= l40 * l30;
        t43 -= l41 * l31;
        t43 -= l42 * l32;
        final double l43 = t43 * i3;
        double t53 = vec.dot(x, 5 * d, x, 3 * d);
        t53 -= l50 * l30;
        t53 -= l51 * l31;
        t53 -= l52 * l32;
        final double l53 = t53 * i3;
        sum = g44;
        sum -= l40 * l40;
        sum -= l41 * l41;
        sum -= l42 * l42;
        sum -= l43 * l43;
        if (!(sum > tol)) {
            return false;
        }
        final double i4 = 1.0 / Math.sqrt(sum);
        double t54 = vec.dot(x, 5 * d, x, 4 * d);
        t54 -= l50 * l40;
        t54 -= l51 * l41;
        t54 -= l52 * l42;
        t54 -= l53 * l43;
        final double l54 = t54 * i4;
        sum = g55;
        sum -= l50 * l50;
        sum -= l51 * l51;
        sum -= l52 * l52;
        sum -= l53 * l53;
        sum -= l54 * l54;
        if (!(sum > tol)) {
            return false;
        }
        final double i5 = 1.0 / Math.sqrt(sum);
        double y0 = e[0];
        y0 *= i0;
        double y1 = e[1];
        y1 -= l10 * y0;
        y1 *= i1;
        double y2 = e[2];
        y2 -= l20 * y0;
        y2 -= l21 * y1;
        y2 *= i2;
        double y3 = e[3];
        y3 -= l30 * y0;
        y3 -= l31 * y1;
        y3 -= l32 * y2;
        y3 *= i3;
        double y4 = e[4];
        y4 -= l40 * y0;
        y4 -= l41 * y1;
        y4 -= l42 * y2;
        y4 -= l43 * y3;
        y4 *= i4;
        double y5 = e[5];
        y5 -= l50 * y0;
        y5 -= l51 * y1;
        y5 -= l52 * y2;
        y5 -= l53 * y3;
        y5 -= l54 * y4;
        y5 *= i5;
        double z5 = y5;
        z5 *= i5;
        coef[5] = z5;
        double z4 = y4;
        z4 -= l54 * z5;
        z4 *= i4;
        coef[4] = z4;
        double z3 = y3;
        z3 -= l43 * z4;
        z3 -= l53 * z5;
        z3 *= i3;
        coef[3] = z3;
        double z2 = y2;
        z2 -= l32 * z3;
        z2 -= l42 * z4;
        z2 -= l52 * z5;
        z2 *= i2;
        coef[2] = z2;
        double z1 = y1;
        z1 -= l21 * z2;
        z1 -= l31 * z3;
        z1 -= l41 * z4;
        z1 -= l51 * z5;
        z1 *= i1;
        coef[1] = z1;
        double z0 = y0;
        z0 -= l10 * z1;
        z0 -= l20 * z2;
        z0 -= l30 * z3;
        z0 -= l40 * z4;
        z0 -= l50 * z5;
        z0 *= i0;
        coef[0] = z0;
        return true;
    }

    /** Δ written out over the six samples: the same sums in the same order. */
    @Override
    public double addCombination(double[] x, double[] c, double[] w) {
        final int d = this.d;
        final double c0 = c[0];
        final double c1 = c[1];
        final double c2 = c[2];
        final double c3 = c[3];
        final double c4 = c[4];
        final double c5 = c[5];
        double moved = 0;
        for (int i = 0; i < d; i++) {
            double delta = 0.0 + x[i] * c0 + x[d + i] * c1 + x[2 * d + i] * c2 + x[3 * d + i] * c3
                    + x[4 * d + i] * c4 + x[5 * d + i] * c5;
            w[i] += delta;
            moved += delta * delta;
        }
        return moved;
    }
}
