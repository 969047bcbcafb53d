package moecl.shell;

import java.io.PrintWriter;

/**
 * Progress of a long command on stderr: nothing for the first second; then, on a terminal, one line rewritten in
 * place (a bar, percentage, rounds per second, ETA); elsewhere a plain line every ten percent, so logs and dumb
 * terminals get no cursor movement. Thread-safe: many runs of a sweep report from their own threads.
 */
public final class Progress implements AutoCloseable {

    static final int BAR = 24;

    private final PrintWriter err;
    private final String label;
    private final boolean terminal;
    private final long start = System.nanoTime();
    private long lastPrint;
    private int lastDecile = -1;
    private boolean printed;

    Progress(PrintWriter err, String label, boolean terminal) {
        this.err = err;
        this.label = label;
        this.terminal = terminal;
    }

    static Progress stderr(PrintWriter err, String label) {
        return new Progress(err, label, System.console() != null && System.console().isTerminal());
    }

    public synchronized void update(int done, int total) {
        long now = System.nanoTime();
        double secs = (now - start) / 1e9;
        if (secs < 1.0 || total <= 0) {
            return;
        }
        double frac = (double) done / total;
        if (terminal) {
            if (now - lastPrint > 100_000_000L || done == total) {
                err.print("\r" + label + " " + bar(frac) + " " + stats(frac, done, total, secs) + "   ");
                err.flush();
                lastPrint = now;
                printed = true;
            }
        } else {
            int decile = (int) (frac * 10);
            if (decile != lastDecile) {
                err.println(label + ": " + stats(frac, done, total, secs));
                err.flush();
                lastDecile = decile;
            }
        }
    }

    /** Formatted only when printed: sweeps call {@link #update} thousands of times a second. */
    private static String stats(double frac, int done, int total, double secs) {
        double rate = done / secs;
        double eta = rate > 0 ? (total - done) / rate : 0;
        return String.format("%3.0f%%  %,.0f rounds/s  ETA %s", 100 * frac, rate, duration(eta));
    }

    /** {@code [#########---------------]}: ASCII, so it draws the same on every terminal and font. */
    static String bar(double frac) {
        int filled = (int) Math.round(Math.max(0, Math.min(1, frac)) * BAR);
        return "[" + "#".repeat(filled) + "-".repeat(BAR - filled) + "]";
    }

    /** Seconds as {@code 42s}, {@code 3m05s} or {@code 2h10m}. */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format("%dm%02ds", s / 60, s % 60);
        }
        return String.format("%dh%02dm", s / 3600, (s % 3600) / 60);
    }

    @Override
    public synchronized void close() {
        if (terminal && printed) {
            err.println();
            err.flush();
        }
    }
}
