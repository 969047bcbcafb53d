package moecl.shell.repl;

import java.math.BigDecimal;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.Locale;

/**
 * Value axes that stay readable for flat or tiny data, shared by the terminal and the files: a flat curve gets a
 * small padded range around its value (not a range of 1E-8 around it), and tick labels are plain numbers
 * ({@code 0}, {@code 0.25}, {@code 1.5e-07}), never {@code 0E0}.
 */
final class Axes {

    private Axes() {
    }

    /**
     * The range to show for data between {@code lo} and {@code hi}: as they are, unless they are flat (their spread
     * is below a millionth of their size), then ±10 % of the value around it (±1 around zero).
     */
    static double[] range(double lo, double hi) {
        double mid = (lo + hi) / 2;
        double size = Math.max(Math.abs(lo), Math.abs(hi));
        if (hi - lo > size * 1e-6 && hi - lo > Double.MIN_NORMAL) {
            return new double[] {lo, hi};
        }
        double pad = mid == 0 ? 1 : Math.abs(mid) * 0.1;
        return new double[] {mid - pad, mid + pad};
    }

    /** The same on a log10 scale ({@code lo}, {@code hi} are log10 values): a flat curve gets ±0.1 decades. */
    static double[] logRange(double lo, double hi) {
        if (hi - lo > 1e-9) {
            return new double[] {lo, hi};
        }
        return new double[] {lo - 0.1, hi + 0.1};
    }

    /** Tick labels: zero as {@code 0}, up to 6 significant digits, scientific only below 1e-4 or from 1e6 on. */
    static final class TickFormat extends NumberFormat {
        @Override
        public StringBuffer format(double v, StringBuffer to, FieldPosition pos) {
            return to.append(text(v));
        }

        @Override
        public StringBuffer format(long v, StringBuffer to, FieldPosition pos) {
            return to.append(v);
        }

        @Override
        public Number parse(String source, ParsePosition pos) {
            return null;
        }

        static String text(double v) {
            if (!Double.isFinite(v)) {
                return String.valueOf(v);
            }
            double a = Math.abs(v);
            if (a < 1e-15) {
                return "0";
            }
            if (a < 1e-4 || a >= 1e6) {
                String s = String.format(Locale.ROOT, "%.4e", v);
                int e = s.indexOf('e');
                return strip(s.substring(0, e)) + s.substring(e);
            }
            return strip(new BigDecimal(v).round(new java.math.MathContext(6)).toPlainString());
        }

        private static String strip(String s) {
            if (s.indexOf('.') < 0) {
                return s;
            }
            s = s.replaceAll("0+$", "");
            return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
        }
    }
}
