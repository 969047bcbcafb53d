package moecl.shell;

/**
 * Turns an interrupt of the current thread into an action. Why: Ctrl-C in the REPL interrupts the thread a command
 * runs on, but guest code in a GraalVM context does not watch Java interrupts; the script host must be told to
 * cancel. A small daemon thread watches the caller's interrupt flag until closed.
 */
public final class Interrupts implements AutoCloseable {

    private final Thread watcher;

    private Interrupts(Thread caller, Runnable action) {
        watcher = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                if (caller.isInterrupted()) {
                    action.run();
                    return;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "moecl-interrupt-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    /** Runs {@code action} once if the calling thread is interrupted before {@link #close()}. */
    public static Interrupts onInterrupt(Runnable action) {
        return new Interrupts(Thread.currentThread(), action);
    }

    @Override
    public void close() {
        watcher.interrupt();
    }
}
