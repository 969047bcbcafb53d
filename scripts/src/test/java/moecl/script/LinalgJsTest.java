package moecl.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The array library of {@code moecl.linalg} from JavaScript (methods), against values computed by hand; readable
 * printing of arrays and host values. One persistent JavaScript context for the class ({@link ScriptHost#eval}).
 */
class LinalgJsTest {

    @TempDir
    static Path tmp;
    static ScriptTestSupport s;

    @BeforeAll
    static void start() {
        s = new ScriptTestSupport(tmp);
        s.host.eval("js", "var L = moecl.linalg;");
    }

    @AfterAll
    static void stop() {
        s.host.close();
    }

    private static String js(String code) {
        return s.host.eval("js", code);
    }

    @Test
    void inverseDeterminantAndSolveOfSmallMatrices() {
        // [[4, 7], [2, 6]]: det 10, inverse [[0.6, -0.7], [-0.2, 0.4]]
        assertEquals("[[0.6,-0.7],[-0.2,0.4]]", js("JSON.stringify(L.inv(L.array([[4, 7], [2, 6]])).tolist()"
                + ".map(r => r.map(x => Math.round(x * 1e12) / 1e12)))"));
        assertEquals("10", js("Math.round(L.det(L.array([[4, 7], [2, 6]])) * 1e9) / 1e9 + ''"));
        // [[2, 0, 0], [0, 4, 0], [1, 0, 1]]: inverse [[0.5, 0, 0], [0, 0.25, 0], [-0.5, 0, 1]], det 8
        assertEquals("[[0.5,0,0],[0,0.25,0],[-0.5,0,1]]", js("JSON.stringify(L.inv([[2, 0, 0], [0, 4, 0], [1, 0, 1]])"
                + ".tolist().map(r => r.map(x => Math.round(x * 1e12) / 1e12 + 0)))"));
        assertEquals("8", js("Math.round(L.det([[2, 0, 0], [0, 4, 0], [1, 0, 1]]) * 1e9) / 1e9 + ''"));
        // 4x + 7y = 1, 2x + 6y = 0: x = 0.6, y = -0.2
        assertEquals("0.6 -0.2", js("const x = L.solve(L.array([[4, 7], [2, 6]]), L.array([1, 0]));"
                + "x.shape.length + '' === '1' ? x.get(0).toFixed(6).replace(/0+$/, '') + ' ' + x.get(1).toFixed(6)"
                + ".replace(/0+$/, '') : 'not 1-D'"));
        ScriptException singular = assertThrows(ScriptException.class, () -> js("L.inv([[1, 2], [2, 4]])"));
        assertTrue(singular.getMessage().contains("linalg: inv: the matrix is singular"), singular.getMessage());
    }

    @Test
    void symmetricEigenvaluesAndSingularValues() {
        // [[2, 1], [1, 2]]: eigenvalues 1 and 3 (ascending), eigenvector of 3 is (1, 1)/sqrt 2
        assertEquals("1.000000 3.000000 0.707107 0.707107", js("const e = L.eig(L.array([[2, 1], [1, 2]]));"
                + "[e.values.get(0), e.values.get(1), Math.abs(e.vectors.get(0, 1)), Math.abs(e.vectors.get(1, 1))]"
                + ".map(x => x.toFixed(6)).join(' ')"));
        // [[3, 0], [0, -4]]: singular values 4, 3 (descending); U diag(S) Vt gives the matrix back
        assertEquals("4.000000 3.000000 0.000000", js("const d = L.svd([[3, 0], [0, -4]]);"
                + "const back = d.U.mul(d.S).matmul(d.Vt).sub(L.array([[3, 0], [0, -4]])).abs().max();"
                + "[d.S.get(0), d.S.get(1), back].map(x => x.toFixed(6)).join(' ')"));
        ScriptException asym = assertThrows(ScriptException.class, () -> js("L.eig([[1, 2], [3, 4]])"));
        assertTrue(asym.getMessage().contains("linalg: eig needs a symmetric matrix"), asym.getMessage());
        assertEquals("5", js("L.norm(L.array([3, 4])) + ''"));
    }

    @Test
    void slicingIndexingAndShapes() {
        js("var A = L.arange(12).reshape(3, 4);");
        assertEquals("[3,4]", js("JSON.stringify(A.shape)"));
        assertEquals("6", js("A.get(1, 2) + ''"));
        assertEquals("11", js("A.get(-1, -1) + ''"));
        assertEquals("[[4,5,6,7],[8,9,10,11]] [2,4]", js("const b = A.slice('1:3, :');"
                + "JSON.stringify(b.tolist()) + ' ' + JSON.stringify(b.shape)"));
        assertEquals("[1,5,9] [3]", js("const c = A.slice(':, 1'); JSON.stringify(c.tolist()) + ' ' "
                + "+ JSON.stringify(c.shape)"));
        assertEquals("[[0,2],[8,10]]", js("JSON.stringify(A.slice('::2, ::2').tolist())"));
        assertEquals("[11,10,9,8]", js("JSON.stringify(A.slice('-1, ::-1').tolist())"));
        assertEquals("[[1,2],[5,6]]", js("JSON.stringify(A.slice(0, 2, 1, 3).tolist())"));
        assertEquals("[4,3]", js("JSON.stringify(A.T().shape)"));
        assertEquals("7", js("A.slice('1, 3') + ''"));
        ScriptException outside = assertThrows(ScriptException.class, () -> js("A.get(3, 0)"));
        assertTrue(outside.getMessage().contains("linalg: index (3, 0) outside 3×4"), outside.getMessage());
    }

    @Test
    void broadcastingAndElementwiseFunctions() {
        js("var B = L.array([[1, 2], [3, 4]]);");
        assertEquals("[[2,4],[6,8]]", js("JSON.stringify(B.mul(2).tolist())"));
        assertEquals("[[11,22],[13,24]]", js("JSON.stringify(B.add(L.array([10, 20])).tolist())")); // row broadcast
        assertEquals("[[0,1],[1,2]]", js("JSON.stringify(B.sub(L.array([[1], [2]])).tolist())")); // column broadcast
        assertEquals("[[1,4],[9,16]]", js("JSON.stringify(B.mul(B).tolist())"));
        assertEquals("[[7,10],[15,22]]", js("JSON.stringify(B.matmul(B).tolist())"));
        assertEquals("[[0.5,1],[1.5,2]]", js("JSON.stringify(B.div(2).tolist())"));
        assertEquals("[[-1,-2],[-3,-4]]", js("JSON.stringify(B.neg().tolist())"));
        assertEquals("[1,2,3]", js("JSON.stringify(L.sqrt(L.array([1, 4, 9])).tolist())"));
        assertEquals("[0,1]", js("JSON.stringify(L.log(L.exp(L.array([0, 1]))).tolist().map(x => Math.round(x * 1e12) "
                + "/ 1e12))"));
        assertEquals("[2,3]", js("JSON.stringify(L.abs([-2, 3]).tolist())"));
        assertEquals("10 [4,6] [3,7] 2.5 1 4 [2,4]", js("[B.sum(), JSON.stringify(B.sum(0).tolist()), "
                + "JSON.stringify(B.sum(1).tolist()), B.mean(), B.min(), B.max(), JSON.stringify(B.max(1).tolist())]"
                + ".join(' ')"));
        assertEquals("11", js("L.array([1, 2]).matmul(L.array([3, 4])) + ''")); // 1-D @ 1-D: the dot product
        assertEquals("[[1,0,0],[0,1,0],[0,0,1]] [1,1] [0,0,0] [2,2.5,3]", js("[JSON.stringify(L.eye(3).tolist()), "
                + "JSON.stringify(L.ones(2).tolist()), JSON.stringify(L.zeros(3).tolist()), "
                + "JSON.stringify(L.arange(2, 3.5, 0.5).tolist())].join(' ')"));
        assertEquals("[[1,2],[3,4]] [[1,3],[2,4]] [1,2,3] [[1,2],[3,4]]", js("[L.stack([[1, 2], [3, 4]]), "
                + "L.stack([L.array([1, 2]), L.array([3, 4])], 1), L.hstack([[1], [2, 3]]), L.vstack([[1, 2], [3, 4]])]"
                + ".map(a => JSON.stringify(a.tolist())).join(' ')"));
        assertEquals("true false true", js("[B.equals([[1, 2], [3, 4]]), B.equals([[1, 2], [3, 5]]), "
                + "B.allclose([[1, 2], [3, 4.0000000001]])].join(' ')"));
        ScriptException shapes = assertThrows(ScriptException.class, () -> js("B.mul(L.array([1, 2, 3]))"));
        assertTrue(shapes.getMessage().contains("linalg: mul: shapes (2, 2) and (3,) do not broadcast"),
                shapes.getMessage());
    }

    @Test
    void arraysAndHostValuesPrintReadably() {
        assertEquals("[[1.  2.5]\n [3.  4. ]]", js("L.array([[1, 2.5], [3, 4]]).toString()"));
        assertEquals("[1. 2. 3.]", js("String(L.array([1, 2, 3]))"));
        s.out.getBuffer().setLength(0);
        js("moecl.log(L.array([0.5, 1]), [1, 2], moecl.average([[1, 2], [3, 4]]))");
        assertEquals("[0.5 1. ] [1, 2] {mean: [2.0, 3.0], sd: [1.4142135623730951, 1.4142135623730951], "
                + "se: [1.0, 1.0], n: 2}\n", s.out.toString());
        s.out.getBuffer().setLength(0);
        js("moecl.log(L.arange(2000));");
        String out = s.out.toString();
        assertTrue(!out.contains("@") && !out.contains("Proxy"), out);
        assertTrue(out.contains("[   0.    1.    2. ... 1997. 1998. 1999.]"), out);
    }

    @Test
    void theReplShowsHostValuesReadably() {
        assertEquals("[[1. 0.]\n [0. 1.]]", js("L.eye(2)"));
        assertEquals("{mean: [2.0, 3.0], sd: [1.4142135623730951, 1.4142135623730951], se: [1.0, 1.0], n: 2}",
                js("moecl.average([[1, 2], [3, 4]])"));
        assertEquals("{mean: [2.0, 3.0], sd: [1.4142135623730951, 1.4142135623730951], se: [1.0, 1.0], n: 2}",
                js("String(moecl.average([[1, 2], [3, 4]]))"));
        assertEquals("[2, 2]", js("L.eye(2).shape"));
        assertEquals("[0.0, 1.0, 2.0, 3.0, 4.0, ..., 195.0, 196.0, 197.0, 198.0, 199.0] (200 values)",
                js("L.arange(200).toList()"));
    }

    @Test
    void mathRandomIsSeeded() {
        String first = js("moecl.seed(7); [Math.random(), Math.random()].join(' ')");
        String again = js("moecl.seed(7); [Math.random(), Math.random()].join(' ')");
        String other = js("moecl.seed(8); [Math.random(), Math.random()].join(' ')");
        assertEquals(first, again);
        assertTrue(!first.equals(other), first);
        for (String x : first.split(" ")) {
            double d = Double.parseDouble(x);
            assertTrue(d >= 0 && d < 1, x);
        }
    }

    @Test
    void theOldMatrixApiStays() {
        assertEquals("0.200000 0.600000 2×1", js("const M = L.matrix([[3, 1], [1, 2]]); const v = M.solve(L.vector("
                + "[1.2, 1.4])); [v.at(0).toFixed(6), v.at(1).toFixed(6), v.rows() + '×' + v.cols()].join(' ')"));
        assertEquals("[[3,1],[1,2]]", js("JSON.stringify(L.matrix([[3, 1], [1, 2]]).transpose().toArray())"));
    }
}
