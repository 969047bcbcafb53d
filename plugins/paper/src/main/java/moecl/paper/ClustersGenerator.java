package moecl.paper;

import moecl.linalg.kernels.Kernels;
import moecl.linalg.kernels.VecKernel;
import moecl.rng.RandomSource;
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
public final class ClustersGenerator extends LinearGenerator implements moecl.task.ReusesRoundArrays {

    /** The per-round shape parameters. */
    public record Shape(int d, int r, int s, double noiseNorm, double tinyScale, double signalRowScale) {
    }

    private final Shape shape;
    private final ClusterPool pool;
    /** Scratch: the s·r normals of the noise directions, and the d − r row scales. */
    private final double[] directions;
    private final double[] rowScales;
    /** Kernels chosen once by shape: length r (the directions), the copied rows. */
    private final VecKernel rank;
    private final ClusterRows rows;
    /** A task's X, reused round after round once the engine allows it ({@link #reuseRoundArrays}), with y and x̄. */
    private double[] xBuf;

    @Override
    public void reuseRoundArrays() {
        xBuf = new double[shape.d() * shape.s()];
        reuseLabelArrays();
    }

    public ClustersGenerator(Shape shape, ClusterPool pool, int[] sequence, RandomSource perRound) {
        super(shape.d(), shape.s(), pool.truths(), pool.signals(), sequence, perRound, Kernels.vec(shape.d()));
        this.shape = shape;
        this.pool = pool;
        this.directions = new double[shape.s() * shape.r()];
        this.rowScales = new double[Math.max(0, shape.d() - shape.r())];
        this.rank = Kernels.vec(shape.r());
        this.rows = ClusterRows.choose(shape.d(), shape.r(), Kernels.mode());
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
    Task draw(int type) {
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
        return labelled(type, x);
    }

    @Override
    public TaskGenerator restart(RandomSource perRound) {
        return new ClustersGenerator(shape, pool, sequence, perRound);
    }
}
