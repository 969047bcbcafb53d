/**
 * The paper's min-norm update, {@code w ← w + X (X^T X)^+ (y − X^T w)}: {@link moecl.paper.minnorm.MinNormSolver}
 * (the front the expert calls) tries the unpivoted Cholesky of a {@code SolveKernel} chosen once by shape (the
 * generic loops, {@code SixSolve} written out for s = 6, {@code WideSolve} on the eight lanes of
 * {@link moecl.linalg.kernels.Lanes} for d ≥ 64), then {@code PivotedCholesky} for a rank-deficient X, then
 * {@code JacobiPinv} (numpy's {@code pinv}) for an inconsistent rank-deficient system.
 */
package moecl.paper.minnorm;
