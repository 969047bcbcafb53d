package moecl.paper;

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
        moecl.task.ArrivalSequence, moecl.theory.TheoryWorld {

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

    public ClustersGenerator(Shape shape, ClusterPool pool, int[] sequence, RandomSource perRound) {
        this.shape = shape;
        this.pool = pool;
        this.sequence = sequence;
        this.rng = perRound;
        this.directions = new double[shape.s() * shape.r()];
        this.rowScales = new double[Math.max(0, shape.d() - shape.r())];
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
        double[] x = new double[d * s];
        double[] z = directions;
        rng.fillGaussian(z, 0, s * r); // every column's random direction, column after column, in one call
        for (int j = 0; j < s; j++) { // scaled to the noise-column norm
            int off = j * d;
            int zo = j * r;
            double f = shape.noiseNorm() / ClusterPool.norm(z, zo, r);
            if (r == 6) { // the paper's noise rank, written out: the same products
                x[off] = z[zo] * f;
                x[off + 1] = z[zo + 1] * f;
                x[off + 2] = z[zo + 2] * f;
                x[off + 3] = z[zo + 3] * f;
                x[off + 4] = z[zo + 4] * f;
                x[off + 5] = z[zo + 5] * f;
                continue;
            }
            for (int i = 0; i < r; i++) {
                x[off + i] = z[zo + i] * f;
            }
        }
        int star = rng.nextInt(s);
        System.arraycopy(pool.signals()[type], 0, x, star * d, d);
        double[] scale = rowScales;
        rng.fillGaussian(scale, 0, d - r); // ξ_j for the rows j ≥ r
        for (int j = r; j < d; j++) {
            scale[j - r] *= j - r == star ? shape.signalRowScale() : shape.tinyScale();
        }
        if (d == 10 && r == 6) { // the paper's shape, written out (loops of 4 and 6 steps: their control cost most)
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
        } else {
            for (int c = 0; c < s; c++) { // row j = row j − r times its scale, column by column (rows ascending)
                int off = c * d;
                for (int j = r; j < d; j++) {
                    x[off + j] = x[off + j - r] * scale[j - r];
                }
            }
        }
        return LinearTask.labelled(round, type, d, s, x, pool.truths()[type]);
    }

    @Override
    public TaskGenerator restart(RandomSource perRound) {
        return new ClustersGenerator(shape, pool, sequence, perRound);
    }
}
