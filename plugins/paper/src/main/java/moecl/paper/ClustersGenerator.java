package moecl.paper;

import moecl.linalg.kernels.Kernels;
import moecl.linalg.kernels.VecKernel;
import moecl.rng.RandomSource;
import moecl.task.LinearTask;
import moecl.task.Task;
import moecl.task.TaskGenerator;

/**
 * The reference scripts' task generator for Fig. 2 and Fig. 4/5 (paper.md §1.1).
 *
 * <p>Per round, in this draw order: every column gets a random direction {@code N(0, I_r)} scaled to the
 * noise-column norm in its first r rows; one column {@code j* ~ randint(0, s)} is overwritten by {@code v_{n_t}};
 * then each row {@code j ≥ r} becomes row {@code j − r} times {@code ξ_j · scale}, {@code ξ_j ~ N(0, 1)}, where the
 * scale is the signal-row scale if {@code j − r == j*} and the tiny-row scale otherwise (the scripts compare a row
 * offset with a column index; kept as is). {@code y = X^T w_{n_t}}.
 */
public final class ClustersGenerator implements TaskGenerator, moecl.task.LinearWorld, moecl.task.TypeSignals,
        moecl.task.ArrivalSequence, moecl.theory.TheoryWorld, moecl.task.ReusesRoundArrays {

    /** The per-round shape parameters. */
    public record Shape(int d, int r, int s, double noiseNorm, double tinyScale, double signalRowScale) {
    }

    private final Shape shape;
    private final ClusterPool pool;
    private final int[] sequence;
    private final RandomSource rng;
    /** Scratch: the s·r normals of the noise directions, and the d − r row scales. */
    private final double[] directions;
    private final double[] rowScales;
    private int round;
    /** Kernels chosen once by shape: length r (the directions), the copied rows, length d (the labels). */
    private final VecKernel rank;
    private final ClusterRows rows;
    private final VecKernel labels;
    /** A task's X, y and x̄, reused round after round once the engine allows it ({@link #reuseRoundArrays}). */
    private double[] xBuf;
    private double[] yBuf;
    private double[] gBuf;

    @Override
    public void reuseRoundArrays() {
        xBuf = new double[shape.d() * shape.s()];
        yBuf = new double[shape.s()];
        gBuf = new double[shape.d()];
    }

    public ClustersGenerator(Shape shape, ClusterPool pool, int[] sequence, RandomSource perRound) {
        this.shape = shape;
        this.pool = pool;
        this.sequence = sequence;
        this.rng = perRound;
        this.directions = new double[shape.s() * shape.r()];
        this.rowScales = new double[Math.max(0, shape.d() - shape.r())];
        this.rank = Kernels.vec(shape.r());
        this.rows = ClusterRows.choose(shape.d(), shape.r(), Kernels.mode());
        this.labels = Kernels.vec(shape.d());
    }

    @Override
    public int dimension() {
        return shape.d();
    }

    @Override
    public int types() {
        return pool.truths().length;
    }

    @Override
    public int samplesPerTask() {
        return shape.s();
    }

    @Override
    public double[][] groundTruths() {
        return pool.truths();
    }

    @Override
    public double[][] signals() {
        return pool.signals();
    }

    /**
     * An approximation: one min-norm update fits a {@code clusters} task almost exactly (the signal column
     * dominates), so the effective projection factor is r ≈ 0 (paper.md §6).
     */
    @Override
    public moecl.theory.Projection theoryProjection() {
        return moecl.theory.Projection.rEffective(0.0);
    }

    @Override
    public String theoryNote() {
        return "approximate: clusters features are not rotation-invariant; effective r = 0 (one update fits a task)";
    }


    @Override
    public int[] arrivals() {
        return sequence.clone();
    }

    @Override
    public Task next() {
        if (round >= sequence.length) {
            throw new IllegalStateException("the arrival sequence has " + sequence.length + " rounds");
        }
        int type = sequence[round++];
        int d = shape.d();
        int r = shape.r();
        int s = shape.s();
        double[] x = xBuf != null ? xBuf : new double[d * s]; // every entry is written below
        double[] z = directions;
        rng.fillGaussian(z, 0, s * r); // every column's random direction, column after column, in one call
        for (int j = 0; j < s; j++) { // scaled to the noise-column norm
            int off = j * d;
            int zo = j * r;
            rank.scaleInto(z, zo, shape.noiseNorm() / rank.norm(z, zo), x, off);
        }
        int star = rng.nextInt(s);
        System.arraycopy(pool.signals()[type], 0, x, star * d, d);
        double[] scale = rowScales;
        rng.fillGaussian(scale, 0, d - r); // ξ_j for the rows j ≥ r
        for (int j = r; j < d; j++) {
            scale[j - r] *= j - r == star ? shape.signalRowScale() : shape.tinyScale();
        }
        rows.copyScaledRows(x, s, scale); // row j = row j − r times its scale, column by column
        if (xBuf != null) {
            java.util.Arrays.fill(gBuf, 0.0); // x̄ is summed into
            labels.labels(x, s, pool.truths()[type], yBuf, gBuf); // as LinearTask.labelled, into the reused arrays
            return new LinearTask(round, type, d, s, x, yBuf, gBuf);
        }
        return LinearTask.labelled(round, type, d, s, x, pool.truths()[type], labels);
    }

    @Override
    public TaskGenerator restart(RandomSource perRound) {
        return new ClustersGenerator(shape, pool, sequence, perRound);
    }
}
