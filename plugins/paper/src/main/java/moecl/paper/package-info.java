/**
 * The paper's components (paper.md §1–4): the task generators {@code clusters} (the reference scripts' Fig. 2 and
 * Fig. 4/5 tasks over a {@link moecl.paper.ClusterPool}), {@code definition1} and {@code gaussian}, which share
 * {@link moecl.paper.LinearGenerator}; the {@code minnorm} expert ({@link moecl.paper.MinNormExpert}, its update in
 * {@link moecl.paper.minnorm}); and the {@code paper} router ({@link moecl.paper.PaperRouter}: the noisy top-1
 * linear gate, its gradient forms {@link moecl.paper.GradientForm} and stop rules {@link moecl.paper.StopRule}).
 * Each component has its factory here ({@code *Factory}), found by {@link java.util.ServiceLoader}.
 */
package moecl.paper;
