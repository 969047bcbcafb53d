package moecl.workbench.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import moecl.plugin.Registry;

/**
 * The mean curves accumulated while a sweep runs are the ones the views compute from the files, bit for bit, however
 * the runs arrive; and where they cannot be (a resume, a duplicate, a run of another shape), the accumulator says so
 * and the views read the files.
 */
class CurveAccumulatorTest {

    private static final SweepPlan PLAN = SweepPlan.of(Registry.standard(),
            SweepStoreTest.grid(50, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10), false); // 4 settings x 10 seeds
    private static final List<String> METRICS = List.of("F", "G");
    private static final int ROWS = 37;

    /** Run i's metric columns: arbitrary values spread over many magnitudes, so that rounding order shows. */
    private static double[][] columns(int run) {
        Random r = new Random(run * 7919L + 1);
        double[][] c = new double[METRICS.size()][ROWS];
        for (double[] col : c) {
            for (int i = 0; i < ROWS; i++) {
                col[i] = r.nextGaussian() * Math.pow(10, r.nextInt(7) - 3);
            }
        }
        return c;
    }

    /** The views' computation: Welford over the setting's done runs in run order. */
    private static double[][][] reference(SweepPlan.Setting s, Set<Integer> done) {
        double[][] mean = new double[METRICS.size()][ROWS];
        double[][] m2 = new double[METRICS.size()][ROWS];
        int k = 0;
        for (int i : s.runs()) {
            if (done.contains(i)) {
                k++;
                double[][] x = columns(i);
                for (int c = 0; c < x.length; c++) {
                    SweepViews.welford(x[c], mean[c], m2[c], ROWS, k);
                }
            }
        }
        return new double[][][] {mean, m2};
    }

    @Property(tries = 200)
    void anyArrivalOrderWithFailuresGivesTheRunOrderCurve(@ForAll long seed, @ForAll @IntRange(max = 6) int failures) {
        List<SweepPlan.Run> runs = new ArrayList<>(PLAN.runs());
        Collections.shuffle(runs, new Random(seed));
        Set<Integer> failed = new HashSet<>();
        for (int f = 0; f < failures; f++) {
            failed.add(runs.get(f * 5 % runs.size()).index());
        }
        CurveAccumulator acc = new CurveAccumulator(PLAN, Set.of());
        Set<Integer> done = new HashSet<>();
        for (SweepPlan.Run r : runs) {
            if (failed.contains(r.index())) {
                acc.failed(r);
            } else {
                acc.finished(r, METRICS, columns(r.index()), ROWS);
                done.add(r.index());
            }
        }
        for (SweepPlan.Setting s : PLAN.settings()) {
            CurveAccumulator.Curve c = acc.curve(s, done::contains);
            boolean any = s.runs().stream().anyMatch(done::contains);
            if (!any) {
                assertNull(c, "a setting without finished runs has no curve");
                continue;
            }
            assertNotNull(c, "setting " + s.index());
            double[][][] ref = reference(s, done);
            assertEquals(s.runs().stream().filter(done::contains).count(), c.k());
            for (int m = 0; m < METRICS.size(); m++) {
                assertArrayEquals(ref[0][m], c.mean()[m], 0.0);
                assertArrayEquals(ref[1][m], c.m2()[m], 0.0);
            }
        }
    }

    @Test
    void whatTheAccumulatorCannotVouchForIsLeftToTheFiles() {
        SweepPlan.Setting s0 = PLAN.settings().get(0);
        List<Integer> runs = s0.runs();
        // a run of the setting was done before this invocation (a resume)
        CurveAccumulator resumed = new CurveAccumulator(PLAN, Set.of(runs.get(3)));
        for (int i : runs) {
            if (i != runs.get(3)) {
                resumed.finished(PLAN.run(i), METRICS, columns(i), ROWS);
            }
        }
        assertNull(resumed.curve(s0, i -> true));
        // a run with other metric names, and one with another length
        for (List<String> names : List.of(List.of("F", "X"), List.of("F", "G"))) {
            CurveAccumulator acc = new CurveAccumulator(PLAN, Set.of());
            for (int i : runs) {
                boolean odd = i == runs.get(4);
                boolean shorter = odd && names.equals(METRICS);
                acc.finished(PLAN.run(i), odd ? names : METRICS, shorter ? columnsOf(11) : columns(i),
                        shorter ? 11 : ROWS);
            }
            assertNull(acc.curve(s0, i -> true), "a run of another shape in " + names);
        }
        // a second result for one run, a run whose columns never came (dropped), a missing run
        CurveAccumulator dup = new CurveAccumulator(PLAN, Set.of());
        dup.finished(PLAN.run(runs.get(1)), METRICS, columns(runs.get(1)), ROWS);
        dup.finished(PLAN.run(runs.get(1)), METRICS, columns(runs.get(1)), ROWS);
        CurveAccumulator dropped = new CurveAccumulator(PLAN, Set.of());
        CurveAccumulator missing = new CurveAccumulator(PLAN, Set.of());
        for (int i : runs) {
            dup.finished(PLAN.run(i), METRICS, columns(i), ROWS);
            if (i == runs.get(2)) {
                dropped.drop(PLAN.run(i));
            } else {
                dropped.finished(PLAN.run(i), METRICS, columns(i), ROWS);
            }
            if (i != runs.get(5)) {
                missing.finished(PLAN.run(i), METRICS, columns(i), ROWS);
            }
        }
        assertNull(dup.curve(s0, i -> true));
        assertNull(dropped.curve(s0, i -> true));
        assertNull(missing.curve(s0, i -> true), "run 5 never arrived: the curve is not complete");
        // the views' idea of what is done must match what was accumulated
        CurveAccumulator whole = new CurveAccumulator(PLAN, Set.of());
        for (int i : runs) {
            whole.finished(PLAN.run(i), METRICS, columns(i), ROWS);
        }
        assertNotNull(whole.curve(s0, i -> true));
        assertNull(whole.curve(s0, i -> i != runs.get(0)));
    }

    @Test
    void runsWaitingBeyondTheLimitDropTheSetting() {
        SweepPlan big = SweepPlan.of(Registry.standard(), SweepStoreTest.grid(50, seeds(CurveAccumulator.MAX_WAITING
                + 3)), false);
        SweepPlan.Setting s0 = big.settings().get(0);
        CurveAccumulator acc = new CurveAccumulator(big, Set.of());
        List<Integer> runs = s0.runs();
        for (int j = runs.size() - 1; j >= 0; j--) { // the first run last: everything else waits for it
            acc.finished(big.run(runs.get(j)), METRICS, columns(runs.get(j)), ROWS);
        }
        assertNull(acc.curve(s0, i -> true));
        CurveAccumulator fine = new CurveAccumulator(big, Set.of());
        for (int i : runs) {
            fine.finished(big.run(i), METRICS, columns(i), ROWS);
        }
        assertNotNull(fine.curve(s0, i -> true));
    }

    private static long[] seeds(int n) {
        long[] s = new long[n];
        for (int i = 0; i < n; i++) {
            s[i] = i + 1;
        }
        return s;
    }

    private static double[][] columnsOf(int rows) {
        return new double[METRICS.size()][rows];
    }

    @TempDir
    Path tmp;

    /**
     * A real sweep (two threads, so runs finish out of order, with a failing run) writes the curves from memory; the
     * same folder's views rebuilt from the files alone give the same bytes.
     */
    @Test
    void aSweepsCurvesFromMemoryAreTheFilesCurves() throws IOException {
        Registry reg = Registry.standard();
        reg.register(moecl.plugin.PluginKind.ROUTER, new SweepStoreTest.FlakyFactory());
        SweepStoreTest.FlakyFactory.broken = true;
        SweepStoreTest.FlakyFactory.what = new IllegalStateException("gate exploded");
        try {
            List<moecl.engine.RunSpec> specs = new moecl.workbench.RunRequest()
                    .setAll(List.of("router=[paper, flaky, paper(stop=never)]", "M=[2,5]", "T=120"))
                    .expand(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L), Map.of());
            long before = SweepViews.CURVES_FROM_MEMORY.sum();
            SweepRunner.Result r = SweepStoreTest.sweep(reg, specs, tmp, 2);
            assertEquals(2, r.failures().size(), "flaky fails on seed 2: " + r.failures());
            assertEquals(6, SweepViews.CURVES_FROM_MEMORY.sum() - before, "every setting's curve came from memory");
            Map<String, byte[]> fromMemory = curves(r.folder());
            assertEquals(6, fromMemory.size());
            try (SweepStore store = SweepStore.open(r.folder())) {
                JsonNode[] records = SweepViews.records(store);
                SweepViews.write(store, records, SweepViews.Rounds.NONE);
            }
            Map<String, byte[]> fromFiles = curves(r.folder());
            assertEquals(fromMemory.keySet(), fromFiles.keySet());
            fromMemory.forEach((k, v) -> assertArrayEquals(v, fromFiles.get(k), k + " differs"));
        } finally {
            SweepStoreTest.FlakyFactory.broken = false;
        }
    }

    private static Map<String, byte[]> curves(Path folder) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> s = Files.list(folder.resolve("curves"))) {
            for (Path p : s.toList()) {
                out.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
        }
        assertTrue(!out.isEmpty());
        return out;
    }
}
