package moecl.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Python scripts: the array library with operators (against hand-computed values), modules next to the script,
 * seeded {@code random}, exit codes, error lines. Each script costs a fresh GraalPy context (a script never
 * shares one: that is the sandbox), so each test checks much in one script; with five contexts the class is in the
 * heavy tier, as are the other tests that start Python; the everyday tier keeps Python through the bundled
 * {@code fig45.py} ({@code BundledScriptsTest}).
 */
@Tag("heavy")
class PythonScriptsTest {

    @TempDir
    Path tmp;

    private static List<String> lines(ScriptTestSupport s) {
        return s.out.toString().lines().toList();
    }

    /**
     * A script that ends by itself exits as Python does: its atexit handlers run and the files it left open are
     * flushed (cancelling the context lost both; {@code open(p, "w").write(s)} left an empty file). An exit handler
     * that never returns is cut off after the grace period instead of holding the host.
     */
    @Test
    void aScriptExitsAsPythonDoesWithinAGracePeriod() throws Exception {
        ScriptTestSupport s = new ScriptTestSupport(tmp);
        s.runCode("exit.py", """
                import atexit, os
                os.makedirs("runs/exit", exist_ok=True)
                kept = open("runs/exit/kept.txt", "w")
                kept.write("written, never closed\\n")
                def bye():
                    with open("runs/exit/bye.txt", "w") as f:
                        f.write("bye\\n")
                atexit.register(bye)
                print("main done")
                """, Map.of());
        assertTrue(s.out.toString().contains("main done"), s.out.toString());
        assertEquals("bye\n", Files.readString(tmp.resolve("runs/exit/bye.txt")));
        assertEquals("written, never closed\n", Files.readString(tmp.resolve("runs/exit/kept.txt")));
        long t0 = System.nanoTime();
        s.runCode("hang.py", """
                import atexit
                def spin():
                    while True:
                        pass
                atexit.register(spin)
                print("hang done")
                """, Map.of());
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertTrue(s.out.toString().contains("hang done"), s.out.toString());
        assertTrue(seconds < ScriptHost.EXIT_GRACE_SECONDS + 30, "the exit was cut off, after " + seconds + " s");
    }

    @Test
    void arrayLibraryWithOperators() throws Exception {
        ScriptTestSupport s = new ScriptTestSupport(tmp);
        s.runCode("arrays.py", """
                L = moecl.linalg
                A = L.array([[4, 7], [2, 6]])
                r = lambda x: round(x, 9) + 0.0
                print("inv", [[r(x) for x in row] for row in L.inv(A).tolist()])
                print("det", r(L.det(A)))
                print("inv3", [[r(x) for x in row] for row in L.inv([[2, 0, 0], [0, 4, 0], [1, 0, 1]]).tolist()])
                x = L.solve(A, [1, 0])
                print("solve", x.shape, [r(v) for v in x])
                print("check", (A @ x).allclose([1, 0]))
                w, V = L.eig([[2, 1], [1, 2]])
                print("eig", [r(v) for v in w], r(abs(V[0, 1])), r(abs(V[1, 1])))
                U, S, Vt = L.svd([[3, 0], [0, -4]])
                print("svd", S.tolist(),
                      r(abs(U @ L.stack([S, S]).T * 0 + (U * S) @ Vt - L.array([[3, 0], [0, -4]])).max()))
                B = L.array([[1, 2], [3, 4]])
                print("ops", (B @ B).tolist(), (B * 2).tolist(), (2 * B).tolist(), (B + 1).tolist(), (10 - B).tolist())
                print("ops2", (B / 2).tolist(), (1 / L.array([1, 2, 4])).tolist(), (-B).tolist(), (B ** 2).tolist())
                print("bcast", (B + L.array([10, 20])).tolist(), (B - [[1], [2]]).tolist(), (B * [1, 0]).tolist())
                M = L.arange(12).reshape(3, 4)
                print("index", M[1, 2], M[-1, -1], M[1].tolist(), M[:, 1].tolist(), M[1:3, :].shape,
                      M[::2, ::2].tolist())
                print("shape", M.shape, M.T.shape, len(M), M.ndim, M.size, [len(row) for row in M])
                print("iter", [v for v in L.array([1, 2, 3])], sum(L.array([1, 2, 3])))
                print("eq", B == [[1, 2], [3, 4]], B == [[1, 2], [3, 5]], B != [[1, 2], [3, 4]], B == B.copy())
                print("reduce", B.sum(), B.sum(axis=0).tolist(), B.mean(axis=1).tolist(), B.min(),
                      B.max(axis=0).tolist())
                print("funcs", L.sqrt([1, 4, 9]).tolist(), L.abs(L.array([-2, 3])).tolist(),
                      r(L.log(L.exp(L.array([1.5])))[0]))
                print("norm", L.norm([3, 4]), L.eye(2).tolist(), L.zeros(2, 3).shape, L.ones(3).tolist())
                print("stack", L.vstack([[1, 2], [3, 4]]).tolist(), L.hstack([[1], [2, 3]]).tolist(),
                      L.stack([[1, 2], [3, 4]], axis=1).tolist())
                C = L.zeros(2, 2); C[0, 1] = 5; print("set", C.tolist())
                print("matrix api", A.multiply(L.vector([1, 1])).toList())
                print(B)
                print(repr(L.array([0.5, 1])))
                res = moecl.average([[1, 2], [3, 4]])
                moecl.log(B, res["mean"])
                try:
                    B @ L.array([1, 2, 3])
                except ValueError as e:
                    print("error", e)
                try:
                    M[3, 0]
                except IndexError as e:
                    print("index error", e)
                """, Map.of());
        List<String> out = lines(s);
        assertTrue(out.contains("inv [[0.6, -0.7], [-0.2, 0.4]]"), out.toString());
        assertTrue(out.contains("det 10.0"), out.toString());
        assertTrue(out.contains("inv3 [[0.5, 0.0, 0.0], [0.0, 0.25, 0.0], [-0.5, 0.0, 1.0]]"), out.toString());
        assertTrue(out.contains("solve (2,) [0.6, -0.2]"), out.toString());
        assertTrue(out.contains("check True"), out.toString());
        assertTrue(out.contains("eig [1.0, 3.0] 0.707106781 0.707106781"), out.toString());
        assertTrue(out.contains("svd [4.0, 3.0] 0.0"), out.toString());
        assertTrue(out.contains("ops [[7.0, 10.0], [15.0, 22.0]] [[2.0, 4.0], [6.0, 8.0]] [[2.0, 4.0], [6.0, 8.0]] "
                + "[[2.0, 3.0], [4.0, 5.0]] [[9.0, 8.0], [7.0, 6.0]]"), out.toString());
        assertTrue(out.contains("ops2 [[0.5, 1.0], [1.5, 2.0]] [1.0, 0.5, 0.25] [[-1.0, -2.0], [-3.0, -4.0]] "
                + "[[1.0, 4.0], [9.0, 16.0]]"), out.toString());
        assertTrue(out.contains("bcast [[11.0, 22.0], [13.0, 24.0]] [[0.0, 1.0], [1.0, 2.0]] [[1.0, 0.0], [3.0, 0.0]]"),
                out.toString());
        assertTrue(out.contains("index 6.0 11.0 [4.0, 5.0, 6.0, 7.0] [1.0, 5.0, 9.0] (2, 4) [[0.0, 2.0], [8.0, 10.0]]"),
                out.toString());
        assertTrue(out.contains("shape (3, 4) (4, 3) 3 2 12 [4, 4, 4]"), out.toString());
        assertTrue(out.contains("iter [1.0, 2.0, 3.0] 6.0"), out.toString());
        assertTrue(out.contains("eq True False False True"), out.toString());
        assertTrue(out.contains("reduce 10.0 [4.0, 6.0] [1.5, 3.5] 1.0 [3.0, 4.0]"), out.toString());
        assertTrue(out.contains("funcs [1.0, 2.0, 3.0] [2.0, 3.0] 1.5"), out.toString());
        assertTrue(out.contains("norm 5.0 [[1.0, 0.0], [0.0, 1.0]] (2, 3) [1.0, 1.0, 1.0]"), out.toString());
        assertTrue(out.contains("stack [[1.0, 2.0], [3.0, 4.0]] [1.0, 2.0, 3.0] [[1.0, 3.0], [2.0, 4.0]]"),
                out.toString());
        assertTrue(out.contains("set [[0.0, 5.0], [0.0, 0.0]]"), out.toString());
        assertTrue(out.contains("matrix api [11.0, 8.0]"), out.toString());
        String text = s.out.toString();
        assertTrue(text.contains("[[1. 2.]\n [3. 4.]]\n[0.5 1. ]\n[[1. 2.]\n [3. 4.]] [2.0, 3.0]\n"), text);
        assertTrue(out.contains("error linalg: matmul needs inner sizes to agree, got shapes (2, 2) and (3,)"),
                out.toString());
        assertTrue(out.contains("index error index 3 is out of bounds for axis 0 of size 3"), out.toString());
    }

    @Test
    void modulesNextToTheScriptImportReadOnlyAndRandomIsSeeded() throws Exception {
        Path work = Files.createDirectories(tmp.resolve("work"));
        Path scripts = Files.createDirectories(tmp.resolve("scripts"));
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.writeString(scripts.resolve("helper.py"), "def double(x):\n    return 2 * x\n");
        Files.createDirectories(scripts.resolve("pkg"));
        Files.writeString(scripts.resolve("pkg/__init__.py"), "NAME = 'pkg'\n");
        Files.writeString(scripts.resolve("data.txt"), "secret\n");
        Files.writeString(elsewhere.resolve("other.py"), "X = 1\n");
        Path script = scripts.resolve("main.py");
        Files.writeString(script, """
                import random, sys
                import helper, pkg
                p = moecl.params({"seed": 1})
                print("import", helper.double(21), pkg.NAME)
                sys.path.append(%s)
                try:
                    import other
                    print("other ESCAPED")
                except Exception as e:
                    print("other refused", type(e).__name__)
                try:
                    open(%s).read()
                    print("data ESCAPED")
                except Exception as e:
                    print("data refused", type(e).__name__)
                try:
                    open(%s, "w").write("x = 2")
                    print("write ESCAPED")
                except Exception as e:
                    print("write refused", type(e).__name__)
                print("random", random.random(), random.randint(1, 1000))
                """.formatted(py(elsewhere), py(scripts.resolve("data.txt")), py(scripts.resolve("helper.py"))));
        ScriptTestSupport a = new ScriptTestSupport(work);
        a.run(script, Map.of());
        List<String> out = lines(a);
        assertTrue(out.contains("import 42 pkg"), out.toString());
        assertTrue(out.contains("other refused ModuleNotFoundError"), out.toString());
        assertTrue(out.contains("data refused PermissionError"), out.toString());
        assertTrue(out.contains("write refused PermissionError"), out.toString());
        assertEquals("def double(x):\n    return 2 * x\n", Files.readString(scripts.resolve("helper.py")));
        // random.seed(1), as in CPython
        assertTrue(out.get(out.size() - 1).startsWith("random 0.13436424411240122 "), out.toString());
        ScriptTestSupport b = new ScriptTestSupport(work);
        b.run(script, Map.of());
        assertEquals(a.out.toString(), b.out.toString());
        ScriptTestSupport c = new ScriptTestSupport(work);
        c.run(script, Map.of("seed", "2"));
        List<String> other = lines(c);
        assertTrue(!other.get(other.size() - 1).equals(out.get(out.size() - 1)), other.toString());
        // the script's folder is readable only while it runs
        assertTrue(!a.host.fileSystem().allowed(scripts.resolve("helper.py")));
    }

    private static String py(Path p) {
        return "'" + p.toString().replace("\\", "\\\\") + "'";
    }

    @Test
    void exitStatusesAndErrorLines() throws Exception {
        ScriptTestSupport s = new ScriptTestSupport(tmp);
        ScriptHost.Outcome zero = s.runCode("zero.py", "print('before')\nimport sys\nsys.exit(0)\nprint('after')\n",
                Map.of());
        assertEquals("zero.py", zero.file().getFileName().toString());
        assertEquals("before\n", s.out.toString());
        ScriptException three = assertThrows(ScriptException.class, () -> s.runCode("three.py",
                "import sys\nsys.exit(3)\n", Map.of()));
        assertEquals(3, three.exitStatus());
        ScriptException indent = assertThrows(ScriptException.class, () -> s.runCode("indent.py",
                "x = 1\nif x:\n    y = 2\n\n# a comment\nz = (1,\n  2)\n    w = 4\n", Map.of()));
        assertEquals(tmp.resolve("indent.py") + ":8: IndentationError: unexpected indent (indent.py, line 8)",
                indent.getMessage());
        assertEquals(-1, indent.exitStatus());
        ScriptException router = assertThrows(ScriptException.class, () -> s.runCode("router.py", """
                class Picky:
                    def route(self, task):
                        if task.round > 2:
                            raise ValueError("cannot route round %d" % task.round)
                        return 0

                moecl.registerRouter("picky", Picky())
                moecl.run({"router": "picky", "M": 3, "T": 10, "seed": 9, "save": False})
                """, Map.of()));
        assertEquals(tmp.resolve("router.py") + ":4: ValueError: cannot route round 3 (router picky failed at round 3; "
                + "run 0 of 1, router=picky M=3, seed 9)", router.getMessage());
    }
}
