package moecl.task;

/**
 * Capability of a task generator whose tasks are linear regressions {@code y = Xᵀ w_n + ξ}: what the paper's
 * metrics ({@code F}, {@code G} and the reference scripts' {@code F_ref}, {@code G_ref}) and the closed-form theory
 * need. A generator that implements it gets those four metrics for every run whose experts all implement
 * {@link moecl.expert.LinearModel}; otherwise runs have no F/G.
 */
@moecl.spi.Stable
public interface LinearWorld {

    /**
     * The ground truths {@code w_n}, one row of length d per task type (N × d); {@code null} when this instance
     * turns out to have none (a script-defined generator that defines no {@code groundTruths}): then no F/G.
     */
    double[][] groundTruths();

    /** The label-noise standard deviation σ of the tasks (0 without label noise). */
    default double labelNoise() {
        return 0;
    }

    /** Samples per task (s). */
    int samplesPerTask();
}
