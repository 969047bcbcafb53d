package moecl.theory;

/**
 * The single-model result with label noise (Lin et al., ICML 2023) for a fixed task order: one model trained by
 * minimum-norm updates on tasks with truths {@code w*_1..w*_T}, starting from {@code w_0 = 0}. With
 * {@code a_{T,k} = (1−r) r^{T−k}} and {@code c = dσ²/(d−s−1)}:
 *
 * <pre>
 * E[G_T] = 1/T Σ_{i≤T} [ r^T ||w*_i||² + Σ_{k≤T} a_{T,k} ||w*_k − w*_i||² ] + c (1 − r^T)
 * E[F_T] = 1/(T−1) Σ_{i&lt;T} [ (r^T − r^i)||w*_i||² + Σ_{k≤T} a_{T,k}||w*_k − w*_i||²
 *                              − Σ_{k≤i} a_{i,k}||w*_k − w*_i||² ]
 *          + c/(T−1) Σ_{i&lt;T} (r^i − r^T)
 * </pre>
 *
 * Exact for isotropic Gaussian features ({@link Projection#isotropic}); an approximation for
 * {@link Projection#rEffective}. Every prefix length is treated as {@code T}, giving the whole curve.
 *
 * <p><b>Evaluation in O(T·N).</b> With the task sequence given as type indices {@code n_1..n_T} into a pool of
 * {@code N} truths, let {@code Δ(g,h) = ||w_g − w_h||²}, {@code ν(g) = ||w_g||²} and keep, after round {@code t}:
 * <ul>
 *   <li>{@code A_t(g) = Σ_{k≤t, n_k=g} a_{t,k}}: {@code A_t = r A_{t−1} + (1−r) e_{n_t}};</li>
 *   <li>{@code v_t(g) = Σ_{i≤t} Δ(g, n_i)}: {@code v_t = v_{t−1} + Δ(·, n_t)};</li>
 *   <li>{@code X_t = Σ_{i≤t} Σ_{k≤t} a_{t,k} Δ(n_k, n_i) = Σ_g A_t(g) v_t(g)}, which satisfies
 *       {@code X_t = r X_{t−1} + r y_t + (1−r) v_{t−1}(n_t)} with {@code y_t = Σ_g A_{t−1}(g) Δ(g, n_t)};</li>
 *   <li>{@code Q_t = Σ_{i≤t} ν(n_i)}, {@code η_t = r η_{t−1} + q} (accumulated noise, {@code q} per update);</li>
 *   <li>{@code own_t = E||w_t − w*_t||² = r^t ν(n_t) + r y_t + η_t} and {@code R_t = Σ_{i≤t} own_i}.</li>
 * </ul>
 * Then {@code Σ_{i≤t} E||w_t − w*_i||² = r^t Q_t + X_t + t η_t =: total_t}, {@code E[G_t] = total_t / t} and
 * {@code E[F_t] = (total_t − R_t)/(t−1)} (the current task's {@code own_t} cancels).
 *
 * <p>For a sequence of {@code T} arbitrary truth vectors, {@link #curveOfSequence} uses the same structure with
 * inner products instead of a table: {@code O(T·d)}.
 */
public final class FixedOrderTheory {

    private FixedOrderTheory() {
    }

    /**
     * Exact curve for isotropic features with {@code r = 1 − s/d}.
     *
     * @param d      feature dimension
     * @param s      samples per task, {@code 1 ≤ s < d}; {@code d ≥ s+2} when {@code sigma > 0}
     * @param sigma  label-noise standard deviation, {@code ≥ 0}
     * @param types  the task order as indices into {@code truths}, length {@code T ≥ 1}
     * @param truths the pool of {@code N ≥ 1} ground truths, each of length {@code d}
     */
    public static TheoryCurve curve(int d, int s, double sigma, int[] types, double[][] truths) {
        Projection p = Projection.isotropic(d, s);
        p.noisePerUpdate(sigma);
        return curve(p, sigma, types, TruthGeometry.of(truths));
    }

    /** The curve for a given projection (exact or {@code rEffective}) and truth geometry; {@code O(T·N)}. */
    public static TheoryCurve curve(Projection projection, double sigma, int[] types, TruthGeometry truths) {
        Check.notNull("projection", projection);
        Check.notNull("truths", truths);
        double q = projection.noisePerUpdate(sigma);
        Check.dimensions(projection, truths);
        int n = truths.size();
        int rounds = Check.types(types, n);
        double r = projection.r();
        double a = 1 - r;
        double[] nu = truths.sqNormsUnsafe();
        double[][] dist = truths.sqDistancesUnsafe();
        double[] weight = new double[n]; // A_t(g)
        double[] v = new double[n]; // v_t(g)
        double[] f = new double[rounds];
        double[] gen = new double[rounds];
        double rt = 1, x = 0, qSum = 0, eta = 0, ownSum = 0;
        for (int t = 1; t <= rounds; t++) {
            int nt = types[t - 1];
            double[] row = dist[nt];
            double y = 0;
            for (int g = 0; g < n; g++) {
                y += weight[g] * row[g];
            }
            x = r * x + r * y + a * v[nt];
            for (int g = 0; g < n; g++) {
                weight[g] *= r;
                v[g] += row[g];
            }
            weight[nt] += a;
            rt *= r;
            qSum += nu[nt];
            eta = r * eta + q;
            double own = rt * nu[nt] + r * y + eta;
            ownSum += own;
            double total = rt * qSum + x + t * eta;
            gen[t - 1] = total / t;
            f[t - 1] = t == 1 ? 0 : (total - ownSum) / (t - 1);
        }
        return new TheoryCurve(f, gen);
    }

    /**
     * Exact curve for isotropic features and a sequence of {@code T} arbitrary truths, {@code truthPerRound[t−1]}
     * being {@code w*_t}; {@code O(T·d)}.
     */
    public static TheoryCurve curveOfSequence(int d, int s, double sigma, double[][] truthPerRound) {
        return curveOfSequence(Projection.isotropic(d, s), sigma, truthPerRound);
    }

    /**
     * The curve for a sequence of {@code T} arbitrary truth vectors; {@code O(T·d)}.
     *
     * <p>Recurrences (vectors centred at their mean {@code c}, {@code z_k = w*_k − c}, which leaves distances
     * unchanged and limits cancellation): {@code u_t = r u_{t−1} + (1−r) z_t}, {@code B_t = r B_{t−1} + (1−r)||z_t||²},
     * {@code α_t = 1 − r^t}, {@code Z_t = Σ_{i≤t} z_i}, {@code P_t = Σ_{i≤t}||z_i||²}. Then
     * {@code X_t = Σ_{i≤t} Σ_k a_{t,k}||z_k − z_i||² = t B_t + α_t P_t − 2<u_t, Z_t>} and
     * {@code own_t = r^t||w*_t||² + B_t + α_t||z_t||² − 2<u_t, z_t> + η_t}.
     */
    public static TheoryCurve curveOfSequence(Projection projection, double sigma, double[][] truthPerRound) {
        Check.notNull("projection", projection);
        double q = projection.noisePerUpdate(sigma);
        Check.notNull("truthPerRound", truthPerRound);
        int rounds = truthPerRound.length;
        if (rounds < 1) {
            throw Check.fail("truthPerRound must contain at least one round (T >= 1); got T = 0");
        }
        for (int t = 0; t < rounds; t++) {
            Check.notNull("truthPerRound[" + t + "]", truthPerRound[t]);
        }
        int dim = truthPerRound[0].length;
        int expected = projection.d().orElse(dim);
        if (dim < 1 || dim != expected) {
            throw Check.fail("truthPerRound[0] must have length d = " + expected + "; got " + dim);
        }
        double[] centre = new double[dim];
        for (int t = 0; t < rounds; t++) {
            double[] w = truthPerRound[t];
            if (w.length != dim) {
                throw Check.fail("truthPerRound[" + t + "] must have length d = " + dim + "; got " + w.length);
            }
            for (int i = 0; i < dim; i++) {
                if (!Double.isFinite(w[i])) {
                    throw Check.fail("truthPerRound[" + t + "][" + i + "] must be finite; got " + w[i]);
                }
                centre[i] += w[i];
            }
        }
        for (int i = 0; i < dim; i++) {
            centre[i] /= rounds;
        }
        double r = projection.r();
        double a = 1 - r;
        double[] u = new double[dim];
        double[] zSum = new double[dim];
        double[] z = new double[dim];
        double[] f = new double[rounds];
        double[] gen = new double[rounds];
        double rt = 1, b = 0, alpha = 0, pSum = 0, qSum = 0, eta = 0, ownSum = 0;
        for (int t = 1; t <= rounds; t++) {
            double[] w = truthPerRound[t - 1];
            double zz = 0, nu = 0;
            for (int i = 0; i < dim; i++) {
                z[i] = w[i] - centre[i];
                zz += z[i] * z[i];
                nu += w[i] * w[i];
            }
            double uZ = 0, uz = 0;
            for (int i = 0; i < dim; i++) {
                u[i] = r * u[i] + a * z[i];
                zSum[i] += z[i];
                uZ += u[i] * zSum[i];
                uz += u[i] * z[i];
            }
            b = r * b + a * zz;
            alpha = r * alpha + a;
            pSum += zz;
            qSum += nu;
            rt *= r;
            eta = r * eta + q;
            double x = t * b + alpha * pSum - 2 * uZ;
            double own = rt * nu + b + alpha * zz - 2 * uz + eta;
            ownSum += own;
            double total = rt * qSum + x + t * eta;
            gen[t - 1] = total / t;
            f[t - 1] = t == 1 ? 0 : (total - ownSum) / (t - 1);
        }
        return new TheoryCurve(f, gen);
    }
}
