package moecl.task;

/**
 * One task arrival. The router sees only {@link #gateInput()}; the expert learns from the task's data; the hidden
 * {@link #type()} n_t is there for metrics and oracle baselines only.
 */
@moecl.spi.Stable
public interface Task {

    /** The 1-based round t at which the task arrives. */
    int round();

    /** The hidden task type n_t in {@code 0..N-1}: for metrics and oracles, never for a learning router. */
    int type();

    /**
     * What the gate sees: for linear tasks {@code x̄_t = X_t 1_s}, the sum of the sample columns. Callers must not
     * modify the array.
     */
    double[] gateInput();
}
