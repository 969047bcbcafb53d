/**
 * The engine's vector kernels, chosen once per object by shape ({@link moecl.linalg.kernels.Kernels}): the
 * written-out kernels at the paper's sizes (n = 10, n = 6), the wide kernels for large n (eight lanes of fused
 * multiply-adds, on the Vector API when the JVM has {@code jdk.incubator.vector}), and the generic loops that
 * {@code -Dmoecl.kernels=generic} forces everywhere.
 *
 * <p>A plugin author finds here {@link moecl.linalg.kernels.VecKernel} (dot products, distances, labels of a task:
 * api's tasks and metrics and the plugins' routers and generators use it) and the property {@code moecl.kernels}
 * that every kernel choice in the project follows ({@link moecl.linalg.kernels.Kernels#mode()}). The eight lanes
 * ({@link moecl.linalg.kernels.Lanes}) are public although only the paper plugin's wide min-norm solve uses their
 * Gram matrix and {@code X c}: the Vector API code is compiled against {@code jdk.incubator.vector} in this module
 * only, warms up once per JVM, and is checked bit for bit against its scalar mirror here (KernelsTest); splitting
 * the lanes between two modules would split that pair.
 */
package moecl.linalg.kernels;
