package moecl.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import moecl.engine.RunEngine;
import moecl.engine.RunSpec;
import moecl.plugin.Registry;
import moecl.workbench.sweep.RunExecutor;
import moecl.workbench.sweep.RunIndex;
import moecl.workbench.sweep.SweepPlan;
import moecl.workbench.sweep.SweepRunner;
import moecl.workbench.sweep.SweepViews;

/** Runs sweeps into folders and compares folders, for the engine tests. */
public final class SweepFolders {

    private SweepFolders() {
    }

    /** A sweep of {@code specs} into a new folder under {@code root}, rounds.csv always written. */
    public static SweepRunner.Result run(Registry registry, List<RunSpec> specs, Path root, RunExecutor executor,
                                         RunEngine.Progress progress) {
        return SweepRunner.run(registry, specs, false, "sweep", Map.of("command", "test"), root, executor,
                SweepViews.Rounds.CSV, progress);
    }

    /**
     * The runs (their columns and records, bit for bit), failed/* (names and bytes), summary.json and rounds.csv are
     * the same in both folders. (How runs are laid out in segments depends on which finished first; not compared.)
     */
    public static void assertSameOutput(Path expected, Path actual) throws IOException {
        Map<String, byte[]> a0 = RunIndex.contents(expected);
        Map<String, byte[]> b0 = RunIndex.contents(actual);
        assertEquals(a0.keySet(), b0.keySet(), "the finished runs differ");
        a0.forEach((k, v) -> assertArrayEquals(v, b0.get(k), "run " + k + " differs"));
        for (String sub : List.of("failed")) {
            Set<String> a = names(expected.resolve(sub));
            Set<String> b = names(actual.resolve(sub));
            assertEquals(a, b, "the " + sub + "/ files differ");
            for (String n : a) {
                assertArrayEquals(Files.readAllBytes(expected.resolve(sub).resolve(n)),
                        Files.readAllBytes(actual.resolve(sub).resolve(n)), sub + "/" + n + " differs");
            }
        }
        for (String f : List.of("summary.json", "rounds.csv", "sweep.json")) {
            assertTrue(Files.isRegularFile(expected.resolve(f)), f + " missing in " + expected);
            assertArrayEquals(Files.readAllBytes(expected.resolve(f)), Files.readAllBytes(actual.resolve(f)),
                    f + " differs");
        }
    }

    /**
     * results/ holds segments only, with exactly one complete frame per planned run and no incomplete one; failed/
     * is empty.
     */
    public static void assertEveryRunOnce(SweepPlan plan, Path folder) throws IOException {
        List<String> expected = plan.runs().stream().map(SweepPlan.Run::id).sorted().toList();
        assertEquals(plan.runs().size(), new TreeSet<>(expected).size(), "run ids are not unique");
        RunIndex index = RunIndex.scan(folder);
        assertEquals(expected, index.frames().stream().map(RunIndex.Ref::id).sorted().toList());
        assertEquals(List.of(), index.torn());
        assertTrue(names(folder.resolve("results")).stream().allMatch(n -> n.endsWith(".runs")),
                names(folder.resolve("results")).toString());
        assertEquals(Set.of(), names(folder.resolve("failed")));
    }

    /** Every file name in a folder, hidden ones (temporary files) included. */
    static Set<String> names(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return Set.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
