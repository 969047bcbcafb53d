package moecl.task;

/**
 * Capability of a task generator whose task types each have a feature direction {@code v_n}: the engine computes a
 * run's expert sets (which experts' gates prefer which types after the freeze) from them.
 */
@moecl.spi.Stable
public interface TypeSignals {

    /** The feature signals {@code v_n} (N × d), in the gate input's coordinates. */
    double[][] signals();
}
