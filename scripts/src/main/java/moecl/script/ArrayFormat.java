package moecl.script;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Text of {@code moecl.linalg} arrays as numpy prints them: {@code [1.  2.5 3. ]}, {@code [[1. 0.]\n [0. 1.]]}; one
 * precision for all values (up to 8 decimals, trailing zeros blanked), scientific notation for very large or small
 * values, and arrays of more than 1000 values shortened to their first and last three rows and columns.
 */
final class ArrayFormat {

    /** Arrays with more values are shortened, as numpy's default threshold. */
    static final int THRESHOLD = 1000;
    static final int EDGE = 3;

    private ArrayFormat() {
    }

    static String format(Mat a) {
        int rows = a.rows();
        int cols = a.cols();
        boolean shorten = (long) rows * cols > THRESHOLD;
        List<Integer> ri = indices(rows, shorten);
        List<Integer> ci = indices(cols, shorten);
        List<Double> shown = new ArrayList<>();
        for (int i : ri) {
            for (int j : ci) {
                if (i >= 0 && j >= 0) {
                    shown.add(a.m.doubleValue(i, j));
                }
            }
        }
        Formatter f = Formatter.of(shown);
        int width = 0;
        for (double x : shown) {
            width = Math.max(width, f.text(x).length());
        }
        StringBuilder sb = new StringBuilder();
        if (a.oneD) {
            appendRow(sb, a, 0, ci, f, width);
            return sb.toString();
        }
        sb.append('[');
        boolean first = true;
        for (int i : ri) {
            if (!first) {
                sb.append('\n').append(' ');
            }
            first = false;
            if (i < 0) {
                sb.append("...");
                continue;
            }
            appendRow(sb, a, i, ci, f, width);
        }
        return sb.append(']').toString();
    }

    private static void appendRow(StringBuilder sb, Mat a, int i, List<Integer> ci, Formatter f, int width) {
        sb.append('[');
        boolean first = true;
        for (int j : ci) {
            if (!first) {
                sb.append(' ');
            }
            first = false;
            sb.append(j < 0 ? "..." : f.pad(f.text(a.m.doubleValue(i, j)), width));
        }
        sb.append(']');
    }

    /** 0..n-1, or the first and last {@link #EDGE} with -1 (shown as {@code ...}) between. */
    private static List<Integer> indices(int n, boolean shorten) {
        List<Integer> out = new ArrayList<>();
        if (!shorten || n <= 2 * EDGE) {
            for (int i = 0; i < n; i++) {
                out.add(i);
            }
            return out;
        }
        for (int i = 0; i < EDGE; i++) {
            out.add(i);
        }
        out.add(-1);
        for (int i = n - EDGE; i < n; i++) {
            out.add(i);
        }
        return out;
    }

    /** One way of writing all the values shown. */
    private record Formatter(boolean scientific, int decimals) {

        static Formatter of(List<Double> values) {
            double maxAbs = 0;
            double minAbs = Double.POSITIVE_INFINITY;
            for (double x : values) {
                if (Double.isFinite(x) && x != 0) {
                    maxAbs = Math.max(maxAbs, Math.abs(x));
                    minAbs = Math.min(minAbs, Math.abs(x));
                }
            }
            if (maxAbs >= 1e8 || minAbs < 1e-4 || maxAbs / minAbs > 1e3 && minAbs < 1e-3) {
                return new Formatter(true, 4);
            }
            int d = 0;
            for (double x : values) {
                if (Double.isFinite(x)) {
                    BigDecimal b = BigDecimal.valueOf(x).setScale(8, RoundingMode.HALF_EVEN).stripTrailingZeros();
                    d = Math.max(d, Math.max(0, b.scale()));
                }
            }
            return new Formatter(false, d);
        }

        String text(double x) {
            if (Double.isNaN(x)) {
                return "nan";
            }
            if (Double.isInfinite(x)) {
                return x > 0 ? "inf" : "-inf";
            }
            if (scientific) {
                String s = String.format(java.util.Locale.ROOT, "%.4e", x);
                return s.replace("e+0", "e+").replace("e-0", "e-");
            }
            BigDecimal b = BigDecimal.valueOf(x).setScale(decimals, RoundingMode.HALF_EVEN);
            String s = b.toPlainString();
            if (s.equals("-0") || s.matches("-0\\.0*")) {
                s = s.substring(1);
            }
            if (decimals == 0) {
                return s + ".";
            }
            return s;
        }

        /** Right-aligned to the integer part, trailing zeros blanked as numpy does ({@code 1. }, {@code 2.5}). */
        String pad(String s, int width) {
            if (!scientific && decimals > 0 && s.contains(".")) {
                int end = s.length();
                while (end > 0 && s.charAt(end - 1) == '0') {
                    end--;
                }
                s = s.substring(0, end) + " ".repeat(s.length() - end);
            }
            return " ".repeat(Math.max(0, width - s.length())) + s;
        }
    }
}
