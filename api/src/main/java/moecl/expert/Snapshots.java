package moecl.expert;

/**
 * Optional capability of an expert whose state can be copied out and put back (checkpoints, replays, what-if
 * runs). The testkit checks the round trip where it is offered; the engine does not need it.
 */
@moecl.spi.Stable
public interface Snapshots {

    /** A copy of the expert's state: later learning must not change it. */
    Object snapshot();

    /** Restores a state taken with {@link #snapshot()} (of this expert or one built with the same parameters). */
    void restore(Object snapshot);
}
