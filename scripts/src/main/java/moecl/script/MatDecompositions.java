package moecl.script;

import java.util.LinkedHashMap;
import java.util.Map;

import org.ojalgo.matrix.decomposition.Eigenvalue;
import org.ojalgo.matrix.decomposition.LU;
import org.ojalgo.matrix.decomposition.QR;
import org.ojalgo.matrix.decomposition.SingularValue;
import org.ojalgo.matrix.store.MatrixStore;
import org.ojalgo.matrix.store.R064Store;

/**
 * The decompositions behind {@link Mat}'s {@code solve}, {@code pinv}, {@code inv}, {@code det}, {@code eig},
 * {@code svd} and {@code norm2} (ojAlgo's QR, SVD, LU and eigendecomposition), each refusing NaN and infinite
 * entries first: the SVD iterates on them without end, and a script must not hang the host.
 */
final class MatDecompositions {

    private MatDecompositions() {
    }

    /** See {@link Mat#solve}: QR for square and tall A when solvable, else the pseudo-inverse. */
    static Mat solve(Mat a, Mat b) {
        boolean vec = b.oneD;
        if (vec) {
            b = new Mat(b.m.transpose().collect(R064Store.FACTORY));
        }
        if (b.m.countRows() != a.m.countRows()) {
            throw new IllegalArgumentException("linalg: solve needs b with " + a.m.countRows() + " rows, got "
                    + b.dims());
        }
        requireFinite(a, "solve");
        requireFinite(b, "solve (b)");
        MatrixStore<Double> x = null;
        if (a.m.countRows() >= a.m.countColumns()) {
            QR<Double> qr = QR.R064.make(a.m);
            if (qr.decompose(a.m) && qr.isSolvable()) {
                x = qr.getSolution(b.m);
            }
        }
        if (x == null) {
            x = pinv(a).multiply(b.m);
        }
        return vec ? new Mat(x.transpose().collect(R064Store.FACTORY), true) : new Mat(x);
    }

    /** The Moore–Penrose pseudo-inverse (SVD). */
    static MatrixStore<Double> pinv(Mat a) {
        requireFinite(a, "pinv");
        SingularValue<Double> svd = SingularValue.R064.make(a.m);
        if (!svd.decompose(a.m)) {
            throw new IllegalArgumentException("linalg: the SVD of this " + a.dims() + " matrix failed");
        }
        return svd.getInverse();
    }

    /** Refuses NaN and infinite entries before a decomposition. */
    static void requireFinite(Mat a, String op) {
        for (int i = 0; i < a.rows(); i++) {
            for (int j = 0; j < a.cols(); j++) {
                double x = a.m.doubleValue(i, j);
                if (!Double.isFinite(x)) {
                    throw new IllegalArgumentException("linalg: " + op + " needs finite entries; entry (" + i
                            + ", " + j + ") is " + x);
                }
            }
        }
    }

    /** The spectral norm (largest singular value). */
    static double norm2(Mat a) {
        requireFinite(a, "norm2");
        SingularValue<Double> svd = SingularValue.R064.make(a.m);
        svd.decompose(a.m);
        return svd.getOperatorNorm();
    }

    private static void square(Mat a, String op) {
        if (a.oneD || a.rows() != a.cols()) {
            throw new IllegalArgumentException("linalg: " + op + " needs a square matrix, got shape "
                    + a.shapeText());
        }
        requireFinite(a, op);
    }

    /** The inverse of a square non-singular matrix (LU). */
    static Mat inv(Mat a) {
        square(a, "inv");
        LU<Double> lu = LU.R064.make(a.m);
        if (!lu.decompose(a.m) || !lu.isSolvable()) {
            throw new IllegalArgumentException("linalg: inv: the matrix is singular (not invertible); pinv() "
                    + "gives the pseudo-inverse");
        }
        return new Mat(lu.getInverse().collect(R064Store.FACTORY));
    }

    /** The determinant of a square matrix (LU). */
    static double det(Mat a) {
        square(a, "det");
        LU<Double> lu = LU.R064.make(a.m);
        lu.decompose(a.m);
        return lu.getDeterminant();
    }

    /** {@code {values, vectors}} of a symmetric matrix: eigenvalues ascending, eigenvectors as columns. */
    static GuestMap eig(Mat a) {
        square(a, "eig");
        MatrixStore<Double> m = a.m;
        double scale = 0;
        for (int i = 0; i < a.rows(); i++) {
            for (int j = 0; j < a.cols(); j++) {
                scale = Math.max(scale, Math.abs(m.doubleValue(i, j)));
            }
        }
        for (int i = 0; i < a.rows(); i++) {
            for (int j = i + 1; j < a.cols(); j++) {
                if (Math.abs(m.doubleValue(i, j) - m.doubleValue(j, i)) > 1e-10 * Math.max(1, scale)) {
                    throw new IllegalArgumentException("linalg: eig needs a symmetric matrix (a general one may "
                            + "have complex eigenvalues); entries (" + i + ", " + j + ") and (" + j + ", " + i
                            + ") differ");
                }
            }
        }
        Eigenvalue<Double> e = Eigenvalue.R064.make(m, true);
        if (!e.decompose(m)) {
            throw new IllegalArgumentException("linalg: the eigendecomposition of this " + a.dims()
                    + " matrix failed");
        }
        MatrixStore<Double> d = e.getD();
        MatrixStore<Double> v = e.getV();
        int n = a.rows();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(d.doubleValue(x, x), d.doubleValue(y, y)));
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
        out.put("values", Mat.row(values));
        out.put("vectors", new Mat(vectors));
        return new GuestMap(out);
    }

    /** {@code {U, S, Vt}}: the thin SVD, singular values descending, {@code a = U diag(S) Vt}. */
    static GuestMap svd(Mat a) {
        if (a.oneD) {
            throw new IllegalArgumentException("linalg: svd needs a 2-D matrix, got shape " + a.shapeText());
        }
        requireFinite(a, "svd");
        SingularValue<Double> svd = SingularValue.R064.make(a.m);
        if (!svd.decompose(a.m)) {
            throw new IllegalArgumentException("linalg: the SVD of this " + a.dims() + " matrix failed");
        }
        int rows = a.rows();
        int cols = a.cols();
        int k = Math.min(rows, cols);
        double[] s = new double[k];
        double[] all = svd.getSingularValues().toRawCopy1D();
        MatrixStore<Double> u = svd.getU();
        MatrixStore<Double> v = svd.getV();
        Integer[] order = new Integer[k];
        for (int i = 0; i < k; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(all[y], all[x]));
        R064Store uu = R064Store.FACTORY.make(rows, k);
        R064Store vt = R064Store.FACTORY.make(k, cols);
        for (int c = 0; c < k; c++) {
            int src = order[c];
            s[c] = src < all.length ? all[src] : 0;
            for (int i = 0; i < rows; i++) {
                uu.set(i, c, src < u.countColumns() ? u.doubleValue(i, src) : 0);
            }
            for (int j = 0; j < cols; j++) {
                vt.set(c, j, src < v.countColumns() ? v.doubleValue(j, src) : 0);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("U", new Mat(uu));
        out.put("S", Mat.row(s));
        out.put("Vt", new Mat(vt));
        return new GuestMap(out);
    }
}
