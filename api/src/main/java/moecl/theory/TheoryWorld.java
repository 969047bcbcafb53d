package moecl.theory;

/**
 * Capability of a task generator the closed-form theory ({@code moecl.theory}) can speak about. A generator without
 * it gets "the closed-form theory does not apply to this task generator".
 */
@moecl.spi.Experimental
public interface TheoryWorld {

    /** What is said of a generator without this capability. */
    String DOES_NOT_APPLY = "the closed-form theory does not apply to this task generator";

    /**
     * The projection factor r of one min-norm update, exact for rotation-invariant features, an approximation
     * otherwise; {@code null} when the theory does not apply. {@link #theoryNote()} says which.
     */
    Projection theoryProjection();

    /** One line on whether and how the theory applies (shown when it does not, or only approximately). */
    String theoryNote();

    /** The world's projection, or null (also for a generator without this capability). */
    static Projection projection(Object generator) {
        return generator instanceof TheoryWorld w ? w.theoryProjection() : null;
    }

    /** The world's theory note. */
    static String note(Object generator) {
        return generator instanceof TheoryWorld w ? w.theoryNote() : DOES_NOT_APPLY;
    }
}
