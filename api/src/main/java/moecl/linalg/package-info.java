/**
 * Small numerical helpers shared by api and the plugins: {@link moecl.linalg.Dot} (the generic dot product the
 * kernels' written-out forms match bit for bit) and {@link moecl.linalg.Exp} (a platform-independent exponential for
 * the gate's softmax and the ziggurat). The shape-chosen vector kernels are in {@link moecl.linalg.kernels}; the
 * min-norm solver lives in the paper plugin ({@code moecl.paper.minnorm}), its only user.
 */
package moecl.linalg;
