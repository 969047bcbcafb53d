/**
 * The closed-form theory of forgetting and generalization for minimum-norm linear experts, as
 * {@link moecl.theory.TheoryCurve}s: a single model under uniform arrivals
 * ({@link moecl.theory.UniformArrivalTheory}) or a fixed order ({@link moecl.theory.FixedOrderTheory}); a mixture
 * conditional on a recorded routing ({@link moecl.theory.RoutedMoETheory}, drawn next to a run by
 * {@link moecl.theory.Overlay}). A generator the theory can speak about implements
 * {@link moecl.theory.TheoryWorld} (its {@link moecl.theory.Projection} and a note on how exact it is).
 */
package moecl.theory;
