package moecl.paper;

import moecl.expert.LearnReport;
import moecl.linalg.Exp;
import moecl.linalg.kernels.Kernels;
import moecl.linalg.kernels.VecKernel;
import moecl.rng.RandomSource;
import moecl.router.Decision;
import moecl.router.Router;
import moecl.task.Task;

/**
 * The paper's gating network (paper.md §2–4): a linear gate {@code h_m = θ^(m)·x̄}, exploration noise
 * {@code r_m ~ U[0, λ)}, top-1 routing {@code m_t = argmax_m (h_m + r_m)}, a softmax π on the noisy or the clean
 * outputs, and a gradient step {@code θ ← θ − η ∇(L_loc + L_aux)} after the chosen expert learned, until the
 * {@link StopRule} freezes the gate.
 *
 * <p>Draw order per round (what numpy-legacy replays rely on): M uniforms for the noise, in expert order, then
 * (with the Fig. 4/5 routing quirk active) one integer per expert, in expert order, for its idle threshold.
 */
public final class PaperRouter implements Router, moecl.task.ReusesRoundArrays, moecl.task.KeepsNoRoundArrays {

    /** The Fig. 4/5 script's routing override (paper.md §7), or {@code null} when off. */
    public record Quirk(long start, int k, int idleMin, int idleMax) {
    }

    /**
     * The override's records: each expert's last update (0-based round and task type; -1 before its first). The
     * Fig. 4/5 script keeps them per threshold and never resets them between repeats, so a numpy-legacy replay
     * hands one instance from run to run ({@link moecl.plugin.BuildContext#unit}); an expert's last record may then
     * come from an earlier repeat, with that repeat's round number, until it learns again.
     */
    public static final class Records {
        final int[] lastType;
        final long[] lastRound;

        public Records(int experts) {
            lastType = new int[experts];
            lastRound = new long[experts];
            java.util.Arrays.fill(lastType, -1);
        }
    }

    private final int m;
    private final int d;
    private final double eta;
    private final double lambda;
    private final double alpha;
    private final boolean noisySoftmax;
    private final GradientForm gradient;
    private final StopRule stop;
    private final Quirk quirk;
    private final RandomSource noise;
    /** θ, row-major M × d: expert e's gate vector is {@code theta[e*d .. e*d+d)}. */
    private final double[] theta;
    private final long[] load;
    private final double[] f;
    private final double[] g;
    private final int[] lastType;
    private final long[] lastRound;
    private boolean frozen;
    /** The gate's products and steps over length d, chosen once ({@link Kernels#vec}). */
    private final VecKernel vec;
    /** The decision's arrays, reused round after round once the engine allows it ({@link #reuseRoundArrays}). */
    private double[] hBuf;
    private double[] noisyBuf;
    private double[] piBuf;

    @Override
    public void reuseRoundArrays() {
        hBuf = new double[m];
        noisyBuf = new double[m];
        piBuf = new double[m];
    }

    public PaperRouter(int experts, int dimension, double eta, double lambda, double alpha, boolean noisySoftmax,
                       GradientForm gradient, StopRule stop, Quirk quirk, RandomSource noise) {
        this(experts, dimension, eta, lambda, alpha, noisySoftmax, gradient, stop, quirk, noise,
                new Records(experts));
    }

    /** @param records the quirk's records, carried over from an earlier run (numpy-legacy replays) or fresh */
    public PaperRouter(int experts, int dimension, double eta, double lambda, double alpha, boolean noisySoftmax,
                       GradientForm gradient, StopRule stop, Quirk quirk, RandomSource noise, Records records) {
        this.m = experts;
        this.d = dimension;
        this.eta = eta;
        this.lambda = lambda;
        this.alpha = alpha;
        this.noisySoftmax = noisySoftmax;
        this.gradient = gradient;
        this.stop = stop;
        this.quirk = quirk;
        this.noise = noise;
        this.theta = new double[experts * dimension];
        this.load = new long[experts];
        this.f = new double[experts];
        this.g = new double[experts];
        if (records.lastType.length != experts) {
            throw new IllegalArgumentException("paper: quirk records for " + records.lastType.length
                    + " experts, the router has " + experts);
        }
        this.lastType = records.lastType;
        this.lastRound = records.lastRound;
        this.vec = Kernels.vec(dimension);
    }

    @Override
    public Decision route(Task task) {
        double[] x = task.gateInput();
        double[] h = hBuf != null ? hBuf : new double[m];
        double[] noisy = noisyBuf != null ? noisyBuf : new double[m];
        noise.fillUniform(noisy, 0, m, 0, lambda); // r_m ~ U[0, λ), in expert order
        int best = 0;
        double max = Double.NEGATIVE_INFINITY; // of the softmax's input, noisy or clean
        final double[] th = theta;
        for (int e = 0; e < m; e++) {
            double v = vec.dot(th, e * d, x, 0);
            h[e] = v;
            noisy[e] = v + noisy[e];
            if (noisy[e] > noisy[best]) {
                best = e;
            }
            max = Math.max(max, noisySoftmax ? noisy[e] : v);
        }
        int tc = task.round() - 1;
        if (quirk != null && tc >= quirk.start()) {
            // as the script: a fresh idle threshold drawn for every expert, and the last expert that qualifies wins
            int type = task.type();
            int span = quirk.idleMax() - quirk.idleMin() + 1;
            int override = -1;
            for (int e = 0; e < m; e++) {
                int idle = quirk.idleMin() + noise.nextInt(span);
                int lt = lastType[e];
                boolean related = lt == type || lt == type - quirk.k() || lt == type + quirk.k();
                if (lt >= 0 && related && tc - lastRound[e] > idle) {
                    override = e;
                }
            }
            if (override >= 0) {
                best = override;
            }
        }
        // π is needed only for the gate step: a frozen gate routes without it
        double[] pi = frozen ? null : softmax(noisySoftmax ? noisy : h, max, piBuf);
        return Decision.of(best, h, noisy, pi);
    }

    /** {@code π = softmax(z)}, shifted by {@code max = max_m z_m} (found while routing) so no exponential overflows. */
    private static double[] softmax(double[] z, double max, double[] into) {
        double[] p = into != null ? into : new double[z.length];
        double sum = 0;
        for (int e = 0; e < z.length; e++) {
            p[e] = Exp.exp(z[e] - max);
            sum += p[e];
        }
        double inv = 1.0 / sum;
        for (int e = 0; e < z.length; e++) {
            p[e] *= inv;
        }
        return p;
    }

    @Override
    public void learn(Task task, Decision decision, LearnReport report) {
        int chosen = decision.expert();
        int t = task.round();
        int tc = t - 1;
        load[chosen]++;
        lastType[chosen] = task.type();
        lastRound[chosen] = tc;
        if (frozen) {
            return;
        }
        if (!stop.update(tc, chosen, decision.gate(), decision.noisy())) {
            frozen = true;
            return;
        }
        double a = alpha * m / t;
        if (gradient.usesLoadFractions()) { // M divisions a round, for the exact gradient only
            for (int e = 0; e < m; e++) {
                f[e] = (double) load[e] / t;
            }
        }
        gradient.coefficients(chosen, decision.probs(), report.moved(), a, f, g);
        double[] x = task.gateInput();
        final double[] th = theta;
        for (int e = 0; e < m; e++) {
            double step = eta * g[e];
            if (step == 0) {
                continue;
            }
            vec.subtractScaled(th, e * d, step, x);
        }
    }

    @Override
    public boolean frozen() {
        return frozen;
    }

    /**
     * The stop rule's state at the end: with a threshold rule, how many experts are flagged and which ({@code
     * flagged}, {@code flags}); the gate freezes once all M are (and {@code minRounds} has passed).
     */
    @Override
    public java.util.Map<String, Object> diagnostics() {
        if (stop instanceof StopRule.Threshold th) {
            java.util.Map<String, Object> d = new java.util.LinkedHashMap<>();
            d.put("flagged", th.flaggedCount());
            d.put("flags", th.flags());
            return d;
        }
        return java.util.Map.of();
    }

    /** A copy of θ as M rows of d. */
    @Override
    public double[][] gateWeights() {
        double[][] out = new double[m][];
        for (int e = 0; e < m; e++) {
            out[e] = java.util.Arrays.copyOfRange(theta, e * d, e * d + d);
        }
        return out;
    }
}
