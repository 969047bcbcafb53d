package moecl.workbench.sweep;

/**
 * The engine can no longer compute runs (every cluster worker gone, this process's member stopped). Like a
 * {@link StoreFailure} it stops the whole sweep and is not any run's fault; what was written stays, and the folder
 * can be resumed (here, or with workers again). Thrown by executors; the sweep adds how many runs are saved.
 */
public final class EngineFailure extends RuntimeException {
    public EngineFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
