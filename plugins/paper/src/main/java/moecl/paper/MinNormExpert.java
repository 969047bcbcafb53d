package moecl.paper;

import java.util.Arrays;

import moecl.expert.Expert;
import moecl.expert.LearnReport;
import moecl.expert.LinearModel;
import moecl.linalg.Dot;
import moecl.paper.minnorm.MinNormSolver;
import moecl.task.LinearTask;
import moecl.task.Task;

/**
 * The paper's linear expert: starts at {@code w = 0} and, when chosen, moves to the interpolator of the task that
 * is closest to where it was, {@code w ← w + X (X^T X)^{-1} (y − X^T w)} (the pseudo-inverse when X is
 * rank-deficient).
 */
public final class MinNormExpert implements Expert, LinearModel, moecl.expert.Snapshots,
        moecl.task.KeepsNoRoundArrays {

    private final int d;
    private final double[] w;
    private final double[] residual;
    private final MinNormSolver solver;

    public MinNormExpert(int d, int s) {
        this.d = d;
        this.w = new double[d];
        this.residual = new double[s];
        this.solver = new MinNormSolver(d, s);
    }

    @Override
    public LearnReport learn(Task task) {
        if (!(task instanceof LinearTask lt)) {
            throw new IllegalArgumentException("minnorm learns linear tasks (X, y); this task is not one");
        }
        int s = lt.s();
        if (lt.d() != d || s != residual.length) {
            throw new IllegalArgumentException("minnorm expert was built for d=" + d + ", s=" + residual.length
                    + " but the task has d=" + lt.d() + ", s=" + s);
        }
        double[] x = lt.x();
        double[] y = lt.y();
        double moved = solver.update(x, y, w, residual);
        double loss = 0; // an exact interpolator's (what is left after it in floating point is rounding)
        if (!solver.lastInterpolates()) { // the least-squares fit of an inconsistent rank-deficient task
            for (int j = 0; j < s; j++) {
                double r = Dot.of(x, j * d, w, 0, d) - y[j];
                loss += r * r;
            }
            loss /= s;
        }
        return new LearnReport(Math.sqrt(moved), loss);
    }

    @Override
    public double[] weights() {
        return w;
    }

    /** How many updates met a rank-deficient task (X^T X singular to working precision). */
    public long rankDeficientUpdates() {
        return solver.rankDeficient();
    }

    /** How many updates needed the SVD (inconsistent rank-deficient systems only). */
    public long svdUpdates() {
        return solver.fallbacks();
    }

    @Override
    public Object snapshot() {
        return w.clone();
    }

    @Override
    public void restore(Object snapshot) {
        double[] s = (double[]) snapshot;
        if (s.length != d) {
            throw new IllegalArgumentException("snapshot has " + s.length + " weights, expert has " + d);
        }
        System.arraycopy(s, 0, w, 0, d);
    }

    @Override
    public String toString() {
        return "minnorm" + Arrays.toString(w);
    }
}
