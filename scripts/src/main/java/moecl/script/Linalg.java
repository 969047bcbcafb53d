package moecl.script;

import java.util.ArrayList;
import java.util.List;

import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;
import org.ojalgo.matrix.store.R064Store;
import org.ojalgo.matrix.store.RawStore;

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
@SuppressWarnings("deprecation") // ojAlgo 57 deprecates FACTORY.rows(double[][]); until Linalg moves off it
public final class Linalg {

    Linalg() {
    }

    // ------------------------------------------------------------------ constructors

    /** A matrix from a list of rows. */
    @HostAccess.Export
    public Mat matrix(Value rows) {
        return new Mat(R064Store.FACTORY.copy(RawStore.wrap(Convert.matrix(rows, "linalg.matrix(rows)"))));
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
    // These repeat Mat's methods by design (numpy offers both np.linalg.inv(a) and a.T, np.sum(a) and a.sum()):
    // scripts ported from numpy read either way. Each is one line that hands its argument to the Mat method.

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

    static void check(long rows, long cols) {
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
}
