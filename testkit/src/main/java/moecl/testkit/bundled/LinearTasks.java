package moecl.testkit.bundled;

import moecl.rng.RandomSource;
import moecl.task.LinearTask;
import moecl.task.Task;
import moecl.task.TaskGenerator;

/**
 * The tasks of {@link LinearTasksFactory}: a fixed world (truths, arrivals) and fresh per-round draws. (Its accessors
 * and arrival check look like the paper plugin's {@code LinearGenerator}: deliberately, the test kit depends on api
 * only.)
 */
public final class LinearTasks implements TaskGenerator, moecl.task.LinearWorld, moecl.task.TypeSignals,
        moecl.task.ArrivalSequence {

    private final int d;
    private final int s;
    private final double scale;
    private final double sigma;
    private final double[][] truths;
    private final double[][] signals;
    private final int[] arrivals;
    private final RandomSource rng;
    private int round;

    LinearTasks(int d, int s, double scale, double sigma, double[][] truths, double[][] signals, int[] arrivals,
                RandomSource perRound) {
        this.d = d;
        this.s = s;
        this.scale = scale;
        this.sigma = sigma;
        this.truths = truths;
        this.signals = signals;
        this.arrivals = arrivals;
        this.rng = perRound;
    }

    @Override
    public int dimension() {
        return d;
    }

    @Override
    public int types() {
        return truths.length;
    }

    @Override
    public Task next() {
        if (round >= arrivals.length) {
            throw new IllegalStateException(LinearTasksFactory.NAME + ": the arrival sequence has " + arrivals.length
                    + " rounds");
        }
        int type = arrivals[round++];
        double[] x = new double[d * s];
        rng.fillGaussian(x, 0, x.length);
        for (int i = 0; i < x.length; i++) {
            x[i] *= scale;
        }
        for (int i = 0; i < d; i++) {
            x[i] += signals[type][i];
        }
        LinearTask task = LinearTask.labelled(round, type, d, s, x, truths[type]);
        if (sigma != 0) {
            double[] y = task.y();
            for (int j = 0; j < s; j++) {
                y[j] += sigma * rng.nextGaussian();
            }
        }
        return task;
    }

    @Override
    public TaskGenerator restart(RandomSource perRound) {
        return new LinearTasks(d, s, scale, sigma, truths, signals, arrivals, perRound);
    }

    // ---- what metrics and linear experts need to know of the world (copies: callers may not change the world) ----

    @Override
    public double[][] groundTruths() {
        return copy(truths);
    }

    /** The signals v_n: what tells types apart in the gate input (expert sets are computed from them). */
    @Override
    public double[][] signals() {
        return copy(signals);
    }

    private static double[][] copy(double[][] a) {
        double[][] out = new double[a.length][];
        for (int k = 0; k < a.length; k++) {
            out[k] = a[k].clone();
        }
        return out;
    }

    @Override
    public int[] arrivals() {
        return arrivals.clone();
    }

    @Override
    public int samplesPerTask() {
        return s;
    }

    @Override
    public double labelNoise() {
        return sigma;
    }
}
