/**
 * The engine's numerical kernels, chosen once per object by shape ({@link moecl.linalg.kernels.Kernels}): the
 * written-out kernels at the paper's sizes (d = 10, s = 6, r = 6), the wide kernels for large d (eight lanes of
 * fused multiply-adds, on the Vector API when the JVM has {@code jdk.incubator.vector}), and the generic loops
 * that {@code -Dmoecl.kernels=generic} forces everywhere.
 */
package moecl.linalg.kernels;
