package moecl.shell.repl;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import moecl.spec.Suggest;
import moecl.workbench.sweep.Columns;
import moecl.workbench.sweep.CurveFile;
import moecl.workbench.sweep.RunIndex;

/**
 * The per-round curves of one folder's settings, for one metric: each setting's mean and standard error per round,
 * and the curves of its single runs. Read, in this order, from the setting's {@code curves/setting-K.cols} (a sweep
 * folder whose summary is up to date), from its runs' {@code results/<id>.cols}, or from {@code rounds.csv} (an
 * older run folder). Column files are read block by block and long curves are kept as means of consecutive rounds
 * ({@link #KEEP} points at most), so memory does not grow with the runs' length.
 */
final class SettingCurves {

    /** At most this many points per curve (a chart shows fewer); shorter runs are kept round by round. */
    static final int KEEP = 10_000;
    /** Runs whose column files are kept open together while a mean is computed; more are reopened per block. */
    static final int OPEN_READERS = 64;
    /** Columns of a run's column file that are not metrics. */
    static final List<String> NOT_METRICS = List.of("task", "expert");

    /**
     * A curve over rounds 1..{@code rounds}: {@code values[i]} is the mean over rounds {@code i·step+1 ..
     * (i+1)·step} ({@code NaN} where there is none).
     *
     * @param se standard error per point (null when unknown, e.g. one run)
     * @param n  runs behind it
     */
    record Curve(double[] values, double[] se, int step, long rounds, int n) {
    }

    private final FolderView view;
    private final String metric;
    /** rounds.csv's curves by run index (older folders), read once. */
    private Map<Integer, double[]> csv;

    private SettingCurves(FolderView view, String metric) {
        this.view = view;
        this.metric = metric;
    }

    /** The curves of {@code metric} in {@code view}; an unknown metric fails here, naming the known ones. */
    static SettingCurves of(FolderView view, String metric) {
        SettingCurves c = new SettingCurves(view, metric);
        if (view.kind == FolderView.Kind.OTHER) {
            throw new IllegalArgumentException(view.name() + " has no per-round results (not a run folder)");
        }
        if (view.done == 0) {
            throw new IllegalArgumentException(view.name() + " has no finished runs yet" + (view.kind
                    == FolderView.Kind.SWEEP ? " (resume " + view.name() + " completes it)" : ""));
        }
        if (view.kind == FolderView.Kind.SWEEP) {
            List<String> metrics = metrics(view);
            if (!metrics.contains(metric)) {
                throw new IllegalArgumentException("no metric '" + metric + "' in " + view.name()
                        + Suggest.didYouMean(metric, metrics) + " (metrics: " + String.join(", ", metrics) + ")");
            }
        } else {
            c.csvCurves();
        }
        return c;
    }

    /** The per-round metrics of a folder: the columns of its first finished run (or of rounds.csv). */
    static List<String> metrics(FolderView view) {
        if (view.kind == FolderView.Kind.LEGACY) {
            return RunFolders.metrics(view.folder);
        }
        for (FolderView.Setting s : view.settings) {
            for (FolderView.Member m : s.done()) {
                try (Columns.Reader r = cols(view, m).columns()) {
                    return r.columns().stream().map(Columns.Column::name).filter(n -> !NOT_METRICS.contains(n))
                            .toList();
                }
            }
        }
        return List.of();
    }

    private static RunIndex.Ref cols(FolderView view, FolderView.Member m) {
        RunIndex.Ref ref = view.index == null ? null : view.index.get(m.id());
        if (ref == null) {
            throw new IllegalArgumentException("run " + m.id() + " of " + view.name() + " has no results (the folder "
                    + "changed while it was read; try again)");
        }
        return ref;
    }

    /** The setting's mean curve and its standard error per round. */
    Curve mean(FolderView.Setting s) {
        if (s.done().isEmpty()) {
            throw new IllegalArgumentException("setting " + s.label() + " of " + view.name() + " has no finished runs");
        }
        if (view.kind == FolderView.Kind.LEGACY) {
            return fromCsv(s);
        }
        if (s.curves() != null) {
            Curve c = fromCurveFile(view.folder.resolve(s.curves()), s.n());
            if (c != null) {
                return c;
            }
        }
        return fromResults(s);
    }

    /** The curves of the setting's first {@code max} finished runs, in run order. */
    List<Curve> runs(FolderView.Setting s, int max) {
        List<Curve> out = new ArrayList<>();
        for (FolderView.Member m : s.done().subList(0, Math.min(max, s.n()))) {
            out.add(run(m));
        }
        return out;
    }

    /** One run's curve. */
    Curve run(FolderView.Member m) {
        if (view.kind == FolderView.Kind.LEGACY) {
            double[] v = csvCurves().get(m.run());
            if (v == null) {
                throw new IllegalArgumentException(view.folder.resolve("rounds.csv") + " has no rows of run "
                        + m.run());
            }
            Buckets b = new Buckets(v.length);
            for (int i = 0; i < v.length; i++) {
                b.add(i, v[i]);
            }
            return new Curve(b.values(), null, b.step, v.length, 1);
        }
        RunIndex.Ref f = cols(view, m);
        try (Columns.Reader r = f.columns().verified()) {
            int c = column(r, f);
            Buckets b = new Buckets(r.rows());
            long row = 0;
            for (int k = 0; k < r.blocks(); k++) {
                double[] x = doubles(block(r, k, c));
                for (double v : x) {
                    b.add(row++, v);
                }
            }
            return new Curve(b.values(), null, b.step, r.rows(), 1);
        }
    }

    // ---- sources -------------------------------------------------------------------------------------------------

    /** From {@code curves/setting-K.cols}; null when the file has no column for the metric. */
    private Curve fromCurveFile(Path file, int n) {
        try (Columns.Reader r = new Columns.Reader(file).verified()) {
            Buckets mean = new Buckets(r.rows());
            Buckets se = new Buckets(r.rows());
            boolean[] anySe = {false};
            boolean found = CurveFile.read(r, metric, (row, m, e) -> {
                for (int i = 0; i < m.length; i++) {
                    mean.add(row + i, m[i]);
                    if (e != null) {
                        se.add(row + i, e[i]);
                        anySe[0] |= Double.isFinite(e[i]);
                    }
                }
            });
            return found ? new Curve(mean.values(), anySe[0] ? se.values() : null, mean.step, r.rows(), n) : null;
        }
    }

    /**
     * From the runs' column files: block by block, the runs' values of each round folded in run order (Welford),
     * so only one block per run is in memory.
     */
    private Curve fromResults(FolderView.Setting s) {
        List<RunIndex.Ref> files = s.done().stream().map(m -> cols(view, m)).toList();
        int blocks;
        long rows;
        try (Columns.Reader first = files.get(0).columns()) {
            column(first, files.get(0));
            blocks = first.blocks();
            rows = first.rows();
        }
        Buckets mean = new Buckets(rows);
        Buckets se = new Buckets(rows);
        boolean keepOpen = files.size() <= OPEN_READERS;
        List<Columns.Reader> open = new ArrayList<>();
        try {
            if (keepOpen) {
                for (RunIndex.Ref f : files) {
                    open.add(checked(f.columns().verified(), f, files.get(0), blocks, rows));
                }
            }
            long row = 0;
            int k = 0;
            for (int b = 0; b < blocks; b++) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new java.util.concurrent.CancellationException("cancelled");
                }
                double[] mu = null;
                double[] m2 = null;
                k = 0;
                for (int j = 0; j < files.size(); j++) {
                    RunIndex.Ref f = files.get(j);
                    Columns.Reader r = keepOpen ? open.get(j)
                            : checked(b == 0 ? f.columns().verified() : f.columns(), f, files.get(0), blocks, rows);
                    try {
                        double[] x = doubles(block(r, b, column(r, f)));
                        if (mu == null) {
                            mu = new double[x.length];
                            m2 = new double[x.length];
                        }
                        k++;
                        for (int i = 0; i < x.length; i++) {
                            double d = x[i] - mu[i];
                            mu[i] += d / k;
                            m2[i] += d * (x[i] - mu[i]);
                        }
                    } finally {
                        if (!keepOpen) {
                            r.close();
                        }
                    }
                }
                for (int i = 0; i < mu.length; i++) {
                    mean.add(row + i, mu[i]);
                    if (k > 1) {
                        se.add(row + i, Math.sqrt(m2[i] / (k - 1) / k));
                    }
                }
                row += mu.length;
            }
            return new Curve(mean.values(), k > 1 ? se.values() : null, mean.step, rows, files.size());
        } finally {
            open.forEach(Columns.Reader::close);
        }
    }

    private static Columns.Reader checked(Columns.Reader r, RunIndex.Ref f, RunIndex.Ref first, int blocks,
                                          long rows) {
        if (r.blocks() != blocks || r.rows() != rows) {
            r.close();
            throw new IllegalArgumentException("run " + f.id() + " (" + f.where() + ") holds " + r.rows()
                    + " rounds in " + r.blocks() + " blocks, run " + first.id() + " " + rows + " in " + blocks
                    + ": runs of one setting must have the same length");
        }
        return r;
    }

    /** From rounds.csv (older folders): every run's curve at full length, then the setting's mean and error. */
    private Curve fromCsv(FolderView.Setting s) {
        Map<Integer, double[]> all = csvCurves();
        int len = 0;
        List<double[]> curves = new ArrayList<>();
        for (FolderView.Member m : s.done()) {
            double[] v = all.get(m.run());
            if (v != null) {
                curves.add(v);
                len = Math.max(len, v.length);
            }
        }
        if (curves.isEmpty()) {
            throw new IllegalArgumentException(view.folder.resolve("rounds.csv") + " has no rows of setting "
                    + s.label());
        }
        Buckets mean = new Buckets(len);
        Buckets se = new Buckets(len);
        boolean anySe = false;
        for (int i = 0; i < len; i++) {
            double mu = 0;
            double q = 0;
            int k = 0;
            for (double[] v : curves) {
                if (i < v.length && Double.isFinite(v[i])) {
                    k++;
                    double d = v[i] - mu;
                    mu += d / k;
                    q += d * (v[i] - mu);
                }
            }
            mean.add(i, k == 0 ? Double.NaN : mu);
            if (k > 1) {
                se.add(i, Math.sqrt(q / (k - 1) / k));
                anySe = true;
            }
        }
        return new Curve(mean.values(), anySe ? se.values() : null, mean.step, len, curves.size());
    }

    private Map<Integer, double[]> csvCurves() {
        if (csv == null) {
            Map<Integer, double[]> m = new HashMap<>();
            for (RunFolders.RunCurve c : RunFolders.curves(view.folder, metric)) {
                m.put(c.run(), c.values());
            }
            // the summary says how many rounds each run has: fewer rows mean a file cut at a line break
            for (FolderView.Setting st : view.settings) {
                for (FolderView.Member mb : st.done()) {
                    double[] v = m.get(mb.run());
                    long t = mb.record().path("T").asLong(-1);
                    if (v != null && t >= 0 && v.length != t) {
                        throw new IllegalArgumentException("cannot read " + view.folder.resolve("rounds.csv") + ": it "
                                + "holds " + v.length + " rows of run " + mb.run() + ", the summary says T=" + t
                                + " (the file was cut or changed)");
                    }
                }
            }
            csv = m;
        }
        return csv;
    }

    // ---- column files --------------------------------------------------------------------------------------------

    private int column(Columns.Reader r, RunIndex.Ref run) {
        int c = r.columnIndex(metric);
        if (c < 0) {
            throw new IllegalArgumentException("run " + run.id() + " (" + run.where() + ") has no column '" + metric
                    + "'");
        }
        return c;
    }

    private static Object block(Columns.Reader r, int b, int column) {
        boolean[] want = new boolean[r.columns().size()];
        want[column] = true;
        return r.block(b, want)[column];
    }

    /** A column's values as doubles ({@code true} is 1). */
    static double[] doubles(Object column) {
        if (column instanceof double[] d) {
            return d;
        }
        if (column instanceof int[] a) {
            double[] out = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                out[i] = a[i];
            }
            return out;
        }
        if (column instanceof boolean[] a) {
            double[] out = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                out[i] = a[i] ? 1 : 0;
            }
            return out;
        }
        throw new IllegalArgumentException("unexpected column of " + (column == null ? "nothing" : column.getClass()));
    }

    /** Means of {@code step} consecutive rounds, at most {@link #KEEP} of them. */
    static final class Buckets {
        final int step;
        private final double[] sum;
        private final int[] cnt;

        Buckets(long rows) {
            long r = Math.max(0, rows);
            this.step = (int) Math.max(1, (r + KEEP - 1) / KEEP);
            int n = (int) ((r + step - 1) / step);
            sum = new double[n];
            cnt = new int[n];
        }

        void add(long row, double v) {
            int i = (int) (row / step);
            if (i < sum.length && Double.isFinite(v)) {
                sum[i] += v;
                cnt[i]++;
            }
        }

        double[] values() {
            double[] out = new double[sum.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = cnt[i] == 0 ? Double.NaN : sum[i] / cnt[i];
            }
            return out;
        }
    }
}
