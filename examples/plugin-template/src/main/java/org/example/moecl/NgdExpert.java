package org.example.moecl;

import moecl.expert.Expert;
import moecl.expert.LearnReport;
import moecl.expert.LinearModel;
import moecl.expert.Snapshots;
import moecl.task.LinearTask;
import moecl.task.Task;

/**
 * A linear expert: starts at {@code w = 0} and, when chosen, takes {@code steps} steps of gradient descent on the
 * task's squared loss {@code (1/2s)‖X^T w − y‖²}, each of size {@code lr / (‖X‖²_F / s)}: the trace of the loss's
 * curvature bounds its largest eigenvalue, so the steps are stable for {@code lr ≤ 1} whatever the scale of X.
 *
 * <p>It implements {@link LinearModel}: that is what gives a run its forgetting and generalization metrics (F, G and
 * the reference variants) when the task generator knows its ground truths. An expert that is not a
 * {@code LinearModel} gets no F and G.
 */
public final class NgdExpert implements Expert, LinearModel, Snapshots {

    private final double[] w;
    private final double lr;
    private final int steps;

    NgdExpert(int d, double lr, int steps) {
        this.w = new double[d];
        this.lr = lr;
        this.steps = steps;
    }

    @Override
    public LearnReport learn(Task task) {
        if (!(task instanceof LinearTask t)) {
            throw new IllegalArgumentException("ngd learns linear tasks (X, y); this task is not one");
        }
        int d = t.d();
        int s = t.s();
        if (d != w.length) {
            throw new IllegalArgumentException("ngd was built for d=" + w.length + " but the task has d=" + d);
        }
        double[] x = t.x(); // the task's arrays: read, never written
        double[] y = t.y();
        double trace = 0;
        for (double v : x) {
            trace += v * v;
        }
        trace /= s;
        double[] before = w.clone();
        double[] r = new double[s];
        double[] g = new double[d];
        for (int k = 0; k < steps && trace > 0; k++) {
            residuals(x, y, d, s, r);
            java.util.Arrays.fill(g, 0);
            for (int j = 0; j < s; j++) {
                for (int i = 0; i < d; i++) {
                    g[i] += x[j * d + i] * r[j];
                }
            }
            double step = lr / trace / s;
            for (int i = 0; i < d; i++) {
                w[i] -= step * g[i];
            }
        }
        double moved = 0;
        for (int i = 0; i < d; i++) {
            moved += (w[i] - before[i]) * (w[i] - before[i]);
        }
        residuals(x, y, d, s, r);
        double loss = 0;
        for (double v : r) {
            loss += v * v;
        }
        return new LearnReport(Math.sqrt(moved), loss / s);
    }

    /** {@code r = X^T w − y}. */
    private void residuals(double[] x, double[] y, int d, int s, double[] r) {
        for (int j = 0; j < s; j++) {
            double p = 0;
            for (int i = 0; i < d; i++) {
                p += x[j * d + i] * w[i];
            }
            r[j] = p - y[j];
        }
    }

    /** The current weights, a live view (metrics read it; they do not write to it). */
    @Override
    public double[] weights() {
        return w;
    }

    @Override
    public Object snapshot() {
        return w.clone();
    }

    @Override
    public void restore(Object snapshot) {
        System.arraycopy((double[]) snapshot, 0, w, 0, w.length);
    }
}
