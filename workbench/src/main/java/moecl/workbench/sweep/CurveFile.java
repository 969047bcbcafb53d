package moecl.workbench.sweep;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a sweep's {@code curves/setting-K.cols} ({@link SweepViews} writes them): a setting's mean curve per round
 * in column {@code METRIC} and its standard error in {@code METRIC:se}, all float64. The paper report reads whole
 * files; the REPL's charts read one metric block by block, so that memory does not grow with the runs' length.
 */
public final class CurveFile {

    /** Suffix of a standard-error column. */
    static final String SE = ":se";

    private CurveFile() {
    }

    /** The curve file of setting {@code index} in a sweep folder (it may not exist). */
    public static Path of(Path folder, int index) {
        return folder.resolve("curves").resolve("setting-" + index + ".cols");
    }

    /** Receives one block of a curve: rounds {@code from+1 .. from+mean.length}. */
    @FunctionalInterface
    public interface Blocks {
        /**
         * @param from rows before this block
         * @param mean the mean per round
         * @param se   the standard error per round, or null when the file has no column for it
         */
        void block(long from, double[] mean, double[] se);
    }

    /**
     * Streams {@code metric}'s mean and standard error block by block, reading only those two columns.
     *
     * @return false when the file has no column {@code metric} (nothing is read)
     */
    public static boolean read(Columns.Reader r, String metric, Blocks blocks) {
        int c = r.columnIndex(metric);
        if (c < 0) {
            return false;
        }
        int cse = r.columnIndex(metric + SE);
        long row = 0;
        for (int k = 0; k < r.blocks(); k++) {
            boolean[] want = new boolean[r.columns().size()];
            want[c] = true;
            if (cse >= 0) {
                want[cse] = true;
            }
            Object[] v = r.block(k, want);
            double[] m = (double[]) v[c];
            blocks.block(row, m, cse >= 0 ? (double[]) v[cse] : null);
            row += m.length;
        }
        return true;
    }

    /** Every metric of the file, whole: name → {mean[], se[]} in column order (se all 0 when the file has none). */
    public static Map<String, double[][]> readAll(Path file) {
        Map<String, double[][]> out = new LinkedHashMap<>();
        try (Columns.Reader rd = new Columns.Reader(file)) {
            int n = (int) rd.rows();
            List<Columns.Column> cols = rd.columns();
            double[][] all = new double[cols.size()][n];
            int at = 0;
            for (int b = 0; b < rd.blocks(); b++) {
                Object[] v = rd.block(b, null);
                int k = rd.blockRows(b);
                for (int c = 0; c < cols.size(); c++) {
                    System.arraycopy(v[c], 0, all[c], at, k);
                }
                at += k;
            }
            for (int c = 0; c < cols.size(); c++) {
                String name = cols.get(c).name();
                if (!name.endsWith(SE)) {
                    int se = cols.indexOf(new Columns.Column(name + SE, Columns.Type.F64));
                    out.put(name, new double[][] {all[c], se >= 0 ? all[se] : new double[n]});
                }
            }
        }
        return out;
    }
}
