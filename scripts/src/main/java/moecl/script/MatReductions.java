package moecl.script;

import org.graalvm.polyglot.Value;

/**
 * The reductions behind {@link Mat}'s {@code sum}, {@code mean}, {@code min} and {@code max}: over all values, or
 * along an axis as numpy does (0: one value per column, 1 or -1: one per row).
 */
final class MatReductions {

    private MatReductions() {
    }

    /** A reduction of some values to one. */
    interface Reduce {
        double apply(double[] v);
    }

    static Object reduce(Mat a, Value axis, String op, Reduce f) {
        if (axis == null || axis.isNull()) {
            return f.apply(a.toFlatArray());
        }
        if (!axis.fitsInInt()) {
            throw new IllegalArgumentException("linalg: " + op + ": axis must be 0 or 1 (or -1), got " + axis);
        }
        int ax = axis.asInt();
        if (a.oneD) {
            if (ax != 0 && ax != -1) {
                throw new IllegalArgumentException("linalg: " + op + ": axis " + ax + " on a 1-D array; allowed: 0");
            }
            return f.apply(a.toFlatArray());
        }
        if (ax == 0 || ax == -2) { // over the rows: one value per column
            double[] out = new double[a.cols()];
            for (int j = 0; j < out.length; j++) {
                double[] col = new double[a.rows()];
                for (int i = 0; i < col.length; i++) {
                    col[i] = a.m.doubleValue(i, j);
                }
                out[j] = f.apply(col);
            }
            return Mat.row(out);
        }
        if (ax == 1 || ax == -1) {
            double[][] rows = a.toRows();
            double[] out = new double[rows.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = f.apply(rows[i]);
            }
            return Mat.row(out);
        }
        throw new IllegalArgumentException("linalg: " + op + ": axis must be 0 or 1 (or -1), got " + ax);
    }

    static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }
}
