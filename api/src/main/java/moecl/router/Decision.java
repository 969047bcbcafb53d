package moecl.router;

/**
 * A routing decision.
 *
 * @param expert the chosen expert m_t (the primary one when several learn)
 * @param others further experts that also learn the task (top-k routers), possibly empty
 * @param gate   the gate outputs h_m (clean), or {@code null} for routers without a gate
 * @param noisy  the noisy outputs h_m + r_m that decided the routing, or {@code null}
 * @param probs  the routing probabilities π_m, or {@code null} (routers without them, and the paper router once
 *               its gate is frozen: no gate step needs them then)
 */
@moecl.spi.Stable
public record Decision(int expert, int[] others, double[] gate, double[] noisy, double[] probs) {

    private static final int[] NONE = new int[0];

    public static Decision of(int expert) {
        return new Decision(expert, NONE, null, null, null);
    }

    public static Decision of(int expert, double[] gate, double[] noisy, double[] probs) {
        return new Decision(expert, NONE, gate, noisy, probs);
    }
}
