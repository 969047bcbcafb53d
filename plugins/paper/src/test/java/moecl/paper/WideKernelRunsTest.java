package moecl.paper;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import moecl.engine.RunEngine;
import moecl.engine.RunOutcome;
import moecl.engine.RunResult;
import moecl.engine.RunSpec;
import moecl.engine.Sweep;
import moecl.linalg.kernels.Kernels;
import moecl.plugin.Registry;
import moecl.rng.RngKind;
import moecl.spec.SpecParser;

/**
 * Whole runs at large d (the wide kernels: gate, generator labels, min-norm solve, metrics): the same bits at one and
 * two threads and with or without the Vector API ({@code moecl.kernels=scalar}); the generic loops agree to
 * rounding (another summation order) and route the same way.
 */
class WideKernelRunsTest {

    private static List<RunSpec> specs() {
        List<RunSpec> out = new ArrayList<>();
        // the last shape is large enough for the Vector API (s²d >= 4e6; whether its warm-up ends within the run or
        // not, the bits are the same), the others use the scalar lanes
        for (String tasks : List.of("gaussian(d=96, s=12, N=3)", "clusters(d=72, N=4)",
                "gaussian(d=1000, s=64, N=3)")) {
            for (long seed = 1; seed <= 2; seed++) {
                out.add(new RunSpec(SpecParser.parseComponent(tasks), SpecParser.parseComponent("minnorm"),
                        SpecParser.parseComponent("paper(stop=never)"), 3, tasks.contains("1000") ? 40 : 150,
                        RngKind.FAST, seed, Map.of()));
            }
        }
        return out;
    }

    private static List<RunOutcome> run(String kernels, int threads) {
        String old = System.getProperty(Kernels.PROPERTY);
        System.setProperty(Kernels.PROPERTY, kernels);
        try {
            return Sweep.run(Registry.standard(), specs(), threads, RunEngine.Progress.NONE);
        } finally {
            if (old == null) {
                System.clearProperty(Kernels.PROPERTY);
            } else {
                System.setProperty(Kernels.PROPERTY, old);
            }
        }
    }

    private static final List<String> METRICS = List.of("F", "G", "F_ref", "G_ref");

    @Test
    void sameBitsAtAnyThreadCountWithOrWithoutTheVectorApi() {
        List<RunOutcome> a = run("auto", 1);
        List<RunOutcome> b = run("auto", 2);
        List<RunOutcome> c = run("scalar", 1);
        for (int k = 0; k < a.size(); k++) {
            RunResult ra = a.get(k).result();
            for (RunResult other : List.of(b.get(k).result(), c.get(k).result())) {
                assertArrayEquals(ra.expert(), other.expert());
                assertArrayEquals(ra.moved(), other.moved());
                for (String m : METRICS) {
                    for (int t = 1; t <= ra.rounds(); t++) {
                        assertEquals(Double.doubleToRawLongBits(ra.metric(m, t)),
                                Double.doubleToRawLongBits(other.metric(m, t)), a.get(k).tasks() + " " + m + " t=" + t);
                    }
                }
            }
        }
    }

    @Test
    void theGenericLoopsAgreeToRounding() {
        List<RunOutcome> a = run("auto", 1);
        List<RunOutcome> g = run("generic", 1);
        boolean anyBitDiffers = false;
        for (int k = 0; k < a.size(); k++) {
            RunResult ra = a.get(k).result();
            RunResult rg = g.get(k).result();
            assertArrayEquals(rg.expert(), ra.expert(), "routes");
            assertArrayEquals(rg.taskType(), ra.taskType(), "tasks");
            for (String m : METRICS) {
                for (int t = 1; t <= ra.rounds(); t++) {
                    double x = rg.metric(m, t);
                    double y = ra.metric(m, t);
                    anyBitDiffers |= x != y;
                    assertEquals(x, y, 1e-9 * Math.max(1e-3, Math.abs(x)), a.get(k).tasks() + " " + m + " t=" + t);
                }
            }
        }
        assertTrue(anyBitDiffers, "the wide kernels sum in another order than the loops: some last bit must differ");
    }
}
