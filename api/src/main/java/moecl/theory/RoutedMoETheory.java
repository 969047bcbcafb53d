package moecl.theory;

/**
 * Expected forgetting and generalization of a mixture of {@code M} linear experts trained by minimum-norm updates,
 * <b>conditional on a recorded routing</b>: round {@code t} brings a task of type {@code n_t} and only expert
 * {@code m_t} learns it. All experts start at 0.
 *
 * <p>With {@code L_t^(m)} the number of updates of expert {@code m} up to round {@code t} and {@code q} the
 * per-update label-noise term ({@code σ² s/(d−s−1)} for isotropic features):
 *
 * <pre>
 * e_t(m, g) := E||w_t^(m) − w_g||² = r^L ||w_g||² + Σ_{τ'≤t, m_τ'=m} (1−r) r^{L − L_τ'^(m)} ||w_{n_τ'} − w_g||²
 *                                  + q (1 + r + … + r^{L−1}),      L = L_t^(m)
 * </pre>
 *
 * plugged into the paper's definitions ({@code E_τ(w) = ||w − w_{n_τ}||²}):
 * {@code F_t = 1/(t−1) Σ_{τ<t} [E_τ(w_t^(m_τ)) − E_τ(w_τ^(m_τ))]}, {@code G_t = 1/t Σ_{τ≤t} E_τ(w_t^(m_τ))}.
 * Exact for isotropic Gaussian features when the routing does not depend on the features and noise of the
 * experts' data (e.g. a fixed routing); used as a "theory overlay" for a recorded run otherwise.
 *
 * <p><b>Incremental scheme, O(N + M) per round.</b> Keep the table {@code e(m, g)} (starts at {@code ||w_g||²}), the
 * counts {@code C(m, g)} of past rounds of type {@code g} routed to {@code m}, the row sums
 * {@code ρ(m) = Σ_g C(m, g) e(m, g)} and {@code R_t = Σ_{τ≤t} e_τ(m_τ, n_τ)}. A round {@code (n, m)} changes only row
 * {@code m}: {@code e(m, g) ← r e(m, g) + (1−r)||w_n − w_g||² + q} for all {@code g}, {@code C(m, n) += 1},
 * {@code ρ(m)} is recomputed, and {@code R += e(m, n)}. Then with {@code total = Σ_m ρ(m)}:
 * {@code G_t = total/t} and {@code F_t = (total − R_t)/(t−1)}. With {@code M = 1} this is the fixed-order result
 * ({@link FixedOrderTheory}).
 *
 * <p>Instances are mutable and not thread-safe; {@link #curve} wraps a whole recorded routing.
 */
public final class RoutedMoETheory {

    private final double r;
    private final double q;
    private final int numExperts;
    private final int n;
    private final double[][] dist;
    private final double[][] err; // e(m, g)
    private final long[][] count; // C(m, g)
    private final double[] rowSum; // ρ(m)
    private final long[] updates; // L^(m)
    private long rounds;
    private double ownSum;
    private double forgetting;
    private double generalization;

    /**
     * @param projection the contraction factor (exact isotropic, or an {@code rEffective} approximation)
     * @param sigma      label-noise standard deviation, {@code ≥ 0}
     * @param numExperts {@code M ≥ 1}
     * @param truths     the pool of {@code N} ground truths
     */
    public RoutedMoETheory(Projection projection, double sigma, int numExperts, TruthGeometry truths) {
        Check.notNull("projection", projection);
        Check.notNull("truths", truths);
        this.q = projection.noisePerUpdate(sigma);
        Check.numExperts(numExperts);
        Check.dimensions(projection, truths);
        this.r = projection.r();
        this.numExperts = numExperts;
        this.n = truths.size();
        this.dist = truths.sqDistancesUnsafe();
        this.err = new double[numExperts][];
        for (int m = 0; m < numExperts; m++) {
            err[m] = truths.sqNormsUnsafe().clone();
        }
        this.count = new long[numExperts][n];
        this.rowSum = new double[numExperts];
        this.updates = new long[numExperts];
    }

    /**
     * Exact curve for isotropic features ({@code r = 1 − s/d}) and a recorded routing.
     *
     * @param types      task types {@code n_t}, length {@code T ≥ 1}, entries in {@code [0, N)}
     * @param experts    chosen experts {@code m_t}, same length, entries in {@code [0, numExperts)}
     * @param numExperts {@code M ≥ 1}
     * @param truths     the {@code N} ground truths, each of length {@code d}
     */
    public static TheoryCurve curve(int d, int s, double sigma, int[] types, int[] experts, int numExperts,
            double[][] truths) {
        Projection p = Projection.isotropic(d, s);
        p.noisePerUpdate(sigma);
        return curve(p, sigma, types, experts, numExperts, TruthGeometry.of(truths));
    }

    /** The curve for a recorded routing; {@code O(T·(N + M))}. */
    public static TheoryCurve curve(Projection projection, double sigma, int[] types, int[] experts, int numExperts,
            TruthGeometry truths) {
        RoutedMoETheory theory = new RoutedMoETheory(projection, sigma, numExperts, truths);
        int t = Check.types(types, truths.size());
        Check.experts(experts, t, numExperts);
        double[] f = new double[t];
        double[] g = new double[t];
        for (int i = 0; i < t; i++) {
            theory.observe(types[i], experts[i]);
            f[i] = theory.forgetting;
            g[i] = theory.generalization;
        }
        return new TheoryCurve(f, g);
    }

    /** Records one round: a task of type {@code type} was routed to (and learned by) expert {@code expert}. */
    public void observe(int type, int expert) {
        if (type < 0 || type >= n) {
            throw Check.fail("type must be in [0, N) = [0, " + n + "); got " + type);
        }
        if (expert < 0 || expert >= numExperts) {
            throw Check.fail("expert must be in [0, M) = [0, " + numExperts + "); got " + expert);
        }
        double[] e = err[expert];
        double[] row = dist[type];
        double a = 1 - r;
        for (int g = 0; g < n; g++) {
            e[g] = r * e[g] + a * row[g] + q;
        }
        long[] c = count[expert];
        c[type]++;
        updates[expert]++;
        double rs = 0;
        for (int g = 0; g < n; g++) {
            rs += c[g] * e[g];
        }
        rowSum[expert] = rs;
        double total = 0;
        for (int m = 0; m < numExperts; m++) {
            total += rowSum[m];
        }
        rounds++;
        ownSum += e[type];
        generalization = total / rounds;
        forgetting = rounds == 1 ? 0 : (total - ownSum) / (rounds - 1);
    }

    /** Rounds observed so far, {@code t}. */
    public long rounds() {
        return rounds;
    }

    /** {@code E[F_t | routing]} after the rounds observed so far (0 for {@code t ≤ 1}). */
    public double forgetting() {
        requireRounds();
        return forgetting;
    }

    /** {@code E[G_t | routing]} after the rounds observed so far. */
    public double generalization() {
        requireRounds();
        return generalization;
    }

    /** {@code E||w_t^(m) − w_g||²}: expected squared distance of expert {@code m} to truth {@code g} now. */
    public double expectedError(int expert, int type) {
        if (expert < 0 || expert >= numExperts) {
            throw Check.fail("expert must be in [0, M) = [0, " + numExperts + "); got " + expert);
        }
        if (type < 0 || type >= n) {
            throw Check.fail("type must be in [0, N) = [0, " + n + "); got " + type);
        }
        return err[expert][type];
    }

    /** {@code L_t^(m)}: how many updates expert {@code m} has received. */
    public long updates(int expert) {
        if (expert < 0 || expert >= numExperts) {
            throw Check.fail("expert must be in [0, M) = [0, " + numExperts + "); got " + expert);
        }
        return updates[expert];
    }

    private void requireRounds() {
        if (rounds == 0) {
            throw new IllegalStateException("no round observed yet (t = 0): F and G start at t = 1");
        }
    }
}
