package moecl.baselines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import moecl.engine.RunEngine;
import moecl.engine.RunOutcome;
import moecl.engine.RunSpec;
import moecl.engine.Sweep;
import moecl.plugin.Registry;
import moecl.rng.RngKind;
import moecl.spec.SpecParser;

/**
 * End to end through {@link Sweep} with the paper's {@code clusters} tasks (N = 7 types) and min-norm experts, M = 7:
 * the oracle gives every type its own expert, so after each type's first task no expert ever moves again and
 * forgetting vanishes, while random routing keeps overwriting experts with tasks of other types.
 */
class OracleVersusRandomTest {

    private static final int M = 7;
    private static final int T = 400;
    private static final long[] SEEDS = {1, 2, 3, 4, 5};

    private static RunSpec spec(String router, long seed) {
        return new RunSpec(SpecParser.parseComponent("clusters"), SpecParser.parseComponent("minnorm"),
                SpecParser.parseComponent(router), M, T, RngKind.FAST, seed, Map.of());
    }

    @Test
    void oracleForgetsFarLessThanRandomRouting() {
        List<RunSpec> specs = new ArrayList<>();
        for (long seed : SEEDS) {
            specs.add(spec("oracle", seed));
            specs.add(spec("random", seed));
        }
        List<RunOutcome> out = Sweep.run(Registry.standard(), specs, 4, RunEngine.Progress.NONE);
        double sumOracle = 0;
        double sumRandom = 0;
        for (int i = 0; i < SEEDS.length; i++) {
            RunOutcome oracle = out.get(2 * i);
            RunOutcome random = out.get(2 * i + 1);
            assertEquals("oracle", oracle.router());
            // the two runs of a seed share one world: the same task types arrive in the same order
            assertEquals(java.util.Arrays.toString(oracle.result().taskType()),
                    java.util.Arrays.toString(random.result().taskType()));
            double fo = Math.abs(oracle.result().last("F"));
            double fr = random.result().last("F");
            double go = oracle.result().last("G");
            double gr = random.result().last("G");
            System.out.printf("seed %d: F oracle %.3g random %.3g, G oracle %.3g random %.3g%n", SEEDS[i], fo, fr,
                    go, gr);
            assertTrue(fr > 0, "random routing forgets");
            assertTrue(fo < 0.01 * fr, "seed " + SEEDS[i] + ": oracle F " + fo + " vs random F " + fr);
            assertTrue(go < gr, "seed " + SEEDS[i] + ": oracle G " + go + " vs random G " + gr);
            for (int t = 0; t < T; t++) {
                assertEquals(oracle.result().taskType()[t] % M, oracle.result().expert()[t], "oracle routing");
            }
            sumOracle += fo;
            sumRandom += fr;
        }
        assertTrue(sumOracle / sumRandom < 1e-3, "mean ratio " + sumOracle / sumRandom);
    }
}
