package moecl.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import moecl.engine.RunEngine;
import moecl.engine.RunFailedException;
import moecl.expert.Expert;
import moecl.expert.LearnReport;
import moecl.task.LinearTask;
import moecl.task.Task;
import moecl.task.TaskGenerator;

/** What a router's diagnostics may hold (JSON values), and a run that fails when they hold anything else. */
class DiagnosticsTest {

    @Test
    void jsonValuesAreCopiedInOrderWithArraysAsLists() {
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("z", 1);
        in.put("a", List.of(2.5, "x", true));
        in.put("n", null);
        in.put("arr", new int[] {3, 4});
        in.put("m", Map.of("k", 7L));
        Map<String, Object> out = Diagnostics.check(in);
        assertEquals(List.of("z", "a", "n", "arr", "m"), new ArrayList<>(out.keySet()));
        assertEquals(List.of(3, 4), out.get("arr"));
        assertEquals("{z=1, a=[2.5, x, true], n=null, arr=[3, 4], m={k=7}}", out.toString());
        assertThrows(UnsupportedOperationException.class, () -> out.put("b", 1));
    }

    @Test
    void anythingElseIsRefusedNamingTheEntry() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Diagnostics.check(Map.of("s", Map.of("t", List.of(1, new StringBuilder("x"))))));
        assertEquals("diagnostics()[\"s\"][\"t\"][1] is a java.lang.StringBuilder; allowed: null, booleans, numbers, "
                + "strings, and lists, arrays and maps of them", e.getMessage());
        Map<Object, Object> keys = new LinkedHashMap<>();
        keys.put(3, "x");
        @SuppressWarnings({"unchecked", "rawtypes"})
        Map<String, Object> bad = (Map) Map.of("m", keys);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Diagnostics.check(bad)).getMessage()
                .contains("has the key 3 (java.lang.Integer); map keys must be strings"));
        Map<String, Object> self = new LinkedHashMap<>();
        self.put("me", self);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Diagnostics.check(self)).getMessage()
                .contains("is nested more than 32 levels deep"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Diagnostics.check(null)).getMessage()
                .contains("returned null"));
    }

    /** A run whose router reports an object fails as the router's failure at the last round, naming the entry. */
    @Test
    void aRunWhoseRouterReportsAnObjectFailsNamingIt() {
        TaskGenerator gen = new TaskGenerator() {
            int round;

            @Override
            public Task next() {
                round++;
                return LinearTask.of(round, 0, 1, 1, new double[] {1}, new double[] {1});
            }

            @Override
            public int types() {
                return 1;
            }

            @Override
            public int dimension() {
                return 1;
            }

            @Override
            public TaskGenerator restart(moecl.rng.RandomSource perRound) {
                return this;
            }
        };
        Expert expert = task -> new LearnReport(0, 0);
        Router router = new Router() {
            @Override
            public Decision route(Task task) {
                return Decision.of(0);
            }

            @Override
            public void learn(Task task, Decision decision, LearnReport report) {
            }

            @Override
            public Map<String, Object> diagnostics() {
                return Map.of("obj", new Object());
            }
        };
        RunFailedException e = assertThrows(RunFailedException.class, () -> RunEngine.run(gen,
                new Expert[] {expert}, router, null, 5, RunEngine.Progress.NONE));
        assertEquals("router", e.component());
        assertEquals(5, e.round());
        assertTrue(e.getMessage().contains("diagnostics()[\"obj\"] is a java.lang.Object"), e.getMessage());
    }
}
