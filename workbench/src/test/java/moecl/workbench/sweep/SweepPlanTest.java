package moecl.workbench.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import moecl.engine.RunSpec;
import moecl.plugin.Registry;
import moecl.rng.RngKind;
import moecl.workbench.Presets;
import moecl.workbench.RunRequest;

/** A fresh plan is the plan a resume reads back from {@code sweep.json}, run for run. */
class SweepPlanTest {

    private static void assertSamePlan(SweepPlan a, SweepPlan b) {
        assertEquals(a.toJson(), b.toJson());
        assertEquals(a.runs().size(), b.runs().size());
        for (int i = 0; i < a.runs().size(); i++) {
            SweepPlan.Run x = a.runs().get(i);
            SweepPlan.Run y = b.runs().get(i);
            assertEquals(y, x, "run " + i);
            assertEquals(y.spec().tasks().toSpecText(), x.spec().tasks().toSpecText());
            assertEquals(y.spec().router().toSpecText(), x.spec().router().toSpecText());
        }
        assertEquals(b.settings(), a.settings());
    }

    @Test
    void aFreshPlanIsWhatItsJsonReadsBackAs() {
        Registry reg = Registry.standard();
        List<List<RunSpec>> requests = new ArrayList<>();
        requests.add(Presets.fig2(List.of(1L, 2L, 3L), RngKind.FAST, 50));
        requests.add(Presets.fig2(List.of(7L), RngKind.NUMPY_LEGACY, 50));
        requests.add(new RunRequest().setAll(List.of("router=[paper, paper(stop=never), paper(eta=0.1)]",
                "tasks=[clusters, gaussian(d=12, s=4, N=3)]", "M=[2,3]", "T=40")).expand(List.of(1L, 2L),
                Map.of()));
        for (List<RunSpec> specs : requests) {
            for (boolean theory : new boolean[] {false, true}) {
                SweepPlan fresh = SweepPlan.of(reg, specs, theory);
                SweepPlan read = SweepPlan.fromJson(RunIo.JSON.valueToTree(fresh.toJson()));
                assertSamePlan(fresh, read);
                // the fresh plan's specs are parsed again from their texts, not the request's objects
                assertNotSame(specs.get(0).router(), fresh.runs().get(0).spec().router());
            }
        }
    }
}
