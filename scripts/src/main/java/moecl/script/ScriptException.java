package moecl.script;

/**
 * A script failed: the message is one line, {@code FILE:LINE: what happened} where the location is known. The
 * command line prints it after {@code moecl: } and exits with code 2.
 */
public final class ScriptException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean cancelled;
    private final boolean timedOut;
    private final int exitStatus;

    public ScriptException(String message, boolean cancelled, Throwable cause) {
        this(message, cancelled, false, cause);
    }

    /**
     * @param cancelled whether the script was stopped rather than failing
     * @param timedOut  whether what stopped it was its timeout (the first stop request; see {@link #timedOut()})
     */
    public ScriptException(String message, boolean cancelled, boolean timedOut, Throwable cause) {
        super(message.replace('\n', ' ').strip(), cause);
        this.cancelled = cancelled || timedOut;
        this.timedOut = timedOut;
        this.exitStatus = -1;
    }

    /** A script that ended itself with a non-zero status ({@code sys.exit(3)}): the command exits with it. */
    public ScriptException(String message, int exitStatus, Throwable cause) {
        super(message.replace('\n', ' ').strip(), cause);
        this.cancelled = false;
        this.timedOut = false;
        this.exitStatus = exitStatus;
    }

    /** The status the script asked to exit with ({@code sys.exit(n)}, n != 0), or -1 when it failed or was stopped. */
    public int exitStatus() {
        return exitStatus;
    }

    /** Whether the script was stopped (timeout, Ctrl-C, {@link ScriptHost#cancel()}) rather than failing. */
    public boolean cancelled() {
        return cancelled;
    }

    /**
     * Whether the script was stopped by its timeout: the first request to stop it was the timeout's, whatever came
     * after (exit code 2 on the command line, where a Ctrl-C is 130).
     */
    public boolean timedOut() {
        return timedOut;
    }
}
