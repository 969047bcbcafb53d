package moecl.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Test;

import moecl.plugin.PluginKind;
import moecl.testkit.bundled.CyclicRouterFactory;
import moecl.testkit.bundled.KaczmarzExpertFactory;
import moecl.testkit.bundled.LinearTasksFactory;

/** The kit's own partners keep the contract they check others against. */
class BundledPluginsKeepTheContractTest {

    @Test
    void theBundledGeneratorKeepsEveryRuleOfItsKind() {
        ContractReport r = PluginContract.of(new LinearTasksFactory()).check();
        assertEquals(List.of(), r.violations(), r.toString());
        assertEquals(Rule.forKind(PluginKind.GENERATOR), r.passed(), r.toString());
        assertEquals(List.of("d=1", "d=1000", "s=1", "s=1000", "N=1", "N=100", "norm=0.0", "norm=1000.0", "scale=0.0",
                "scale=1000.0", "signal=0.0", "signal=100.0", "sigma=100.0"), r.edges());
        assertEquals(List.of(), r.refused());
    }

    @Test
    void theBundledExpertKeepsEveryRuleOfItsKindSnapshotsIncluded() {
        ContractReport r = PluginContract.of(new KaczmarzExpertFactory()).check();
        assertEquals(List.of(), r.violations(), r.toString());
        assertEquals(Rule.forKind(PluginKind.EXPERT), r.passed(), r.toString());
        assertTrue(r.passed().contains(Rule.SNAPSHOT_RESTORE));
        assertEquals(List.of("sweeps=100"), r.edges());
    }

    @Test
    void theBundledRouterKeepsEveryRuleOfItsKind() {
        ContractReport r = PluginContract.of(new CyclicRouterFactory()).check();
        assertEquals(List.of(), r.violations(), r.toString());
        assertEquals(Rule.forKind(PluginKind.ROUTER), r.passed(), r.toString());
        assertEquals(EnumSet.of(Rule.DESCRIPTOR, Rule.DEFAULTS, Rule.EDGE_VALUES, Rule.DETERMINISM,
                Rule.THREAD_INVARIANCE, Rule.NO_TASK_MUTATION, Rule.NO_WORLD_MUTATION, Rule.DECISIONS_IN_RANGE,
                Rule.FINITE_OUTPUTS), r.rules());
        assertEquals(List.of("offset=1000"), r.edges());
    }
}
