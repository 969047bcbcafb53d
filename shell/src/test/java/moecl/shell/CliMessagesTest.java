package moecl.shell;

import static moecl.shell.Cli.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import moecl.plugin.Sizes;
import moecl.shell.Cli.Result;

/**
 * Error messages are one line that quotes at most about 120 characters of the offending input, escapes control
 * characters and names no Java class ({@code IdxFormatException:}, {@code For input string}, a script's host
 * objects), whatever the command and wherever the input is quoted.
 */
class CliMessagesTest {

    @TempDir
    Path tmp;

    /** The longest stretch of one repeated character in a message: how much of a repeated input it quotes. */
    static int longestRun(String s, char c) {
        Matcher m = Pattern.compile(Pattern.quote(String.valueOf(c)) + "+").matcher(s);
        int most = 0;
        while (m.find()) {
            most = Math.max(most, m.end() - m.start());
        }
        return most;
    }

    /** One line, the input cut to 120 characters with its length, nothing raw, no class names. */
    static void assertCut(Result r, String start, int inputLength) {
        assertCut(r, start, inputLength, 120);
    }

    /** ... where {@code shown} characters of the input are quoted (fewer when the cut word began with a quote). */
    static void assertCut(Result r, String start, int inputLength, int shown) {
        assertEquals(2, r.code(), r.err());
        String first = r.err().lines().findFirst().orElse("");
        assertTrue(first.startsWith("moecl: " + start), first);
        assertEquals(shown, longestRun(first, 'x'), first);
        assertTrue(first.contains("… (" + inputLength + " characters)"), first);
        assertTrue(first.length() < 500, first.length() + ": " + first);
        assertNoClassNames(r.err());
    }

    static void assertNoClassNames(String err) {
        // Java's exceptions and errors (a script's own TypeError or RangeError is its language's, and stays)
        assertFalse(err.matches("(?s).*(\\b[A-Z][A-Za-z]*Exception|\\b(OutOfMemory|StackOverflow|NoClassDefFound|"
                + "Assertion|Linkage|Internal)Error)\\b.*"), "a Java class name: " + err);
        assertFalse(err.contains("For input string"), err);
        assertFalse(err.contains("moecl.script.") || err.contains("org.graalvm"), err);
        assertEquals(-1, err.indexOf('\u001b'), "a raw escape: " + err);
    }

    @Test
    void inputQuotedInMessagesIsCutTo120Characters() {
        String x = "x".repeat(100_000);
        assertCut(run("run", "router=" + x), "unknown router 'xxx", 100_000);
        assertCut(run("run", x), "expected KEY=VALUE, got 'xxx", 100_000);
        assertCut(run("run", "--seeds", x), "--seeds expects A..B with A <= B (e.g. 1..20), got 'xxx", 100_000);
        assertCut(run("run", "router=paper(" + x + "=1)"), "router 'paper' has no parameter 'xxx", 100_000);
        assertCut(run("run", "rng=" + x), "unknown rng kind 'xxx", 100_000);
        assertCut(run("describe", x), "unknown plugin 'xxx", 100_000);
        assertCut(run("list", x), "unknown plugin kind 'xxx", 100_000);
        assertCut(run("repro", x), "unknown experiment 'xxx", 100_000);
        assertCut(run(x), "unknown command 'xxx", 100_000);
        assertCut(run("resume", x), "no sweep folder 'xxx", 100_000);
        // picocli's own message quotes the value: the words of a message are cut too
        assertCut(run("run", "--threads", x), "Invalid value for option '--threads': 'xxx", 100_002, 119);
    }

    @Test
    void inputWithSpacesIsCutWhereItIsQuotedWhole() {
        // the argument is quoted before the parser's message: 20,000 short words must not all come back
        String spaced = "paper(" + "x x ".repeat(20_000);
        Result r = run("run", "router=" + spaced);
        assertEquals(2, r.code(), r.err());
        String first = r.err().lines().findFirst().orElse("");
        assertTrue(first.startsWith("moecl: router=paper(x x x"), first);
        assertTrue(first.contains("… (" + spaced.strip().length() + " characters): syntax error at column 9"), first);
        assertTrue(first.length() < 400, first.length() + ": " + first);

        Result list = run("run", "router=[" + "papr, ".repeat(10_000) + "paper]", "T=5", "--out",
                tmp.resolve("runs").toString());
        assertEquals(2, list.code(), list.err());
        assertTrue(list.err().startsWith("moecl: unknown router 'papr'; did you mean 'paper'?"), list.err());

        Result component = run("run", "M=paper(" + "eta=1, ".repeat(10_000).replace("eta=1", "x") + "y)");
        assertEquals(2, component.code(), component.err());
        assertTrue(component.err().length() < 400, component.err().length() + ": " + component.err());
    }

    @Test
    void aNumberTooLargeForALongIsQuotedAsTyped() {
        Result r = run("run", "tasks=gaussian(d=99999999999999999999)", "T=5");
        assertEquals(2, r.code(), r.err());
        assertEquals("moecl: generator 'gaussian': d=99999999999999999999 is too large; allowed: -9223372036854775808 "
                + "to 9223372036854775807 (column 12)", r.err().strip());
    }

    @Test
    void neuralExpertsOnOtherTasksAreRefusedWithoutClassNames() {
        Result r = run("run", "experts=lenet", "T=5", "--out", tmp.resolve("runs").toString());
        assertEquals(2, r.code(), r.err());
        assertEquals("moecl: lenet experts need image tasks (tasks=mnist); this task generator's tasks are not images",
                r.err().strip());
    }

    @Test
    void invalidPathsAreRefusedInWords() {
        Result r = run("run", "T=5", "--out", "runs\u0000x");
        assertEquals(2, r.code(), r.err());
        assertEquals("moecl: Invalid value for option '--out': 'runs\\x00x' is not a valid path: Nul character not "
                + "allowed", r.err().lines().findFirst().orElse(""));
        assertNoClassNames(r.err());
        assertEquals(1, r.err().lines().filter(l -> l.startsWith("moecl: ")).count(), r.err());
    }

    @Test
    void aDamagedMnistFileIsOneLineNamingTheFile() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("mnist"));
        // an image header that claims 2^31 - 1 images of 28×28 in a file of 16 bytes
        byte[] header = java.nio.ByteBuffer.allocate(16).putInt(0x00000803).putInt(Integer.MAX_VALUE).putInt(28)
                .putInt(28).array();
        for (String f : moecl.dnn.data.MnistData.FILES) {
            Files.write(data.resolve(f), header);
        }
        Result r = run("run", "tasks=mnist(data=\"" + data + "\")", "experts=mlp", "T=2", "--out",
                tmp.resolve("runs").toString());
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("moecl: train-images-idx3-ubyte: "), r.err());
        assertNoClassNames(r.err());
    }

    @Test
    void shellArgumentsAreEscaped() {
        Result r = run("shell", "ev\u001b[2Jil");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("ev\\x1b[2Jil"), r.err());
        assertNoClassNames(r.err());
    }

    private Result script(String name, String code) throws Exception {
        Path f = tmp.resolve(name);
        Files.writeString(f, code);
        return run("script", f.toString(), "--out", tmp.resolve("runs").toString());
    }

    @Test
    void scriptExitStatusIsTheCommandsExitCode() throws Exception {
        Result zero = script("zero.py", "print('done')\nimport sys\nsys.exit(0)\nprint('not reached')\n");
        assertEquals(0, zero.code(), zero.err());
        assertEquals("done\n", zero.out());
        Result three = script("three.py", "import sys\nsys.exit(3)\n");
        assertEquals(3, three.code(), three.err());
        assertEquals("", three.err().strip());
    }

    @Test
    void scriptErrorsAreEscapedAndCut() throws Exception {
        Result r = script("loud.js", "throw new Error('\\u001b[2Jboom ' + 'x'.repeat(5000));\n");
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("moecl: " + tmp.resolve("loud.js") + ":1: Error: \\x1b[2Jboom xxx"), r.err());
        assertEquals(120, longestRun(r.err(), 'x'), r.err());
        assertTrue(r.err().contains("… (5000 characters)"), r.err());
        assertNoClassNames(r.err());
    }

    @Test
    void scriptErrorsNameHostObjectsAsTheScriptKnowsThem() throws Exception {
        Result r = script("times.js", "moecl.linalg.matrix([[1, 2], [3, 4]]).times(2);\n");
        assertEquals(2, r.code(), r.err());
        assertEquals("moecl: " + tmp.resolve("times.js") + ":1: TypeError: a moecl.linalg matrix has no member 'times'",
                r.err().strip());
        Result eye = script("eye.js", "moecl.linalg.eyes(3);\n");
        assertEquals("moecl: " + tmp.resolve("eye.js") + ":1: TypeError: moecl.linalg has no member 'eyes'",
                eye.err().strip());
        Result arity = script("arity.js", "moecl.param('T');\n");
        assertEquals("moecl: " + tmp.resolve("arity.js") + ":1: TypeError: moecl.param takes 2 arguments, got 1",
                arity.err().strip());
        Result lossy = script("lossy.js", "moecl.linalg.zeros(1.5, 2);\n");
        assertEquals("moecl: " + tmp.resolve("lossy.js") + ":1: TypeError: moecl.linalg.zeros(1.5, 2): no form takes "
                + "these arguments; allowed: zeros(integer), zeros(integer, integer)", lossy.err().strip());
        Result nothing = script("null.js", "moecl.writeCsv(null, {a: [1]});\n");
        assertEquals("moecl: " + tmp.resolve("null.js") + ":1: writeCsv(path, table): path must be a file name, got "
                + "nothing (null/None/undefined)", nothing.err().strip());
        Result name = script("name.js", "moecl.registerRouter(null, {route(t) { return 0; }});\n");
        assertEquals("moecl: " + tmp.resolve("name.js") + ":1: registerRouter: the name must be a string, got nothing "
                + "(null/None/undefined)", name.err().strip());
        Result plugin = script("plugin.js", """
                moecl.registerRouter('r', { route(t) { return null.x; } });
                moecl.run({router: 'r', T: 5, save: false});
                """);
        assertEquals(2, plugin.code(), plugin.err());
        // the router's own line (1), not the moecl.run line (2); the run and its seed follow
        assertTrue(plugin.err().contains(":1: TypeError: Cannot read property 'x' of null (router r failed at round 1; "
                + "run 0 of 1, router=r M=5, seed 1)"), plugin.err());
        assertNoClassNames(plugin.err());
    }

    @Test
    void scriptMatricesTooLargeAreRefusedBeforeAllocation() throws Exception {
        Result array = script("zeros.js", "moecl.linalg.zeros(100000, 100000);\n");
        assertEquals(2, array.code(), array.err());
        assertEquals("moecl: " + tmp.resolve("zeros.js") + ":1: linalg: a 100000×100000 matrix is 10000000000 values, "
                + "more than a Java array holds (2147483639); lower rows or cols", array.err().strip());
        long side = (long) Math.ceil(Math.sqrt(Runtime.getRuntime().maxMemory() / 8.0)) + 1; // one array, too large
        org.junit.jupiter.api.Assumptions.assumeTrue(side * side <= Sizes.MAX_ARRAY, "a heap above 16 GB");
        long t0 = System.nanoTime();
        Result heap = script("heap.js", "moecl.linalg.zeros(" + side + ", " + side + ");\n");
        assertEquals(2, heap.code(), heap.err());
        assertEquals("moecl: " + tmp.resolve("heap.js") + ":1: linalg: a " + side + "×" + side + " matrix needs "
                + Sizes.human(Sizes.doubles(side * side)) + ", the heap is "
                + Sizes.human(Runtime.getRuntime().maxMemory()) + ": lower rows or cols, or raise -Xmx "
                + "(MOECL_JAVA_OPTS=-Xmx...)", heap.err().strip());
        assertTrue((System.nanoTime() - t0) / 1e9 < 30);
        Result outer = script("outer.js", "const v = moecl.linalg.vector(new Array(100000).fill(1));\n"
                + "v.multiply(v.transpose());\n");
        assertEquals(2, outer.code(), outer.err());
        assertTrue(outer.err().contains(":2: linalg: multiply: a 100000×100000 matrix is 10000000000 values"),
                outer.err());
    }
}
