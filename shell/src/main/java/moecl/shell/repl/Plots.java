package moecl.shell.repl;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The REPL's charts over finished runs (the list of runs is {@link RunCommands#runs}):
 * {@code plot} (a metric over rounds) and {@code compare} (final metrics side by side, curves overlaid). Both work
 * setting by setting: a setting is a folder's runs that differ only by seed, labelled by the keys that vary across
 * the folder's settings; its line is the mean over its runs ({@code band}: with a ±1.96·se band in the files;
 * {@code seeds}: with its runs as thin lines). Charts go to the terminal and, drawn by JFreeChart, to PNG and SVG
 * files: into the run folder when one folder is plotted, else into {@code plots/} under the runs root.
 */
final class Plots {

    /** At most this many lines on one chart. */
    static final int MAX_SERIES = 12;
    static final int CHART_HEIGHT = 14;

    private Plots() {
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

    /** What follows a metric in {@code plot} and the run ids in {@code compare}: options and run ids. */
    record Options(boolean band, boolean seeds, String metric, List<String> ids) {
        static Options parse(List<String> args, boolean metricOption) {
            boolean band = false;
            boolean seeds = false;
            String metric = null;
            List<String> ids = new ArrayList<>();
            for (String a : args) {
                switch (a) {
                    case "band", "--band" -> band = true;
                    case "seeds", "--seeds" -> seeds = true;
                    default -> {
                        if (metricOption && a.startsWith("metric=")) {
                            metric = a.substring("metric=".length());
                        } else if (a.startsWith("-")) {
                            throw new IllegalArgumentException("unknown option '" + a + "' (options: band, seeds"
                                    + (metricOption ? ", metric=NAME" : "") + ")");
                        } else {
                            ids.add(a);
                        }
                    }
                }
            }
            return new Options(band, seeds, metric, ids);
        }
    }

    static void plot(Repl repl, List<String> args, String rest) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("usage: plot METRIC [RUN...] [band] [seeds] (metrics: "
                    + String.join(", ", metricNames(repl)) + ")");
        }
        String metric = args.get(0);
        if (List.of("band", "seeds").contains(metric) || metric.startsWith("-")) {
            throw new IllegalArgumentException("usage: plot METRIC [RUN...] [band] [seeds]: the metric comes first "
                    + "(metrics: " + String.join(", ", metricNames(repl)) + ")");
        }
        Options o = Options.parse(args.subList(1, args.size()), false);
        List<FolderView> views = views(repl, o.ids());
        Lines lines = new Lines();
        for (FolderView v : views) {
            lines.folder(v, metric, views.size() > 1, o);
        }
        List<Series> series = lines.capped(repl);
        String title = metric + " — " + (views.size() == 1 ? views.get(0).name() : views.size() + " run folders")
                + (lines.banded ? " (mean ± 1.96·se)" : "");
        draw(repl, title, metric, series);
        lines.notes.forEach(repl.out()::println);
        if (lines.banded) {
            repl.out().println("(the ±1.96·se band is drawn in the PNG and SVG files)");
        }
        String suffix = (o.band() ? "-band" : "") + (o.seeds() ? "-seeds" : "");
        Path dir = views.size() == 1 ? views.get(0).folder : repl.session().runsRoot().resolve("plots");
        String base = views.size() == 1 ? "plot-" + safe(metric) + suffix : stamp() + "-" + safe(metric) + suffix;
        written(repl, ChartFiles.write(dir, base, title, metric, series));
    }

    static void compare(Repl repl, List<String> args, String rest) {
        Options o = Options.parse(args, true);
        if (o.ids().isEmpty()) {
            throw new IllegalArgumentException("usage: compare RUN RUN... [metric=NAME] [band] [seeds] (see: runs)");
        }
        List<FolderView> views = views(repl, o.ids());
        int settings = views.stream().mapToInt(v -> v.settings.size()).sum();
        if (views.size() < 2 && settings < 2) {
            throw new IllegalArgumentException("usage: compare RUN RUN... [metric=NAME] [band] [seeds]: "
                    + views.get(0).name() + " alone has a single setting (see: runs)");
        }
        for (FolderView v : views) {
            if (v.kind == FolderView.Kind.OTHER) {
                throw new IllegalArgumentException(v.name() + " has no run results to compare (not a run folder)");
            }
        }
        Set<String> names = new LinkedHashSet<>();
        views.forEach(v -> names.addAll(v.metrics));
        repl.out().print(table(views, new ArrayList<>(names)));
        String metric = o.metric() != null ? o.metric() : names.isEmpty() ? "F" : names.iterator().next();
        Lines lines = new Lines();
        for (FolderView v : views) {
            lines.folder(v, metric, views.size() > 1, o);
        }
        List<Series> series = lines.capped(repl);
        String title = metric + " — compare " + (views.size() == 1 ? views.get(0).name() : views.size()
                + " run folders") + (lines.banded ? " (mean ± 1.96·se)" : "");
        draw(repl, title, metric, series);
        lines.notes.forEach(repl.out()::println);
        written(repl, ChartFiles.write(repl.session().runsRoot().resolve("plots"),
                stamp() + "-compare-" + safe(metric), title, metric, series));
    }

    /** Longest setting label in the compare table (longer ones lose their middle). */
    static final int TABLE_LABEL = 64;

    /**
     * The compare table: per folder a heading line, then one row per setting with n, and for each final metric the
     * mean ± standard error and the median over the setting's runs, and the mean freeze round.
     */
    static String table(List<FolderView> views, List<String> metrics) {
        int w = 8;
        for (FolderView v : views) {
            for (FolderView.Setting s : v.settings) {
                w = Math.min(TABLE_LABEL, Math.max(w, s.label().length()));
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append("final metrics per setting: mean ± standard error over its runs, and median\n");
        sb.append(String.format("  %-" + w + "s %7s", "setting", "n"));
        for (String m : metrics) {
            sb.append(String.format("  %-23s %10s", m + " mean ± se", m + " median"));
        }
        sb.append("  freeze round\n");
        for (FolderView v : views) {
            sb.append(v.name()).append(" (").append(status(v)).append(")\n");
            for (FolderView.Setting s : v.settings) {
                String n = s.n() == s.planned() ? Integer.toString(s.n()) : s.n() + "/" + s.planned();
                sb.append(String.format("  %-" + w + "s %7s", RunFolders.clip(s.label(), w), n));
                for (String m : metrics) {
                    FolderView.Stat x = s.finals().get(m);
                    if (x == null) {
                        sb.append(String.format("  %-23s %10s", "-", "-"));
                    } else {
                        sb.append(String.format("  %-23s %10s", num(x.mean()) + " ± " + (x.se() == null ? "-"
                                : num(x.se())), num(x.median())));
                    }
                }
                String freeze = "-";
                if (s.frozen() > 0 && s.freezeMean() != null) {
                    freeze = String.format("%.0f", s.freezeMean()) + (s.frozen() < s.n() ? " (" + s.frozen() + " of "
                            + s.n() + " froze)" : "");
                }
                sb.append("  ").append(freeze).append('\n');
            }
        }
        return sb.toString();
    }

    /** {@code complete, 12 runs}, {@code incomplete: 11 of 12 runs, 1 failed; resume NAME}, ... */
    static String status(FolderView v) {
        String runs = v.done + " run" + (v.done == 1 ? "" : "s");
        String failed = v.failed > 0 ? ", " + v.failed + " failed" : "";
        if (v.kind == FolderView.Kind.LEGACY) {
            return "older run folder, " + runs;
        }
        if (v.busy) {
            return "in progress: " + v.done + " of " + v.planned + " runs" + failed;
        }
        if (!v.complete()) {
            return "incomplete: " + v.done + " of " + v.planned + " runs" + failed + "; resume " + v.name();
        }
        return (v.settings.size() == 1 ? "" : v.settings.size() + " settings, ") + runs;
    }

    /** A number for a table: 5 decimals, or 4 significant digits when small. */
    static String num(double v) {
        if (!Double.isFinite(v)) {
            return "-";
        }
        double a = Math.abs(v);
        return a != 0 && a < 1e-3 ? String.format("%.3e", v) : String.format("%.5f", v);
    }

    /** Per-seed thin lines drawn under a setting's mean, at most this many per setting and in all. */
    static final int MAX_SEEDS_PER_SETTING = 5;
    static final int MAX_THIN = 40;
    static final double Z95 = 1.96;

    /** The lines of a chart, folder by folder, with the notes to print under it. */
    static final class Lines {
        final List<Series> series = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
        private final Set<String> names = new java.util.HashSet<>();
        int lines;
        int thin;
        boolean banded;

        /**
         * Adds a folder's lines: one per setting (its mean over seeds, a band when asked, its runs as thin lines
         * when asked); an older folder of a single run keeps its line as before.
         */
        void folder(FolderView v, String metric, boolean prefixFolder, Options o) {
            if (v.kind == FolderView.Kind.LEGACY && v.done == 1 && !o.band()) {
                legacyRun(v, metric, prefixFolder);
                return;
            }
            SettingCurves curves = SettingCurves.of(v, metric);
            String prefix = prefixFolder ? v.name() + ": " : "";
            if (!v.complete()) {
                notes.add("(" + v.name() + ": " + status(v) + ")");
            }
            for (FolderView.Setting s : v.settings) {
                if (s.n() == 0) {
                    notes.add("(" + prefix + s.label() + ": no finished runs)");
                    continue;
                }
                SettingCurves.Curve c = curves.mean(s);
                String name = prefix + s.label();
                if (!names.add(name)) {
                    // labels of settings are distinct by construction; a hand-edited plan may not be
                    name = name + " [setting " + s.index() + "]";
                    names.add(name);
                }
                String label = name + (s.n() == 1 ? " seed " + s.done().get(0).seed()
                        : " (mean of " + s.n() + (s.n() < s.planned() ? ", " + s.planned() + " planned" : "") + ")");
                double[] lower = null;
                double[] upper = null;
                if (o.band() && c.se() != null) {
                    lower = new double[c.values().length];
                    upper = new double[c.values().length];
                    for (int i = 0; i < lower.length; i++) {
                        double se = c.se()[i];
                        lower[i] = Double.isFinite(se) ? c.values()[i] - Z95 * se : Double.NaN;
                        upper[i] = Double.isFinite(se) ? c.values()[i] + Z95 * se : Double.NaN;
                    }
                    banded = true;
                }
                int group = lines++;
                series.add(new Series(label, c.values(), lower, upper, c.step(), c.rounds(), -1, false));
                if (o.seeds() && s.n() > 1 && group < MAX_SERIES) {
                    int k = Math.min(MAX_SEEDS_PER_SETTING, MAX_THIN - thin);
                    if (k < s.n()) {
                        notes.add("(" + prefix + s.label() + ": " + Math.max(0, k) + " of its " + s.n()
                                + " runs drawn as thin lines)");
                    }
                    if (k > 0) {
                        List<SettingCurves.Curve> runs = curves.runs(s, k);
                        for (int i = 0; i < runs.size(); i++) {
                            SettingCurves.Curve r = runs.get(i);
                            series.add(new Series(name + " seed " + s.done().get(i).seed(), r.values(),
                                    null, null, r.step(), r.rounds(), group, true));
                            thin++;
                        }
                    }
                }
            }
        }

        /** An older folder of a single run: its line as before ({@code M=5 seed 1}, or the folder's name). */
        private void legacyRun(FolderView v, String metric, boolean prefixFolder) {
            List<RunFolders.RunCurve> runs = RunFolders.curves(v.folder, metric);
            if (runs.isEmpty()) {
                throw new IllegalArgumentException("cannot read " + v.folder.resolve("rounds.csv") + ": it has no rows");
            }
            RunFolders.RunCurve c = runs.get(0);
            series.add(new Series(prefixFolder ? v.name() : label(c, true), c.values()));
            lines++;
        }

        /** At most {@link #MAX_SERIES} lines (and the thin lines of those). */
        List<Series> capped(Repl repl) {
            if (lines <= MAX_SERIES) {
                return series;
            }
            repl.out().println("(" + lines + " lines; showing the first " + MAX_SERIES + ")");
            List<Series> out = new ArrayList<>();
            int seen = 0;
            for (Series s : series) {
                if (s.thin() ? s.group() < MAX_SERIES : seen++ < MAX_SERIES) {
                    out.add(s);
                }
            }
            return out;
        }
    }

    /** The folders of the run ids (default: the last), each once, read setting by setting. */
    private static List<FolderView> views(Repl repl, List<String> ids) {
        List<FolderView> out = new ArrayList<>();
        Set<Path> seen = new LinkedHashSet<>();
        for (Path f : folders(repl, ids)) {
            if (seen.add(f.toAbsolutePath().normalize())) {
                out.add(FolderView.read(f));
            }
        }
        return out;
    }

    private static List<Path> folders(Repl repl, List<String> ids) {
        List<Path> out = new ArrayList<>();
        for (String id : ids.isEmpty() ? List.of("last") : ids) {
            out.add(RunFolders.resolve(repl.session(), id));
        }
        return out;
    }

    static String label(RunFolders.RunCurve c, boolean withSeed) {
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
