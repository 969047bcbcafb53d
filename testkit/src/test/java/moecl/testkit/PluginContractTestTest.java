package moecl.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

import moecl.plugin.PluginFactory;
import moecl.testkit.bundled.CyclicRouterFactory;
import moecl.testkit.bundled.LinearTasksFactory;

/** {@link PluginContractTest}: one dynamic test per rule, failing, aborted or passing as the report says. */
class PluginContractTestTest {

    /** Runs the dynamic tests of the contract of {@code f}: test name → "passed", "aborted: ..." or the failure. */
    private static Map<String, String> outcomes(PluginFactory<?> f) {
        PluginContractTest t = new PluginContractTest() {
            @Override
            protected PluginContract contract() {
                return PluginContract.of(f);
            }
        };
        Map<String, String> out = new LinkedHashMap<>();
        for (DynamicTest d : t.pluginContract().toList()) {
            try {
                d.getExecutable().execute();
                out.put(d.getDisplayName(), "passed");
            } catch (TestAbortedException e) {
                out.put(d.getDisplayName(), "aborted: " + e.getMessage());
            } catch (ContractViolation e) {
                out.put(d.getDisplayName(), "failed: " + e.rule());
            } catch (Throwable e) {
                out.put(d.getDisplayName(), "error: " + e);
            }
        }
        return out;
    }

    @Test
    void aGoodRouterPassesOneTestPerRuleOfItsKind() {
        Map<String, String> o = outcomes(new CyclicRouterFactory());
        assertEquals(List.of("descriptor sanity [DESCRIPTOR]", "builds and runs with its defaults [DEFAULTS]",
                "builds and runs at the edge values of its parameters [EDGE_VALUES]",
                "same seed, same bits [DETERMINISM]", "thread-count invariance [THREAD_INVARIANCE]",
                "no mutation of the tasks [NO_TASK_MUTATION]", "no mutation of the world [NO_WORLD_MUTATION]",
                "decisions in range [DECISIONS_IN_RANGE]", "no NaN outputs [FINITE_OUTPUTS]"), List.copyOf(o.keySet()));
        assertTrue(o.values().stream().allMatch("passed"::equals), o.toString());
    }

    @Test
    void aRouterOutOfRangeFailsThatRuleOnly() {
        Map<String, String> o = outcomes(Broken.outOfRange());
        assertEquals("failed: DECISIONS_IN_RANGE", o.get("decisions in range [DECISIONS_IN_RANGE]"));
        // the baseline run broke, so the rules that need further runs were not checked: aborted, not passed
        assertEquals("aborted: Assumption failed: \"same seed, same bits\" [DETERMINISM] not checked: the run with "
                + "its defaults failed", o.get("same seed, same bits [DETERMINISM]"));
        assertEquals("passed", o.get("descriptor sanity [DESCRIPTOR]"));
    }

    @Test
    void anExpertWithoutSnapshotsHasThatTestAborted() {
        Map<String, String> o = outcomes(Broken.noSnapshots());
        assertEquals("aborted: Assumption failed: \"snapshot/restore round trip\" [SNAPSHOT_RESTORE] not checked: "
                + "the expert offers no snapshots", o.get("snapshot/restore round trip [SNAPSHOT_RESTORE]"));
        assertEquals("passed", o.get("same seed, same bits [DETERMINISM]"));
    }

    @Test
    void argumentsThatDoNotBindAreTheTestsErrorNotTheContracts() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PluginContract.of(new CyclicRouterFactory()).with("ofset=1").check());
        assertTrue(e.getMessage().startsWith("PluginContract: the arguments of with (kit-cyclic(ofset=1)) do not "
                + "bind: router 'kit-cyclic' has no parameter 'ofset'"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> PluginContract.of(new LinearTasksFactory()).tasks(new LinearTasksFactory()));
        assertThrows(IllegalArgumentException.class, () -> PluginContract.of(new CyclicRouterFactory()).size(3, 1));
    }

    @Test
    void onlyChecksTheRulesAsked() {
        ContractReport r = PluginContract.of(Broken.notDeterministic()).only(Rule.DESCRIPTOR, Rule.DECISIONS_IN_RANGE)
                .check();
        assertEquals(java.util.EnumSet.of(Rule.DESCRIPTOR, Rule.DECISIONS_IN_RANGE), r.passed());
        assertEquals(List.of(), r.violations());
    }
}
