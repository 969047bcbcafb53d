package moecl.baselines;

import moecl.expert.LearnReport;
import moecl.rng.RandomSource;
import moecl.router.Decision;
import moecl.router.Router;
import moecl.task.Task;

/**
 * Noisy top-k gating of Shazeer et al., "Outrageously Large Neural Networks: The Sparsely-Gated
 * Mixture-of-Experts Layer" (ICLR 2017), §2.1 and Appendix A, applied to one decision per task.
 *
 * <p>Per round, with gate input x̄, {@code clean = W_g x̄}, {@code u = W_noise x̄} and ε_i ~ N(0, 1) drawn from the
 * router stream (M draws, in expert order):
 * <pre>
 *   H_i = clean_i + ε_i · softplus(u_i)
 *   G   = softmax(KeepTopK(H, k))          (entries outside the top k are −∞, so their gate is 0)
 * </pre>
 * The task goes to {@code argmax H} (the primary expert m_t, whose report supplies Δ) and, for k &gt; 1, to the other
 * kept experts in {@link Decision#others()}. After the experts learned, SGD takes
 * {@code W ← W − η ∇_W L} for both matrices, with the exact gradient (given the round's ε) of
 * <pre>
 *   L = G_{m_t} · Δ                                  locality, Δ = report.moved()
 *     + wImportance · CV(Importance)²                Importance_i = Σ_{τ≤t} G_i(τ)
 *     + wLoad · CV(Load)²                            Load_i = Σ_{τ≤t} P_i(τ)
 *   P_i = Φ((clean_i − kth_excluding(H, k, i)) / softplus(u_i))
 * </pre>
 * where {@code kth_excluding(H, k, i)} is the k-th largest entry of H other than H_i (the threshold H_i has to beat
 * to stay in the top k if its noise were redrawn), so P_i is the smooth probability that expert i is kept; CV is
 * the population coefficient of variation with Shazeer et al.'s {@code 1e−10} guard on the squared mean. Importance
 * and Load accumulate over all rounds so far; only the current round's term depends on W (past terms are
 * constants), as the paper's §3 treats {@code f} and {@code P}. The threshold is differentiated through the entry
 * that attains it, as the reference implementation does. With {@code k = M} every expert is always kept, so
 * {@code P ≡ 1} and the load loss has no gradient.
 *
 * <p>Why: it is the classic learned sparse gate of deep MoE, with its own balancing losses instead of the Switch
 * one, and it never stops learning; it shows whether the paper's conclusions (§4) about stopping the gate hold for
 * the gate practitioners actually use. With k = 1 the gate value G_{m_t} is identically 1, so locality and
 * importance carry no gradient and only the load loss trains the gate; use k ≥ 2 for the full picture (as
 * Shazeer et al. do).
 *
 * <p>Both matrices start at 0, except that {@code W_noise} may start with i.i.d. N(0, noiseInit²) entries (drawn
 * from the router stream when the router is built); at 0 the noise scale is {@code softplus(0) = ln 2}. The noise
 * scale is floored at {@value #MIN_STD} against underflow (its gradient is 0 there).
 */
public final class NoisyTopKRouter implements Router {

    /** Smallest noise standard deviation used in P_i. */
    static final double MIN_STD = 1e-12;

    private final int m;
    private final int d;
    private final int k;
    private final double eta;
    private final double wImportance;
    private final double wLoad;
    private final RandomSource rng;
    private final double[][] wg;
    private final double[][] wn;
    private final double[] importance;
    private final double[] load;
    private double[] lastEps;

    public NoisyTopKRouter(int experts, int dimension, int k, double eta, double wImportance, double wLoad,
                           double noiseInit, RandomSource rng) {
        if (k < 1 || k > experts) {
            throw new IllegalArgumentException(SoftmaxRouter.kMessage("noisytopk", k, experts));
        }
        this.m = experts;
        this.d = dimension;
        this.k = k;
        this.eta = eta;
        this.wImportance = wImportance;
        this.wLoad = wLoad;
        this.rng = rng;
        this.wg = new double[experts][dimension];
        this.wn = new double[experts][dimension];
        if (noiseInit != 0) {
            for (double[] row : wn) {
                for (int i = 0; i < dimension; i++) {
                    row[i] = noiseInit * rng.nextGaussian();
                }
            }
        }
        this.importance = new double[experts];
        this.load = new double[experts];
    }

    /** One forward pass at the current weights for input x and noise ε. */
    private final class Forward {
        final double[] clean;
        final double[] u;
        final double[] std;
        final double[] dStd;
        final double[] h;
        final int[] order;
        final double[] gates;
        final double[] prob;
        final int[] threshold;

        Forward(double[] x, double[] eps) {
            clean = GateMath.times(wg, x);
            u = GateMath.times(wn, x);
            std = new double[m];
            dStd = new double[m];
            h = new double[m];
            for (int i = 0; i < m; i++) {
                double s = GateMath.softplus(u[i]);
                double ds = GateMath.sigmoid(u[i]);
                if (s < MIN_STD) {
                    s = MIN_STD;
                    ds = 0;
                }
                std[i] = s;
                dStd[i] = ds;
                h[i] = clean[i] + eps[i] * s;
            }
            order = GateMath.order(h);
            gates = new double[m];
            double max = h[order[0]];
            double sum = 0;
            for (int r = 0; r < k; r++) {
                int i = order[r];
                gates[i] = Math.exp(h[i] - max);
                sum += gates[i];
            }
            for (int r = 0; r < k; r++) {
                gates[order[r]] /= sum;
            }
            prob = new double[m];
            threshold = new int[m];
            int[] rank = new int[m];
            for (int r = 0; r < m; r++) {
                rank[order[r]] = r;
            }
            for (int i = 0; i < m; i++) {
                if (k == m) {
                    prob[i] = 1;
                    threshold[i] = -1;
                } else {
                    // the k-th largest of H without H_i: the (k+1)-th overall if i is kept, else the k-th
                    threshold[i] = rank[i] < k ? order[k] : order[k - 1];
                    prob[i] = GateMath.normalCdf((clean[i] - h[threshold[i]]) / std[i]);
                }
            }
        }
    }

    @Override
    public Decision route(Task task) {
        double[] eps = new double[m];
        for (int i = 0; i < m; i++) {
            eps[i] = rng.nextGaussian();
        }
        lastEps = eps;
        Forward f = new Forward(task.gateInput(), eps);
        int[] others = new int[k - 1];
        System.arraycopy(f.order, 1, others, 0, k - 1);
        return new Decision(f.order[0], others, f.clean, f.h, f.gates);
    }

    @Override
    public void learn(Task task, Decision decision, LearnReport report) {
        if (lastEps == null) {
            throw new IllegalStateException("noisytopk: learn called before route");
        }
        double[][] gWg = new double[m][d];
        double[][] gWn = new double[m][d];
        double[] gates = new double[m];
        double[] prob = new double[m];
        loss(task.gateInput(), lastEps, decision.expert(), report.moved(), gWg, gWn, gates, prob);
        for (int e = 0; e < m; e++) {
            for (int i = 0; i < d; i++) {
                wg[e][i] -= eta * gWg[e][i];
                wn[e][i] -= eta * gWn[e][i];
            }
            importance[e] += gates[e];
            load[e] += prob[e];
        }
        lastEps = null;
    }

    /**
     * The round's loss at the current weights, for gate input x, noise ε, primary expert {@code chosen} and its
     * move Δ, with the Importance and Load accumulated over earlier rounds. Fills, when non-null, the gradients
     * w.r.t. W_g and W_noise (M × d) and this round's gates G and load probabilities P.
     */
    double loss(double[] x, double[] eps, int chosen, double delta, double[][] gWg, double[][] gWn,
                double[] gatesOut, double[] probOut) {
        Forward f = new Forward(x, eps);
        double[] imp = new double[m];
        double[] ld = new double[m];
        for (int i = 0; i < m; i++) {
            imp[i] = importance[i] + f.gates[i];
            ld[i] = load[i] + f.prob[i];
        }
        double[] dImp = new double[m];
        double[] dLoad = new double[m];
        double value = f.gates[chosen] * delta + wImportance * GateMath.cv2(imp, dImp)
                + wLoad * GateMath.cv2(ld, dLoad);
        if (gWg != null || gWn != null) {
            double[] gClean = new double[m];
            double[] gU = new double[m];
            // through G = softmax over the kept entries of H
            double[] gG = new double[m];
            for (int i = 0; i < m; i++) {
                gG[i] = wImportance * dImp[i] + (i == chosen ? delta : 0);
            }
            double mean = 0;
            for (int r = 0; r < k; r++) {
                int i = f.order[r];
                mean += gG[i] * f.gates[i];
            }
            double[] gH = new double[m];
            for (int r = 0; r < k; r++) {
                int i = f.order[r];
                gH[i] = f.gates[i] * (gG[i] - mean);
            }
            // through P_i = Φ((clean_i − H_thr(i)) / std_i)
            for (int i = 0; i < m; i++) {
                if (f.threshold[i] < 0) {
                    continue;
                }
                double a = f.clean[i] - f.h[f.threshold[i]];
                double z = a / f.std[i];
                double gP = wLoad * dLoad[i] * GateMath.normalPdf(z);
                double gA = gP / f.std[i];
                gClean[i] += gA;
                gH[f.threshold[i]] -= gA;
                gU[i] += -gP * a / (f.std[i] * f.std[i]) * f.dStd[i];
            }
            // H_i = clean_i + ε_i softplus(u_i)
            for (int i = 0; i < m; i++) {
                gClean[i] += gH[i];
                gU[i] += gH[i] * eps[i] * f.dStd[i];
            }
            for (int e = 0; e < m; e++) {
                for (int i = 0; i < d; i++) {
                    if (gWg != null) {
                        gWg[e][i] = gClean[e] * x[i];
                    }
                    if (gWn != null) {
                        gWn[e][i] = gU[e] * x[i];
                    }
                }
            }
        }
        if (gatesOut != null) {
            System.arraycopy(f.gates, 0, gatesOut, 0, m);
        }
        if (probOut != null) {
            System.arraycopy(f.prob, 0, probOut, 0, m);
        }
        return value;
    }

    /** W_g (M × d), live: the clean gate, used for expert sets. */
    @Override
    public double[][] gateWeights() {
        return wg;
    }

    /** W_noise (M × d), live. */
    double[][] noiseWeights() {
        return wn;
    }

    /** Importance accumulated so far, live. */
    double[] importance() {
        return importance;
    }

    /** Load accumulated so far, live. */
    double[] load() {
        return load;
    }
}
