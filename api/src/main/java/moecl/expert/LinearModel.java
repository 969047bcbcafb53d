package moecl.expert;

/** An expert with a linear model {@code w ∈ R^d}; linear metrics read its weights. */
@moecl.spi.Stable
public interface LinearModel {

    /** The current weights (a live view: callers must not modify it). */
    double[] weights();
}
