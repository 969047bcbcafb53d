package moecl.shell;

import static moecl.shell.Cli.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import moecl.shell.Cli.Result;

/** Every error path of the command line answers with one clear line on stderr and exit code 2, and writes nothing. */
class CliErrorsTest {

    @TempDir
    Path tmp;

    private long filesUnder(Path p) throws IOException {
        if (!Files.exists(p)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(p)) {
            return s.filter(Files::isRegularFile).count();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "router=papr|moecl: unknown router 'papr'; did you mean 'paper'?",
        "tasks=clusters(d=10, s=10)|moecl: minnorm needs s < d (an overparameterised task), got s=10, d=10",
        "tasks=clusters(K=9)|moecl: clusters needs K <= N, got K=9, N=7",
        "M=0|moecl: M=0 is out of range; allowed: 1 to 10000",
        "M=20000|moecl: M=20000 is out of range; allowed: 1 to 10000",
        "T=0|moecl: T=0 is out of range; allowed: 1 to 10000000",
        "T=100000000|moecl: T=100000000 is out of range; allowed: 1 to 10000000",
        "tasks=gaussian(sigma=-1)|moecl: generator 'gaussian': sigma=-1 is out of range; allowed: >= 0 (column 16)",
        "router=paper(eta=0.5|moecl: router=paper(eta=0.5: syntax error at column 14: '(' opened at column 6 is "
                + "never closed; expected ')' or ','",
        "routr=paper|moecl: unknown key 'routr'; did you mean 'router'? (keys: tasks, experts, router, M, T, rng)",
        "rng=numpy|moecl: unknown rng kind 'numpy'; allowed values: fast, numpy-legacy",
        "router=paper(stop=threshold(gama=1))|moecl: router 'paper': stop=threshold has no parameter 'gama'; "
                + "did you mean 'gamma'?",
        "M=1.5|moecl: M must be an integer, got 1.5",
        "experts=minorm|moecl: unknown expert 'minorm'; did you mean 'minnorm'?",
        "tasks=gaussian(d=1000000000)|moecl: gaussian: a task's d·s (d=1000000000, s=5) is 5000000000 values, "
                + "more than a Java array holds (2147483639); lower d or s",
        "tasks=gaussian(d=2147483648)|moecl: d=2147483648 is too large; allowed: at most 2147483647",
        "tasks=gaussian(d=100000, s=50000)|moecl: gaussian: a task's d·s (d=100000, s=50000) is 5000000000 values, "
                + "more than a Java array holds (2147483639); lower d or s",
    })
    void runRefusesBadInputWithOneLineAndExitCode2(String arg, String expectedStart) throws IOException {
        Path out = tmp.resolve("runs");
        Result r = arg.startsWith("T=") ? run("run", arg, "--out", out.toString())
                : run("run", arg, "T=5", "--out", out.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith(expectedStart), () -> "stderr was: " + r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertEquals(0, filesUnder(out), "no run folder may be left");
    }

    /**
     * Sizes are computed in long and the memory they need compared with the heap before anything is allocated: the
     * message names the largest part and its parameters, and comes at once (an allocation of hundreds of GB, or
     * of every expert one by one, would not).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "tasks=gaussian(d=100000000, N=1000)|gaussian(d=100000000, N=1000): needs |: lower d or N, or raise -Xmx "
                + "(MOECL_JAVA_OPTS=-Xmx...)",
        "M=1000;tasks=gaussian(d=1000000, s=5);router=random|minnorm experts (M=1000): needs |: lower d, s or M, "
                + "or raise -Xmx (MOECL_JAVA_OPTS=-Xmx...)",
    })
    void sizesTheHeapCannotHoldAreRefusedBeforeAllocation(String line, String start, String end) throws IOException {
        Path out = tmp.resolve("runs");
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("run"));
        args.addAll(java.util.List.of(line.split(";")));
        args.addAll(java.util.List.of("T=5", "--out", out.toString()));
        long t0 = System.nanoTime();
        Result r = run(args.toArray(String[]::new));
        double secs = (System.nanoTime() - t0) / 1e9;
        String heap = moecl.plugin.Sizes.human(Runtime.getRuntime().maxMemory());
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        String msg = r.err().strip();
        assertTrue(msg.startsWith("moecl: " + start), msg);
        assertTrue(msg.matches(".*: needs [0-9.]+ (GB|TB), the heap is " + java.util.regex.Pattern.quote(heap)
                + java.util.regex.Pattern.quote(end) + ".*"), msg);
        assertTrue(secs < 5, "refused after " + secs + " s");
        assertEquals(0, filesUnder(out));
    }

    @org.junit.jupiter.api.Test
    void theTheoryCommandChecksItsWorldAgainstTheHeapToo() {
        long t0 = System.nanoTime();
        Result r = run("theory", "tasks=gaussian(d=100000000, N=1000)");
        assertEquals(2, r.code(), r.err());
        String heap = moecl.plugin.Sizes.human(Runtime.getRuntime().maxMemory());
        assertTrue(r.err().strip().matches("moecl: gaussian\\(d=100000000, N=1000\\): needs [0-9.]+ GB, the heap is "
                + java.util.regex.Pattern.quote(heap + ": lower d or N, or raise -Xmx (MOECL_JAVA_OPTS=-Xmx...)")),
                r.err());
        assertTrue((System.nanoTime() - t0) / 1e9 < 5);
    }

    @org.junit.jupiter.api.Test
    void productsThatOverflowAnArrayNameTheirParameters() throws IOException {
        Path out = tmp.resolve("runs");
        Result r = run("run", "M=10000", "tasks=gaussian(d=1000000, s=1)", "T=5", "--out", out.toString());
        assertEquals(2, r.code(), r.err());
        assertEquals("moecl: paper: the gate's M·d (M=10000, d=1000000) is 10000000000 values, more than a Java array "
                + "holds (2147483639); lower M or d", r.err().strip());
        assertEquals(0, filesUnder(out));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "repro fig9|moecl: unknown experiment 'fig9'; did you mean 'fig2'? (experiments: fig2, fig45, fig3, paper)",
        "repro fig2 --repeats 3|moecl: --repeats and --quirk are for repro fig45 only",
        "run M=3 --rng numpy-legacy|moecl: unknown option '--rng': rng is a key of the spec, written rng=VALUE "
                + "(e.g. rng=fast)",
        "--bogus|moecl: unknown option '--bogus' (moecl --help lists the options and commands)",
        "repro fig3 --quirk|moecl: --repeats and --quirk are for repro fig45 only",
        "repro fig2 --rng numpy-legacy --seed -1|moecl: numpy legacy seed must be between 0 and 2**32 - 1 "
                + "(4294967295), got -1",
        "repro fig2 --T 0|moecl: --T 0 is out of range; allowed: >= 1",
        "run --threads 0|moecl: --threads 0 is out of range; allowed: 1 to 1024",
        "run --seeds 5..1|moecl: --seeds expects A..B with A <= B (e.g. 1..20), got '5..1': empty range '5..1': "
                + "the start must not be greater than the end",
        "run --seeds 1..x|moecl: --seeds expects A..B with A <= B (e.g. 1..20), got '1..x': expected an integer "
                + "after '..' but found 'x'",
        "run --seed 1 --seeds 1..2|moecl: give either --seed or --seeds, not both",
        "describe papr|moecl: unknown plugin 'papr'; did you mean 'paper'? (try: moecl list)",
        "list gates|moecl: unknown plugin kind 'gates'; allowed: router, expert, generator",
        "rn|moecl: unknown command 'rn'; did you mean 'run'?",
        "run M=3 m=20|moecl: M is given twice (M=3 and m=20); give each key once, with a list for several values",
        "run @/etc/hostname|moecl: expected KEY=VALUE, got '@/etc/hostname' (keys: tasks, experts, router, M, T, rng)",
    })
    void otherCommandsRefuseBadInputWithExitCode2(String line, String expectedStart) throws IOException {
        Path out = tmp.resolve("runs");
        String[] args = (line + " --out " + out).split(" ");
        if (line.startsWith("describe") || line.startsWith("list") || line.startsWith("rn")) {
            args = line.split(" ");
        }
        Result r = run(args);
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith(expectedStart), () -> "stderr was: " + r.err());
        assertEquals(0, filesUnder(out));
    }

    @org.junit.jupiter.api.Test
    void anOutputThatIsAFileIsRefused() throws IOException {
        Path file = Files.writeString(tmp.resolve("notes.txt"), "mine");
        Result r = run("run", "M=3", "T=10", "--out", file.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith("moecl: --out " + file + " is a file, not a folder"), r.err());
        assertEquals("mine", Files.readString(file));
    }

    @org.junit.jupiter.api.Test
    void describeShowsParametersWithDefaultsAndRanges() {
        Result r = run("describe", "paper");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("eta            number   default 0.5        range > 0  gate learning rate η"),
                r.out());
        assertTrue(r.out().contains("minRounds"), r.out());
        assertTrue(r.out().contains("80 + 3M"), r.out());
        assertFalse(r.out().isBlank());
    }

    @org.junit.jupiter.api.Test
    void hugeAndControlCharacterArgumentsAreNotEchoedRaw() {
        String huge = "x".repeat(100_000);
        Result r = run("run", "router=" + huge);
        assertEquals(2, r.code());
        assertTrue(r.err().length() < 300, r.err().length() + " characters");
        assertTrue(r.err().startsWith("moecl: unknown router '" + "x".repeat(120) + "… (100000 characters)'"),
                r.err());
        Result esc = run("run", "router=ev\u001b[2Jil");
        assertEquals(2, esc.code());
        assertFalse(esc.err().contains("\u001b"), esc.err());
        assertTrue(esc.err().contains("\\x1b"), esc.err());
    }
}
