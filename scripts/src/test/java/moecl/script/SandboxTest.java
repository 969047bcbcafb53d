package moecl.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scripts cannot leave the sandbox; errors name the file and line; runaway scripts are stopped. The Python tests
 * are in the heavy tier (a GraalPy context each), which {@code .ci/run} runs.
 */
class SandboxTest {

    @TempDir
    Path tmp;

    private ScriptException fails(ScriptTestSupport s, String file, String code) {
        return assertThrows(ScriptException.class, () -> s.runCode(file, code, Map.of()));
    }

    @Test
    void jsCannotReadOutsideTheAllowedFolders() {
        ScriptTestSupport s = new ScriptTestSupport(tmp);
        ScriptException e = fails(s, "read.js", "const x = 1;\nload('/etc/passwd');\n");
        assertTrue(e.getMessage().startsWith(tmp.resolve("read.js") + ":2: "), e.getMessage());
        assertTrue(e.getMessage().contains("moecl sandbox: /etc/passwd is outside the folders a script may use"),
                e.getMessage());
        assertTrue(e.getMessage().contains("--allow-io"), e.getMessage());
    }

    @Test
    void jsCannotLookUpJavaClasses() {
        ScriptTestSupport s = new ScriptTestSupport(tmp);
        ScriptException e = fails(s, "lookup.js", "Java.type('java.lang.Runtime').getRuntime().exec('ls');\n");
        assertTrue(e.getMessage().contains(":1: TypeError: Access to host class java.lang.Runtime is not allowed"),
                e.getMessage());
        assertTrue(e.getMessage().contains("moecl sandbox"), e.getMessage());
        ScriptException e2 = fails(s, "lookup2.js", "moecl.getClass().forName('java.lang.Runtime');\n");
        assertTrue(e2.getMessage().contains(":1: "), e2.getMessage());
    }

    @Tag("heavy") // a GraalPy context per script
    @Test
    void pythonCannotReadFilesLookUpClassesOrStartProcesses() throws Exception {
        ScriptTestSupport s = new ScriptTestSupport(tmp);
        ScriptException e = fails(s, "read.py", "import os\nprint(open('/etc/passwd').read())\n");
        assertTrue(e.getMessage().startsWith(tmp.resolve("read.py") + ":2: PermissionError"), e.getMessage());
        assertTrue(e.getMessage().contains("moecl sandbox: /etc/passwd is outside the folders"), e.getMessage());

        ScriptTestSupport s2 = new ScriptTestSupport(tmp);
        ScriptException system = assertThrows(ScriptException.class, () -> s2.runCode("escape.py", """
                for label, attempt in [("lookup", "import java; java.type('java.lang.Runtime')"),
                                       ("process", "import subprocess; subprocess.run(['ls'])"),
                                       ("listdir", "import os; os.listdir('/etc')")]:
                    try:
                        exec(attempt)
                        print(label, "ESCAPED")
                    except BaseException as e:
                        print(label, "refused:", type(e).__name__, e)
                import os
                os.system('ls')
                print("system ESCAPED")
                """, Map.of()));
        assertTrue(system.getMessage().contains("moecl sandbox: scripts may not start processes"), system.getMessage());
        String out = s2.out.toString();
        assertTrue(!out.contains("ESCAPED"), out);
        assertTrue(out.contains("lookup refused: KeyError 'host symbol java.lang.Runtime is not defined or access has "
                + "been denied'"), out);
        assertTrue(out.contains("process refused: PermissionError moecl sandbox: scripts may not start processes"),
                out);
        assertTrue(out.contains("listdir refused: PermissionError"), out);
    }

    @Tag("heavy") // a GraalPy context per script
    @Test
    void pythonCannotRewriteItsOwnStandardLibraryNorTheWorkingDirectory() throws Exception {
        Path allowed = Files.createTempDirectory("moecl-write");
        ScriptTestSupport s = new ScriptTestSupport(tmp, List.of(allowed), null);
        Files.writeString(tmp.resolve("moecl"), "#!/bin/sh\necho launcher\n");
        s.runCode("write.py", """
                import os
                stdlib = os.__file__
                def attempt(label, f):
                    try:
                        f()
                        print(label, "WRITTEN")
                    except BaseException as e:
                        print(label, "refused:", type(e).__name__)
                attempt("stdlib", lambda: open(stdlib, "a").write("# planted"))
                attempt("stdlib-new", lambda: open(os.path.join(os.path.dirname(stdlib), "planted.py"), "w").write("x"))
                attempt("cwd", lambda: open("notes.txt", "w").write("x"))
                attempt("launcher", lambda: open("moecl", "w").write("rm -rf /"))
                attempt("chmod", lambda: os.chmod("moecl", 0o777))
                attempt("mkdir", lambda: os.mkdir(".git"))
                attempt("remove", lambda: os.remove("moecl"))
                os.makedirs("runs", exist_ok=True)
                def write(path, text):
                    with open(path, "w") as f:
                        f.write(text)
                attempt("runs", lambda: write("runs/notes.txt", "ok"))
                attempt("allowed", lambda: write(%s, "ok"))
                print("read", open(stdlib).read(10) != "")
                """.formatted("\"" + allowed.resolve("a.txt") + "\""), Map.of());
        String out = s.out.toString();
        for (String refused : List.of("stdlib", "stdlib-new", "cwd", "launcher", "chmod", "mkdir", "remove")) {
            assertTrue(out.contains(refused + " refused: PermissionError"), refused + ": " + out);
        }
        assertTrue(out.contains("runs WRITTEN"), out);
        assertTrue(out.contains("allowed WRITTEN"), out);
        assertTrue(out.contains("read True"), "the standard library stays readable: " + out);
        assertEquals("#!/bin/sh\necho launcher\n", Files.readString(tmp.resolve("moecl")));
        assertTrue(Files.notExists(tmp.resolve("notes.txt")));
        assertEquals("ok", Files.readString(tmp.resolve("runs/notes.txt")));
        assertEquals("ok", Files.readString(allowed.resolve("a.txt")));
        // host helpers follow the same rule
        ScriptException csv = fails(s, "csv.js", "moecl.writeCsv('here.csv', {a: [1]});\n");
        assertTrue(csv.getMessage().contains("moecl sandbox: a script may not write " + tmp.toRealPath()
                .resolve("here.csv")), csv.getMessage());
    }

    /**
     * Earlier runs stay as they were: a script may not change, add to or delete anything in a run folder its
     * session did not make (a review's script rewrote another run's summary.json and deleted its rounds.csv), while
     * it may write new files beside them and into the runs its own moecl.run made. Host helpers obey the same rule.
     */
    @Tag("heavy") // a GraalPy context per script
    @Test
    void aScriptCannotChangeAnEarlierRunButMayWriteBesideItAndInItsOwn() throws Exception {
        Path victim = Files.createDirectories(tmp.resolve("runs").resolve("20261206-120000-run"));
        Files.writeString(victim.resolve("sweep.json"), "{}");
        Files.writeString(victim.resolve("summary.json"), "{\"F\": 0.1}");
        Files.writeString(victim.resolve("rounds.csv"), "t,F\n1,0.1\n");
        ScriptTestSupport s = new ScriptTestSupport(tmp);
        s.runCode("tamper.py", """
                import os
                v = "runs/20261206-120000-run"
                def attempt(label, f):
                    try:
                        f()
                        print(label, "WRITTEN")
                    except BaseException as e:
                        print(label, "refused:", type(e).__name__)
                def write(path, text, mode="w"):
                    with open(path, mode) as f:
                        f.write(text)
                attempt("overwrite", lambda: write(v + "/summary.json", "{}"))
                attempt("append", lambda: write(v + "/rounds.csv", "2,9\\n", "a"))
                attempt("remove", lambda: os.remove(v + "/rounds.csv"))
                attempt("rename", lambda: os.rename(v + "/rounds.csv", "runs/stolen.csv"))
                attempt("add", lambda: write(v + "/extra.txt", "x"))
                attempt("beside", lambda: write("runs/notes.txt", "ok"))
                r = moecl.run({"M": 2, "T": 20, "seeds": 1})
                attempt("own", lambda: write(r.folder + "/notes.txt", "mine"))
                print("read", open(v + "/summary.json").read())
                """, Map.of());
        String out = s.out.toString();
        for (String refused : List.of("overwrite", "append", "remove", "rename", "add")) {
            assertTrue(out.contains(refused + " refused: PermissionError"), refused + ": " + out);
        }
        assertTrue(out.contains("beside WRITTEN"), out);
        assertTrue(out.contains("own WRITTEN"), out);
        assertTrue(out.contains("read {\"F\": 0.1}"), "still readable: " + out);
        assertEquals("{\"F\": 0.1}", Files.readString(victim.resolve("summary.json")));
        assertEquals("t,F\n1,0.1\n", Files.readString(victim.resolve("rounds.csv")));
        assertTrue(Files.notExists(victim.resolve("extra.txt")));
        ScriptException csv = fails(s, "csv.js", "moecl.writeCsv('runs/20261206-120000-run/x.csv', {a: [1]});\n");
        assertTrue(csv.getMessage().contains("which no moecl.run of this session made"), csv.getMessage());
    }

    /**
     * A refused file operation is an error a Python script can catch (it had ended some scripts, {@code os.chdir}
     * among them, with a Java class name); sockets and threads, which GraalPy refuses below the language, end the
     * script with the sandbox's words, not GraalVM's class names.
     */
    @Tag("heavy") // a GraalPy context per script
    @Test
    void pythonRefusalsAreCatchableOrSaidInWords() throws Exception {
        ScriptTestSupport s = new ScriptTestSupport(tmp);
        s.runCode("catch.py", """
                import os
                def attempt(label, f):
                    try:
                        f()
                        print(label, "ALLOWED")
                    except OSError as e:
                        print(label, "refused:", type(e).__name__)
                attempt("chdir", lambda: os.chdir("/"))
                attempt("listdir", lambda: os.listdir("/etc"))
                attempt("stat", lambda: os.stat("/etc/passwd"))
                attempt("open", lambda: open("/etc/passwd"))
                attempt("symlink", lambda: os.symlink("/etc/passwd", "link"))
                attempt("write", lambda: open("/tmp/moecl-planted", "w"))
                print("survived")
                """, Map.of());
        String out = s.out.toString();
        assertTrue(out.contains("survived") && !out.contains("ALLOWED"), out);
        for (String label : List.of("chdir", "listdir", "stat", "open", "symlink", "write")) {
            assertTrue(out.contains(label + " refused: "), label + ": " + out);
        }
        assertTrue(Files.notExists(tmp.resolve("link")) && Files.notExists(Path.of("/tmp/moecl-planted")), out);
        ScriptException socket = fails(s, "net.py", "import socket\nsocket.socket()\n");
        assertEquals(tmp.resolve("net.py") + ": moecl sandbox: scripts may not open network sockets",
                socket.getMessage());
        ScriptException thread = fails(s, "thread.py",
                "import threading\nthreading.Thread(target=print).start()\n");
        assertTrue(thread.getMessage().startsWith(tmp.resolve("thread.py") + ": moecl sandbox: scripts may not "
                + "create threads"), thread.getMessage());
        assertTrue(!thread.getMessage().contains("java.lang"), thread.getMessage());
    }

    /**
     * After {@code os.chdir} a relative path is checked where it will be opened: a review wrote into an earlier run's
     * segment file by changing into its folder (the check had resolved the path against the starting directory).
     * Report folders and earlier builds' run folders are earlier runs too; renames inside the run folders work (an
     * atomic move had been refused with "Atomic move not supported").
     */
    @Tag("heavy") // a GraalPy context per script
    @Test
    void relativePathsAfterChdirAndEarlierReportsAreGuarded() throws Exception {
        Path victim = Files.createDirectories(tmp.resolve("runs").resolve("20261206-120000-run").resolve("results"));
        Files.writeString(victim.resolveSibling("manifest.json"), "{}");
        Files.writeString(victim.resolve("0001.runs"), "MOECLSEG");
        Path report = Files.createDirectories(tmp.resolve("runs").resolve("20261206-130000-paper"));
        Files.writeString(report.resolve("paper.json"), "{}");
        Files.writeString(report.resolve("claims.json"), "{\"claims\": []}");
        Path legacy = Files.createDirectories(tmp.resolve("runs").resolve("old-run"));
        Files.writeString(legacy.resolve("summary.json"), "{\"runs\": []}");
        ScriptTestSupport s = new ScriptTestSupport(tmp);
        s.runCode("chdir.py", """
                import os
                def attempt(label, f):
                    try:
                        f()
                        print(label, "WRITTEN")
                    except OSError as e:
                        print(label, "refused:", type(e).__name__)
                def write(path, text):
                    with open(path, "w") as f:
                        f.write(text)
                attempt("claims", lambda: write("runs/20261206-130000-paper/claims.json", "{}"))
                attempt("legacy", lambda: write("runs/old-run/summary.json", "{}"))
                os.makedirs("runs/mine", exist_ok=True)
                write("runs/mine/a.txt", "a")
                os.rename("runs/mine/a.txt", "runs/mine/b.txt")
                write("runs/mine/c.tmp", "c")
                os.replace("runs/mine/c.tmp", "runs/mine/b.txt")
                print("renamed", open("runs/mine/b.txt").read(), os.path.exists("runs/mine/a.txt"))
                os.chdir("runs/20261206-120000-run")
                attempt("segment", lambda: write("results/0001.runs", "overwritten"))
                attempt("new", lambda: write("results/extra", "x"))
                os.chdir("../mine")
                write("here.txt", "h")
                print("wrote here")
                """, Map.of());
        String out = s.out.toString();
        for (String refused : List.of("claims", "legacy", "segment", "new")) {
            assertTrue(out.contains(refused + " refused: PermissionError"), refused + ": " + out);
        }
        assertTrue(out.contains("renamed c False") && out.contains("wrote here"), out);
        assertEquals("MOECLSEG", Files.readString(victim.resolve("0001.runs")));
        assertEquals("{\"claims\": []}", Files.readString(report.resolve("claims.json")));
        assertEquals("{\"runs\": []}", Files.readString(legacy.resolve("summary.json")));
        assertTrue(Files.notExists(victim.resolve("extra")));
        assertEquals("h", Files.readString(tmp.resolve("runs").resolve("mine").resolve("here.txt")));
    }

    @Tag("heavy") // a GraalPy context per script
    @Test
    void pythonCannotInstallSignalHandlers() throws Exception {
        ScriptTestSupport s = new ScriptTestSupport(tmp);
        s.runCode("sig.py", """
                import signal
                def attempt(label, f):
                    try:
                        f()
                        print(label, "INSTALLED")
                    except BaseException as e:
                        print(label, "refused:", type(e).__name__, e)
                attempt("sigint", lambda: signal.signal(signal.SIGINT, lambda *a: None))
                attempt("sigterm", lambda: signal.signal(signal.SIGTERM, signal.SIG_IGN))
                import _signal
                attempt("low-level", lambda: _signal.signal(signal.SIGINT, signal.SIG_IGN))
                import importlib
                attempt("reloaded", lambda: importlib.reload(signal).signal(signal.SIGINT, signal.SIG_IGN))
                """, Map.of());
        String out = s.out.toString();
        assertTrue(!out.contains("INSTALLED"), out);
        assertTrue(out.contains("sigint refused: PermissionError moecl sandbox: scripts may not install signal "
                + "handlers"), out);
    }

    @Test
    void pluginParametersThatNameHostFoldersPassTheSandboxToo() {
        ScriptTestSupport s = new ScriptTestSupport(tmp);
        ScriptException e = fails(s, "data.js", "moecl.run({tasks: 'mnist(data=\"/etc\")', experts: 'mlp', M: 1, "
                + "T: 2, save: false});\n");
        assertTrue(e.getMessage().contains("moecl sandbox: /etc is outside the folders a script may use"),
                e.getMessage());
    }

    @Tag("heavy") // a GraalPy context per script
    @Test
    void pythonPluginParametersThatNameHostFoldersPassTheSandboxToo() {
        ScriptTestSupport s = new ScriptTestSupport(tmp);
        ScriptException nested = fails(s, "data2.py", "moecl.run({'tasks': 'mnist(digits=[1, 7], data=\"/root\")', "
                + "'experts': 'mlp', 'M': 1, 'T': 2, 'save': False})\n");
        assertTrue(nested.getMessage().contains("moecl sandbox: /root is outside the folders"), nested.getMessage());
    }

    @Test
    void aScriptGetsNoMoreThreadsThanCores() {
        ScriptTestSupport s = new ScriptTestSupport(tmp);
        int cores = Runtime.getRuntime().availableProcessors();
        ScriptException e = fails(s, "threads.js", "moecl.run({M: 2, T: 5, seeds: 3, threads: 1000, save: false});\n");
        assertTrue(e.getMessage().contains("threads=1000 is out of range; allowed: 1 to " + cores + " (the cores)"),
                e.getMessage());
    }

    @Test
    void allowIoWidensTheSandbox() throws Exception {
        Path other = Files.createTempDirectory("moecl-allow");
        Files.writeString(other.resolve("data.txt"), "hello");
        ScriptTestSupport s = new ScriptTestSupport(tmp, List.of(other), null);
        s.runCode("ok.js", "moecl.log(String(load !== undefined));\n"
                + "moecl.writeCsv('" + other.resolve("x.csv") + "', {a: [1, 2]});\n", Map.of());
        assertEquals("a\n1\n2\n", Files.readString(other.resolve("x.csv")));
        ScriptTestSupport closed = new ScriptTestSupport(tmp);
        ScriptException e = fails(closed, "no.js", "moecl.writeCsv('" + other.resolve("y.csv") + "', {a: [1]});\n");
        assertTrue(e.getMessage().contains("moecl sandbox: " + other.resolve("y.csv")), e.getMessage());
        ScriptException up = fails(closed, "up.js", "moecl.writeCsv('../escape.csv', {a: [1]});\n");
        assertTrue(up.getMessage().contains("is outside the folders"), up.getMessage());
    }

    @Test
    void timeoutStopsARunawayScript() {
        ScriptTestSupport s = new ScriptTestSupport(tmp, List.of(), Duration.ofSeconds(2));
        long t0 = System.nanoTime();
        ScriptException e = fails(s, "loop.js", "let i = 0;\nwhile (true) { i++; }\n");
        double secs = (System.nanoTime() - t0) / 1e9;
        assertTrue(e.cancelled(), e.getMessage());
        assertTrue(e.getMessage().endsWith("loop.js: stopped after 2 s (--timeout)"), e.getMessage());
        assertTrue(secs < 30, "stopped after " + secs + " s");
    }

    @Test
    void nonFiniteMatricesAreRefusedBeforeTheyCanHangTheSvd() {
        ScriptTestSupport s = new ScriptTestSupport(tmp);
        for (String op : java.util.List.of("pinv()", "solve(moecl.linalg.vector([1, 2]))", "norm2()")) {
            ScriptException e = fails(s, "nan.js", "moecl.linalg.matrix([[NaN, 1], [1, 1]])." + op + ";\n");
            assertTrue(e.getMessage().contains("needs finite entries; entry (0, 0) is NaN"), e.getMessage());
        }
        ScriptException inf = fails(s, "inf.js", "moecl.linalg.matrix([[1, 1], [1, 1]]).solve(moecl.linalg.vector("
                + "[Infinity, 2]));\n");
        assertTrue(inf.getMessage().contains("solve (b) needs finite entries; entry (0, 0) is Infinity"),
                inf.getMessage());
    }

    @Test
    void errorsNameFileLineAndMethod() {
        ScriptTestSupport s = new ScriptTestSupport(tmp);
        ScriptException syntax = fails(s, "syntax.js", "const a = 1;\nconst b = ;\n");
        assertTrue(syntax.getMessage().startsWith(tmp.resolve("syntax.js") + ":2: SyntaxError"), syntax.getMessage());

        ScriptException missing = fails(s, "missing.js", "\n\nmoecl.registerRouter('bad', { learn() {} });\n");
        assertTrue(missing.getMessage().endsWith("missing.js:3: script router 'bad' has no method route(task) "
                + "(a router needs: route(task))"), missing.getMessage());

        ScriptException shape = fails(s, "shape.js", """
                moecl.registerRouter('wrong', { route(task) { return "first"; } });
                moecl.run({ router: 'wrong', M: 2, T: 5, save: false });
                """);
        // at the line that defines route (1), not the moecl.run line (2)
        assertTrue(shape.getMessage().contains("shape.js:1: script router 'wrong': route(task) must return an "
                + "expert index (an integer 0..1) or {expert: i, gate?, probs?}, got 'first'"), shape.getMessage());

        ScriptException range = fails(s, "range.js", """
                moecl.registerRouter('far', { route(task) { return 7; } });
                moecl.run({ router: 'far', M: 2, T: 5, save: false });
                """);
        assertTrue(range.getMessage().contains("route(task) must return an expert index (an integer 0..1)"),
                range.getMessage());

        ScriptException expert = fails(s, "expert.js", """
                moecl.registerExpert('lazy', { learn(task) { return "done"; } });
                moecl.run({ experts: 'lazy', M: 2, T: 5, save: false });
                """);
        assertTrue(expert.getMessage().contains("script expert 'lazy': learn(task) must return {moved, loss} or a "
                + "number"), expert.getMessage());

        ScriptException bad = fails(s, "badrun.js", "moecl.run({ router: 'papr', T: 5 });\n");
        assertTrue(bad.getMessage().contains("badrun.js:1: unknown router 'papr'; did you mean 'paper'?"),
                bad.getMessage());
        assertTrue(!Files.exists(tmp.resolve("runs")), "a failed run writes no folder");
    }

    @Tag("heavy") // a GraalPy context per script
    @Test
    void pythonErrorsNameFileAndLine() {
        ScriptTestSupport s = new ScriptTestSupport(tmp);
        ScriptException py = fails(s, "bad.py", "x = 1\ny = 2\nmoecl.run({'router': 'papr', 'T': 5})\n");
        assertTrue(py.getMessage().contains("bad.py:3: unknown router 'papr'; did you mean 'paper'?"), py.getMessage());
        ScriptException pyName = fails(s, "name.py", "def f():\n    return undefined_name\n\nf()\n");
        assertTrue(pyName.getMessage().endsWith("name.py:2: NameError: name 'undefined_name' is not defined"),
                pyName.getMessage());
    }

    @Test
    void unknownOverrideIsRefused() {
        ScriptTestSupport s = new ScriptTestSupport(tmp);
        ScriptException e = assertThrows(ScriptException.class,
                () -> s.runCode("p.js", "const p = moecl.params({T: 10, seeds: 2});\n", Map.of("seed", "5")));
        assertTrue(e.getMessage().endsWith("p.js:1: --set seed: the script has no parameter 'seed'; did you mean "
                + "'seeds'? (parameters: T, seeds)"), e.getMessage());
        ScriptException typed = assertThrows(ScriptException.class,
                () -> s.runCode("q.js", "moecl.param('T', 10);\n", Map.of("T", "abc")));
        assertTrue(typed.getMessage().contains("--set T=abc: T must be a number"), typed.getMessage());
    }
}
