package moecl.workbench.sweep;

/**
 * The sweep store could not write (disk full, permission denied, ...). Unlike a failing run this stops the whole
 * sweep; what was written stays, and the folder can be resumed once the cause is fixed.
 */
public final class StoreFailure extends RuntimeException {
    public StoreFailure(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * What a failed write of a run's output means: a cancellation when the writing thread was interrupted (a file
     * channel closes itself under an interrupted thread, so Ctrl-C arriving mid-write surfaces here as
     * {@link java.nio.channels.ClosedByInterruptException}), else a store failure naming the run and the reason.
     */
    static RuntimeException writing(String runId, java.io.IOException e) {
        if (e instanceof java.nio.channels.ClosedByInterruptException) {
            java.util.concurrent.CancellationException c =
                    new java.util.concurrent.CancellationException("cancelled while writing run " + runId);
            c.initCause(e);
            return c;
        }
        return new StoreFailure("cannot write run " + runId + ": " + RunIo.reason(e), e);
    }
}
