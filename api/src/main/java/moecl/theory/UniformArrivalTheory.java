package moecl.theory;

/**
 * A single model (one expert) trained by minimum-norm updates on tasks whose types are drawn uniformly and
 * independently from {@code N} ground truths every round; expectation over the features, the label noise
 * <b>and</b> the random arrivals. With {@code S = 1/N Σ_n ||w_n||²}, {@code D = 1/N² Σ_{n≠n'} ||w_n − w_n'||²}
 * (ordered pairs), {@code A_t = Σ_{τ=1}^{t−1} r^τ = r(1 − r^{t−1})/(1−r)} and {@code c = q/(1−r)}
 * ({@code = dσ²/(d−s−1)} for isotropic features):
 *
 * <pre>
 * E[G_t] = r^t S + (1 − 1/t)(1 − r^t) D + c (1 − r^t)
 * E[F_t] = 1/(t−1) Σ_{τ&lt;t} { (r^t − r^τ) S + [ (r^τ − r^t) + (1−r)(1 − r^{t−τ}) ] D }
 *          + c/(t−1) Σ_{τ&lt;t} (r^τ − r^t)
 *        = (r^t − A_t/(t−1)) S + [ A_t/(t−1) − r^t + (1−r)(1 − A_t/(t−1)) ] D + c (A_t/(t−1) − r^t)
 * </pre>
 *
 * Limits: {@code G → D + c}, {@code F → (1−r) D}. The noise term is the paper's σ-free formula plus the
 * accumulated-noise term of the lemma; it is exact because the lemma holds conditionally on any type sequence and
 * the noise contribution does not depend on the types (see {@code docs/theory.md}).
 */
public final class UniformArrivalTheory {

    private final double r;
    private final double q;
    private final double sTerm;
    private final double dTerm;

    /** From a projection, label-noise level and truth pool. */
    public UniformArrivalTheory(Projection projection, double sigma, TruthGeometry truths) {
        this(projection, sigma, checked(truths).meanSqNorm(), truths.modelGap(), truths, projection);
    }

    private UniformArrivalTheory(Projection projection, double sigma, double s, double d, TruthGeometry truths,
            Projection forDims) {
        Check.notNull("projection", projection);
        this.q = projection.noisePerUpdate(sigma);
        if (truths != null) {
            Check.dimensions(forDims, truths);
        }
        if (!(s >= 0) || Double.isInfinite(s)) {
            throw Check.fail("S must be finite and >= 0; got S = " + s);
        }
        if (!(d >= 0) || Double.isInfinite(d)) {
            throw Check.fail("D must be finite and >= 0; got D = " + d);
        }
        this.r = projection.r();
        this.sTerm = s;
        this.dTerm = d;
    }

    private static TruthGeometry checked(TruthGeometry truths) {
        Check.notNull("truths", truths);
        return truths;
    }

    /** Exact theory for isotropic features: {@code r = 1 − s/d}. */
    public static UniformArrivalTheory of(int d, int s, double sigma, double[][] truths) {
        Projection p = Projection.isotropic(d, s);
        p.noisePerUpdate(sigma);
        return new UniformArrivalTheory(p, sigma, TruthGeometry.of(truths));
    }

    /** From the two moments directly: {@code S = 1/N Σ||w_n||²} and {@code D = 1/N² Σ_{n≠n'}||w_n − w_n'||²}. */
    public static UniformArrivalTheory ofMoments(Projection projection, double sigma, double S, double D) {
        return new UniformArrivalTheory(projection, sigma, S, D, null, projection);
    }

    /** The contraction factor {@code r}. */
    public double r() {
        return r;
    }

    /** {@code S = 1/N Σ_n ||w_n||²}. */
    public double meanSqNorm() {
        return sTerm;
    }

    /** The model gap {@code D = 1/N² Σ_{n≠n'} ||w_n − w_n'||²}. */
    public double modelGap() {
        return dTerm;
    }

    /** {@code c = q/(1−r)}: the accumulated label-noise error in the limit ({@code dσ²/(d−s−1)}). */
    public double noiseFloor() {
        return q / (1 - r);
    }

    /** {@code E[G_t]} in closed form, {@code t ≥ 1}. */
    public double generalization(long t) {
        Check.rounds("t", t);
        double rt = pow(r, t);
        double one = oneMinusPow(r, t);
        return rt * sTerm + (1 - 1.0 / t) * one * dTerm + noiseFloor() * one;
    }

    /** {@code E[F_t]} in closed form, {@code t ≥ 1} ({@code 0} at {@code t = 1}). */
    public double forgetting(long t) {
        Check.rounds("t", t);
        if (t == 1) {
            return 0;
        }
        double rt = pow(r, t);
        double mean = r * oneMinusPow(r, t - 1) / (1 - r) / (t - 1); // A_t/(t−1)
        return forgettingFrom(rt, mean);
    }

    private double forgettingFrom(double rt, double mean) {
        return (rt - mean) * sTerm + (mean - rt + (1 - r) * (1 - mean)) * dTerm + noiseFloor() * (mean - rt);
    }

    /** The whole curve {@code t = 1..T} by running sums, {@code O(T)}. */
    public TheoryCurve curve(int rounds) {
        Check.rounds("T", rounds);
        double[] f = new double[rounds];
        double[] g = new double[rounds];
        double c = noiseFloor();
        double rt = 1; // r^{t-1} at the top of the loop
        double sum = 0; // A_t = Σ_{τ=1}^{t−1} r^τ
        for (int t = 1; t <= rounds; t++) {
            if (t > 1) {
                sum += rt;
            }
            rt *= r;
            double one = 1 - rt;
            g[t - 1] = rt * sTerm + (1 - 1.0 / t) * one * dTerm + c * one;
            f[t - 1] = t == 1 ? 0 : forgettingFrom(rt, sum / (t - 1));
        }
        return new TheoryCurve(f, g);
    }

    /** {@code lim_{t→∞} E[G_t] = D + c}: a single expert never converges to the truths. */
    public double generalizationLimit() {
        return dTerm + noiseFloor();
    }

    /** {@code lim_{t→∞} E[F_t] = (1−r) D}. */
    public double forgettingLimit() {
        return (1 - r) * dTerm;
    }

    private static double pow(double r, long t) {
        return Math.pow(r, (double) t);
    }

    private static double oneMinusPow(double r, long t) {
        if (t == 0) {
            return 0;
        }
        return r == 0 ? 1 : -Math.expm1(t * Math.log(r));
    }
}
