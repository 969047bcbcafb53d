package moecl.script;

/**
 * A script failed: the message is one line, {@code FILE:LINE: what happened} where the location is known. The
 * command line prints it after {@code moecl: } and exits with code 2.
 */
public final class ScriptException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean cancelled;

    public ScriptException(String message, boolean cancelled, Throwable cause) {
        super(message.replace('\n', ' ').strip(), cause);
        this.cancelled = cancelled;
    }

    /** Whether the script was stopped (timeout, Ctrl-C, {@link ScriptHost#cancel()}) rather than failing. */
    public boolean cancelled() {
        return cancelled;
    }
}
