package moecl.baselines;

import moecl.expert.LearnReport;
import moecl.router.Decision;
import moecl.router.Router;
import moecl.task.Task;

/**
 * A learned linear softmax gate with top-k routing and the Switch-Transformer load-balancing loss, trained by
 * exact gradient descent every round and never stopped.
 *
 * <p>Per round t: gate outputs {@code h = θ·x̄} (θ is M × d, starting at 0), probabilities
 * {@code π = softmax(h / temperature)}; the task goes to the k experts with the largest π, the largest being the
 * primary expert {@code m_t} (its report supplies Δ) and the other k − 1 going to {@link Decision#others()}. After
 * the experts learned, the gate takes the step {@code θ ← θ − η ∇_θ (L_loc + L_aux)} with
 * <ul>
 *   <li>locality {@code L_loc = π_{m_t} · Δ}, {@code Δ = report.moved()} (only the primary's move is reported);</li>
 *   <li>load balancing {@code L_aux = α M Σ_m f_m P_m} (Fedus et al., Switch Transformer), with
 *       {@code f_m} = the share of routing slots expert m took so far ({@code tasks m took / (k t)}, so
 *       {@code Σ f = 1} also for k &gt; 1) and {@code P_m = (1/t) Σ_{τ≤t} π_m(τ)}. As in the paper (§3) only the
 *       current round's π depends on θ; past π and the counts f are constants.</li>
 * </ul>
 * With top-1 and temperature 1 this is the paper's gate with the {@code exact} gradient form, without exploration
 * noise and without Algorithm 1's stop rule.
 *
 * <p>Why: the paper's central practical claim (§4, Prop. 2) is that a gate which keeps learning in continual
 * learning loses its specialisation, because load balancing keeps pulling the gate outputs together. This router
 * is exactly such a gate, in the form MoE practice uses (softmax, top-k, Switch auxiliary loss), so it measures
 * what stopping buys.
 */
public final class SoftmaxRouter implements Router {

    private final int m;
    private final int d;
    private final int k;
    private final double eta;
    private final double alpha;
    private final double temperature;
    private final double[][] theta;
    /** Tasks each expert took so far (primary and others). */
    private final long[] taken;
    /** {@code Σ_{τ<t} π_m(τ)}. */
    private final double[] piSum;
    private long rounds;

    public SoftmaxRouter(int experts, int dimension, int k, double eta, double alpha, double temperature) {
        if (k < 1 || k > experts) {
            throw new IllegalArgumentException(kMessage("softmax", k, experts));
        }
        this.m = experts;
        this.d = dimension;
        this.k = k;
        this.eta = eta;
        this.alpha = alpha;
        this.temperature = temperature;
        this.theta = new double[experts][dimension];
        this.taken = new long[experts];
        this.piSum = new double[experts];
    }

    /** The message for a k outside 1..M, shared by the top-k routers. */
    static String kMessage(String router, long k, int experts) {
        return router + ": k must be between 1 and M=" + experts + " (the number of experts), got k=" + k;
    }

    @Override
    public Decision route(Task task) {
        double[] h = GateMath.times(theta, task.gateInput());
        double[] pi = GateMath.softmax(h, temperature);
        int[] top = GateMath.topK(pi, k);
        int[] others = new int[k - 1];
        System.arraycopy(top, 1, others, 0, k - 1);
        return new Decision(top[0], others, h, null, pi);
    }

    @Override
    public void learn(Task task, Decision decision, LearnReport report) {
        record(decision);
        double[] x = task.gateInput();
        double[][] grad = new double[m][d];
        double[] pi = new double[m];
        loss(x, decision.expert(), report.moved(), grad, pi);
        for (int e = 0; e < m; e++) {
            for (int i = 0; i < d; i++) {
                theta[e][i] -= eta * grad[e][i];
            }
            piSum[e] += pi[e];
        }
    }

    /** Counts the round's routing into f (step 1 of {@link #learn}). */
    void record(Decision decision) {
        rounds++;
        taken[decision.expert()]++;
        for (int o : decision.others()) {
            taken[o]++;
        }
    }

    /**
     * The round's loss {@code L_loc + L_aux} at the current θ (after {@link #record}), for gate input x, primary
     * expert {@code chosen} and its move Δ. Fills {@code grad} (M × d) with {@code ∇_θ} and {@code piOut} with π
     * when they are non-null.
     */
    double loss(double[] x, int chosen, double delta, double[][] grad, double[] piOut) {
        double[] h = GateMath.times(theta, x);
        double[] pi = GateMath.softmax(h, temperature);
        double t = rounds;
        double a = alpha * m / t;
        double[] f = new double[m];
        double value = pi[chosen] * delta;
        double[] gPi = new double[m];
        for (int e = 0; e < m; e++) {
            f[e] = taken[e] / (k * t);
            value += a * f[e] * (piSum[e] + pi[e]);
            gPi[e] = a * f[e] + (e == chosen ? delta : 0);
        }
        if (grad != null) {
            double mean = 0;
            for (int e = 0; e < m; e++) {
                mean += gPi[e] * pi[e];
            }
            for (int e = 0; e < m; e++) {
                double gh = pi[e] * (gPi[e] - mean) / temperature;
                for (int i = 0; i < d; i++) {
                    grad[e][i] = gh * x[i];
                }
            }
        }
        if (piOut != null) {
            System.arraycopy(pi, 0, piOut, 0, m);
        }
        return value;
    }

    /** θ (M × d), live. */
    @Override
    public double[][] gateWeights() {
        return theta;
    }
}
