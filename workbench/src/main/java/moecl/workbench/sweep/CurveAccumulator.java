package moecl.workbench.sweep;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Each setting's mean curve, accumulated while its runs finish in this process, so that the views need not read
 * every run's columns back from disk after a fresh sweep ({@code curves/setting-K.cols}: reading, decompressing and
 * unshuffling 8000 runs' columns was the largest part of the work left after {@code repro fig2 --seeds 1..1000}).
 *
 * <p>The arithmetic is the views' own, element for element: Welford's update over the setting's finished runs in
 * run order ({@link SweepViews#welford}). Runs finish out of order on several threads, so a run that arrives before
 * its predecessors waits (its metric columns in memory) until they are in; a failed run is passed over, as the views
 * pass over runs that are not done. The result is therefore bit for bit the one the views compute from the files.
 *
 * <p>A setting drops out (and the views fall back to the files) when anything would make that untrue or memory
 * unbounded: a run of the setting was done before this invocation (a resume), a run's metric names or row count
 * differ from the first one's, a run has more rows than one column-file block, a duplicate arrives, or more than
 * {@link #MAX_WAITING} runs wait. The accumulator also holds at most {@link #MAX_DOUBLES} doubles in all.
 */
final class CurveAccumulator {

    /** Runs of one setting that may wait for a predecessor before the setting drops out. */
    static final int MAX_WAITING = 64;
    /**
     * Doubles (means, sums of squares and waiting columns) held at most, over all settings: 128 MB, or an eighth of
     * the heap when that is less.
     */
    static final long MAX_DOUBLES = Math.min(1L << 24, Runtime.getRuntime().maxMemory() / 8 / Double.BYTES);

    /** A setting's mean curve and sums of squared deviations over {@code k} runs, per metric. */
    record Curve(List<String> metrics, int rows, int k, double[][] mean, double[][] m2) {
    }

    private static final double[][] FAILED = new double[0][];

    private final State[] states;
    private long doubles;

    /**
     * @param plan      the sweep's plan
     * @param doneAlready runs that were finished before this invocation: their settings are left to the views
     */
    CurveAccumulator(SweepPlan plan, java.util.Set<Integer> doneAlready) {
        this.states = new State[plan.settings().size()];
        for (SweepPlan.Setting s : plan.settings()) {
            State st = new State(s.runs());
            for (int i : s.runs()) {
                if (doneAlready.contains(i)) {
                    st.dropped = true;
                    break;
                }
            }
            states[s.index()] = st;
        }
    }

    /**
     * A run finished and was stored for the first time: its metric columns, {@code rows} rows each (read now or
     * copied: the caller may reuse the arrays once this returns).
     */
    void finished(SweepPlan.Run run, List<String> metrics, double[][] cols, int rows) {
        State st = states[run.setting()];
        synchronized (st) {
            if (st.dropped) {
                return;
            }
            if (st.metrics == null) {
                st.metrics = List.copyOf(metrics);
                st.rows = rows;
            } else if (!st.metrics.equals(metrics) || st.rows != rows) {
                drop(st);
                return;
            }
            offer(st, run.index(), cols, (long) metrics.size() * rows);
        }
    }

    /** A run failed (or its columns did not reach this process): the setting's curve goes on without it. */
    void failed(SweepPlan.Run run) {
        State st = states[run.setting()];
        synchronized (st) {
            if (!st.dropped) {
                offer(st, run.index(), FAILED, 0);
            }
        }
    }

    /** A setting's runs are not all seen here (e.g. one ran with more rows than a block): the views read the files. */
    void drop(SweepPlan.Run run) {
        State st = states[run.setting()];
        synchronized (st) {
            drop(st);
        }
    }

    /**
     * The setting's curve if it was accumulated over exactly the runs that are done now ({@code isDone}); null
     * otherwise (the views then read the files).
     */
    Curve curve(SweepPlan.Setting s, java.util.function.IntPredicate isDone) {
        State st = states[s.index()];
        synchronized (st) {
            if (st.dropped || st.pos != st.runs.size() || st.mean == null) {
                return null;
            }
            for (int i : st.runs) {
                if (isDone.test(i) != st.used.contains(i)) {
                    return null;
                }
            }
            return new Curve(st.metrics, st.rows, st.used.size(), st.mean, st.m2);
        }
    }

    private void offer(State st, int index, double[][] cols, long size) {
        if (st.waiting.containsKey(index) || st.used.contains(index)) {
            drop(st); // a second result for one run: leave it to the files
            return;
        }
        if (st.waiting.size() >= MAX_WAITING || !reserve(size)) {
            drop(st);
            return;
        }
        // the caller reuses its arrays for its next run: a run that must wait is copied
        st.waiting.put(index, index == st.runs.get(st.pos) || cols == FAILED ? cols : copy(cols, st.rows));
        st.waitingDoubles += size;
        while (st.pos < st.runs.size() && st.waiting.containsKey(st.runs.get(st.pos))) {
            int i = st.runs.get(st.pos++);
            double[][] x = st.waiting.remove(i);
            if (x == FAILED) {
                continue;
            }
            long n = (long) x.length * st.rows;
            st.waitingDoubles -= n;
            release(n);
            if (st.mean == null) {
                if (!reserve(2 * n)) {
                    drop(st);
                    return;
                }
                st.mean = new double[x.length][st.rows];
                st.m2 = new double[x.length][st.rows];
            }
            st.used.add(i);
            int k = st.used.size(); // the runs taken so far, this one included
            for (int c = 0; c < x.length; c++) {
                SweepViews.welford(x[c], st.mean[c], st.m2[c], st.rows, k);
            }
        }
    }

    private static double[][] copy(double[][] cols, int rows) {
        double[][] c = new double[cols.length][];
        for (int i = 0; i < cols.length; i++) {
            c[i] = java.util.Arrays.copyOf(cols[i], rows);
        }
        return c;
    }

    private synchronized boolean reserve(long n) {
        if (doubles + n > MAX_DOUBLES) {
            return false;
        }
        doubles += n;
        return true;
    }

    private synchronized void release(long n) {
        doubles -= n;
    }

    private void drop(State st) {
        if (st.dropped) {
            return;
        }
        st.dropped = true;
        long n = st.waitingDoubles + (st.mean == null ? 0 : 2L * st.mean.length * st.rows);
        release(n);
        st.waiting.clear();
        st.mean = null;
        st.m2 = null;
    }

    private static final class State {
        final List<Integer> runs;
        final Map<Integer, double[][]> waiting = new HashMap<>();
        final java.util.Set<Integer> used = new java.util.HashSet<>();
        long waitingDoubles;
        boolean dropped;
        List<String> metrics;
        int rows;
        int pos;
        double[][] mean;
        double[][] m2;

        State(List<Integer> runs) {
            this.runs = runs;
        }
    }
}
