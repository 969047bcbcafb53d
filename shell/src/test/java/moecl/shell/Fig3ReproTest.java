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
        assertEquals("moecl: fig3 has no key 'stepz'; keys: T, steps, train, test, M, expert, lr, data",
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
     * The paper's claim at a reduced size (T = 12, 60 SGD steps, M ∈ {1, 4}): with more experts than task types the
     * experts specialise and forget less, so the final forgetting F of M = 4 is below that of M = 1.
     */
    @Test
    void reducedFig3EndsWithLowerForgettingForFourExpertsThanOne() throws IOException {
        Path data = realMnist();
        Assumptions.assumeTrue(data != null, "real MNIST not found above the module folder");
        Result r = run("repro", "fig3", "--seed", "1", "--data", data.toString(), "--set", "T=12", "--set", "steps=60",
                "--set", "M=[1,4]", "--out", tmp.toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
        Path folder;
        try (Stream<Path> s = Files.list(tmp)) {
            folder = s.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        List<String> lines = Files.readAllLines(folder.resolve("rounds.csv"));
        List<String> header = List.of(lines.get(0).split(","));
        for (String col : List.of("run", "seed", "variant", "M", "t", "task", "expert", "F", "G", "frozen", "moved")) {
            assertTrue(header.contains(col), "rounds.csv has " + col + ": " + header);
        }
        assertEquals(1 + 2 * 12, lines.size());
        int m = header.indexOf("M");
        int t = header.indexOf("t");
        int f = header.indexOf("F");
        double f1 = Double.NaN;
        double f4 = Double.NaN;
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",");
            if (c[t].equals("12")) {
                if (c[m].equals("1")) {
                    f1 = Double.parseDouble(c[f]);
                } else {
                    f4 = Double.parseDouble(c[f]);
                }
            }
        }
        assertTrue(f4 < f1, "final F: M=4 " + f4 + " vs M=1 " + f1);
        assertTrue(Files.isRegularFile(folder.resolve("summary.json")));
        assertTrue(Files.isRegularFile(folder.resolve("manifest.json")));
    }
}
