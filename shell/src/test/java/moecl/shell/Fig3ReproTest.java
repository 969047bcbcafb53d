package moecl.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code repro fig3} on real MNIST at a reduced size. Needs the four MNIST files in {@code shared/data/mnist} in
 * the module folder or a folder above it (skipped otherwise).
 */
class Fig3ReproTest {

    @TempDir
    Path tmp;

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    static Path realMnist() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path c = p.resolve("shared").resolve("data").resolve("mnist");
            if (Files.isRegularFile(c.resolve("train-images-idx3-ubyte.gz"))
                    || Files.isRegularFile(c.resolve("train-images-idx3-ubyte"))) {
                return c;
            }
        }
        return null;
    }

    @Test
    void badSetKeyAndMissingDataAreOneLineErrors() throws IOException {
        Result r = run("repro", "fig3", "--set", "stepz=5", "--out", tmp.toString());
        assertEquals(2, r.code());
        assertEquals("moecl: fig3 has no key 'stepz'; keys: T, steps, train, test, M, expert, lr, eta, alpha, data",
                r.err().strip());
        Path empty = Files.createDirectory(tmp.resolve("empty"));
        r = run("repro", "fig3", "--data", empty.toString(), "--out", tmp.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("moecl: MNIST not found: looked in explicit directory " + empty), r.err());
        assertTrue(r.err().contains("README.md"), r.err());
        assertEquals(1, r.err().strip().lines().count());
        r = run("repro", "fig2", "--set", "T=5", "--out", tmp.toString());
        assertEquals(2, r.code());
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of(empty), s.toList(), "no run folder written");
        }
    }

    /**
     * A reduced run (T = 6, 20 SGD steps, 100 test images, M ∈ {1, 4}) writes the same run folder as
     * {@code repro fig2}: rounds.csv with the standard columns plus F, G, acc; summary.json; manifest.json.
     */
    @Test
    void reducedFig3WritesTheRunFolder() throws IOException {
        Path data = realMnist();
        Assumptions.assumeTrue(data != null, "real MNIST not found above the module folder");
        Path folder = runFig3(data, "T=6", "steps=20", "test=100", "M=[1,4]");
        List<String> lines = Files.readAllLines(folder.resolve("rounds.csv"));
        List<String> header = List.of(lines.get(0).split(","));
        for (String col : List.of("run", "seed", "variant", "M", "t", "task", "expert", "F", "G", "acc", "frozen",
                "moved")) {
            assertTrue(header.contains(col), "rounds.csv has " + col + ": " + header);
        }
        assertEquals(1 + 2 * 6, lines.size());
        assertTrue(Files.readString(folder.resolve("manifest.json")).contains("lenet(lr=0.1, steps=20"));
        assertTrue(Files.isRegularFile(folder.resolve("summary.json")));
    }

    /**
     * The paper's claim at the paper's size (T = 60, 600 steps, M ∈ {1, 4}, seed 1): with more experts than task
     * types the experts specialise and forget less, so the final forgetting F of M = 4 is below that of M = 1.
     * Takes about half an hour on two cores, so it runs only with {@code -Dmoecl.fig3.claim=true}. At the reduced
     * sizes tried (T = 12 or 20 with 60–150 steps) the gate has not specialised yet (T1 = M/η ≈ 13 rounds for
     * M = 4) and the inequality held for some seeds only (BENCHMARKS.md, Fig. 3), so no reduced size is asserted.
     */
    @Test
    @EnabledIfSystemProperty(named = "moecl.fig3.claim", matches = "true")
    void fig3EndsWithLowerForgettingForFourExpertsThanOne() throws IOException {
        Path data = realMnist();
        Assumptions.assumeTrue(data != null, "real MNIST not found above the module folder");
        Path folder = runFig3(data, "M=[1,4]");
        List<String> lines = Files.readAllLines(folder.resolve("rounds.csv"));
        List<String> header = List.of(lines.get(0).split(","));
        int m = header.indexOf("M");
        int t = header.indexOf("t");
        int f = header.indexOf("F");
        double f1 = Double.NaN;
        double f4 = Double.NaN;
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",");
            if (c[t].equals("60")) {
                if (c[m].equals("1")) {
                    f1 = Double.parseDouble(c[f]);
                } else {
                    f4 = Double.parseDouble(c[f]);
                }
            }
        }
        assertTrue(f4 < f1, "final F: M=4 " + f4 + " vs M=1 " + f1);
    }

    private Path runFig3(Path data, String... sets) throws IOException {
        List<String> args = new java.util.ArrayList<>(List.of("repro", "fig3", "--seed", "1", "--data",
                data.toString(), "--out", tmp.toString(), "--quiet"));
        for (String s : sets) {
            args.add("--set");
            args.add(s);
        }
        Result r = run(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        try (Stream<Path> s = Files.list(tmp)) {
            return s.filter(Files::isDirectory).findFirst().orElseThrow();
        }
    }
}
