package moecl.shell;

import java.io.PrintWriter;

/**
 * Progress of a long command on stderr: nothing for the first second; then, on a terminal, one line rewritten in
 * place (percentage, rounds per second, ETA); elsewhere a plain line every ten percent. Thread-safe.
 */
final class Progress implements AutoCloseable {

    private final PrintWriter err;
    private final String label;
    private final boolean terminal;
    private final long start = System.nanoTime();
    private long lastPrint;
    private int lastDecile = -1;
    private boolean printed;

    private Progress(PrintWriter err, String label, boolean terminal) {
        this.err = err;
        this.label = label;
        this.terminal = terminal;
    }

    static Progress stderr(PrintWriter err, String label) {
        return new Progress(err, label, System.console() != null && System.console().isTerminal());
    }

    synchronized void update(int done, int total) {
        long now = System.nanoTime();
        double secs = (now - start) / 1e9;
        if (secs < 1.0 || total <= 0) {
            return;
        }
        double frac = (double) done / total;
        double rate = done / secs;
        double eta = rate > 0 ? (total - done) / rate : 0;
        String line = String.format("%s: %3.0f%%  %,.0f rounds/s  ETA %.0fs", label, 100 * frac, rate, eta);
        if (terminal) {
            if (now - lastPrint > 100_000_000L || done == total) {
                err.print("\r" + line + "   ");
                err.flush();
                lastPrint = now;
                printed = true;
            }
        } else {
            int decile = (int) (frac * 10);
            if (decile != lastDecile) {
                err.println(line);
                lastDecile = decile;
            }
        }
    }

    @Override
    public synchronized void close() {
        if (terminal && printed) {
            err.println();
        }
    }
}
