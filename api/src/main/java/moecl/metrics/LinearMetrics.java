package moecl.metrics;

import java.util.List;

import moecl.expert.Expert;
import moecl.expert.LearnReport;
import moecl.expert.LinearModel;
import moecl.task.Task;

/**
 * Forgetting and generalization error of linear experts against known ground truths, in the paper's definitions
 * and in the reference scripts' variants, updated in O((M+N)·d) per round (plus O(N·(log t + √t)) for
 * {@code F_ref}).
 *
 * <p>Paper ({@code E = ‖w − w_n‖²}, the population error for isotropic inputs):
 * {@code F_t = 1/(t−1) Σ_{τ<t} [E_τ(w_t^(m_τ)) − E_τ(w_τ^(m_τ))]},
 * {@code G_t = 1/t Σ_{τ≤t} E_τ(w_t^(m_τ))}.
 * Reference (plain norm, {@code tc = t − 1}):
 * {@code F_ref = 1/tc Σ_{i≤tc−2} | ‖w_now^(m_i) − w_{n_i}‖ − ‖w_{i+1}^(m_i) − w_{n_i}‖ |},
 * {@code G_ref = 1/(tc+1) Σ_{i≤tc−1} ‖w_now^(m_i) − w_{n_i}‖}.
 *
 * <p>Why incremental: an expert's error on a task type changes only when that expert learns, so the sums over
 * past rounds group by (expert, type) pairs: {@code Σ_τ E(w_t^(m_τ), n_τ) = Σ_{m,n} count[m][n]·E[m][n]}. The
 * grouped sums move by the change of the learning expert's N entries each round (O(N), not O(M·N)) and are
 * re-added from the table every {@value #RESUM_EVERY} rounds, so rounding cannot accumulate.
 */
public final class LinearMetrics implements RoundMetrics, moecl.task.KeepsNoRoundArrays {

    public static final List<String> COLUMNS = List.of("F", "G", "F_ref", "G_ref");
    public static final List<String> PAPER_COLUMNS = List.of("F", "G");

    private final boolean reference;
    private final double[][] truths;
    private final int m;
    private final int n;
    private final int d;
    /** {@code ‖w − w_n‖²}: the kernel for length d (written out at d = 10, in lanes for large d). */
    private final moecl.linalg.kernels.VecKernel dist;
    /** Squared error E[m][n] = ‖w^(m) − w_n‖². */
    private final double[] sq;
    /** Plain error A[m][n] = ‖w^(m) − w_n‖. */
    private final double[] norm;
    /** Rounds τ ≤ t routed to (m, n). */
    private final double[] count;
    /** Rounds i ≤ tc−1 routed to (m, n), for G_ref (held as doubles: exact below 2^53, no conversions). */
    private final double[] countRef;
    /** Per (m, n): the errors right after learning, b_i, of rounds i ≤ tc − 2. */
    private final AbsDeviationSum[] after;
    /** Per (m, n): Σ_i |A[m][n] − b_i|. */
    private final double[] afterDev;
    /** Σ_{τ&lt;t} E_τ(w_τ^(m_τ)). */
    private double sumAtLearning;
    /** Σ count·E (paper), Σ countRef·A and Σ afterDev (reference), kept up to date as entries change. */
    private double total;
    private double gSum;
    private double fSum;
    /**
     * Every this many rounds the grouped sums are re-added from the table, so the rounding of the running updates
     * cannot accumulate (the result stays a deterministic function of the run).
     */
    static final int RESUM_EVERY = 1024;
    // pending b-values of the last two rounds, inserted into 'after' once two rounds old
    private int pendPair1 = -1;
    private double pendB1;
    private int pendPair2 = -1;
    private double pendB2;

    /** All four metrics: the paper's F, G and the reference scripts' F_ref, G_ref. */
    public LinearMetrics(double[][] truths, int experts) {
        this(truths, experts, true);
    }

    /**
     * @param reference whether to compute F_ref and G_ref too (they need the per-(expert, type) history of errors
     *                  at learning time; the paper's F and G need only running sums)
     */
    public LinearMetrics(double[][] truths, int experts, boolean reference) {
        this.reference = reference;
        if (truths == null || truths.length == 0) {
            throw new IllegalArgumentException("linear metrics need the ground truths of at least one task type");
        }
        this.truths = truths;
        this.m = experts;
        this.n = truths.length;
        this.d = truths[0].length;
        this.dist = moecl.linalg.kernels.Kernels.vec(d);
        this.sq = new double[m * n];
        this.norm = new double[m * n];
        this.count = new double[m * n];
        this.countRef = new double[m * n];
        this.after = new AbsDeviationSum[m * n];
        this.afterDev = new double[m * n];
        for (int i = 0; i < m * n; i++) {
            after[i] = new AbsDeviationSum();
        }
        // all experts start at 0: E = ‖w_n‖²
        for (int k = 0; k < n; k++) {
            double s = 0;
            for (double v : truths[k]) {
                s += v * v;
            }
            for (int e = 0; e < m; e++) {
                sq[e * n + k] = s;
                norm[e * n + k] = Math.sqrt(s);
            }
        }
    }

    @Override
    public List<String> columns() {
        return reference ? COLUMNS : PAPER_COLUMNS;
    }

    @Override
    public void observe(Task task, int expert, Expert[] experts, LearnReport report, double[] out) {
        int t = task.round();
        int type = task.type();
        refresh(expert, ((LinearModel) experts[expert]).weights());
        int pair = expert * n + type;
        boolean resum = (t & (RESUM_EVERY - 1)) == 0;

        // ---- paper definitions ----
        count[pair]++;
        total += sq[pair];
        if (resum) {
            total = 0;
            for (int i = 0; i < m * n; i++) {
                total += count[i] * sq[i];
            }
        }
        out[1] = total / t;
        out[0] = t >= 2 ? (total - sq[pair] - sumAtLearning) / (t - 1) : 0.0;
        sumAtLearning += sq[pair];

        if (!reference) {
            return;
        }
        // ---- reference-script variants ----
        int tc = t - 1;
        if (pendPair2 >= 0) { // the b of round tc−2 joins the F_ref sum now
            after[pendPair2].add(pendB2);
            setDeviation(pendPair2, after[pendPair2].sumAbsDeviation(norm[pendPair2]));
        }
        for (int k = 0; k < n; k++) {
            int p = expert * n + k;
            setDeviation(p, after[p].size() == 0 ? 0.0 : after[p].sumAbsDeviation(norm[p]));
        }
        if (resum) {
            fSum = 0;
            gSum = 0;
            for (int i = 0; i < m * n; i++) {
                fSum += afterDev[i];
                gSum += countRef[i] * norm[i];
            }
        }
        out[2] = tc == 0 ? 0.0 : fSum / tc;
        out[3] = gSum / (tc + 1);
        countRef[pair]++;
        gSum += norm[pair];
        pendPair2 = pendPair1;
        pendB2 = pendB1;
        pendPair1 = pair;
        pendB1 = norm[pair];
    }

    private void setDeviation(int p, double dev) {
        fSum += dev - afterDev[p];
        afterDev[p] = dev;
    }

    /**
     * Recomputes the errors of the expert that learned, and moves the grouped sums by the change: only its N
     * entries of the M×N table changed.
     */
    private void refresh(int expert, double[] w) {
        for (int k = 0; k < n; k++) {
            double s = dist.sqDist(w, truths[k]);
            int p = expert * n + k;
            total += count[p] * (s - sq[p]);
            sq[p] = s;
            if (reference) { // the plain norms are for F_ref and G_ref only
                double r = Math.sqrt(s);
                gSum += countRef[p] * (r - norm[p]);
                norm[p] = r;
            }
        }
    }

    /** The model gap {@code D = 1/N² Σ_{n≠n'} ‖w_n − w_n'‖²} (ordered pairs), the M = 1 limit of G. */
    public static double modelGap(double[][] truths) {
        int n = truths.length;
        double s = 0;
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                if (a != b) {
                    for (int i = 0; i < truths[a].length; i++) {
                        double diff = truths[a][i] - truths[b][i];
                        s += diff * diff;
                    }
                }
            }
        }
        return s / ((double) n * n);
    }
}
