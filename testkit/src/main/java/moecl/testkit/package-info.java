/**
 * The plugin test kit: the contract every moecl plugin keeps, checked in one call
 * ({@link moecl.testkit.PluginContract#verify}) or as JUnit 5 tests ({@link moecl.testkit.PluginContractTest}, one
 * per {@link moecl.testkit.Rule}). A plugin author's tests use these two; the rest is how they work: the
 * {@link moecl.testkit.Harness} runs test runs the way a sweep does, with the engine's calls checked and recorded
 * ({@link moecl.testkit.GuardedGenerator}, {@link moecl.testkit.RecordingRouter}, {@link moecl.testkit.Trace}),
 * and reports a {@link moecl.testkit.ContractReport} of {@link moecl.testkit.ContractViolation}s.
 */
package moecl.testkit;
