package moecl.shell;

import static moecl.shell.Cli.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import moecl.theory.Projection;
import moecl.theory.TruthGeometry;
import moecl.theory.UniformArrivalTheory;
import moecl.shell.Cli.Result;

class TheoryCliTest {

    @TempDir
    Path tmp;

    static Path onlyFolder(Path root) throws IOException {
        try (Stream<Path> s = Files.list(root)) {
            List<Path> l = s.toList();
            assertEquals(1, l.size(), l.toString());
            return l.get(0);
        }
    }

    @Test
    void theoryCommandWritesTheCurvesItPrints() throws IOException {
        String truths = "[1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0]";
        Result r = run("theory", "tasks=gaussian(d=10, s=4, N=2, truths=" + truths + ")", "T=50", "at=[1, 2, 50]",
                "--out", tmp.toString());
        assertEquals(0, r.code(), r.err());
        // r = 0.6, S = 1, D = (1/4)(2 + 2) = 1; limits G -> D = 1, F -> (1 - r) D = 0.4
        assertTrue(r.out().contains("r = 0.600000   S = 1.00000   D = 1.00000"), r.out());
        assertTrue(r.out().contains("G -> 1.00000   F -> 0.400000"), r.out());
        List<String> csv = Files.readAllLines(onlyFolder(tmp).resolve("theory.csv"));
        assertEquals("t,G_uniform,F_uniform,G_fixed,F_fixed", csv.get(0));
        assertEquals(51, csv.size());
        UniformArrivalTheory u = new UniformArrivalTheory(Projection.isotropic(10, 4), 0,
                TruthGeometry.of(new double[][] {{1, 0, 0, 0, 0, 0, 0, 0, 0, 0}, {0, 1, 0, 0, 0, 0, 0, 0, 0, 0}}));
        String[] row2 = csv.get(2).split(",");
        assertEquals(u.generalization(2), Double.parseDouble(row2[1]), 1e-15);
        assertEquals(u.forgetting(2), Double.parseDouble(row2[2]), 1e-15);
        // E[G_1] = r S + 0 = 0.6
        assertEquals(0.6, Double.parseDouble(csv.get(1).split(",")[1]), 1e-15);
    }

    @Test
    void theoryRefusesWorldsWhereItDoesNotApply() {
        Result r = run("theory", "tasks=definition1", "--out", tmp.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("moecl: the closed-form theory does not apply to definition1"), r.err());
        Result noisy = run("theory", "tasks=gaussian(d=7, s=6, sigma=0.5)", "--out", tmp.toString());
        assertEquals(2, noisy.code());
        assertTrue(noisy.err().contains("requires d >= s + 2"), noisy.err());
        Result badKey = run("theory", "tsks=gaussian", "--out", tmp.toString());
        assertEquals(2, badKey.code());
        assertTrue(badKey.err().startsWith("moecl: unknown key 'tsks'; did you mean 'tasks'?"), badKey.err());
        Result beyond = run("theory", "tasks=gaussian", "at=5000", "T=100", "--out", tmp.toString());
        assertEquals(2, beyond.code());
        assertEquals("moecl: at=5000 is beyond T=100", beyond.err().strip());
        assertEquals("", beyond.out(), "nothing printed before the refusal");
    }

    @Test
    void runWithTheoryAddsColumnsWhereTheModelAppliesAndSaysWhyNotElsewhere() throws IOException {
        Result r = run("run", "tasks=[gaussian(d=12, s=3, N=3), definition1]", "M=2", "router=roundrobin", "T=40",
                "--theory", "--out", tmp.toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("theory: exact: i.i.d. Gaussian features, r = 1 - s/d"), r.err());
        assertTrue(r.err().contains("theory not added to run 1: the closed-form theory does not apply to definition1"),
                r.err());
        List<String> csv = Files.readAllLines(onlyFolder(tmp).resolve("rounds.csv"));
        assertEquals("run,seed,variant,M,t,task,expert,F,G,F_ref,G_ref,F_theory,G_theory,frozen,moved", csv.get(0));
        String[] first = csv.get(1).split(",", -1);
        assertEquals("0", first[0]);
        // round 1 of the gaussian run: one update, E[G_1] = r ‖w_n1‖² exactly; non-empty theory cells
        assertTrue(!first[11].isEmpty() && !first[12].isEmpty(), csv.get(1));
        String[] other = csv.get(41).split(",", -1);
        assertEquals("1", other[0]);
        assertEquals("", other[11]);
        assertEquals("", other[12]);
    }
}
