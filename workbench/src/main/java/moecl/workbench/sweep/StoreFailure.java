package moecl.workbench.sweep;

/**
 * The sweep store could not write (disk full, permission denied, ...). Unlike a failing run this stops the whole
 * sweep; what was written stays, and the folder can be resumed once the cause is fixed.
 */
public final class StoreFailure extends RuntimeException {
    public StoreFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
