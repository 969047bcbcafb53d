package moecl.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each escape class of issue 13 tried from JavaScript and from Python: writing into the polyglot resource cache,
 * writing or changing files in the working directory, signal handlers, host folders through plugin parameters, and
 * host threads. Every attempt must be refused with the sandbox's message, and the file system must show it: what was
 * to be written is absent, what was to be changed is byte for byte and mode for mode what it was. (The working
 * directory and signal handlers in Python are also covered by {@link SandboxTest}.)
 *
 * <p>JavaScript has no file API of its own in the sandbox: it writes only through moecl's host helpers
 * ({@code writeCsv}, {@code plot}), so those are what its attempts use; it has no {@code chmod} either. The
 * Python attempts are in the heavy tier (a GraalPy context each), which {@code .ci/run} runs.
 */
class EscapeClassesTest {

    @TempDir
    Path tmp;

    /** The polyglot resource cache the tests run with (set by the module's surefire configuration). */
    static Path cache() {
        String c = System.getProperty("polyglot.engine.userResourceCache");
        assumeTrue(c != null, "polyglot.engine.userResourceCache is not set");
        return Path.of(c).toAbsolutePath().normalize();
    }

    /** A file of the cache whose name ends with {@code suffix}, extracted by an earlier context if need be. */
    static Path cached(String suffix) throws IOException {
        try (Stream<Path> s = Files.walk(cache())) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix) && Files.isRegularFile(p)).findFirst()
                    .orElse(null);
        }
    }

    /** What a file is: its bytes' digest and its permissions. */
    static String state(Path p) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p));
        return HexFormat.of().formatHex(digest) + " " + PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    static String quoted(Path p) {
        return "'" + p.toString().replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private ScriptException fails(ScriptTestSupport s, String file, String code) {
        return assertThrows(ScriptException.class, () -> s.runCode(file, code, Map.of()));
    }

    // ---------------------------------------------------------------- the polyglot resource cache

    @Tag("heavy") // a GraalPy context per script
    @Test
    void pythonCannotWriteIntoThePolyglotResourceCache() throws Exception {
        ScriptTestSupport s = new ScriptTestSupport(tmp);
        s.runCode("warm.py", "import os\n", Map.of()); // the Python home is extracted into the cache
        Path cache = cache();
        Path lib = cached("libtruffleattach.so");
        Path pyModule = cached("-native-x86_64-linux.so");
        Path module = pyModule != null ? pyModule : cached(".so");
        assumeTrue(lib != null && module != null, "no native library in " + cache);
        String libBefore = state(lib);
        String moduleBefore = state(module);
        Path planted = cache.resolve("engine").resolve("planted.so");
        Path plantedDir = cache.resolve("python").resolve("evil");
        ScriptException last = assertThrows(ScriptException.class, () -> s.runCode("cache.py", """
                import os
                lib, module, cache = %s, %s, %s
                def attempt(label, f):
                    try:
                        f()
                        print(label, "WRITTEN")
                    except BaseException as e:
                        print(label, "refused:", type(e).__name__, e)
                attempt("native", lambda: open(lib, "r+b").write(b"\\x7fELF"))
                attempt("append", lambda: open(lib, "ab").write(b"x"))
                attempt("module", lambda: open(module, "wb").write(b"x"))
                attempt("planted", lambda: open(os.path.join(cache, "engine", "planted.so"), "wb").write(b"x"))
                attempt("chmod", lambda: os.chmod(module, 0o777))
                attempt("remove", lambda: os.remove(module))
                attempt("rename", lambda: os.rename(module, module + ".bak"))
                attempt("mkdir", lambda: os.mkdir(os.path.join(cache, "python", "evil")))
                attempt("stdlib", lambda: open(os.__file__, "a").write("# planted"))
                print("stdlib readable", len(open(os.__file__).read(10)) == 10)
                open(module, "ab").write(b"x")
                """.formatted(quoted(lib), quoted(module), quoted(cache)), Map.of()));
        String out = s.out.toString();
        assertFalse(out.contains("WRITTEN"), out);
        // the guest sees the refusal as EACCES; the script's error, when it does not catch it, names the sandbox: the
        // GraalPy home is readable (an internal resource) but not writable, the rest of the cache not even readable
        Map<String, Path> targets = Map.of("native", lib, "append", lib, "module", module, "planted", planted,
                "chmod", module, "remove", module, "rename", module, "mkdir", plantedDir);
        targets.forEach((label, path) -> assertTrue(out.contains(label + " refused: PermissionError [Errno 13] "
                + "Permission denied: '" + path + "'"), label + ": " + out));
        assertTrue(out.contains("stdlib refused: PermissionError"), out);
        assertTrue(last.getMessage().contains("cache.py:19: PermissionError"), last.getMessage());
        assertTrue(last.getMessage().contains("moecl sandbox: a script may not write " + module.toRealPath()),
                last.getMessage());
        assertTrue(out.contains("stdlib readable True"), "the standard library stays readable: " + out);
        assertEquals(libBefore, state(lib));
        assertEquals(moduleBefore, state(module));
        assertTrue(Files.notExists(module.resolveSibling(module.getFileName() + ".bak")));
        assertTrue(Files.notExists(planted));
        assertTrue(Files.notExists(plantedDir));
    }

    @Test
    void jsCannotWriteIntoThePolyglotResourceCache() throws Exception {
        Path cache = cache();
        Path planted = cache.resolve("engine").resolve("planted.csv");
        Path chart = cache.resolve("planted.png");
        ScriptTestSupport s = new ScriptTestSupport(tmp);
        ScriptException csv = fails(s, "cache.js", "moecl.writeCsv(" + quoted(planted) + ", {a: [1]});\n");
        assertTrue(csv.getMessage().contains(":1: moecl sandbox: "), csv.getMessage());
        ScriptException png = fails(s, "cache2.js", "moecl.plot({file: " + quoted(chart)
                + ", series: [{name: 'a', y: [1, 2]}]});\n");
        assertTrue(png.getMessage().contains(":1: moecl sandbox: "), png.getMessage());
        assertTrue(Files.notExists(planted));
        assertTrue(Files.notExists(chart));
        // control: the same calls write under the run folders
        s.runCode("ok.js", "moecl.writeCsv('runs/a.csv', {a: [1]});\n", Map.of());
        assertEquals("a\n1\n", Files.readString(tmp.resolve("runs/a.csv")));
    }

    // ---------------------------------------------------------------- the working directory

    @Test
    void jsCannotWriteNorReplaceFilesInTheWorkingDirectory() throws Exception {
        // JavaScript cannot chmod at all: the sandbox's JavaScript has no file API, only moecl's helpers
        Files.writeString(tmp.resolve("moecl"), "#!/bin/sh\necho launcher\n");
        Files.createDirectories(tmp.resolve(".git/hooks"));
        String launcher = state(tmp.resolve("moecl"));
        ScriptTestSupport s = new ScriptTestSupport(tmp);
        for (String target : List.of("moecl", ".git/hooks/pre-commit", "notes.csv")) {
            ScriptException e = fails(s, "cwd.js", "moecl.writeCsv('" + target + "', {a: [1]});\n");
            assertTrue(e.getMessage().contains(":1: moecl sandbox: a script may not write " + tmp.toRealPath()
                    .resolve(target)), e.getMessage());
        }
        ScriptException png = fails(s, "cwd2.js",
                "moecl.plot({file: 'chart.png', series: [{name: 'a', y: [1, 2]}]});\n");
        assertTrue(png.getMessage().contains("moecl sandbox: a script may not write"), png.getMessage());
        assertEquals(launcher, state(tmp.resolve("moecl")));
        assertTrue(Files.notExists(tmp.resolve(".git/hooks/pre-commit")));
        assertTrue(Files.notExists(tmp.resolve("notes.csv")));
        assertTrue(Files.notExists(tmp.resolve("chart.png")));
    }

    // ---------------------------------------------------------------- signal handlers

    @Test
    void jsHasNoSignalApi() throws Exception {
        // Signal handlers are a Python escape only: JavaScript in the sandbox has no process object, no require and
        // no Java access, so no way to install one. This checks that it stays so: a host that enabled Node's globals
        // would hand scripts process.on('SIGINT', ...).
        ScriptTestSupport s = new ScriptTestSupport(tmp);
        s.runCode("signals.js", """
                moecl.log(typeof process + " " + typeof require);
                try {
                    Java.type('sun.misc.Signal');
                    moecl.log("Signal REACHED");
                } catch (e) {
                    moecl.log("Signal refused");
                }
                try {
                    new Packages.sun.misc.Signal('INT');
                    moecl.log("Packages REACHED");
                } catch (e) {
                    moecl.log("Packages refused");
                }
                """, Map.of());
        String out = s.out.toString();
        assertTrue(out.contains("undefined undefined"), out);
        assertTrue(out.contains("Signal refused"), out);
        assertTrue(out.contains("Packages refused"), out);
        assertFalse(out.contains("REACHED"), out);
    }

    // ---------------------------------------------------------------- host folders through plugin parameters

    /** A folder outside the sandbox holding "MNIST" files whose first bytes are a secret. */
    private Path secretMnist() throws IOException {
        Path dir = Files.createTempDirectory("moecl-secret");
        for (String f : List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
                "t10k-labels-idx1-ubyte")) {
            Files.writeString(dir.resolve(f), "SECRET-TOKEN-42 not an IDX file");
        }
        return dir;
    }

    @Test
    void jsCannotReachHostFoldersThroughPluginParameters() throws Exception {
        Path secret = secretMnist();
        ScriptTestSupport s = new ScriptTestSupport(tmp);
        ScriptException run = fails(s, "data.js", "moecl.run({tasks: 'mnist(data=\"" + secret + "\")', experts: 'mlp', "
                + "M: 1, T: 2, save: false});\n");
        assertTrue(run.getMessage().contains("moecl sandbox: " + secret.toRealPath() + " is outside the folders"),
                run.getMessage());
        assertFalse(run.getMessage().contains("SECRET"), run.getMessage());
        // the closed-form theory builds its generator itself: the same check
        ScriptException theory = fails(s, "theory.js", "moecl.theory({tasks: 'mnist(data=\"" + secret + "\")'});\n");
        assertTrue(theory.getMessage().contains("moecl sandbox: " + secret.toRealPath() + " is outside the folders"),
                theory.getMessage());
        assertFalse(theory.getMessage().contains("SECRET"), theory.getMessage());
    }

    @Tag("heavy") // a GraalPy context per script
    @Test
    void pythonCannotReachHostFoldersThroughPluginParameters() throws Exception {
        Path secret = secretMnist();
        ScriptTestSupport s = new ScriptTestSupport(tmp);
        ScriptException run = fails(s, "data.py", "moecl.run({'tasks': 'mnist(data=\"" + secret + "\")', "
                + "'experts': 'mlp', 'M': 1, 'T': 2, 'save': False})\n");
        assertTrue(run.getMessage().contains("moecl sandbox: " + secret.toRealPath() + " is outside the folders"),
                run.getMessage());
        assertFalse(run.getMessage().contains("SECRET"), run.getMessage());
        ScriptException theory = fails(s, "theory.py", "moecl.theory({'tasks': 'mnist(data=\"" + secret + "\")'})\n");
        assertTrue(theory.getMessage().contains("moecl sandbox: " + secret.toRealPath() + " is outside the folders"),
                theory.getMessage());
        assertFalse(theory.getMessage().contains("SECRET"), theory.getMessage());
    }

    // ---------------------------------------------------------------- host threads

    private static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    @Test
    void jsGetsNoMoreHostThreadsThanCoresThroughPluginParameters() {
        // (the run's own threads option: SandboxTest.aScriptGetsNoMoreThreadsThanCores)
        ScriptTestSupport s = new ScriptTestSupport(tmp);
        ScriptException e = fails(s, "threads.js", "moecl.run({tasks: 'mnist', experts: 'mlp(threads=1000)', M: 1, "
                + "T: 2, save: false});\n");
        assertTrue(e.getMessage().endsWith("threads.js:1: mlp: threads=1000 is out of range for a script; allowed: 1 "
                + "to " + cores() + " (the cores)"), e.getMessage());
    }

    @Tag("heavy") // a GraalPy context per script
    @Test
    void pythonGetsNoMoreHostThreadsThanCores() {
        ScriptTestSupport s = new ScriptTestSupport(tmp);
        ScriptException run = fails(s, "threads.py", "moecl.run({'M': 2, 'T': 5, 'seeds': 3, 'threads': 1000, "
                + "'save': False})\n");
        assertTrue(run.getMessage().endsWith("threads.py:1: threads=1000 is out of range; allowed: 1 to " + cores()
                + " (the cores)"), run.getMessage());
        ScriptException plugin = fails(s, "threads2.py", "moecl.run({'tasks': 'mnist', 'experts': "
                + "'lenet(threads=64)', 'M': 1, 'T': 2, 'save': False})\n");
        assertTrue(plugin.getMessage().endsWith("threads2.py:1: lenet: threads=64 is out of range for a script; "
                + "allowed: 1 to " + cores() + " (the cores)"), plugin.getMessage());
    }
}
