package moecl.shell;

import static moecl.shell.Cli.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import moecl.shell.Cli.Result;

/**
 * {@code repro fig3} on real MNIST at a reduced size. Needs the four MNIST files in {@code shared/data/mnist} in
 * the module folder or a folder above it (skipped otherwise).
 */
class Fig3ReproTest {

    @TempDir
    Path tmp;

    static Path realMnist() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path c = p.resolve("shared").resolve("data").resolve("mnist");
            if (moecl.dnn.data.MnistData.find(c, moecl.dnn.data.MnistData.TRAIN_IMAGES).isPresent()) {
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
        r = run("repro", "fig3", "--set", "eta=-1", "--out", tmp.toString());
        assertEquals(2, r.code());
        assertEquals("moecl: fig3 eta=-1 is out of range; allowed: > 0", r.err().strip());
        r = run("repro", "fig3", "--set", "alpha=lots", "--out", tmp.toString());
        assertEquals(2, r.code());
        assertEquals("moecl: fig3 alpha=lots is not a number", r.err().strip());
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
     * The paper's claim (paper.md §7: with M = 4 ≥ N = 3 experts the network forgets less than one network) at a size
     * CI can afford: T = 20 rounds instead of 60, 60 SGD steps at lr 0.3 instead of 600 at 0.1, 300 test images per
     * arrival instead of 1000, and the gate's η = 0.9 instead of 0.3, so that T / T1 = Tη / M (the rounds after the
     * gate has had time to specialise, in units of T1 = M/η) is 4.5 as in the paper's run. Seeds 1–8, M ∈ {1, 4}.
     *
     * <p>Single runs are noisy: measured over seeds 1–16 at this size, M = 4 ends lower in 13 of 16 seeds, mean final
     * F 0.047 against 0.067, and the per-seed difference has a standard deviation of 0.024 (BENCHMARKS.md, Fig. 3).
     * So the claim is asserted on the mean over eight seeds, where the expected gap is 2.4 standard errors; each
     * seed's pair is printed. It runs in float32, the experts' default (float64 is several times slower); the float32
     * values are in BENCHMARKS.md too.
     */
    @Tag("heavy")
    @Test
    void reducedFig3EndsWithLowerMeanForgettingForFourExpertsThanOne() throws IOException {
        Path data = realMnist();
        Assumptions.assumeTrue(data != null, "real MNIST not found above the module folder");
        Path folder = runFig3(data, List.of("--seeds", "1..8", "--threads", "2"), "T=20", "steps=60", "lr=0.3",
                "test=300", "eta=0.9", "M=[1,4]");
        double[][] last = finalF(folder, 8, 20);
        double mean1 = 0;
        double mean4 = 0;
        for (int s = 0; s < 8; s++) {
            System.out.printf("fig3 reduced, seed %d: final F  M=1 %.4f  M=4 %.4f%n", s + 1, last[s][0], last[s][1]);
            mean1 += last[s][0] / 8;
            mean4 += last[s][1] / 8;
        }
        assertTrue(mean4 < mean1, "mean final F over seeds 1-8: M=4 " + mean4 + " vs M=1 " + mean1);
    }

    /**
     * The claim at the paper's size (T = 60, 600 steps, M ∈ {1, 4}, seed 1). Minutes even in float32 on two cores, so
     * it runs only with {@code -Dmoecl.fig3.claim=true}.
     */
    @Tag("heavy")
    @Test
    @EnabledIfSystemProperty(named = "moecl.fig3.claim", matches = "true")
    void fig3EndsWithLowerForgettingForFourExpertsThanOne() throws IOException {
        Path data = realMnist();
        Assumptions.assumeTrue(data != null, "real MNIST not found above the module folder");
        Path folder = runFig3(data, List.of("--seed", "1"), "M=[1,4]");
        double[][] last = finalF(folder, 1, 60);
        assertTrue(last[0][1] < last[0][0], "final F: M=4 " + last[0][1] + " vs M=1 " + last[0][0]);
    }

    /** Final F per seed (1-based seeds 1..n) and M (column 0: M = 1, column 1: M = 4) at round T. */
    private static double[][] finalF(Path folder, int seeds, int rounds) throws IOException {
        List<String> lines = Files.readAllLines(folder.resolve("rounds.csv"));
        List<String> header = List.of(lines.get(0).split(","));
        int seed = header.indexOf("seed");
        int m = header.indexOf("M");
        int t = header.indexOf("t");
        int f = header.indexOf("F");
        double[][] out = new double[seeds][2];
        for (double[] row : out) {
            java.util.Arrays.fill(row, Double.NaN);
        }
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",");
            if (c[t].equals(Integer.toString(rounds))) {
                out[Integer.parseInt(c[seed]) - 1][c[m].equals("1") ? 0 : 1] = Double.parseDouble(c[f]);
            }
        }
        for (double[] row : out) {
            assertTrue(Double.isFinite(row[0]) && Double.isFinite(row[1]), "a final row for both M");
        }
        return out;
    }

    private Path runFig3(Path data, String... sets) throws IOException {
        return runFig3(data, List.of("--seed", "1"), sets);
    }

    private Path runFig3(Path data, List<String> seeds, String... sets) throws IOException {
        List<String> args = new java.util.ArrayList<>(List.of("repro", "fig3", "--data", data.toString(), "--out",
                tmp.toString(), "--quiet"));
        args.addAll(seeds);
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
