package moecl.script;

import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;
import org.ojalgo.matrix.decomposition.QR;
import org.ojalgo.matrix.decomposition.SingularValue;
import org.ojalgo.matrix.store.MatrixStore;
import org.ojalgo.matrix.store.R064Store;

/**
 * {@code moecl.linalg}: dense real matrices and vectors backed by ojAlgo, so that a script-defined expert can do
 * its update at Java speed (GraalPy has no numpy). Vectors are n×1 matrices. Every operation returns a new matrix.
 *
 * <pre>
 * const A = moecl.linalg.matrix([[1, 2], [3, 4]]);  const b = moecl.linalg.vector([1, 0]);
 * const x = A.solve(b);  A.multiply(x).subtract(b).norm();  A.pinv();  A.transpose().toArray()
 * </pre>
 */
public final class Linalg {

    Linalg() {
    }

    /** A matrix from a list of rows. */
    @HostAccess.Export
    public Mat matrix(Value rows) {
        return new Mat(R064Store.FACTORY.rows(Convert.matrix(rows, "linalg.matrix(rows)")));
    }

    /** A column vector from a list of numbers. */
    @HostAccess.Export
    public Mat vector(Value values) {
        return Mat.column(Convert.doubles(values, "linalg.vector(values)"));
    }

    @HostAccess.Export
    public Mat zeros(int rows, int cols) {
        check(rows, cols);
        return new Mat(R064Store.FACTORY.make(rows, cols));
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

    private static void check(int rows, int cols) {
        if (rows < 1 || cols < 1) {
            throw new IllegalArgumentException("linalg: sizes must be >= 1, got " + rows + "×" + cols);
        }
        checkSize("linalg", rows, cols);
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

    /** A dense matrix (an ojAlgo {@code MatrixStore<Double>}). */
    public static final class Mat {
        final MatrixStore<Double> m;

        Mat(MatrixStore<Double> m) {
            this.m = m;
        }

        static Mat column(double[] v) {
            R064Store s = R064Store.FACTORY.make(v.length, 1);
            for (int i = 0; i < v.length; i++) {
                s.set(i, 0, v[i]);
            }
            return new Mat(s);
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
                throw new IllegalArgumentException("linalg: " + op + " needs equal shapes, got " + shape() + " and "
                        + o.shape());
            }
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
        public String shape() {
            return m.countRows() + "×" + m.countColumns();
        }

        @HostAccess.Export
        public double get(int i, int j) {
            if (i < 0 || i >= rows() || j < 0 || j >= cols()) {
                throw new IllegalArgumentException("linalg: index (" + i + ", " + j + ") outside " + shape());
            }
            return m.doubleValue(i, j);
        }

        /** Element i of a vector (row i, column 0). */
        @HostAccess.Export
        public double at(int i) {
            return get(i, 0);
        }

        /** Matrix product with a matrix or vector, or scaling by a number. */
        @HostAccess.Export
        public Mat multiply(Value o) {
            if (o.isNumber()) {
                return new Mat(m.multiply(o.asDouble()).collect(R064Store.FACTORY));
            }
            Mat b = other(o, "multiply");
            if (m.countColumns() != b.m.countRows()) {
                throw new IllegalArgumentException("linalg: multiply needs inner sizes to agree, got " + shape()
                        + " times " + b.shape());
            }
            checkSize("linalg: multiply", m.countRows(), b.m.countColumns());
            return new Mat(m.multiply(b.m));
        }

        @HostAccess.Export
        public Mat add(Value o) {
            Mat b = other(o, "add");
            sameShape(b, "add");
            return new Mat(m.add(b.m).collect(R064Store.FACTORY));
        }

        @HostAccess.Export
        public Mat subtract(Value o) {
            Mat b = other(o, "subtract");
            sameShape(b, "subtract");
            return new Mat(m.subtract(b.m).collect(R064Store.FACTORY));
        }

        @HostAccess.Export
        public Mat transpose() {
            return new Mat(m.transpose().collect(R064Store.FACTORY));
        }

        /** Dot product of two vectors (or the sum of the elementwise product). */
        @HostAccess.Export
        public double dot(Value o) {
            Mat b = other(o, "dot");
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
         * minimum-norm solution (pseudo-inverse) otherwise.
         */
        @HostAccess.Export
        public Mat solve(Value rhs) {
            Mat b = other(rhs, "solve");
            if (b.m.countRows() != m.countRows()) {
                throw new IllegalArgumentException("linalg: solve needs b with " + m.countRows() + " rows, got "
                        + b.shape());
            }
            requireFinite("solve");
            b.requireFinite("solve (b)");
            if (m.countRows() >= m.countColumns()) {
                QR<Double> qr = QR.R064.make(m);
                if (qr.decompose(m) && qr.isSolvable()) {
                    return new Mat(qr.getSolution(b.m));
                }
            }
            return new Mat(pinvStore().multiply(b.m));
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
                throw new IllegalArgumentException("linalg: the SVD of this " + shape() + " matrix failed");
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

        /** The rows as nested arrays. */
        @HostAccess.Export
        public Object toArray() {
            return Convert.toGuest(toRows());
        }

        /** All entries, row by row, as one array (a vector's entries). */
        @HostAccess.Export
        public Object toList() {
            return Convert.toGuest(toFlatArray());
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

        @HostAccess.Export
        @Override
        public String toString() {
            return "Matrix " + shape();
        }
    }
}
