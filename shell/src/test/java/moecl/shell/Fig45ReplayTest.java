package moecl.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import moecl.engine.RunEngine;
import moecl.engine.RunOutcome;
import moecl.engine.RunResult;
import moecl.engine.Sweep;
import moecl.plugin.Registry;
import moecl.rng.RngKind;
import moecl.workbench.Presets;

/**
 * Replays {@code repro fig45 --quirk} in numpy-legacy mode (T = 300, 3 repeats) and compares every round of every
 * run with an independent numpy implementation written from paper.md §1.1, §7 and §8
 * ({@code plugins/paper/src/test/resources/replay/fig45_replay.py}, CSVs committed next to it). That reference in
 * turn agrees with the authors' own script ({@code fig4&5_update_interrupt.py}, run with T = 300 and three repeats
 * after {@code np.random.seed(3)}) to 1.3e-14 in the averaged F of every threshold, rounds 2..300.
 *
 * <p>What it pins down: the loop order (repeat outer, threshold inner, one stream), the override's draws (one
 * {@code randint(18, 25)} per expert in every active round), its winner (the last qualifying expert), and its
 * records, which are never reset between repeats (from the second repeat on, the override acts on records left by
 * the previous one). Tolerance as in {@link Fig2ReplayTest}: routes, task types and frozen flags identical; metrics
 * within 1e-9 relative to max(|value|, 1e-3) (pinv against Cholesky, Gaussians 1–2 ulp apart).
 */
class Fig45ReplayTest {

    static final int T = 300;
    static final int REPEATS = 3;
    static final List<String> EXPONENTS = List.of("0.75", "1.0", "1.25", "1.5");

    @ParameterizedTest
    @ValueSource(longs = {3, 11})
    void replayMatchesIndependentNumpyImplementation(long seed) throws IOException {
        replay(seed);
    }

    /** The same with {@code -Dmoecl.kernels=generic} (set around the run, as in {@link Fig2ReplayTest}). */
    @ParameterizedTest
    @ValueSource(longs = {3})
    void replayMatchesWithTheGenericKernels(long seed) throws IOException {
        String old = System.getProperty(moecl.linalg.kernels.Kernels.PROPERTY);
        System.setProperty(moecl.linalg.kernels.Kernels.PROPERTY, "generic");
        try {
            assertEquals(moecl.linalg.kernels.Kernels.Mode.GENERIC, moecl.linalg.kernels.Kernels.mode());
            replay(seed);
        } finally {
            if (old == null) {
                System.clearProperty(moecl.linalg.kernels.Kernels.PROPERTY);
            } else {
                System.setProperty(moecl.linalg.kernels.Kernels.PROPERTY, old);
            }
        }
    }

    private static void replay(long seed) throws IOException {
        List<String> lines = Files.readAllLines(Fig2ReplayTest.REF.resolve("fig45_replay_seed" + seed + ".csv"));
        assertEquals("repeat,e,t,task,expert,F,G,F_ref,G_ref,frozen", lines.get(0));
        List<RunOutcome> outs = Sweep.run(Registry.standard(),
                Presets.fig45(List.of(seed), RngKind.NUMPY_LEGACY, T, REPEATS, true), 2, RunEngine.Progress.NONE);
        assertEquals(REPEATS * 4, outs.size());
        List<String[]> rows = new ArrayList<>();
        for (String l : lines.subList(1, lines.size())) {
            rows.add(l.split(","));
        }
        assertEquals(REPEATS * 4 * T, rows.size());
        double worst = 0;
        int overridden = 0;
        for (int k = 0; k < outs.size(); k++) {
            RunOutcome o = outs.get(k);
            RunResult r = o.result();
            String e = o.spec().labels().get("variant").substring(2);
            String rep = o.spec().labels().get("repeat");
            for (int i = 0; i < T; i++) {
                String[] f = rows.get(k * T + i);
                String where = "seed " + seed + " repeat " + rep + " e=" + e + " t=" + (i + 1);
                assertEquals(f[0], rep, where);
                assertEquals(Double.parseDouble(f[1]), Double.parseDouble(e), where);
                worst = Math.max(worst, Fig2ReplayTest.assertRoundMatches(f, r, i, where));
            }
        }
        // the same replay without the override routes differently from round 170 on: the override is exercised
        List<RunOutcome> plain = Sweep.run(Registry.standard(),
                Presets.fig45(List.of(seed), RngKind.NUMPY_LEGACY, T, 1, false), 1, RunEngine.Progress.NONE);
        for (int i = 0; i < T; i++) {
            overridden += plain.get(2).result().expert()[i] != outs.get(2).result().expert()[i] ? 1 : 0;
        }
        System.out.printf("fig45 replay seed %d: worst relative metric difference %.3g, %d rounds routed "
                + "differently by the override (e=1.25, repeat 0)%n", seed, worst, overridden);
        assertTrue(overridden > 0, "the override changed no route at e = 1.25");
    }
}
