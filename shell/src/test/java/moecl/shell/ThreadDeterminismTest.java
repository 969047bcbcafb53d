package moecl.shell;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import moecl.engine.RunSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** rounds.csv must not depend on the number of worker threads. */
class ThreadDeterminismTest {

    @TempDir
    Path tmp;

    private byte[] roundsCsv(String tag, String... args) throws IOException {
        Path out = tmp.resolve(tag);
        String[] full = Stream.concat(Stream.of(args), Stream.of("--out", out.toString(), "--quiet"))
                .toArray(String[]::new);
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int rc = Main.run(full, new PrintWriter(o, true), new PrintWriter(e, true));
        assertEquals(0, rc, "exit code; stderr: " + e);
        List<Path> csv;
        try (Stream<Path> s = Files.walk(out)) {
            csv = s.filter(p -> p.getFileName().toString().equals("rounds.csv")).toList();
        }
        assertEquals(1, csv.size(), "one run folder with rounds.csv under " + out);
        return Files.readAllBytes(csv.get(0));
    }

    @Test
    void runWithOneAndTwoThreadsIsByteIdentical() throws IOException {
        byte[] one = roundsCsv("run1", "run", "M=[1,5,10]", "T=300", "--seeds", "1..3", "--threads", "1");
        byte[] two = roundsCsv("run2", "run", "M=[1,5,10]", "T=300", "--seeds", "1..3", "--threads", "2");
        // 3 M × 3 seeds × 300 rounds + header
        assertEquals(3 * 3 * 300 + 1, new String(one).lines().count());
        assertArrayEquals(one, two);
    }

    @Test
    void reproFig2NumpyLegacyWithOneAndTwoThreadsIsByteIdentical() throws IOException {
        byte[] one = roundsCsv("fig2a", "repro", "fig2", "--seeds", "1..2", "--rng", "numpy-legacy", "--T", "200",
                "--threads", "1");
        byte[] two = roundsCsv("fig2b", "repro", "fig2", "--seeds", "1..2", "--rng", "numpy-legacy", "--T", "200",
                "--threads", "2");
        // 2 seeds × 2 variants × 4 M × 200 rounds + header
        assertEquals(2 * 2 * 4 * 200 + 1, new String(one).lines().count());
        assertArrayEquals(one, two);
        assertTrue(new String(one).startsWith("run,seed,variant,M,t,task,expert"));
    }

    /** The start-up warm-up (a private run on another thread) cannot change what a command writes. */
    @Test
    void warmUpRunningAlongsideLeavesTheBytesAlone() throws IOException, InterruptedException {
        byte[] plain = roundsCsv("cold", "repro", "fig2", "--seed", "3", "--T", "300", "--threads", "2");
        Thread warm = WarmUp.start();
        byte[] along = roundsCsv("warm", "repro", "fig2", "--seed", "3", "--T", "300", "--threads", "2");
        warm.join();
        assertArrayEquals(plain, along);
    }

    /** A large-d run is warmed on a small run of the same structure, which also leaves its bytes alone. */
    @Test
    void largeDWarmUpHasTheRunsStructureAndLeavesTheBytesAlone() throws IOException, InterruptedException {
        String[] args = {"run", "tasks=gaussian(d=500, s=50, N=5)", "M=5", "T=40", "router=random"};
        RunSpec spec = WarmUp.spec(args);
        assertEquals("gaussian(d=68, s=10, N=2)", spec.tasks().toSpecText());
        assertEquals("random", spec.router().toSpecText());
        assertEquals(WarmUp.WIDE_ROUNDS, spec.rounds());
        assertEquals("gaussian(d=71, s=7, N=2)",
                WarmUp.spec(new String[] {"run", "tasks=\"gaussian(d = 1999, s=7)\""}).tasks().toSpecText());
        assertEquals("gaussian(d=64, s=5, N=2)", WarmUp.spec(new String[] {"run", "d=64"}).tasks().toSpecText());
        assertEquals("clusters", WarmUp.spec(new String[] {"run", "tasks=gaussian(d=63, s=50)"}).tasks().toSpecText());
        assertEquals("clusters", WarmUp.spec(new String[] {"run", "M=5", "sd=500"}).tasks().toSpecText());
        assertTrue(WarmUp.run(spec), "the large-d warm-up runs");
        byte[] plain = roundsCsv("wide-cold", args);
        Thread warm = WarmUp.start(spec);
        byte[] along = roundsCsv("wide-warm", args);
        warm.join();
        assertArrayEquals(plain, along);
    }

    @Test
    void warmUpOnlyForLinearRunsAndRepros() {
        assertTrue(WarmUp.linearRun(new String[] {"repro", "fig2", "--seed", "1"}));
        assertTrue(WarmUp.linearRun(new String[] {"--plugin-path", "run", "run", "M=5"}));
        assertTrue(WarmUp.linearRun(new String[] {"--debug", "repro", "fig45"}));
        assertTrue(!WarmUp.linearRun(new String[] {"repro", "fig3"}));
        assertTrue(!WarmUp.linearRun(new String[] {"run", "tasks=mnist", "experts=lenet"}));
        assertTrue(!WarmUp.linearRun(new String[] {"describe", "paper"}));
        assertTrue(!WarmUp.linearRun(new String[] {}));
        assertTrue(!WarmUp.linearRun(new String[] {"-c", "run T=5"}));
    }
}
