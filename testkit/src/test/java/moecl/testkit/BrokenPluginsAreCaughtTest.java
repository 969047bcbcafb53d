package moecl.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import moecl.plugin.PluginFactory;

/**
 * Each deliberately broken plugin of {@link Broken} is caught by the rule it breaks, with a message that names the
 * plugin, the rule and what happened.
 */
class BrokenPluginsAreCaughtTest {

    /** Verifies and returns the violation, checking that it names the rule and the plugin. */
    private static ContractViolation caught(PluginFactory<?> f, Rule rule, String plugin) {
        return caught(PluginContract.of(f), rule, plugin);
    }

    private static ContractViolation caught(PluginContract c, Rule rule, String plugin) {
        ContractViolation v = assertThrows(ContractViolation.class, c::verify);
        assertEquals(rule, v.rule(), v.getMessage());
        assertTrue(v.getMessage().startsWith(plugin + " violates " + rule.label() + ": "), v.getMessage());
        return v;
    }

    private static void contains(ContractViolation v, String... parts) {
        for (String p : parts) {
            assertTrue(v.getMessage().contains(p), "'" + p + "' in: " + v.getMessage());
        }
    }

    @Test
    void aDefaultOutsideItsRange() {
        ContractViolation v = caught(Broken.defaultOutOfRange(), Rule.DESCRIPTOR, "router 'badDefault'");
        contains(v, "parameter 'eta' has the default 2.0, outside its own range (0, 1]");
    }

    @Test
    void aParameterNamedTwice() {
        contains(caught(Broken.duplicateName(), Rule.DESCRIPTOR, "router 'twice'"),
                "parameter 'eta' is declared twice");
    }

    @Test
    void aParameterWithoutDoc() {
        contains(caught(Broken.undocumented(), Rule.DESCRIPTOR, "router 'nodoc'"), "parameter 'eta' has no doc");
    }

    @Test
    void aDescriptorOfAnotherKind() {
        contains(caught(Broken.wrongKind(), Rule.DESCRIPTOR, "router 'confused'"),
                "its descriptor says it is an expert, but the factory is a RouterFactory");
    }

    @Test
    void aRouterThatChoosesAnExpertPastTheLast() {
        ContractViolation v = caught(Broken.outOfRange(), Rule.DECISIONS_IN_RANGE, "router 'overshoot'");
        contains(v, "at round 5 it chose expert 3, but there are 3 experts (0..2)", "M=3, T=40, seed 42");
    }

    @Test
    void aRouterWhoseProbabilitiesDoNotAddUpToOne() {
        contains(caught(Broken.badProbabilities(), Rule.DECISIONS_IN_RANGE, "router 'twice-sure'"),
                "at round 1 the probabilities add up to 2.0, not 1");
    }

    @Test
    void aRouterThatIsNotDeterministic() {
        ContractViolation v = caught(Broken.notDeterministic(), Rule.DETERMINISM, "router 'dice'");
        contains(v, "two runs with seed 42, each built anew, differ: round ", "chosen expert");
    }

    /** A run records the router's diagnostics as JSON: a review found an object there failing the whole command. */
    @Test
    void aRouterWhoseDiagnosticsAreNotJson() {
        contains(caught(Broken.diagnosticsNotJson(), Rule.DECISIONS_IN_RANGE, "router 'opaque'"),
                "diagnostics()[\"state\"][1] is a java.lang.Object; allowed: null, booleans, numbers, strings");
    }

    /** ... and two runs with one seed must record the same: a review found a time there. */
    @Test
    void aRouterWhoseDiagnosticsDifferBetweenRuns() {
        contains(caught(Broken.diagnosticsNotDeterministic(), Rule.DETERMINISM, "router 'counter'"),
                "router diagnostics");
    }

    @Test
    void aRouterThatSharesScratchSpaceBetweenRuns() {
        ContractViolation v = caught(Broken.sharedScratch(), Rule.THREAD_INVARIANCE, "router 'scratch'");
        contains(v, "differs when the two go at the same time on two threads from when they go one after the other");
    }

    @Test
    void aRouterThatNormalisesTheGateInputInPlace() {
        ContractViolation v = caught(Broken.mutatesGateInput(), Rule.NO_TASK_MUTATION,
                "router 'normaliser' (in route)");
        contains(v, "the task of round 1 changed: gateInput[0]: ");
    }

    @Test
    void anExpertThatScalesTheTasksX() {
        ContractViolation v = caught(Broken.mutatesX(), Rule.NO_TASK_MUTATION, "expert 'scaler' (in learn)");
        contains(v, "the task of round 1 changed: x[0]: ");
    }

    @Test
    void anExpertWhoseSnapshotIsItsLiveState() {
        ContractViolation v = caught(Broken.liveSnapshot(), Rule.SNAPSHOT_RESTORE, "expert 'forgetful'");
        contains(v, "after restore(snapshot()) its weights are not those at the snapshot: weights[0]: ");
    }

    @Test
    void anExpertWhoseRestoreLosesStateBesideItsWeights() {
        ContractViolation v = caught(Broken.losesCount(), Rule.SNAPSHOT_RESTORE, "expert 'amnesiac'");
        contains(v, "learning the same tasks again after restore(snapshot()) went differently: task 21: moved: ");
    }

    @Test
    void anExpertWithoutSnapshotsIsNotCheckedForThem() {
        ContractReport r = PluginContract.of(Broken.noSnapshots()).check();
        assertEquals(List.of(), r.violations(), r.toString());
        assertEquals("the expert offers no snapshots", r.skipped().get(Rule.SNAPSHOT_RESTORE));
        assertTrue(!r.passed().contains(Rule.SNAPSHOT_RESTORE) && r.passed().contains(Rule.DETERMINISM));
    }

    @Test
    void anExpertThatReportsNaN() {
        ContractViolation v = caught(Broken.reportsNaN(), Rule.FINITE_OUTPUTS, "expert 'tired'");
        contains(v, "the chosen expert reported moved=NaN, loss=0.0");
    }

    @Test
    void aRouterWithNaNProbabilitiesAtTheEdgeOfItsRange() {
        ContractViolation v = caught(Broken.nanAtEdge(), Rule.FINITE_OUTPUTS, "router 'coldstart'");
        contains(v, "at round 1 its probabilities[0] = NaN", "(at temperature=0.0; ");
    }

    @Test
    void aRouterThatThrowsAtTheEdgeOfItsRange() {
        ContractViolation v = caught(Broken.throwsAtEdge(), Rule.EDGE_VALUES, "router 'divider'");
        contains(v, "at k=0 router 'divider' while being built: ArithmeticException: / by zero");
    }

    @Test
    void aRefusalMustBeOneLine() {
        ContractViolation v = caught(Broken.refusesBadly(), Rule.EDGE_VALUES, "router 'chatty'");
        contains(v, "at k=0 it refused to be built with an IllegalArgumentException whose message is not one line");
    }

    @Test
    void aRouterWhoseOwnThreadsParameterChangesResults() {
        contains(caught(Broken.threadsMatter(), Rule.THREAD_INVARIANCE, "router 'threaded'"),
                "its own parameter threads changes the results: round 1: chosen expert: 2 in the run with threads=1, "
                        + "0 in the run with threads=2");
    }

    @Test
    void aRouterThatDoesNotBuildWithItsDefaults() {
        ContractViolation v = caught(Broken.failsAtDefaults(), Rule.DEFAULTS, "router 'unbuilt'");
        contains(v, "router 'unbuilt' while being built: NullPointerException: forgot to set something",
                "with its defaults");
        ContractReport r = PluginContract.of(Broken.failsAtDefaults()).check();
        assertEquals(List.of(Rule.DEFAULTS), r.violations().stream().map(ContractViolation::rule).toList());
        assertEquals("the run with its defaults failed", r.skipped().get(Rule.DETERMINISM));
    }

    @Test
    void aGeneratorWithATypePastTheLast() {
        contains(caught(Broken.typeOutOfRange(), Rule.TASKS_IN_RANGE, "generator 'offbyone'"),
                "the task of round 7 has type 3, but types() is 3 (types 0..2)");
    }

    @Test
    void aGeneratorThatChangesItsWorldWhileItRuns() {
        ContractViolation v = caught(Broken.drifting(), Rule.NO_WORLD_MUTATION, "generator 'drift'");
        contains(v, "the ground truths changed: [0][0]: 1.0 -> ", "a generator's world must stay as it was built");
    }

    @Test
    void severalViolationsAreAllReportedTheFirstByRuleOrder() {
        ContractReport r = PluginContract.of(Broken.undocumented()).check();
        assertEquals(List.of(Rule.DESCRIPTOR), r.violations().stream().map(ContractViolation::rule).toList());
        assertTrue(r.passed().contains(Rule.DECISIONS_IN_RANGE), "a documentation slip does not stop the runs");
    }
}
