/**
 * The test kit's own partner plugins, so that a plugin is tested without the paper's: {@code kit-linear}
 * ({@link moecl.testkit.bundled.LinearTasksFactory}, Gaussian linear tasks with known truths), {@code kit-kaczmarz}
 * ({@link moecl.testkit.bundled.KaczmarzExpertFactory}, a linear expert) and {@code kit-cyclic}
 * ({@link moecl.testkit.bundled.CyclicRouterFactory}, a router that draws nothing).
 */
package moecl.testkit.bundled;
