/**
 * Reference routers to measure the paper's gate against (paper.md §2–4).
 *
 * <ul>
 *   <li>{@code random}, {@code roundrobin}: routers that ignore the task; they bound from above what a gate that
 *       learns nothing costs in forgetting and generalization error.</li>
 *   <li>{@code oracle}: sends each hidden task type to its own expert; with {@code M ≥ N} it is the perfectly
 *       specialised MoE the paper's Theorem 1 says the gate converges to, i.e. a lower bound on the error.</li>
 *   <li>{@code softmax}: a learned linear softmax gate with top-k routing and the Switch-Transformer
 *       load-balancing loss that never stops learning (the paper's "without termination" regime, Prop. 2).</li>
 *   <li>{@code noisytopk}: Shazeer et al. (2017) noisy top-k gating with importance and load losses.</li>
 * </ul>
 *
 * <p>All routers read only {@link moecl.task.Task#gateInput()} (the oracle also reads the hidden type, by design),
 * the number of experts and the generator's dimension, so they work with any expert and any generator. Random
 * numbers come only from the run's {@code router} stream.
 */
package moecl.baselines;
