package moecl.shell.repl;

/**
 * One line of a chart: a label and its values over rounds 1..{@code rounds}, {@code values[i]} being the mean over
 * rounds {@code i·step+1 .. (i+1)·step} ({@code NaN} where there is none).
 *
 * @param lower  the lower edge of a band around the line per point (e.g. mean − 1.96·se), or null for none
 * @param upper  the upper edge, or null
 * @param group  for a thin line: the position, among the chart's other (not thin) lines, of the line it belongs to
 *               (it takes that line's colour); -1 for none
 * @param thin   a thin line under the others (one run of a setting whose mean is drawn): no legend entry of its own
 */
record Series(String label, double[] values, double[] lower, double[] upper, int step, long rounds, int group,
              boolean thin) {

    Series {
        if (step < 1) {
            throw new IllegalArgumentException("step must be >= 1, got " + step);
        }
        if ((lower == null) != (upper == null) || lower != null && (lower.length != values.length
                || upper.length != values.length)) {
            throw new IllegalArgumentException("a band needs lower and upper edges as long as the values");
        }
    }

    /** A line with a value at every round. */
    Series(String label, double[] values) {
        this(label, values, null, null, 1, values.length, -1, false);
    }

    boolean band() {
        return lower != null;
    }

    /** The round at the middle of point {@code i} (1-based rounds). */
    double x(int i) {
        long from = (long) i * step + 1;
        long to = Math.min(rounds, (long) (i + 1) * step);
        return (from + Math.max(from, to)) / 2.0;
    }
}
