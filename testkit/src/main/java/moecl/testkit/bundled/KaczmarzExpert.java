package moecl.testkit.bundled;

import moecl.expert.Expert;
import moecl.expert.LearnReport;
import moecl.expert.LinearModel;
import moecl.task.LinearTask;
import moecl.task.Task;

/**
 * A linear expert that learns a task {@code (X, y)} by Kaczmarz projections: for each sample j in turn,
 * {@code w ← w + (y_j − x_j·w) x_j / ‖x_j‖²} (a sample of norm 0 is skipped), {@code sweeps} times. Reports how far
 * it moved and the mean squared residual afterwards.
 */
public final class KaczmarzExpert implements Expert, LinearModel, moecl.expert.Snapshots {

    private final double[] w;
    private final int sweeps;

    KaczmarzExpert(int d, int sweeps) {
        this.w = new double[d];
        this.sweeps = sweeps;
    }

    @Override
    public LearnReport learn(Task task) {
        if (!(task instanceof LinearTask t)) {
            throw new IllegalArgumentException(KaczmarzExpertFactory.NAME + " learns linear tasks (X, y); this task "
                    + "is not one");
        }
        int d = t.d();
        if (d != w.length) {
            throw new IllegalArgumentException(KaczmarzExpertFactory.NAME + " was built for d=" + w.length
                    + " but the task has d=" + d);
        }
        double[] x = t.x();
        double[] y = t.y();
        double[] before = w.clone();
        for (int k = 0; k < sweeps; k++) {
            for (int j = 0; j < t.s(); j++) {
                int off = j * d;
                double dot = 0;
                double sq = 0;
                for (int i = 0; i < d; i++) {
                    dot += x[off + i] * w[i];
                    sq += x[off + i] * x[off + i];
                }
                if (sq == 0 || !Double.isFinite(sq)) {
                    continue;
                }
                double step = (y[j] - dot) / sq;
                for (int i = 0; i < d; i++) {
                    w[i] += step * x[off + i];
                }
            }
        }
        double moved = 0;
        for (int i = 0; i < d; i++) {
            double diff = w[i] - before[i];
            moved += diff * diff;
        }
        double loss = 0;
        for (int j = 0; j < t.s(); j++) {
            double r = -y[j];
            for (int i = 0; i < d; i++) {
                r += x[j * d + i] * w[i];
            }
            loss += r * r;
        }
        return new LearnReport(Math.sqrt(moved), t.s() == 0 ? 0 : loss / t.s());
    }

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
        double[] s = (double[]) snapshot;
        if (s.length != w.length) {
            throw new IllegalArgumentException("the snapshot has " + s.length + " weights, the expert " + w.length);
        }
        System.arraycopy(s, 0, w, 0, w.length);
    }
}
