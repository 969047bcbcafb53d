package moecl.shell.repl;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The REPL's commands over finished runs: {@code runs} (what is there), {@code plot} (a metric over rounds) and
 * {@code compare} (final metrics side by side, curves overlaid). Charts go to the terminal and, drawn by
 * JFreeChart, to PNG and SVG files: into the run folder when one folder is plotted, else into {@code plots/}
 * under the runs root.
 */
final class Plots {

    /** Runs of one folder drawn one by one up to this many; more are averaged per configuration. */
    static final int MAX_RUN_SERIES = 6;
    /** At most this many lines on one chart. */
    static final int MAX_SERIES = 12;
    static final int CHART_HEIGHT = 14;

    private Plots() {
    }

    static void runs(Repl repl, List<String> args, String rest) {
        List<Path> all = RunFolders.list(repl.session().runsRoot());
        if (all.isEmpty()) {
            repl.out().println("no run folders under " + repl.session().runsRoot() + " yet (try: run T=500)");
            return;
        }
        int n = args.isEmpty() ? 20 : Integer.parseInt(ReplCommands.one(args, "runs [N]"));
        if (all.size() > n) {
            repl.out().println("(" + (all.size() - n) + " older run folders not shown; runs " + all.size()
                    + " shows all)");
        }
        for (Path p : all.subList(Math.max(0, all.size() - n), all.size())) {
            repl.out().println(RunFolders.summaryLine(p));
        }
    }

    /** Metric names for completion: the last run's columns, else the usual ones. */
    static List<String> metricNames(Repl repl) {
        try {
            List<String> m = RunFolders.metrics(RunFolders.resolve(repl.session(), "last"));
            if (!m.isEmpty()) {
                return m;
            }
        } catch (RuntimeException e) {
            // no runs yet
        }
        return List.of("F", "G", "F_ref", "G_ref");
    }

    static void plot(Repl repl, List<String> args, String rest) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("usage: plot METRIC [RUN...] (metrics: "
                    + String.join(", ", metricNames(repl)) + ")");
        }
        String metric = args.get(0);
        List<Path> folders = folders(repl, args.subList(1, args.size()));
        List<Series> series = new ArrayList<>();
        for (Path f : folders) {
            series.addAll(series(f, metric, folders.size() > 1));
        }
        series = cap(repl, series);
        String title = metric + " — " + (folders.size() == 1 ? folders.get(0).getFileName().toString()
                : folders.size() + " run folders");
        draw(repl, title, metric, series);
        Path dir = folders.size() == 1 ? folders.get(0) : repl.session().runsRoot().resolve("plots");
        String base = folders.size() == 1 ? "plot-" + safe(metric) : stamp() + "-" + safe(metric);
        written(repl, ChartFiles.write(dir, base, title, metric, series));
    }

    static void compare(Repl repl, List<String> args, String rest) {
        String metric = null;
        List<String> ids = new ArrayList<>();
        for (String a : args) {
            if (a.startsWith("metric=")) {
                metric = a.substring("metric=".length());
            } else {
                ids.add(a);
            }
        }
        if (ids.size() < 2) {
            throw new IllegalArgumentException("usage: compare RUN RUN... [metric=NAME] (see: runs)");
        }
        List<Path> folders = folders(repl, ids);
        // final metrics side by side: mean over each folder's runs
        Set<String> names = new LinkedHashSet<>();
        List<Map<String, double[]>> finals = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        List<String> freezes = new ArrayList<>();
        for (Path f : folders) {
            JsonNode runs = RunFolders.json(f.resolve("summary.json")).path("runs");
            Map<String, double[]> fin = RunFolders.finals(runs);
            names.addAll(fin.keySet());
            finals.add(fin);
            counts.add(runs.size());
            List<Double> fr = new ArrayList<>();
            runs.forEach(r -> {
                if (r.path("freezeRound").isNumber()) {
                    fr.add(r.path("freezeRound").asDouble());
                }
            });
            freezes.add(fr.isEmpty() ? "-" : String.format("%.0f", fr.stream().mapToDouble(d -> d).average()
                    .orElse(Double.NaN)));
        }
        int w = 12;
        for (Path f : folders) {
            w = Math.max(w, f.getFileName().toString().length());
        }
        var out = repl.out();
        String fmt = "%-" + (w + 2) + "s";
        out.printf("%-16s", "");
        folders.forEach(f -> out.printf(fmt, f.getFileName()));
        out.println();
        out.printf("%-16s", "runs");
        counts.forEach(c -> out.printf(fmt, c));
        out.println();
        for (String m : names) {
            out.printf("%-16s", m + (counts.stream().anyMatch(c -> c > 1) ? " (mean)" : ""));
            for (Map<String, double[]> fin : finals) {
                double[] v = fin.get(m);
                out.printf(fmt, v == null ? "-" : String.format("%.5f", RunFolders.mean(v)));
            }
            out.println();
        }
        out.printf("%-16s", "freeze round");
        freezes.forEach(fr -> out.printf(fmt, fr));
        out.println();
        if (metric == null) {
            metric = names.isEmpty() ? "F" : names.iterator().next();
        }
        List<Series> series = new ArrayList<>();
        for (Path f : folders) {
            List<RunFolders.RunCurve> curves = RunFolders.curves(f, metric);
            series.add(new Series(f.getFileName().toString() + (curves.size() > 1 ? " (mean of " + curves.size()
                    + ")" : ""), mean(curves)));
        }
        series = cap(repl, series);
        String title = metric + " — compare " + folders.size() + " run folders";
        draw(repl, title, metric, series);
        written(repl, ChartFiles.write(repl.session().runsRoot().resolve("plots"),
                stamp() + "-compare-" + safe(metric), title, metric, series));
    }

    private static List<Path> folders(Repl repl, List<String> ids) {
        List<Path> out = new ArrayList<>();
        for (String id : ids.isEmpty() ? List.of("last") : ids) {
            out.add(RunFolders.resolve(repl.session(), id));
        }
        return out;
    }

    /**
     * The lines for one folder: each run when there are few, else the mean over seeds and repeats of each
     * configuration (variant, M, router, tasks, experts).
     */
    static List<Series> series(Path folder, String metric, boolean prefixFolder) {
        List<RunFolders.RunCurve> curves = RunFolders.curves(folder, metric);
        String prefix = prefixFolder ? folder.getFileName() + " " : "";
        List<Series> out = new ArrayList<>();
        if (curves.size() == 1) {
            out.add(new Series(prefixFolder ? folder.getFileName().toString() : label(curves.get(0), true),
                    curves.get(0).values()));
            return out;
        }
        if (curves.size() <= MAX_RUN_SERIES) {
            for (RunFolders.RunCurve c : curves) {
                out.add(new Series(prefix + "run " + c.run() + " " + label(c, true), c.values()));
            }
            return out;
        }
        Map<Integer, String> configs = RunFolders.routers(folder);
        Map<String, List<RunFolders.RunCurve>> groups = new LinkedHashMap<>();
        Map<String, String> labels = new LinkedHashMap<>();
        for (RunFolders.RunCurve c : curves) {
            String key = c.variant() + "|" + c.m() + "|" + configs.getOrDefault(c.run(), "");
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(c);
            labels.putIfAbsent(key, label(c, false));
        }
        groups.forEach((k, g) -> out.add(new Series(prefix + labels.get(k) + " (mean of " + g.size() + ")",
                mean(g))));
        return out;
    }

    private static String label(RunFolders.RunCurve c, boolean withSeed) {
        StringBuilder sb = new StringBuilder();
        if (!c.variant().isEmpty()) {
            sb.append(c.variant()).append(' ');
        }
        sb.append("M=").append(c.m());
        if (withSeed) {
            sb.append(" seed ").append(c.seed());
        }
        return sb.toString();
    }

    /** The mean curve, round by round, over runs of possibly different lengths. */
    static double[] mean(List<RunFolders.RunCurve> curves) {
        int n = curves.stream().mapToInt(c -> c.values().length).max().orElse(0);
        double[] sum = new double[n];
        int[] cnt = new int[n];
        for (RunFolders.RunCurve c : curves) {
            double[] v = c.values();
            for (int i = 0; i < v.length; i++) {
                if (Double.isFinite(v[i])) {
                    sum[i] += v[i];
                    cnt[i]++;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            sum[i] = cnt[i] == 0 ? Double.NaN : sum[i] / cnt[i];
        }
        return sum;
    }

    private static List<Series> cap(Repl repl, List<Series> series) {
        if (series.size() <= MAX_SERIES) {
            return series;
        }
        repl.out().println("(" + series.size() + " lines; showing the first " + MAX_SERIES + ")");
        return series.subList(0, MAX_SERIES);
    }

    private static void draw(Repl repl, String title, String metric, List<Series> series) {
        int width = Math.max(20, Math.min(100, repl.width() - 16));
        repl.out().print(TerminalChart.render(title, series, width, CHART_HEIGHT, repl.unicode(), repl.colour()));
    }

    private static void written(Repl repl, List<Path> files) {
        repl.out().println("chart: " + String.join(", ", files.stream().map(Path::toString).toList()));
    }

    private static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    private static String stamp() {
        return LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    }
}
