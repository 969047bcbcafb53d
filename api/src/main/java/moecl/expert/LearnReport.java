package moecl.expert;

/**
 * What an expert reports after learning a task.
 *
 * @param moved    how far the expert moved, {@code ‖w_t − w_{t−1}‖} for linear experts (the paper's Δ); neural
 *                 experts report their locality signal here (the test loss on the previous task)
 * @param loss     the training loss after the update ({@code (1/s)‖X^T w − y‖²}; 0 for an exact interpolator)
 */
@moecl.spi.Stable
public record LearnReport(double moved, double loss) {
}
