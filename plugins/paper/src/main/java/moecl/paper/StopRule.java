package moecl.paper;

/**
 * When the gate stops updating (the paper's Algorithm 1 and its alternatives). A rule sees each round's routing
 * and answers whether this round's gate step happens. Stopping is final.
 */
public sealed interface StopRule {

    /**
     * @param tc     the 0-based round ({@code t − 1})
     * @param chosen m_t
     * @param clean  gate outputs h
     * @param noisy  h + r
     * @return whether the gate updates this round
     */
    boolean update(int tc, int chosen, double[] clean, double[] noisy);

    /** Update forever: the paper's "without termination" curves. */
    record Never() implements StopRule {
        @Override
        public boolean update(int tc, int chosen, double[] clean, double[] noisy) {
            return true;
        }
    }

    /** Update for the first {@code rounds} rounds only. */
    record After(long rounds) implements StopRule {
        @Override
        public boolean update(int tc, int chosen, double[] clean, double[] noisy) {
            return tc < rounds;
        }
    }

    /**
     * Algorithm 1 as the reference scripts run it: from {@code tc ≥ M/η}, every expert {@code i ≠ m_t} whose gap
     * {@code |out_i − out_{m_t}| < Γ} is flagged (flags are sticky; with {@code flagWinner} the winner is flagged
     * too, as in the Fig. 3 script); the gate updates while not all M experts are flagged or
     * {@code tc < minRounds}. {@code noisy} chooses whether the gaps are measured on {@code h + r} (the scripts) or
     * on {@code h}.
     */
    final class Threshold implements StopRule {
        private final double gamma;
        private final long minRounds;
        private final boolean flagWinner;
        private final boolean noisyGaps;
        private final double start;
        private final boolean[] flags;
        private int flagged;
        private boolean stopped;

        public Threshold(int experts, double eta, double gamma, long minRounds, boolean flagWinner,
                         boolean noisyGaps) {
            this.gamma = gamma;
            this.minRounds = minRounds;
            this.flagWinner = flagWinner;
            this.noisyGaps = noisyGaps;
            this.start = experts / eta;
            this.flags = new boolean[experts];
        }

        @Override
        public boolean update(int tc, int chosen, double[] clean, double[] noisy) {
            if (stopped) {
                return false;
            }
            if (tc >= start) {
                double[] out = noisyGaps ? noisy : clean;
                double ref = out[chosen];
                for (int i = 0; i < flags.length; i++) {
                    if (!flags[i] && (i == chosen ? flagWinner : Math.abs(out[i] - ref) < gamma)) {
                        flags[i] = true;
                        flagged++;
                    }
                }
            }
            if (flagged == flags.length && tc >= minRounds) {
                stopped = true;
                return false;
            }
            return true;
        }

        public int flaggedCount() {
            return flagged;
        }

        /** A copy of the flags, in expert order. */
        public java.util.List<Boolean> flags() {
            java.util.List<Boolean> out = new java.util.ArrayList<>(flags.length);
            for (boolean f : flags) {
                out.add(f);
            }
            return out;
        }
    }
}
