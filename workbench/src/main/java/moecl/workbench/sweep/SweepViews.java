package moecl.workbench.sweep;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The views of a sweep folder, rebuilt from its results alone (so a resumed sweep's views are byte-identical to an
 * uninterrupted one's): {@code summary.json} (every finished run, every failure, and per setting n, mean,
 * standard error and median of each final metric), {@code rounds.csv} (one row per round per run, the same columns
 * as ever) and {@code curves/setting-K.cols} (each setting's mean curve and its standard error per round). All are
 * written atomically and read the column files block by block, so memory does not grow with the sweep.
 */
public final class SweepViews {

    /** rounds.csv is written by default up to this many rows. */
    public static final long CSV_ROWS_DEFAULT_LIMIT = 10_000_000L;

    /** When rounds.csv is written. */
    public enum Rounds {
        /** up to {@link #CSV_ROWS_DEFAULT_LIMIT} rows */
        AUTO,
        /** always */
        CSV,
        /** never (moecl export writes it later) */
        NONE;

        public static Rounds parse(String s) {
            return switch (s == null ? "auto" : s) {
                case "auto" -> AUTO;
                case "csv" -> CSV;
                case "none" -> NONE;
                default -> throw new IllegalArgumentException("--rounds " + s + " is not allowed; allowed: csv, none, "
                        + "auto (csv up to " + CSV_ROWS_DEFAULT_LIMIT + " rows)");
            };
        }
    }

    /** Curves written from {@link CurveAccumulator}'s memory rather than the files (tests check it is used). */
    static final java.util.concurrent.atomic.LongAdder CURVES_FROM_MEMORY = new java.util.concurrent.atomic.LongAdder();

    /** The per-round columns every rounds.csv starts with. */
    public static final List<String> FIXED = List.of("run", "seed", "variant", "M", "t", "task", "expert");

    private SweepViews() {
    }

    /** The finished runs' records, by index (null where not done). */
    public static JsonNode[] records(SweepStore store) {
        JsonNode[] out = new JsonNode[store.plan().runs().size()];
        store.plan().runs().parallelStream().filter(r -> store.isDone(r.index()))
                .forEach(r -> out[r.index()] = store.record(r.index()));
        return out;
    }

    /** Metric names over the finished runs, in first-seen order. */
    public static List<String> metricNames(JsonNode[] records) {
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode r : records) {
            if (r != null) {
                r.path("final").fieldNames().forEachRemaining(names::add);
            }
        }
        return new ArrayList<>(names);
    }

    /** Writes every view; returns whether rounds.csv was written. */
    public static boolean write(SweepStore store, JsonNode[] records, Rounds rounds) {
        Path folder = store.folder();
        RunIo.writeAtomically(folder.resolve("summary.json"),
                out -> RunIo.PRETTY.writeValue(out, summary(store, records)));
        writeCurves(store, records);
        boolean csv = switch (rounds) {
            case CSV -> true;
            case NONE -> false;
            case AUTO -> rows(store, records) <= CSV_ROWS_DEFAULT_LIMIT;
        };
        if (csv) {
            writeCsv(store, records, folder.resolve("rounds.csv"));
        } else {
            try {
                Files.deleteIfExists(folder.resolve("rounds.csv"));
            } catch (IOException e) {
                throw new StoreFailure("cannot remove the old rounds.csv: " + RunIo.reason(e), e);
            }
        }
        return csv;
    }

    static long rows(SweepStore store, JsonNode[] records) {
        long n = 0;
        for (JsonNode r : records) {
            if (r != null) {
                n += r.path("T").asLong();
            }
        }
        return n;
    }

    /** {@code summary.json}: runs, failures, settings with their statistics. */
    public static Map<String, Object> summary(SweepStore store, JsonNode[] records) {
        SweepPlan plan = store.plan();
        Map<String, Object> m = new LinkedHashMap<>();
        List<Object> runs = new ArrayList<>();
        for (JsonNode r : records) {
            if (r != null) {
                runs.add(r);
            }
        }
        m.put("runs", runs);
        List<Object> failed = new ArrayList<>();
        List<Integer> missing = new ArrayList<>();
        for (SweepPlan.Run r : plan.runs()) {
            if (records[r.index()] == null) {
                if (store.failures().containsKey(r.index())) {
                    failed.add(store.failure(r.index()));
                } else {
                    missing.add(r.index());
                }
            }
        }
        m.put("status", failed.isEmpty() && missing.isEmpty() ? "complete" : "incomplete");
        List<Integer> nonFinite = new ArrayList<>();
        for (JsonNode r : records) {
            if (r != null && !nonFinite(r).isEmpty()) {
                nonFinite.add(r.path("run").asInt());
            }
        }
        m.put("nonFinite", nonFinite);
        m.put("planned", plan.runs().size());
        m.put("failed", failed);
        m.put("missing", missing);
        m.put("varying", plan.varying());
        m.put("settings", settings(plan, records));
        return m;
    }

    /**
     * Per setting: label, the varying keys' values, n, and for each final metric n, mean, standard error, median,
     * min and max over the setting's finished runs; the freeze rounds' mean and median; the mean curve's file.
     */
    public static List<Object> settings(SweepPlan plan, JsonNode[] records) {
        List<String> metrics = metricNames(records);
        List<Object> settings = new ArrayList<>();
        for (SweepPlan.Setting s : plan.settings()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("setting", s.index());
            e.put("label", s.label());
            e.put("values", s.values());
            List<JsonNode> done = new ArrayList<>();
            for (int i : s.runs()) {
                if (records[i] != null) {
                    done.add(records[i]);
                }
            }
            e.put("n", done.size());
            e.put("planned", s.runs().size());
            Map<String, Object> stats = new LinkedHashMap<>();
            for (String metric : metrics) {
                double[] v = done.stream().map(r -> r.path("final").path(metric))
                        .filter(JsonNode::isNumber).mapToDouble(JsonNode::asDouble).toArray();
                if (v.length > 0) {
                    stats.put(metric, Stats.of(v).toMap());
                }
            }
            e.put("final", stats);
            double[] fr = done.stream().map(r -> r.path("freezeRound")).filter(JsonNode::isNumber)
                    .mapToDouble(JsonNode::asDouble).toArray();
            Map<String, Object> freeze = new LinkedHashMap<>();
            freeze.put("frozen", fr.length);
            if (fr.length > 0) {
                Stats st = Stats.of(fr);
                freeze.put("mean", st.mean());
                freeze.put("median", st.median());
            }
            e.put("freezeRound", freeze);
            e.put("curves", done.isEmpty() ? null : "curves/setting-" + s.index() + ".cols");
            settings.add(e);
        }
        return settings;
    }

    /**
     * A finished run's final metrics that are NaN or infinite, as {@code F=NaN} (Jackson writes them as strings);
     * empty when all are finite.
     */
    public static List<String> nonFinite(JsonNode record) {
        List<String> bad = new ArrayList<>();
        record.path("final").properties().forEach(e -> {
            JsonNode v = e.getValue();
            if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
                bad.add(e.getKey() + "=" + (v.isNumber() ? Double.toString(v.asDouble()) : v.asText()));
            }
        });
        return bad;
    }

    /** n, mean, standard error (n ≥ 2), median, min, max of a sample. */
    public record Stats(int n, double mean, Double se, double median, double min, double max) {
        public static Stats of(double[] values) {
            double[] v = values.clone();
            int n = v.length;
            double mean = 0;
            for (double x : v) {
                mean += x;
            }
            mean /= n;
            Double se = null;
            if (n > 1) {
                double ss = 0;
                for (double x : v) {
                    ss += (x - mean) * (x - mean);
                }
                se = Math.sqrt(ss / (n - 1) / n);
            }
            Arrays.sort(v);
            double median = n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
            return new Stats(n, mean, se, median, v[0], v[n - 1]);
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("n", n);
            m.put("mean", mean);
            m.put("se", se);
            m.put("median", median);
            m.put("min", min);
            m.put("max", max);
            return m;
        }
    }

    /**
     * Each setting's mean curve and standard error per round, over its finished runs:
     * {@code curves/setting-K.cols} with columns {@code METRIC} and {@code METRIC:se}. Block by block, one run's
     * block in memory at a time.
     */
    static void writeCurves(SweepStore store, JsonNode[] records) {
        Path dir = store.folder().resolve("curves");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StoreFailure("cannot write " + dir + ": " + RunIo.reason(e), e);
        }
        store.plan().settings().parallelStream().forEach(s -> {
            List<SweepPlan.Run> done = new ArrayList<>();
            for (int i : s.runs()) {
                if (records[i] != null) {
                    done.add(store.plan().run(i));
                }
            }
            Path target = CurveFile.of(store.folder(), s.index());
            CurveAccumulator.Curve acc = done.isEmpty() ? null : store.accumulatedCurve(s, i -> records[i] != null);
            if (acc != null) {
                RunIo.writeAtomically(target, out -> writeCurve(acc, out));
                CURVES_FROM_MEMORY.increment();
                return;
            }
            if (done.isEmpty()) {
                try {
                    Files.deleteIfExists(target);
                } catch (IOException e) {
                    throw new StoreFailure("cannot write " + dir + ": " + RunIo.reason(e), e);
                }
                return;
            }
            RunIo.writeAtomically(target, out -> writeCurve(store, done, out));
        });
    }

    private static void writeCurve(SweepStore store, List<SweepPlan.Run> runs, OutputStream out) throws IOException {
        List<String> metrics;
        int blocks;
        long rows;
        try (Columns.Reader first = store.columns(runs.get(0))) {
            metrics = new ArrayList<>();
            for (Columns.Column c : first.columns()) {
                if (UnitRunner.isMetric(c)) {
                    metrics.add(c.name());
                }
            }
            blocks = first.blocks();
            rows = first.rows();
        }
        Columns.Writer w = new Columns.Writer(out, rows, curveLayout(metrics));
        for (int b = 0; b < blocks; b++) {
            int n = -1;
            double[][] mean = null;
            double[][] m2 = null;
            int k = 0;
            for (SweepPlan.Run r : runs) {
                try (Columns.Reader rd = store.columns(r).verified()) { // files users may have damaged
                    if (rd.blocks() != blocks || rd.rows() != rows) {
                        throw new IllegalStateException("run " + r.index() + " has a different block layout");
                    }
                    if (n < 0) {
                        n = rd.blockRows(b);
                        mean = new double[metrics.size()][n];
                        m2 = new double[metrics.size()][n];
                    }
                    boolean[] want = new boolean[rd.columns().size()];
                    int[] at = new int[metrics.size()];
                    for (int c = 0; c < metrics.size(); c++) {
                        at[c] = rd.columnIndex(metrics.get(c));
                        if (at[c] >= 0) {
                            want[at[c]] = true;
                        }
                    }
                    Object[] vals = rd.block(b, want);
                    k++;
                    for (int c = 0; c < metrics.size(); c++) {
                        if (at[c] >= 0) {
                            welford((double[]) vals[at[c]], mean[c], m2[c], n, k);
                        }
                    }
                }
            }
            curveBlock(w, n, k, mean, m2);
        }
        w.close();
    }

    /** An accumulated curve ({@link CurveAccumulator}): one block, as {@link #writeCurve} writes it from the files. */
    private static void writeCurve(CurveAccumulator.Curve c, OutputStream out) throws IOException {
        Columns.Writer w = new Columns.Writer(out, c.rows(), curveLayout(c.metrics()));
        curveBlock(w, c.rows(), c.k(), c.mean(), c.m2());
        w.close();
    }

    private static List<Columns.Column> curveLayout(List<String> metrics) {
        List<Columns.Column> layout = new ArrayList<>();
        for (String m : metrics) {
            layout.add(new Columns.Column(m, Columns.Type.F64));
            layout.add(new Columns.Column(m + CurveFile.SE, Columns.Type.F64));
        }
        return layout;
    }

    private static void curveBlock(Columns.Writer w, int n, int k, double[][] mean, double[][] m2)
            throws IOException {
        Object[] values = new Object[2 * mean.length];
        for (int c = 0; c < mean.length; c++) {
            double[] se = new double[n];
            for (int i = 0; i < n; i++) {
                se[i] = k > 1 ? Math.sqrt(m2[c][i] / (k - 1) / k) : Double.NaN;
            }
            values[2 * c] = mean[c];
            values[2 * c + 1] = se;
        }
        w.block(n, values);
    }

    /**
     * Welford's update of a curve's means {@code mu} and sums of squared deviations {@code q} with the {@code k}-th
     * run's values {@code x} (first n), element by element. The one place this arithmetic lives: the curves from the
     * files and the ones accumulated during a sweep must agree bit for bit.
     */
    static void welford(double[] x, double[] mu, double[] q, int n, int k) {
        for (int i = 0; i < n; i++) {
            double d = x[i] - mu[i];
            mu[i] += d / k;
            q[i] += d * (x[i] - mu[i]);
        }
    }

    /** Writes {@code rounds.csv} (finished runs in run order) to {@code target}, atomically. */
    public static void writeCsv(SweepStore store, JsonNode[] records, Path target) {
        List<String> metrics = metricNames(records);
        RunIo.writeAtomically(target, os -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8), 1 << 16);
            StringBuilder sb = new StringBuilder(1 << 17);
            sb.append(String.join(",", FIXED));
            for (String m : metrics) {
                sb.append(',').append(m);
            }
            sb.append(",frozen,moved\n");
            for (SweepPlan.Run run : store.plan().runs()) {
                if (records[run.index()] == null) {
                    continue;
                }
                if (Thread.currentThread().isInterrupted()) {
                    throw new java.util.concurrent.CancellationException("cancelled");
                }
                String prefix = run.index() + "," + run.spec().seed() + ","
                        + run.spec().labels().getOrDefault("variant", "") + "," + run.spec().m() + ",";
                try (Columns.Reader rd = store.columns(run).verified()) {
                    int[] at = new int[metrics.size()];
                    for (int c = 0; c < metrics.size(); c++) {
                        at[c] = rd.columnIndex(metrics.get(c));
                    }
                    int cTask = rd.columnIndex("task");
                    int cExpert = rd.columnIndex("expert");
                    int cFrozen = rd.columnIndex("frozen");
                    int cMoved = rd.columnIndex("moved");
                    long t = 0;
                    for (int b = 0; b < rd.blocks(); b++) {
                        Object[] v = rd.block(b, null);
                        int[] task = (int[]) v[cTask];
                        int[] expert = (int[]) v[cExpert];
                        boolean[] frozen = (boolean[]) v[cFrozen];
                        double[] moved = (double[]) v[cMoved];
                        for (int i = 0; i < task.length; i++) {
                            sb.append(prefix).append(++t).append(',').append(task[i]).append(',').append(expert[i]);
                            for (int c = 0; c < at.length; c++) {
                                sb.append(',');
                                if (at[c] >= 0) {
                                    sb.append(((double[]) v[at[c]])[i]);
                                }
                            }
                            sb.append(',').append(frozen[i] ? 1 : 0).append(',').append(moved[i]).append('\n');
                            if (sb.length() > 1 << 16) {
                                w.append(sb);
                                sb.setLength(0);
                            }
                        }
                    }
                }
            }
            w.append(sb);
            w.flush();
        });
    }
}
