package moecl.paper;

/**
 * The gradient of the gate's loss {@code L_loc + L_aux} with respect to each θ^(m), as a coefficient of x̄
 * (paper.md §3). {@code Δ = ‖w_t^(m_t) − w_{t−1}^(m_t)‖}, {@code a = αM/t}.
 */
public enum GradientForm {
    /** The true gradient of {@code Σ_m π_m Δ_m + αM Σ_m f^(m) P^(m)}. */
    EXACT,
    /** The Fig. 2 script: {@code π_mt(1−π_mt)(Δ+a)} for the winner, {@code −π_mt π_m (Δ+a)} for the others. */
    FIG2,
    /** The Fig. 4/5 and Fig. 3 scripts: {@code π_mt(Δ+a)} for the winner, {@code −π_mt(Δ+a)} for the others. */
    FIG45;

    /** Whether {@link #coefficients} reads the load fractions {@code f}: the scripts' forms drop that term. */
    boolean usesLoadFractions() {
        return this == EXACT;
    }

    /**
     * Writes the coefficient of x̄ in {@code ∇_{θ^(m)}} for every m into {@code g}.
     *
     * @param f fractions of tasks routed to each expert so far (read by {@link #EXACT} only; the others may be
     *          passed stale values)
     */
    void coefficients(int chosen, double[] pi, double delta, double a, double[] f, double[] g) {
        int m = pi.length;
        double pw = pi[chosen];
        switch (this) {
            case EXACT -> {
                double fpi = 0;
                for (int j = 0; j < m; j++) {
                    fpi += f[j] * pi[j];
                }
                for (int j = 0; j < m; j++) {
                    double loc = delta * pw * ((j == chosen ? 1 : 0) - pi[j]);
                    double aux = a * pi[j] * (f[j] - fpi);
                    g[j] = loc + aux;
                }
            }
            case FIG2 -> {
                double k = delta + a;
                for (int j = 0; j < m; j++) {
                    g[j] = j == chosen ? pw * (1 - pw) * k : -pw * pi[j] * k;
                }
            }
            case FIG45 -> {
                double k = pw * (delta + a);
                for (int j = 0; j < m; j++) {
                    g[j] = j == chosen ? k : -k;
                }
            }
            default -> throw new AssertionError(this);
        }
    }
}
