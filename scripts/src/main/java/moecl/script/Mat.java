package moecl.script;

import static moecl.script.MatSlices.index;

import java.util.List;

import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;
import org.ojalgo.matrix.store.MatrixStore;
import org.ojalgo.matrix.store.R064Store;
import org.ojalgo.matrix.store.RawStore;

/**
 * A dense array (an ojAlgo {@code MatrixStore<Double>}): 2-D (rows × cols), or 1-D ({@code oneD}, stored as one
 * row). A 1-D array broadcasts as a row, and in a matrix product stands for a row on the left and a column on
 * the right, as in numpy.
 *
 * <p>This class is everything a script sees of an array, in one place: every {@link HostAccess.Export} member a
 * script can call, the older matrix API ({@code multiply}, {@code subtract}, {@code toArray}, ...) beside the
 * numpy-like one ({@code matmul}, {@code sub}, {@code tolist}, ...) on purpose. The longer bodies live beside it:
 * {@link MatSlices} (indexing), {@link MatReductions} ({@code sum}, {@code mean}, ... along an axis),
 * {@link MatDecompositions} ({@code solve}, {@code inv}, {@code eig}, {@code svd}, ...); printing is
 * {@link ArrayFormat}.
 */
public final class Mat {
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
        this.shape = this.oneD ? new ListProxy(List.of((int) m.countColumns()))
                : new ListProxy(List.of((int) m.countRows(), (int) m.countColumns()));
    }

    static Mat column(double[] v) {
        R064Store s = R064Store.FACTORY.make(v.length, 1);
        for (int i = 0; i < v.length; i++) {
            s.set(i, 0, v[i]);
        }
        return new Mat(s);
    }

    static Mat row(double[] v) {
        Linalg.check(1, v.length);
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
        if (j instanceof DoubleArray || j instanceof double[]) {
            return row(Convert.doubles(j, op));
        }
        if (j instanceof List<?> l && !l.isEmpty()) {
            if (l.get(0) instanceof List<?> || l.get(0) instanceof Mat) {
                double[][] rows = Convert.matrix(j, op);
                Linalg.check(rows.length, rows[0].length);
                return new Mat(R064Store.FACTORY.copy(RawStore.wrap(rows)));
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
                return new Mat(R064Store.FACTORY.copy(RawStore.wrap(Convert.matrix(j, op))));
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

    Mat fill(double x) {
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
        return MatSlices.section(this, r0, rs, rn, c0, cs, cn, dropRow, dropCol);
    }

    /**
     * A part of the array, written as in numpy: {@code "1:3, :"}, {@code "0"} (row 0), {@code ":, -1"} (the
     * last column), {@code "::2"}; an integer drops that dimension.
     */
    @HostAccess.Export
    public Object slice(String spec) {
        return MatSlices.slice(this, spec);
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
        Linalg.checkSize("linalg: multiply", m.countRows(), b.m.countColumns());
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
        return MatDecompositions.solve(this, b);
    }

    /** The Moore–Penrose pseudo-inverse (SVD). */
    @HostAccess.Export
    public Mat pinv() {
        return new Mat(MatDecompositions.pinv(this));
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
        return MatDecompositions.norm2(this);
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
    // one exported method per operator and its reflected form (Python's __rsub__ ...): alike on purpose

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
        Linalg.checkSize("linalg: matmul", left.countRows(), right.countColumns());
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
        Linalg.checkSize("linalg: " + op, r, c);
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

    @HostAccess.Export
    public Object sum() {
        return sum(null);
    }

    /** The sum of all values, or per column ({@code axis} 0) or per row (1). */
    @HostAccess.Export
    public Object sum(Value axis) {
        return MatReductions.reduce(this, axis, "sum", MatReductions::sum);
    }

    @HostAccess.Export
    public Object mean() {
        return mean(null);
    }

    @HostAccess.Export
    public Object mean(Value axis) {
        return MatReductions.reduce(this, axis, "mean", v -> MatReductions.sum(v) / v.length);
    }

    @HostAccess.Export
    public Object min() {
        return min(null);
    }

    @HostAccess.Export
    public Object min(Value axis) {
        return MatReductions.reduce(this, axis, "min", v -> java.util.Arrays.stream(v).min().orElseThrow());
    }

    @HostAccess.Export
    public Object max() {
        return max(null);
    }

    @HostAccess.Export
    public Object max(Value axis) {
        return MatReductions.reduce(this, axis, "max", v -> java.util.Arrays.stream(v).max().orElseThrow());
    }

    // -------------------------------------------------------------- decompositions

    /** The inverse of a square non-singular matrix (LU). */
    @HostAccess.Export
    public Mat inv() {
        return MatDecompositions.inv(this);
    }

    /** The determinant of a square matrix (LU). */
    @HostAccess.Export
    public double det() {
        return MatDecompositions.det(this);
    }

    /** {@code {values, vectors}} of a symmetric matrix: eigenvalues ascending, eigenvectors as columns. */
    @HostAccess.Export
    public Object eig() {
        return MatDecompositions.eig(this);
    }

    /** {@code {U, S, Vt}}: the thin SVD, singular values descending, {@code this = U diag(S) Vt}. */
    @HostAccess.Export
    public Object svd() {
        return MatDecompositions.svd(this);
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
