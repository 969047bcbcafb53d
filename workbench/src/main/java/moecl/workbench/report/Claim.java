package moecl.workbench.report;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A statement of the paper written as a falsifiable hypothesis about a statistic, with its estimate over
 * replicates and a verdict.
 *
 * <p>The verdict of a one-sided hypothesis "the effect is above {@code threshold}" (or below): <b>holds</b> when the
 * whole 95% interval is on the claimed side, <b>does not hold</b> when the whole interval is on the other side, and
 * <b>inconclusive</b> otherwise (more replicates would decide). An equivalence hypothesis ("within ± threshold")
 * holds when the whole interval is inside, does not hold when it is wholly outside. A two-sided hypothesis
 * ("differs from {@code threshold}") holds when the interval excludes the threshold and is inconclusive otherwise:
 * it cannot be refuted by an interval, only left undecided. <b>not run</b>: the experiment could not run here (the
 * note says why).
 *
 * @param id        a stable name, e.g. {@code fig2.single-expert-plateau}
 * @param figure    where the paper shows it (Fig. 2, Prop. 3, ...)
 * @param statement the paper's statement in words
 * @param statistic what is computed per replicate, in words
 * @param side      {@code >}, {@code <} or {@code !=} the threshold
 * @param threshold the value the statistic is compared with
 * @param estimate  the estimate over replicates (null when not run)
 * @param verdict   the verdict
 * @param note      how the threshold was chosen, or why it was not run
 */
public record Claim(String id, String figure, String statement, String statistic, String side, double threshold,
                    Estimate estimate, Verdict verdict, String note) {

    /** A verdict. */
    public enum Verdict {
        HOLDS("holds"), DOES_NOT_HOLD("does not hold"), INCONCLUSIVE("inconclusive at this n"), NOT_RUN("not run");

        private final String text;

        Verdict(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /** A claim judged from its estimate. */
    public static Claim judged(String id, String figure, String statement, String statistic, String side,
                               double threshold, Estimate e, String note) {
        return new Claim(id, figure, statement, statistic, side, threshold, e, verdict(side, threshold, e), note);
    }

    /**
     * A check with an exact answer: {@code value} (a distance to the answer, ≥ 0) holds when it is at most
     * {@code tolerance}, and does not hold otherwise.
     */
    public static Claim check(String id, String figure, String statement, String statistic, double value,
                              double tolerance, String note) {
        Estimate e = new Estimate(1, value, Double.NaN, value, value);
        return new Claim(id, figure, statement, statistic, "<=", tolerance, e,
                value <= tolerance ? Verdict.HOLDS : Verdict.DOES_NOT_HOLD, note);
    }

    /** A claim whose experiment did not run. */
    public static Claim notRun(String id, String figure, String statement, String statistic, String why) {
        return new Claim(id, figure, statement, statistic, "", Double.NaN, null, Verdict.NOT_RUN, why);
    }

    static Verdict verdict(String side, double threshold, Estimate e) {
        if (e == null || e.n() == 0) {
            return Verdict.NOT_RUN;
        }
        return switch (side) {
            case ">" -> e.lo() > threshold ? Verdict.HOLDS : e.hi() < threshold ? Verdict.DOES_NOT_HOLD
                    : Verdict.INCONCLUSIVE;
            case "<" -> e.hi() < threshold ? Verdict.HOLDS : e.lo() > threshold ? Verdict.DOES_NOT_HOLD
                    : Verdict.INCONCLUSIVE;
            case "!=" -> e.lo() > threshold || e.hi() < threshold ? Verdict.HOLDS : Verdict.INCONCLUSIVE;
            // equivalence: |mean| < threshold
            case "within" -> e.lo() > -threshold && e.hi() < threshold ? Verdict.HOLDS
                    : e.lo() > threshold || e.hi() < -threshold ? Verdict.DOES_NOT_HOLD : Verdict.INCONCLUSIVE;
            default -> throw new IllegalArgumentException("side " + side);
        };
    }

    /** The machine-readable form written to {@code claims.json}. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("figure", figure);
        m.put("statement", statement);
        m.put("statistic", statistic);
        m.put("hypothesis", side.isEmpty() ? null : side.equals("within") ? "|mean| < " + threshold
                : "mean " + side + " " + threshold);
        if (estimate != null) {
            m.put("n", estimate.n());
            m.put("mean", finite(estimate.mean()));
            m.put("sd", finite(estimate.sd()));
            m.put("ci95", java.util.List.of(finite(estimate.lo()) == null ? "-inf" : estimate.lo(),
                    finite(estimate.hi()) == null ? "inf" : estimate.hi()));
        }
        m.put("verdict", verdict.text());
        m.put("note", note);
        return m;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
