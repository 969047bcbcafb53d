package moecl.testkit;

import moecl.testkit.bundled.KaczmarzExpertFactory;

/** The way an author uses the kit in JUnit: extend {@link PluginContractTest}, one test per rule. */
class KaczmarzExpertContractTest extends PluginContractTest {

    @Override
    protected PluginContract contract() {
        return PluginContract.of(new KaczmarzExpertFactory());
    }
}
