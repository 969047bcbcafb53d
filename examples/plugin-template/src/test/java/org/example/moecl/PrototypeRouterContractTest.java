package org.example.moecl;

import moecl.testkit.PluginContract;
import moecl.testkit.PluginContractTest;

/**
 * The router keeps the plugin contract: one JUnit test per rule (descriptor, defaults and edge values, determinism,
 * thread invariance, no mutation, decisions in range, no NaN), run on the test kit's bundled linear tasks and experts.
 */
class PrototypeRouterContractTest extends PluginContractTest {

    @Override
    protected PluginContract contract() {
        return PluginContract.of(new PrototypeRouterFactory());
    }
}
