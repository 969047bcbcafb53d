package moecl.testkit;

import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The plugin contract as JUnit 5 tests, one per {@link Rule}: extend it and say which plugin, e.g.
 *
 * <pre>{@code
 * class MyRouterContractTest extends PluginContractTest {
 *     @Override
 *     protected PluginContract contract() {
 *         return PluginContract.of(new MyRouterFactory());
 *     }
 * }
 * }</pre>
 *
 * A violated rule fails its test with the violation's message; a rule that could not be checked (an expert without
 * snapshots, or after the plugin failed to run with its defaults) is reported as aborted, not passed. The contract is
 * checked once, by the first of the tests.
 */
public abstract class PluginContractTest {

    /** The plugin, and its partners and sizes if it needs any: {@code PluginContract.of(new MyRouterFactory())}. */
    protected abstract PluginContract contract();

    /** One test per rule that applies to the plugin. */
    @TestFactory
    public final Stream<DynamicTest> pluginContract() {
        PluginContract c = contract();
        return c.rules().stream().map(rule -> DynamicTest.dynamicTest(rule.title() + " [" + rule.name() + "]",
                () -> c.check().assertRule(rule)));
    }
}
