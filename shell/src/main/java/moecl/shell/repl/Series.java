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
 * @param offset rounds before the first point (a window of a longer curve: {@code values[0]} starts at round
 *               {@code offset + 1})
 */
record Series(String label, double[] values, double[] lower, double[] upper, int step, long rounds, int group,
              boolean thin, long offset) {

    Series {
        if (step < 1) {
            throw new IllegalArgumentException("step must be >= 1, got " + step);
        }
        if ((lower == null) != (upper == null) || lower != null && (lower.length != values.length
                || upper.length != values.length)) {
            throw new IllegalArgumentException("a band needs lower and upper edges as long as the values");
        }
    }

    Series(String label, double[] values, double[] lower, double[] upper, int step, long rounds, int group,
           boolean thin) {
        this(label, values, lower, upper, step, rounds, group, thin, 0);
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
        long from = offset + (long) i * step + 1;
        long to = Math.min(rounds, offset + (long) (i + 1) * step);
        return (from + Math.max(from, to)) / 2.0;
    }

    /** The first round this line covers. */
    long first() {
        return offset + 1;
    }

    /** The points whose rounds fall in {@code from..to} (1-based, inclusive); null when none do. */
    Series window(long from, long to) {
        int a = (int) Math.max(0, Math.min(values.length, (from - 1 - offset) / step));
        int b = (int) Math.max(0, Math.min(values.length, Math.ceilDiv(Math.min(to, rounds) - offset, (long) step)));
        if (a >= b) {
            return null;
        }
        return new Series(label, java.util.Arrays.copyOfRange(values, a, b),
                lower == null ? null : java.util.Arrays.copyOfRange(lower, a, b),
                upper == null ? null : java.util.Arrays.copyOfRange(upper, a, b), step,
                Math.min(rounds, offset + (long) b * step), group, thin, offset + (long) a * step);
    }

    /** The same line on a log10 scale: values and band edges that are not positive become gaps. */
    Series log10() {
        return new Series(label, log(values), log(lower), log(upper), step, rounds, group, thin, offset);
    }

    /** Points with a finite value that are not positive (left out on a log axis). */
    int nonPositive() {
        int n = 0;
        for (double v : values) {
            n += Double.isFinite(v) && v <= 0 ? 1 : 0;
        }
        return n;
    }

    private static double[] log(double[] v) {
        if (v == null) {
            return null;
        }
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] > 0 ? Math.log10(v[i]) : Double.NaN;
        }
        return out;
    }

    Series relabelled(String newLabel, int newGroup) {
        return new Series(newLabel, values, lower, upper, step, rounds, newGroup, thin, offset);
    }
}
