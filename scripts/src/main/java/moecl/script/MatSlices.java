package moecl.script;

import org.ojalgo.matrix.store.R064Store;

/**
 * Indexing and slicing behind {@link Mat}'s {@code get}, {@code slice} and Python's {@code a[1:3, :]}: numpy's
 * rules (negative indices count from the end, {@code start:stop:step} ranges, an integer index drops its
 * dimension).
 */
final class MatSlices {

    private MatSlices() {
    }

    /** Index {@code i} of {@code n} (negative from the end), or a message naming the allowed range. */
    static int index(int i, int n, String what, Mat a) {
        int k = i < 0 ? i + n : i;
        if (k < 0 || k >= n) {
            throw new IllegalArgumentException("linalg: " + what + " index " + i + " is outside an array of "
                    + "shape " + a.shapeText() + " (allowed: " + -n + " to " + (n - 1) + ")");
        }
        return k;
    }

    /**
     * Rows {@code r0, r0+rs, ...} ({@code rn} of them) and columns likewise; a dropped dimension (an integer
     * index) leaves a 1-D array.
     */
    static Mat section(Mat a, int r0, int rs, int rn, int c0, int cs, int cn, boolean dropRow, boolean dropCol) {
        if (rn < 1 || cn < 1) {
            throw new IllegalArgumentException("linalg: this slice of an array of shape " + a.shapeText()
                    + " is empty; arrays have at least one value");
        }
        R064Store s = R064Store.FACTORY.make(rn, cn);
        for (int i = 0; i < rn; i++) {
            for (int j = 0; j < cn; j++) {
                s.set(i, j, a.m.doubleValue(r0 + (long) i * rs, c0 + (long) j * cs));
            }
        }
        if (a.oneD || dropRow && !dropCol) {
            return new Mat(s, true);
        }
        if (dropCol && !dropRow) {
            return new Mat(s.transpose().collect(R064Store.FACTORY), true);
        }
        return new Mat(s);
    }

    /** See {@link Mat#slice(String)}: a value when every index is an integer, else an array. */
    static Object slice(Mat a, String spec) {
        String[] parts = spec.split(",", -1);
        if (parts.length > a.ndim) {
            throw new IllegalArgumentException("linalg: slice('" + spec + "'): " + parts.length + " indices for a "
                    + a.ndim + "-D array");
        }
        if (a.oneD) {
            int[] c = range(a, parts[0], a.cols(), spec);
            return c[3] == 1 ? (Object) a.m.doubleValue(0, c[0])
                    : section(a, 0, 1, 1, c[0], c[1], c[2], true, false);
        }
        int[] r = range(a, parts[0], a.rows(), spec);
        int[] c = parts.length > 1 ? range(a, parts[1], a.cols(), spec) : new int[] {0, 1, a.cols(), 0};
        if (r[3] == 1 && c[3] == 1) {
            return a.m.doubleValue(r[0], c[0]);
        }
        return section(a, r[0], r[1], r[2], c[0], c[1], c[2], r[3] == 1, c[3] == 1);
    }

    /** {@code start, step, count, dropped(1 for an integer index)} of one index part, as Python's slices. */
    private static int[] range(Mat a, String part, int n, String spec) {
        String p = part.strip();
        try {
            if (!p.contains(":")) {
                return new int[] {index(Integer.parseInt(p), n, "", a), 1, 1, 1};
            }
            String[] f = p.split(":", -1);
            if (f.length > 3) {
                throw new NumberFormatException();
            }
            int step = f.length == 3 && !f[2].isBlank() ? Integer.parseInt(f[2].strip()) : 1;
            if (step == 0) {
                throw new IllegalArgumentException("linalg: slice('" + spec + "'): the step must not be 0");
            }
            int start;
            int stop;
            if (step > 0) {
                start = f[0].isBlank() ? 0 : clamp(Integer.parseInt(f[0].strip()), n, 0, n);
                stop = f[1].isBlank() ? n : clamp(Integer.parseInt(f[1].strip()), n, 0, n);
            } else {
                start = f[0].isBlank() ? n - 1 : clamp(Integer.parseInt(f[0].strip()), n, -1, n - 1);
                stop = f[1].isBlank() ? -1 : clamp(Integer.parseInt(f[1].strip()), n, -1, n - 1);
            }
            int count = step > 0 ? Math.max(0, (stop - start + step - 1) / step)
                    : Math.max(0, (start - stop - step - 1) / -step);
            return new int[] {start, step, count, 0};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("linalg: slice('" + spec + "'): '" + p + "' is not an index; "
                    + "write integers and start:stop:step ranges, e.g. \"1:3, :\"");
        }
    }

    private static int clamp(int i, int n, int lo, int hi) {
        int k = i < 0 ? i + n : i;
        return Math.max(lo, Math.min(hi, k));
    }
}
