package moecl.script;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;
import org.ojalgo.matrix.decomposition.Eigenvalue;
import org.ojalgo.matrix.decomposition.LU;
import org.ojalgo.matrix.decomposition.QR;
import org.ojalgo.matrix.decomposition.SingularValue;
import org.ojalgo.matrix.store.MatrixStore;
import org.ojalgo.matrix.store.R064Store;

/**
 * {@code moecl.linalg}: dense real arrays (1-D and 2-D) backed by ojAlgo, so that scripts do array maths at Java
 * speed (GraalPy has no numpy). JavaScript calls methods ({@code a.matmul(b)}, {@code a.mul(2)}, {@code a.T()},
 * {@code a.slice("1:3, :")}); Python gets the same arrays wrapped in a class with operators ({@code a @ b},
 * {@code a * 2}, {@code a.T}, {@code a[1:3, :]}; see {@link ScriptContexts#PYTHON_LINALG}).
 *
 * <pre>
 * const A = moecl.linalg.array([[1, 2], [3, 4]]);  const b = moecl.linalg.array([1, 0]);
 * const x = moecl.linalg.solve(A, b);  A.matmul(x).sub(b).norm();  moecl.linalg.inv(A);  A.T().tolist()
 * </pre>
 * The older matrix API stays: {@code matrix(rows)}, {@code vector(values)} (an n×1 matrix), {@code zeros(r, c)},
 * {@code identity(n)}, and on a matrix {@code multiply}, {@code add}, {@code subtract}, {@code transpose},
 * {@code solve}, {@code pinv}, {@code dot}, {@code norm}, {@code norm2}, {@code get}, {@code at}, {@code rows},
 * {@code cols}, {@code toArray}, {@code toList}. Every operation returns a new array except {@code set}.
 */
public final class Linalg {

    Linalg() {
    }

    // ------------------------------------------------------------------ constructors

    /** A matrix from a list of rows. */
    @HostAccess.Export
    public Mat matrix(Value rows) {
        return new Mat(R064Store.FACTORY.rows(Convert.matrix(rows, "linalg.matrix(rows)")));
    }

    /** A column vector (n×1 matrix) from a list of numbers. */
    @HostAccess.Export
    public Mat vector(Value values) {
        return Mat.column(Convert.doubles(values, "linalg.vector(values)"));
    }

    /** An array from a list (1-D), a list of rows (2-D) or another array (copied). */
    @HostAccess.Export
    public Mat array(Value values) {
        return Mat.of(values, "linalg.array");
    }

    /** The array itself when it is one, else {@link #array}. */
    @HostAccess.Export
    public Mat asarray(Value values) {
        if (values != null && values.isHostObject() && values.asHostObject() instanceof Mat m) {
            return m;
        }
        return Mat.of(values, "linalg.asarray");
    }

    @HostAccess.Export
    public Mat zeros(int rows, int cols) {
        check(rows, cols);
        return new Mat(R064Store.FACTORY.make(rows, cols));
    }

    /** A 1-D array of n zeros. */
    @HostAccess.Export
    public Mat zeros(int n) {
        check(1, n);
        return new Mat(R064Store.FACTORY.make(1, n), true);
    }

    @HostAccess.Export
    public Mat ones(int rows, int cols) {
        check(rows, cols);
        return zeros(rows, cols).fill(1.0);
    }

    @HostAccess.Export
    public Mat ones(int n) {
        return zeros(n).fill(1.0);
    }

    @HostAccess.Export
    public Mat identity(int n) {
        check(n, n);
        R064Store s = R064Store.FACTORY.make(n, n);
        for (int i = 0; i < n; i++) {
            s.set(i, i, 1.0);
        }
        return new Mat(s);
    }

    /** The n×n identity matrix. */
    @HostAccess.Export
    public Mat eye(int n) {
        return identity(n);
    }

    /** 0, 1, ..., stop-1 as a 1-D array. */
    @HostAccess.Export
    public Mat arange(double stop) {
        return arange(0, stop, 1);
    }

    @HostAccess.Export
    public Mat arange(double start, double stop) {
        return arange(start, stop, 1);
    }

    /** start, start+step, ... up to (not including) stop, as a 1-D array. */
    @HostAccess.Export
    public Mat arange(double start, double stop, double step) {
        if (step == 0 || !Double.isFinite(start) || !Double.isFinite(stop) || !Double.isFinite(step)) {
            throw new IllegalArgumentException("linalg.arange(start, stop, step): needs finite numbers and a step "
                    + "other than 0, got " + start + ", " + stop + ", " + step);
        }
        double count = Math.ceil((stop - start) / step);
        if (count < 1) {
            throw new IllegalArgumentException("linalg.arange(" + num(start) + ", " + num(stop) + ", " + num(step)
                    + ") would be empty; arrays have at least one value");
        }
        check(1, (long) count);
        int n = (int) count;
        R064Store s = R064Store.FACTORY.make(1, n);
        for (int i = 0; i < n; i++) {
            s.set(0, i, start + i * step);
        }
        return new Mat(s, true);
    }

    // ------------------------------------------------------------------ combining

    /** Arrays (or lists) of one length stacked as the rows of a 2-D array ({@code axis} 1: as its columns). */
    @HostAccess.Export
    public Mat stack(Value arrays) {
        return stack(arrays, 0);
    }

    @HostAccess.Export
    public Mat stack(Value arrays, int axis) {
        List<Mat> parts = parts(arrays, "stack");
        int n = parts.get(0).size;
        for (int k = 0; k < parts.size(); k++) {
            Mat p = parts.get(k);
            if (!p.oneD || p.size != n) {
                throw new IllegalArgumentException("linalg.stack: every array must be 1-D of length " + n
                        + " (as array 0); array " + k + " has shape " + p.shapeText());
            }
        }
        Mat rows = vstack(parts, "stack");
        return switch (axis) {
            case 0, -2 -> rows;
            case 1, -1 -> rows.transpose();
            default -> throw new IllegalArgumentException("linalg.stack: axis must be 0 or 1, got " + axis);
        };
    }

    /** Arrays one below the other (1-D arrays are rows). */
    @HostAccess.Export
    public Mat vstack(Value arrays) {
        return vstack(parts(arrays, "vstack"), "vstack");
    }

    /** Arrays side by side (1-D arrays: joined into one 1-D array). */
    @HostAccess.Export
    public Mat hstack(Value arrays) {
        List<Mat> parts = parts(arrays, "hstack");
        boolean allOneD = parts.stream().allMatch(p -> p.oneD);
        if (allOneD) {
            int n = parts.stream().mapToInt(p -> p.size).sum();
            R064Store s = R064Store.FACTORY.make(1, n);
            int at = 0;
            for (Mat p : parts) {
                for (int j = 0; j < p.size; j++) {
                    s.set(0, at++, p.m.doubleValue(0, j));
                }
            }
            return new Mat(s, true);
        }
        int rows = parts.get(0).rows();
        int cols = 0;
        for (int k = 0; k < parts.size(); k++) {
            Mat p = parts.get(k);
            if (p.oneD || p.rows() != rows) {
                throw new IllegalArgumentException("linalg.hstack: every array needs " + rows + " rows (as array 0);"
                        + " array " + k + " has shape " + p.shapeText());
            }
            cols += p.cols();
        }
        check(rows, cols);
        R064Store s = R064Store.FACTORY.make(rows, cols);
        int at = 0;
        for (Mat p : parts) {
            for (int j = 0; j < p.cols(); j++, at++) {
                for (int i = 0; i < rows; i++) {
                    s.set(i, at, p.m.doubleValue(i, j));
                }
            }
        }
        return new Mat(s);
    }

    private static Mat vstack(List<Mat> parts, String op) {
        int cols = parts.get(0).cols();
        int rows = 0;
        for (int k = 0; k < parts.size(); k++) {
            Mat p = parts.get(k);
            if (p.cols() != cols) {
                throw new IllegalArgumentException("linalg." + op + ": every array needs " + cols + " columns (as "
                        + "array 0); array " + k + " has shape " + p.shapeText());
            }
            rows += p.rows();
        }
        check(rows, cols);
        R064Store s = R064Store.FACTORY.make(rows, cols);
        int at = 0;
        for (Mat p : parts) {
            for (int i = 0; i < p.rows(); i++, at++) {
                for (int j = 0; j < cols; j++) {
                    s.set(at, j, p.m.doubleValue(i, j));
                }
            }
        }
        return new Mat(s);
    }

    private static List<Mat> parts(Value arrays, String op) {
        if (arrays == null || !arrays.hasArrayElements() || arrays.getArraySize() == 0
                || arrays.isHostObject() && arrays.asHostObject() instanceof Mat) {
            throw new IllegalArgumentException("linalg." + op + " needs a non-empty list of arrays, got "
                    + Convert.describe(arrays));
        }
        List<Mat> out = new ArrayList<>();
        for (long i = 0; i < arrays.getArraySize(); i++) {
            Value v = arrays.getArrayElement(i);
            out.add(v.isHostObject() && v.asHostObject() instanceof Mat m ? m : Mat.of(v, "linalg." + op
                    + ": array " + i));
        }
        return out;
    }

    // ------------------------------------------------------------------ functions of arrays

    @HostAccess.Export
    public Mat inv(Value a) {
        return Mat.arg(a, "inv").inv();
    }

    @HostAccess.Export
    public double det(Value a) {
        return Mat.arg(a, "det").det();
    }

    /** The solution x of {@code a x = b} (see {@link Mat#solve}); a 1-D b gives a 1-D x. */
    @HostAccess.Export
    public Mat solve(Value a, Value b) {
        return Mat.arg(a, "solve").solve(b);
    }

    /** {@code {values, vectors}} of a symmetric matrix: eigenvalues ascending, eigenvectors as columns. */
    @HostAccess.Export
    public Object eig(Value a) {
        return Mat.arg(a, "eig").eig();
    }

    /** {@code {U, S, Vt}}: the thin SVD, singular values descending, {@code a = U diag(S) Vt}. */
    @HostAccess.Export
    public Object svd(Value a) {
        return Mat.arg(a, "svd").svd();
    }

    @HostAccess.Export
    public double norm(Value a) {
        return Mat.arg(a, "norm").norm();
    }

    @HostAccess.Export
    public Object matmul(Value a, Value b) {
        return Mat.arg(a, "matmul").matmul(b);
    }

    @HostAccess.Export
    public Mat transpose(Value a) {
        return Mat.arg(a, "transpose").transpose();
    }

    @HostAccess.Export
    public Mat exp(Value a) {
        return Mat.arg(a, "exp").exp();
    }

    @HostAccess.Export
    public Mat log(Value a) {
        return Mat.arg(a, "log").log();
    }

    @HostAccess.Export
    public Mat sqrt(Value a) {
        return Mat.arg(a, "sqrt").sqrt();
    }

    @HostAccess.Export
    public Mat abs(Value a) {
        return Mat.arg(a, "abs").abs();
    }

    @HostAccess.Export
    public Object sum(Value a) {
        return Mat.arg(a, "sum").sum();
    }

    @HostAccess.Export
    public Object sum(Value a, Value axis) {
        return Mat.arg(a, "sum").sum(axis);
    }

    @HostAccess.Export
    public Object mean(Value a) {
        return Mat.arg(a, "mean").mean();
    }

    @HostAccess.Export
    public Object mean(Value a, Value axis) {
        return Mat.arg(a, "mean").mean(axis);
    }

    @HostAccess.Export
    public Object min(Value a) {
        return Mat.arg(a, "min").min();
    }

    @HostAccess.Export
    public Object min(Value a, Value axis) {
        return Mat.arg(a, "min").min(axis);
    }

    @HostAccess.Export
    public Object max(Value a) {
        return Mat.arg(a, "max").max();
    }

    @HostAccess.Export
    public Object max(Value a, Value axis) {
        return Mat.arg(a, "max").max(axis);
    }

    /** Internal (the Python wrapper): whether a value is one of these arrays. */
    @HostAccess.Export
    public boolean _isArray(Value v) {
        return v != null && v.isHostObject() && v.asHostObject() instanceof Mat;
    }

    @HostAccess.Export
    @Override
    public String toString() {
        return "moecl.linalg (array, asarray, zeros, ones, eye, identity, arange, matrix, vector, stack, hstack, "
                + "vstack, inv, det, solve, eig, svd, norm, matmul, transpose, exp, log, sqrt, abs, sum, mean, "
                + "min, max)";
    }

    private static void check(long rows, long cols) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("linalg: sizes must be >= 1, got " + rows + "×" + cols);
        }
        checkSize("linalg", rows, cols);
    }

    static String num(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString(x);
    }

    /**
     * A matrix of {@code rows × cols} must fit one array and the heap; checked in {@code long} before anything is
     * allocated, so that a script asking for too much gets one line instead of an {@link OutOfMemoryError}.
     */
    static void checkSize(String op, long rows, long cols) {
        long n = moecl.plugin.Sizes.times(rows, cols);
        moecl.plugin.Sizes.length(n, op + ": a " + rows + "×" + cols + " matrix", java.util.List.of("rows", "cols"));
        long bytes = moecl.plugin.Sizes.doubles(n);
        long heap = Runtime.getRuntime().maxMemory();
        if (bytes > heap) {
            throw new IllegalArgumentException(op + ": a " + rows + "×" + cols + " matrix needs "
                    + moecl.plugin.Sizes.human(bytes) + ", the heap is " + moecl.plugin.Sizes.human(heap)
                    + ": lower rows or cols, or raise -Xmx (MOECL_JAVA_OPTS=-Xmx...)");
        }
    }

    /**
     * A dense array (an ojAlgo {@code MatrixStore<Double>}): 2-D (rows × cols), or 1-D ({@code oneD}, stored as one
     * row). A 1-D array broadcasts as a row, and in a matrix product stands for a row on the left and a column on
     * the right, as in numpy.
     */
    public static final class Mat {
        final MatrixStore<Double> m;
        final boolean oneD;

        /** {@code [n]} or {@code [rows, cols]}. */
        @HostAccess.Export
        public final Object shape;
        /** 1 or 2. */
        @HostAccess.Export
        public final int ndim;
        /** The number of values. */
        @HostAccess.Export
        public final int size;

        Mat(MatrixStore<Double> m) {
            this(m, false);
        }

        Mat(MatrixStore<Double> m, boolean oneD) {
            this.m = m;
            this.oneD = oneD && m.countRows() == 1;
            this.ndim = this.oneD ? 1 : 2;
            this.size = (int) (m.countRows() * m.countColumns());
            this.shape = this.oneD ? new Convert.ListProxy(List.of((int) m.countColumns()))
                    : new Convert.ListProxy(List.of((int) m.countRows(), (int) m.countColumns()));
        }

        static Mat column(double[] v) {
            R064Store s = R064Store.FACTORY.make(v.length, 1);
            for (int i = 0; i < v.length; i++) {
                s.set(i, 0, v[i]);
            }
            return new Mat(s);
        }

        static Mat row(double[] v) {
            check(1, v.length);
            R064Store s = R064Store.FACTORY.make(1, v.length);
            for (int i = 0; i < v.length; i++) {
                s.set(0, i, v[i]);
            }
            return new Mat(s, true);
        }

        /** A d×s matrix from column-major data (samples as columns, as in a linear task). */
        static Mat columnMajor(double[] data, int rows, int cols) {
            R064Store s = R064Store.FACTORY.make(rows, cols);
            for (int j = 0; j < cols; j++) {
                for (int i = 0; i < rows; i++) {
                    s.set(i, j, data[j * rows + i]);
                }
            }
            return new Mat(s);
        }

        /** An array from a guest list (1-D), list of rows (2-D) or array (a copy). */
        static Mat of(Object v, String op) {
            Object j = v instanceof Value x ? (x.isHostObject() ? x.asHostObject() : Convert.toJava(x)) : v;
            if (j instanceof Mat a) {
                return new Mat(a.m.copy(), a.oneD);
            }
            if (j instanceof Convert.DoubleArray || j instanceof double[]) {
                return row(Convert.doubles(j, op));
            }
            if (j instanceof List<?> l && !l.isEmpty()) {
                if (l.get(0) instanceof List<?> || l.get(0) instanceof Mat) {
                    double[][] rows = Convert.matrix(j, op);
                    check(rows.length, rows[0].length);
                    return new Mat(R064Store.FACTORY.rows(rows));
                }
                return row(Convert.doubles(j, op));
            }
            throw new IllegalArgumentException(op + " needs a list of numbers, a list of rows or an array, got "
                    + Convert.describe(v));
        }

        /** An argument of a linalg function: an array, or a list made into one. */
        static Mat arg(Value v, String op) {
            if (v != null && v.isHostObject() && v.asHostObject() instanceof Mat a) {
                return a;
            }
            return of(v, "linalg." + op);
        }

        private static Mat other(Value v, String op) {
            if (v.isHostObject() && v.asHostObject() instanceof Mat o) {
                return o;
            }
            if (v.hasArrayElements()) {
                Object j = Convert.toJava(v);
                if (j instanceof java.util.List<?> l && !l.isEmpty() && l.get(0) instanceof java.util.List<?>) {
                    return new Mat(R064Store.FACTORY.rows(Convert.matrix(j, op)));
                }
                return column(Convert.doubles(j, op));
            }
            throw new IllegalArgumentException("linalg: " + op + " expects a matrix, a vector or a list, got "
                    + Convert.describe(v));
        }

        private void sameShape(Mat o, String op) {
            if (o.m.countRows() != m.countRows() || o.m.countColumns() != m.countColumns()) {
                throw new IllegalArgumentException("linalg: " + op + " needs equal shapes, got " + dims() + " and "
                        + o.dims());
            }
        }

        /** {@code 2×3} (storage). */
        String dims() {
            return m.countRows() + "×" + m.countColumns();
        }

        /** {@code (3,)} or {@code (2, 3)}, as numpy writes shapes. */
        String shapeText() {
            return oneD ? "(" + m.countColumns() + ",)" : "(" + m.countRows() + ", " + m.countColumns() + ")";
        }

        private Mat fill(double x) {
            R064Store s = (R064Store) m;
            java.util.Arrays.fill(s.data, x);
            return this;
        }

        private R064Store store() {
            return m instanceof R064Store s ? s : R064Store.FACTORY.copy(m);
        }

        @HostAccess.Export
        public int rows() {
            return (int) m.countRows();
        }

        @HostAccess.Export
        public int cols() {
            return (int) m.countColumns();
        }

        private static int index(int i, int n, String what, Mat a) {
            int k = i < 0 ? i + n : i;
            if (k < 0 || k >= n) {
                throw new IllegalArgumentException("linalg: " + what + " index " + i + " is outside an array of "
                        + "shape " + a.shapeText() + " (allowed: " + -n + " to " + (n - 1) + ")");
            }
            return k;
        }

        @HostAccess.Export
        public double get(int i, int j) {
            if (oneD) {
                throw new IllegalArgumentException("linalg: get(i, j) on a 1-D array of shape " + shapeText()
                        + "; use get(i)");
            }
            if (i < -rows() || i >= rows() || j < -cols() || j >= cols()) {
                throw new IllegalArgumentException("linalg: index (" + i + ", " + j + ") outside " + dims());
            }
            return m.doubleValue(index(i, rows(), "row", this), index(j, cols(), "column", this));
        }

        /** Value i of a 1-D array; row i of a 2-D one (a 1-D array). */
        @HostAccess.Export
        public Object get(int i) {
            if (oneD) {
                return m.doubleValue(0, index(i, cols(), "", this));
            }
            return section(index(i, rows(), "row", this), 1, 1, 0, 1, cols(), true, false);
        }

        /** Element i of a vector (row i, column 0), or of a 1-D array. */
        @HostAccess.Export
        public double at(int i) {
            return oneD ? m.doubleValue(0, index(i, cols(), "", this)) : get(i, 0);
        }

        /** Sets one value in place (the only operation that changes an array); returns the array. */
        @HostAccess.Export
        public Mat set(int i, int j, double x) {
            if (oneD) {
                throw new IllegalArgumentException("linalg: set(i, j, x) on a 1-D array; use set(i, x)");
            }
            writable().set(index(i, rows(), "row", this), index(j, cols(), "column", this), x);
            return this;
        }

        @HostAccess.Export
        public Mat set(int i, double x) {
            if (!oneD) {
                throw new IllegalArgumentException("linalg: set(i, x) on a 2-D array; use set(i, j, x)");
            }
            writable().set(0, index(i, cols(), "", this), x);
            return this;
        }

        private R064Store writable() {
            if (m instanceof R064Store s) {
                return s;
            }
            throw new IllegalArgumentException("linalg: this array is read-only; copy() it first");
        }

        /**
         * Internal (Python indexing): rows {@code r0, r0+rs, ...} ({@code rn} of them) and columns likewise; a
         * dropped dimension (an integer index) leaves a 1-D array.
         */
        @HostAccess.Export
        public Mat _section(int r0, int rs, int rn, int c0, int cs, int cn, boolean dropRow, boolean dropCol) {
            return section(r0, rs, rn, c0, cs, cn, dropRow, dropCol);
        }

        Mat section(int r0, int rs, int rn, int c0, int cs, int cn, boolean dropRow, boolean dropCol) {
            if (rn < 1 || cn < 1) {
                throw new IllegalArgumentException("linalg: this slice of an array of shape " + shapeText()
                        + " is empty; arrays have at least one value");
            }
            R064Store s = R064Store.FACTORY.make(rn, cn);
            for (int i = 0; i < rn; i++) {
                for (int j = 0; j < cn; j++) {
                    s.set(i, j, m.doubleValue(r0 + (long) i * rs, c0 + (long) j * cs));
                }
            }
            if (oneD || dropRow && !dropCol) {
                return new Mat(s, true);
            }
            if (dropCol && !dropRow) {
                return new Mat(s.transpose().collect(R064Store.FACTORY), true);
            }
            return new Mat(s);
        }

        /**
         * A part of the array, written as in numpy: {@code "1:3, :"}, {@code "0"} (row 0), {@code ":, -1"} (the
         * last column), {@code "::2"}; an integer drops that dimension.
         */
        @HostAccess.Export
        public Object slice(String spec) {
            String[] parts = spec.split(",", -1);
            if (parts.length > ndim) {
                throw new IllegalArgumentException("linalg: slice('" + spec + "'): " + parts.length + " indices for a "
                        + ndim + "-D array");
            }
            if (oneD) {
                int[] c = range(parts[0], cols(), spec);
                return c[3] == 1 ? (Object) m.doubleValue(0, c[0]) : section(0, 1, 1, c[0], c[1], c[2], true, false);
            }
            int[] r = range(parts[0], rows(), spec);
            int[] c = parts.length > 1 ? range(parts[1], cols(), spec) : new int[] {0, 1, cols(), 0};
            if (r[3] == 1 && c[3] == 1) {
                return m.doubleValue(r[0], c[0]);
            }
            return section(r[0], r[1], r[2], c[0], c[1], c[2], r[3] == 1, c[3] == 1);
        }

        /** Rows {@code r0} (inclusive) to {@code r1} (exclusive), all columns. */
        @HostAccess.Export
        public Object slice(int r0, int r1) {
            return slice(r0 + ":" + r1);
        }

        /** Rows r0..r1 and columns c0..c1 (ends exclusive). */
        @HostAccess.Export
        public Object slice(int r0, int r1, int c0, int c1) {
            return slice(r0 + ":" + r1 + ", " + c0 + ":" + c1);
        }

        /** {@code start, step, count, dropped(1 for an integer index)} of one index part, as Python's slices. */
        private int[] range(String part, int n, String spec) {
            String p = part.strip();
            try {
                if (!p.contains(":")) {
                    return new int[] {index(Integer.parseInt(p), n, "", this), 1, 1, 1};
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

        // -------------------------------------------------------------- the matrix API (kept)

        /** Matrix product with a matrix or vector, or scaling by a number. */
        @HostAccess.Export
        public Mat multiply(Value o) {
            if (o.isNumber()) {
                return new Mat(m.multiply(o.asDouble()).collect(R064Store.FACTORY), oneD);
            }
            if (oneD || o.isHostObject() && o.asHostObject() instanceof Mat b && b.oneD) {
                Object r = matmul(o);
                return r instanceof Mat a ? a : Mat.row(new double[] {(Double) r});
            }
            Mat b = other(o, "multiply");
            if (m.countColumns() != b.m.countRows()) {
                throw new IllegalArgumentException("linalg: multiply needs inner sizes to agree, got " + dims()
                        + " times " + b.dims());
            }
            checkSize("linalg: multiply", m.countRows(), b.m.countColumns());
            return new Mat(m.multiply(b.m));
        }

        /** Adds a number, an array or a list (broadcast as in numpy; see {@link #mul}). */
        @HostAccess.Export
        public Mat add(Value o) {
            if (!oneD && !o.isNumber() && !(o.isHostObject() && o.asHostObject() instanceof Mat)) {
                Mat b = other(o, "add"); // the matrix API: a list is a column vector
                sameShape(b, "add");
                return new Mat(m.add(b.m).collect(R064Store.FACTORY));
            }
            return broadcast(o, "add", Double::sum);
        }

        @HostAccess.Export
        public Mat subtract(Value o) {
            if (!oneD && !o.isNumber() && !(o.isHostObject() && o.asHostObject() instanceof Mat)) {
                Mat b = other(o, "subtract");
                sameShape(b, "subtract");
                return new Mat(m.subtract(b.m).collect(R064Store.FACTORY));
            }
            return broadcast(o, "subtract", (x, y) -> x - y);
        }

        @HostAccess.Export
        public Mat transpose() {
            return oneD ? this : new Mat(m.transpose().collect(R064Store.FACTORY));
        }

        /** The transpose (a 1-D array is its own transpose, as in numpy). */
        @HostAccess.Export
        public Mat T() {
            return transpose();
        }

        /** Dot product of two vectors (or the sum of the elementwise product). */
        @HostAccess.Export
        public double dot(Value o) {
            Mat b = o.isHostObject() && o.asHostObject() instanceof Mat x ? x : other(o, "dot");
            if (oneD != b.oneD && size == b.size) {
                double s = 0;
                double[] a = toFlatArray();
                double[] c = b.toFlatArray();
                for (int i = 0; i < a.length; i++) {
                    s += a[i] * c[i];
                }
                return s;
            }
            sameShape(b, "dot");
            double s = 0;
            for (int i = 0; i < rows(); i++) {
                for (int j = 0; j < cols(); j++) {
                    s += m.doubleValue(i, j) * b.m.doubleValue(i, j);
                }
            }
            return s;
        }

        /**
         * The solution x of {@code A x = b}: exact for square non-singular A, least squares (QR) for tall A, the
         * minimum-norm solution (pseudo-inverse) otherwise. A 1-D b gives a 1-D x.
         */
        @HostAccess.Export
        public Mat solve(Value rhs) {
            if (oneD) {
                throw new IllegalArgumentException("linalg: solve needs a 2-D matrix A, got a 1-D array of shape "
                        + shapeText());
            }
            Mat b = rhs.isHostObject() && rhs.asHostObject() instanceof Mat x ? x : other(rhs, "solve");
            boolean vec = b.oneD;
            if (vec) {
                b = new Mat(b.m.transpose().collect(R064Store.FACTORY));
            }
            if (b.m.countRows() != m.countRows()) {
                throw new IllegalArgumentException("linalg: solve needs b with " + m.countRows() + " rows, got "
                        + b.dims());
            }
            requireFinite("solve");
            b.requireFinite("solve (b)");
            MatrixStore<Double> x = null;
            if (m.countRows() >= m.countColumns()) {
                QR<Double> qr = QR.R064.make(m);
                if (qr.decompose(m) && qr.isSolvable()) {
                    x = qr.getSolution(b.m);
                }
            }
            if (x == null) {
                x = pinvStore().multiply(b.m);
            }
            return vec ? new Mat(x.transpose().collect(R064Store.FACTORY), true) : new Mat(x);
        }

        /** The Moore–Penrose pseudo-inverse (SVD). */
        @HostAccess.Export
        public Mat pinv() {
            return new Mat(pinvStore());
        }

        private MatrixStore<Double> pinvStore() {
            requireFinite("pinv");
            SingularValue<Double> svd = SingularValue.R064.make(m);
            if (!svd.decompose(m)) {
                throw new IllegalArgumentException("linalg: the SVD of this " + dims() + " matrix failed");
            }
            return svd.getInverse();
        }

        /**
         * Refuses NaN and infinite entries before a decomposition: the SVD iterates on them without end (a script
         * could hang the host).
         */
        void requireFinite(String op) {
            for (int i = 0; i < rows(); i++) {
                for (int j = 0; j < cols(); j++) {
                    double x = m.doubleValue(i, j);
                    if (!Double.isFinite(x)) {
                        throw new IllegalArgumentException("linalg: " + op + " needs finite entries; entry (" + i
                                + ", " + j + ") is " + x);
                    }
                }
            }
        }

        /** The Frobenius norm (the Euclidean norm of a vector). */
        @HostAccess.Export
        public double norm() {
            double s = 0;
            for (int i = 0; i < rows(); i++) {
                for (int j = 0; j < cols(); j++) {
                    double x = m.doubleValue(i, j);
                    s += x * x;
                }
            }
            return Math.sqrt(s);
        }

        /** The spectral norm (largest singular value). */
        @HostAccess.Export
        public double norm2() {
            requireFinite("norm2");
            SingularValue<Double> svd = SingularValue.R064.make(m);
            svd.decompose(m);
            return svd.getOperatorNorm();
        }

        /** The rows as nested arrays (a 1-D array: its values). */
        @HostAccess.Export
        public Object toArray() {
            return oneD ? Convert.toGuest(toFlatArray()) : Convert.toGuest(toRows());
        }

        /** All entries, row by row, as one array (a vector's entries). */
        @HostAccess.Export
        public Object toList() {
            return Convert.toGuest(toFlatArray());
        }

        /** As nested lists, like numpy's {@code tolist()}: a 1-D array's values, a 2-D array's rows. */
        @HostAccess.Export
        public Object tolist() {
            return toArray();
        }

        double[][] toRows() {
            double[][] out = new double[rows()][cols()];
            for (int i = 0; i < out.length; i++) {
                for (int j = 0; j < out[i].length; j++) {
                    out[i][j] = m.doubleValue(i, j);
                }
            }
            return out;
        }

        double[] toFlatArray() {
            double[] out = new double[rows() * cols()];
            int k = 0;
            for (int i = 0; i < rows(); i++) {
                for (int j = 0; j < cols(); j++) {
                    out[k++] = m.doubleValue(i, j);
                }
            }
            return out;
        }

        // -------------------------------------------------------------- array maths

        /** The matrix product ({@code @}); two 1-D arrays give their dot product (a number). */
        @HostAccess.Export
        public Object matmul(Value o) {
            if (o.isNumber()) {
                throw new IllegalArgumentException("linalg: matmul (@) needs an array, got the number " + o
                        + "; use mul (*) to scale");
            }
            Mat b = o.isHostObject() && o.asHostObject() instanceof Mat x ? x : of(o, "linalg: matmul");
            MatrixStore<Double> left = m;
            MatrixStore<Double> right = b.oneD ? b.m.transpose() : b.m;
            if (left.countColumns() != right.countRows()) {
                throw new IllegalArgumentException("linalg: matmul needs inner sizes to agree, got shapes "
                        + shapeText() + " and " + b.shapeText());
            }
            checkSize("linalg: matmul", left.countRows(), right.countColumns());
            MatrixStore<Double> r = left.multiply(right);
            if (oneD && b.oneD) {
                return r.doubleValue(0, 0);
            }
            if (b.oneD) {
                return new Mat(r.transpose().collect(R064Store.FACTORY), true);
            }
            return new Mat(r.collect(R064Store.FACTORY), oneD);
        }

        /** Element-wise product with a number, an array or a list; shapes broadcast as in numpy. */
        @HostAccess.Export
        public Mat mul(Value o) {
            return broadcast(o, "mul", (x, y) -> x * y);
        }

        @HostAccess.Export
        public Mat sub(Value o) {
            return broadcast(o, "sub", (x, y) -> x - y);
        }

        @HostAccess.Export
        public Mat div(Value o) {
            return broadcast(o, "div", (x, y) -> x / y);
        }

        @HostAccess.Export
        public Mat pow(Value o) {
            return broadcast(o, "pow", Math::pow);
        }

        /** {@code o - this} (Python's reflected operators). */
        @HostAccess.Export
        public Mat rsub(Value o) {
            return broadcast(o, "sub", (x, y) -> y - x);
        }

        /** {@code o / this}. */
        @HostAccess.Export
        public Mat rdiv(Value o) {
            return broadcast(o, "div", (x, y) -> y / x);
        }

        @HostAccess.Export
        public Mat rpow(Value o) {
            return broadcast(o, "pow", (x, y) -> Math.pow(y, x));
        }

        @HostAccess.Export
        public Mat neg() {
            return map(x -> -x);
        }

        @HostAccess.Export
        public Mat exp() {
            return map(Math::exp);
        }

        /** The natural logarithm (NaN for negative values, -Infinity for 0, as in numpy). */
        @HostAccess.Export
        public Mat log() {
            return map(Math::log);
        }

        @HostAccess.Export
        public Mat sqrt() {
            return map(Math::sqrt);
        }

        @HostAccess.Export
        public Mat abs() {
            return map(Math::abs);
        }

        @HostAccess.Export
        public Mat copy() {
            return new Mat(m.copy(), oneD);
        }

        /** The values row by row as a 1-D array. */
        @HostAccess.Export
        public Mat flatten() {
            return row(toFlatArray());
        }

        /** The same values row by row in {@code rows × cols}. */
        @HostAccess.Export
        public Mat reshape(int rows, int cols) {
            if ((long) rows * cols != size) {
                throw new IllegalArgumentException("linalg: cannot reshape an array of " + size + " values (shape "
                        + shapeText() + ") into " + rows + "×" + cols);
            }
            double[] v = toFlatArray();
            R064Store s = R064Store.FACTORY.make(rows, cols);
            for (int k = 0; k < v.length; k++) {
                s.set(k / cols, k % cols, v[k]);
            }
            return new Mat(s);
        }

        private Mat map(java.util.function.DoubleUnaryOperator f) {
            R064Store s = R064Store.FACTORY.make(m.countRows(), m.countColumns());
            for (int i = 0; i < rows(); i++) {
                for (int j = 0; j < cols(); j++) {
                    s.set(i, j, f.applyAsDouble(m.doubleValue(i, j)));
                }
            }
            return new Mat(s, oneD);
        }

        private Mat broadcast(Value o, String op, java.util.function.DoubleBinaryOperator f) {
            if (o.isNumber()) {
                double y = o.asDouble();
                return map(x -> f.applyAsDouble(x, y));
            }
            if (o.isNull()) {
                throw new IllegalArgumentException("linalg: " + op + " needs a number or an array, got nothing "
                        + "(null/None/undefined)");
            }
            Mat b = o.isHostObject() && o.asHostObject() instanceof Mat x ? x : of(o, "linalg: " + op);
            int r1 = rows();
            int c1 = cols();
            int r2 = b.rows();
            int c2 = b.cols();
            if (r1 != r2 && r1 != 1 && r2 != 1 || c1 != c2 && c1 != 1 && c2 != 1) {
                throw new IllegalArgumentException("linalg: " + op + ": shapes " + shapeText() + " and "
                        + b.shapeText() + " do not broadcast (each size must be equal, or 1)");
            }
            int r = Math.max(r1, r2);
            int c = Math.max(c1, c2);
            checkSize("linalg: " + op, r, c);
            R064Store s = R064Store.FACTORY.make(r, c);
            for (int i = 0; i < r; i++) {
                for (int j = 0; j < c; j++) {
                    s.set(i, j, f.applyAsDouble(m.doubleValue(r1 == 1 ? 0 : i, c1 == 1 ? 0 : j),
                            b.m.doubleValue(r2 == 1 ? 0 : i, c2 == 1 ? 0 : j)));
                }
            }
            return new Mat(s, oneD && b.oneD);
        }

        // -------------------------------------------------------------- reductions

        private interface Reduce {
            double apply(double[] v);
        }

        private Object reduce(Value axis, String op, Reduce f) {
            if (axis == null || axis.isNull()) {
                return f.apply(toFlatArray());
            }
            if (!axis.fitsInInt()) {
                throw new IllegalArgumentException("linalg: " + op + ": axis must be 0 or 1 (or -1), got " + axis);
            }
            int a = axis.asInt();
            if (oneD) {
                if (a != 0 && a != -1) {
                    throw new IllegalArgumentException("linalg: " + op + ": axis " + a + " on a 1-D array; allowed: 0");
                }
                return f.apply(toFlatArray());
            }
            if (a == 0 || a == -2) { // over the rows: one value per column
                double[] out = new double[cols()];
                for (int j = 0; j < out.length; j++) {
                    double[] col = new double[rows()];
                    for (int i = 0; i < col.length; i++) {
                        col[i] = m.doubleValue(i, j);
                    }
                    out[j] = f.apply(col);
                }
                return row(out);
            }
            if (a == 1 || a == -1) {
                double[][] rows = toRows();
                double[] out = new double[rows.length];
                for (int i = 0; i < out.length; i++) {
                    out[i] = f.apply(rows[i]);
                }
                return row(out);
            }
            throw new IllegalArgumentException("linalg: " + op + ": axis must be 0 or 1 (or -1), got " + a);
        }

        private static double sumOf(double[] v) {
            double s = 0;
            for (double x : v) {
                s += x;
            }
            return s;
        }

        @HostAccess.Export
        public Object sum() {
            return sum(null);
        }

        /** The sum of all values, or per column ({@code axis} 0) or per row (1). */
        @HostAccess.Export
        public Object sum(Value axis) {
            return reduce(axis, "sum", Mat::sumOf);
        }

        @HostAccess.Export
        public Object mean() {
            return mean(null);
        }

        @HostAccess.Export
        public Object mean(Value axis) {
            return reduce(axis, "mean", v -> sumOf(v) / v.length);
        }

        @HostAccess.Export
        public Object min() {
            return min(null);
        }

        @HostAccess.Export
        public Object min(Value axis) {
            return reduce(axis, "min", v -> java.util.Arrays.stream(v).min().orElseThrow());
        }

        @HostAccess.Export
        public Object max() {
            return max(null);
        }

        @HostAccess.Export
        public Object max(Value axis) {
            return reduce(axis, "max", v -> java.util.Arrays.stream(v).max().orElseThrow());
        }

        // -------------------------------------------------------------- decompositions

        private void square(String op) {
            if (oneD || rows() != cols()) {
                throw new IllegalArgumentException("linalg: " + op + " needs a square matrix, got shape "
                        + shapeText());
            }
            requireFinite(op);
        }

        /** The inverse of a square non-singular matrix (LU). */
        @HostAccess.Export
        public Mat inv() {
            square("inv");
            LU<Double> lu = LU.R064.make(m);
            if (!lu.decompose(m) || !lu.isSolvable()) {
                throw new IllegalArgumentException("linalg: inv: the matrix is singular (not invertible); pinv() "
                        + "gives the pseudo-inverse");
            }
            return new Mat(lu.getInverse().collect(R064Store.FACTORY));
        }

        /** The determinant of a square matrix (LU). */
        @HostAccess.Export
        public double det() {
            square("det");
            LU<Double> lu = LU.R064.make(m);
            lu.decompose(m);
            return lu.getDeterminant();
        }

        /** {@code {values, vectors}} of a symmetric matrix: eigenvalues ascending, eigenvectors as columns. */
        @HostAccess.Export
        public Object eig() {
            square("eig");
            double scale = 0;
            for (int i = 0; i < rows(); i++) {
                for (int j = 0; j < cols(); j++) {
                    scale = Math.max(scale, Math.abs(m.doubleValue(i, j)));
                }
            }
            for (int i = 0; i < rows(); i++) {
                for (int j = i + 1; j < cols(); j++) {
                    if (Math.abs(m.doubleValue(i, j) - m.doubleValue(j, i)) > 1e-10 * Math.max(1, scale)) {
                        throw new IllegalArgumentException("linalg: eig needs a symmetric matrix (a general one may "
                                + "have complex eigenvalues); entries (" + i + ", " + j + ") and (" + j + ", " + i
                                + ") differ");
                    }
                }
            }
            Eigenvalue<Double> e = Eigenvalue.R064.make(m, true);
            if (!e.decompose(m)) {
                throw new IllegalArgumentException("linalg: the eigendecomposition of this " + dims()
                        + " matrix failed");
            }
            MatrixStore<Double> d = e.getD();
            MatrixStore<Double> v = e.getV();
            int n = rows();
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, (a, b) -> Double.compare(d.doubleValue(a, a), d.doubleValue(b, b)));
            double[] values = new double[n];
            R064Store vectors = R064Store.FACTORY.make(n, n);
            for (int k = 0; k < n; k++) {
                int src = order[k];
                values[k] = d.doubleValue(src, src);
                for (int i = 0; i < n; i++) {
                    vectors.set(i, k, v.doubleValue(i, src));
                }
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("values", row(values));
            out.put("vectors", new Mat(vectors));
            return new GuestMap(out);
        }

        /** {@code {U, S, Vt}}: the thin SVD, singular values descending, {@code this = U diag(S) Vt}. */
        @HostAccess.Export
        public Object svd() {
            if (oneD) {
                throw new IllegalArgumentException("linalg: svd needs a 2-D matrix, got shape " + shapeText());
            }
            requireFinite("svd");
            SingularValue<Double> svd = SingularValue.R064.make(m);
            if (!svd.decompose(m)) {
                throw new IllegalArgumentException("linalg: the SVD of this " + dims() + " matrix failed");
            }
            int k = Math.min(rows(), cols());
            double[] s = new double[k];
            double[] all = svd.getSingularValues().toRawCopy1D();
            MatrixStore<Double> u = svd.getU();
            MatrixStore<Double> v = svd.getV();
            Integer[] order = new Integer[k];
            for (int i = 0; i < k; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, (a, b) -> Double.compare(all[b], all[a]));
            R064Store uu = R064Store.FACTORY.make(rows(), k);
            R064Store vt = R064Store.FACTORY.make(k, cols());
            for (int c = 0; c < k; c++) {
                int src = order[c];
                s[c] = src < all.length ? all[src] : 0;
                for (int i = 0; i < rows(); i++) {
                    uu.set(i, c, src < u.countColumns() ? u.doubleValue(i, src) : 0);
                }
                for (int j = 0; j < cols(); j++) {
                    vt.set(c, j, src < v.countColumns() ? v.doubleValue(j, src) : 0);
                }
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("U", new Mat(uu));
            out.put("S", row(s));
            out.put("Vt", new Mat(vt));
            return new GuestMap(out);
        }

        // -------------------------------------------------------------- comparing, printing

        /** Whether {@code o} (an array or a list) has this shape and exactly these values. */
        @HostAccess.Export
        public boolean equals(Value o) {
            return close(o, 0);
        }

        /** Whether {@code o} has this shape and values within {@code tol} (absolute, or relative to the value). */
        @HostAccess.Export
        public boolean allclose(Value o, double tol) {
            return close(o, tol);
        }

        @HostAccess.Export
        public boolean allclose(Value o) {
            return close(o, 1e-8);
        }

        private boolean close(Value o, double tol) {
            Mat b;
            try {
                b = o.isHostObject() && o.asHostObject() instanceof Mat x ? x : of(o, "compare");
            } catch (IllegalArgumentException e) {
                return false;
            }
            if (b.oneD != oneD || b.rows() != rows() || b.cols() != cols()) {
                return false;
            }
            for (int i = 0; i < rows(); i++) {
                for (int j = 0; j < cols(); j++) {
                    double x = m.doubleValue(i, j);
                    double y = b.m.doubleValue(i, j);
                    if (!(x == y || Math.abs(x - y) <= tol * Math.max(1, Math.abs(y)))) {
                        return false;
                    }
                }
            }
            return true;
        }

        @Override
        public boolean equals(Object o) {
            return o == this;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }

        /** The values as numpy prints them: {@code [[1.  2. ]\n [3.  4.5]]}, long arrays shortened. */
        @HostAccess.Export
        @Override
        public String toString() {
            return ArrayFormat.format(this);
        }
    }
}
