package moecl.shell.repl;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import moecl.spec.Suggest;
import moecl.spec.Words;

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

    /** What {@code plot} takes after its metrics, for messages and completion. */
    static final String PLOT_OPTIONS = "band, seeds, panels, log, x=FROM..TO, by=KEY, title=\"TEXT\", size=WxH, "
            + "width=COLUMNS, height=ROWS";
    static final String PLOT_USAGE = "plot METRIC[,METRIC...] [RUN...] [band] [seeds] [panels] [log] [x=FROM..TO] "
            + "[by=KEY] [title=\"TEXT\"] [size=WxH] [width=N] [height=N]";

    /** The lines {@code help plot} adds under the usage. */
    static final List<String> HELP = List.of(
            "  METRIC[,METRIC...]  one metric, or several in one chart (plot F,G); panels: one panel per metric",
            "  RUN...              run folders (default: last; see runs), their lines overlaid",
            "  band                the mean ± 1.96 standard errors, shaded in the files",
            "  seeds               each seed's line, thin, in its setting's colour",
            "  log                 a log scale for the values (points at or below 0 are left out)",
            "  x=FROM..TO          only rounds FROM to TO (x=100.. or x=..500 leave one end open)",
            "  by=KEY              one line per value of KEY, pooling the settings that differ in other keys",
            "  title=\"TEXT\"        the chart's title",
            "  size=WxH            the PNG and SVG size in pixels (default " + ChartFiles.WIDTH + "x" + ChartFiles.HEIGHT
                    + ")",
            "  width=N, height=N   the terminal chart's columns and rows (default: the terminal's width, "
                    + CHART_HEIGHT + " rows)",
            "Line k has the same colour in the terminal and in the files. e.g. plot F,G last band x=100..500 log");

    /**
     * The options of {@code plot}: the chart controls and the run ids.
     *
     * @param panels one panel per metric (else all metrics in one chart)
     * @param xFrom  first round shown (1 for all)
     * @param xTo    last round shown ({@link Long#MAX_VALUE} for all)
     * @param by     a key whose values group the settings (one line per value), or null
     * @param title  the chart's title, or null for the usual one
     * @param width  the files' width in pixels
     * @param height the files' height in pixels
     * @param columns the terminal chart's width in columns, or 0 for the terminal's
     * @param rows    the terminal chart's height in rows
     */
    record PlotOptions(boolean band, boolean seeds, boolean panels, boolean log, long xFrom, long xTo, String by,
                       String title, int width, int height, int columns, int rows, List<String> ids) {

        Options lines() {
            return new Options(band, seeds, null, ids);
        }

        static PlotOptions parse(List<String> args) {
            boolean band = false;
            boolean seeds = false;
            boolean panels = false;
            boolean log = false;
            long from = 1;
            long to = Long.MAX_VALUE;
            String by = null;
            String title = null;
            int width = ChartFiles.WIDTH;
            int height = ChartFiles.HEIGHT;
            int columns = 0;
            int rows = CHART_HEIGHT;
            List<String> ids = new ArrayList<>();
            Set<String> seen = new java.util.HashSet<>();
            for (String a : args) {
                String key = a.startsWith("--") ? a.substring(2) : a;
                int eq = key.indexOf('=');
                String name = eq < 0 ? key : key.substring(0, eq);
                String value = eq < 0 ? null : key.substring(eq + 1);
                boolean option = eq >= 0 || a.startsWith("-") || List.of("band", "seeds", "panels", "log")
                        .contains(name);
                if (option && !seen.add(name)) {
                    throw new IllegalArgumentException("plot: " + name + " given twice");
                }
                if (value == null && List.of("x", "by", "title", "size", "width", "height").contains(name)) {
                    throw new IllegalArgumentException("plot: " + name + " needs a value, e.g. " + switch (name) {
                        case "x" -> "x=100..500";
                        case "by" -> "by=M";
                        case "title" -> "title=\"F over rounds\"";
                        case "size" -> "size=1200x800";
                        case "width" -> "width=80";
                        default -> "height=20";
                    } + " (options: " + PLOT_OPTIONS + ")");
                }
                switch (option ? name : "") {
                    case "band" -> band = flag(a, value);
                    case "seeds" -> seeds = flag(a, value);
                    case "panels" -> panels = flag(a, value);
                    case "log" -> log = flag(a, value);
                    case "x" -> {
                        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d*)\\.\\.(\\d*)")
                                .matcher(value);
                        if (!m.matches() || m.group(1).isEmpty() && m.group(2).isEmpty()) {
                            throw new IllegalArgumentException("plot: x takes a range of rounds FROM..TO, e.g. "
                                    + "x=100..500 (or x=100.., x=..500), got '" + value + "'");
                        }
                        try {
                            from = m.group(1).isEmpty() ? 1 : Long.parseLong(m.group(1));
                            to = m.group(2).isEmpty() ? Long.MAX_VALUE : Long.parseLong(m.group(2));
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException("plot: x=" + value + " is out of range");
                        }
                        if (from < 1 || to < from) {
                            throw new IllegalArgumentException("plot: x=" + value + " is empty: rounds start at 1 "
                                    + "and FROM must not exceed TO");
                        }
                    }
                    case "by" -> {
                        if (value.isBlank()) {
                            throw new IllegalArgumentException("plot: by takes a key, e.g. by=M");
                        }
                        by = value.strip();
                    }
                    case "title" -> title = unquoted(value);
                    case "size" -> {
                        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,5})[xX](\\d{1,5})")
                                .matcher(value);
                        if (!m.matches()) {
                            throw new IllegalArgumentException("plot: size takes WIDTHxHEIGHT in pixels, e.g. "
                                    + "size=1200x800, got '" + value + "'");
                        }
                        width = bounded("size (width)", Integer.parseInt(m.group(1)), 200, 8000);
                        height = bounded("size (height)", Integer.parseInt(m.group(2)), 150, 8000);
                    }
                    case "width" -> columns = bounded("width", number("width", value), 20, 400);
                    case "height" -> rows = bounded("height", number("height", value), 4, 100);
                    case "" -> ids.add(a);
                    default -> throw new IllegalArgumentException("plot: unknown option '" + a + "'"
                            + Suggest.didYouMean(name, List.of("band", "seeds", "panels", "log", "x", "by", "title",
                            "size", "width", "height")) + " (options: " + PLOT_OPTIONS + ")");
                }
            }
            return new PlotOptions(band, seeds, panels, log, from, to, by, title, width, height, columns, rows,
                    List.copyOf(ids));
        }

        private static String unquoted(String v) {
            String t = v.strip();
            if (t.length() >= 2 && (t.charAt(0) == '"' || t.charAt(0) == '\'') && t.charAt(t.length() - 1) == t.charAt(0)) {
                return t.substring(1, t.length() - 1);
            }
            return t;
        }

        private static boolean flag(String word, String value) {
            if (value != null) {
                throw new IllegalArgumentException("plot: " + word.substring(0, word.indexOf('=')) + " takes no "
                        + "value, got '" + word + "'");
            }
            return true;
        }

        private static int number(String name, String value) {
            try {
                return Integer.parseInt(value.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("plot: " + name + " takes a whole number, got '" + value + "'");
            }
        }

        private static int bounded(String name, int v, int min, int max) {
            if (v < min || v > max) {
                throw new IllegalArgumentException("plot: " + name + " must be " + min + ".." + max + ", got " + v);
            }
            return v;
        }
    }

    static void plot(Repl repl, List<String> args, String rest) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("usage: " + PLOT_USAGE + " (metrics: "
                    + String.join(", ", metricNames(repl)) + ")");
        }
        String first = args.get(0);
        if (List.of("band", "seeds", "panels", "log").contains(first) || first.startsWith("-") || first.contains("=")) {
            throw new IllegalArgumentException("usage: " + PLOT_USAGE + ": the metric comes first "
                    + "(metrics: " + String.join(", ", metricNames(repl)) + ")");
        }
        List<String> metrics = new ArrayList<>();
        for (String m : first.split(",", -1)) {
            if (m.isBlank()) {
                throw new IllegalArgumentException("plot: an empty metric in '" + first + "' (metrics are separated "
                        + "by commas, e.g. plot F,G)");
            }
            if (!metrics.contains(m.strip())) {
                metrics.add(m.strip());
            }
        }
        PlotOptions o = PlotOptions.parse(args.subList(1, args.size()));
        for (String id : o.ids()) {
            try {
                RunFolders.resolve(repl.session(), id);
            } catch (IllegalArgumentException e) {
                String near = Suggest.didYouMean(id, List.of("band", "seeds", "panels", "log"));
                if (!near.isEmpty()) {
                    throw new IllegalArgumentException("plot: '" + id + "' is neither a run nor an option" + near
                            + " (options: " + PLOT_OPTIONS + ")");
                }
                throw e;
            }
        }
        List<FolderView> views = views(repl, o.ids());
        boolean several = metrics.size() > 1;
        List<ChartFiles.Panel> panels = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        boolean banded = false;
        Lines lines = new Lines();
        for (String metric : metrics) {
            if (o.panels()) {
                lines = new Lines();
            }
            lines.metric = several && !o.panels() ? metric + ": " : "";
            for (FolderView v : views) {
                if (o.by() != null) {
                    lines.grouped(v, metric, views.size() > 1, o.lines(), o.by());
                } else {
                    lines.folder(v, metric, views.size() > 1, o.lines());
                }
            }
            if (o.panels()) {
                panels.add(panel(repl, lines, o, notes, metric));
                banded |= lines.banded;
            }
        }
        if (!o.panels()) {
            panels.add(panel(repl, lines, o, notes, String.join(", ", metrics)));
            banded = lines.banded;
        }
        String what = String.join(", ", metrics);
        String title = o.title() != null ? o.title() : what + " — " + (views.size() == 1 ? views.get(0).name()
                : views.size() + " run folders") + (o.by() != null ? " by " + o.by() : "")
                + (banded ? " (mean ± 1.96·se)" : "");
        int width = o.columns() > 0 ? o.columns() : Math.max(20, Math.min(100, repl.width() - 16));
        for (int i = 0; i < panels.size(); i++) {
            ChartFiles.Panel p = panels.get(i);
            String head = panels.size() == 1 ? title : (i == 0 ? title + "\n" : "") + "[" + p.metric() + "]";
            head += o.log() ? " (log scale)" : "";
            // the terminal draws log10 of the values; the files use a log axis on the values themselves
            List<Series> drawn = o.log() ? p.series().stream().map(Series::log10).toList() : p.series();
            repl.out().print(TerminalChart.render(head, drawn, width, o.rows(), repl.unicode(),
                    repl.colourDepth(), o.log()));
        }
        new LinkedHashSet<>(notes).forEach(repl.out()::println);
        if (banded) {
            repl.out().println("(the ±1.96·se band is drawn in the PNG and SVG files)");
        }
        String suffix = (o.band() ? "-band" : "") + (o.seeds() ? "-seeds" : "") + (o.by() != null ? "-by-"
                + safe(o.by()) : "") + (o.log() ? "-log" : "") + (o.panels() && several ? "-panels" : "")
                + (o.xFrom() > 1 || o.xTo() < Long.MAX_VALUE ? "-x" + o.xFrom() + "-"
                + (o.xTo() == Long.MAX_VALUE ? "end" : o.xTo()) : "");
        String name = safe(String.join("-", metrics)) + suffix;
        Path dir = views.size() == 1 ? views.get(0).folder : repl.session().runsRoot().resolve("plots");
        String base = views.size() == 1 ? "plot-" + name : stamp() + "-" + name;
        written(repl, ChartFiles.write(dir, base, title, panels,
                new ChartFiles.Style(o.width(), o.height(), o.log())));
    }

    /** The lines of one panel: capped, cut to the x range, on a log scale when asked. */
    private static ChartFiles.Panel panel(Repl repl, Lines lines, PlotOptions o, List<String> notes, String metric) {
        notes.addAll(lines.notes);
        List<Series> out = new ArrayList<>();
        int dropped = 0;
        for (Series s : lines.capped(repl)) {
            Series w = s.window(o.xFrom(), o.xTo());
            if (w == null) {
                continue;
            }
            dropped += o.log() ? w.nonPositive() : 0;
            out.add(w);
        }
        if (out.isEmpty()) {
            long last = lines.series.stream().mapToLong(Series::rounds).max().orElse(0);
            throw new IllegalArgumentException("plot: no rounds in x=" + o.xFrom() + ".."
                    + (o.xTo() == Long.MAX_VALUE ? "" : o.xTo()) + " (the runs have rounds 1.." + last + ")");
        }
        if (dropped > 0) {
            notes.add("(" + metric + ": " + dropped + " point" + (dropped == 1 ? "" : "s")
                    + " at or below 0 left out on the log scale)");
        }
        return new ChartFiles.Panel(metric, out);
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
        /** Put before every label: the metric, when several share a chart ({@code "F: "}), else nothing. */
        String metric = "";
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
                String name = this.metric + prefix + s.label();
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

        /**
         * Adds a folder's lines grouped by the value of {@code key} ({@code plot F by=M}): one line per value, the
         * mean over the runs of every setting with that value (settings that differ in other keys pooled), with
         * the pooled standard error for a band, and up to {@link #MAX_SEEDS_PER_SETTING} of its runs as thin lines.
         */
        void grouped(FolderView v, String metric, boolean prefixFolder, Options o, String key) {
            SettingCurves curves = SettingCurves.of(v, metric);
            String prefix = prefixFolder ? v.name() + ": " : "";
            if (!v.complete()) {
                notes.add("(" + v.name() + ": " + status(v) + ")");
            }
            String k = canonical(key);
            java.util.Map<String, List<FolderView.Setting>> groups = new java.util.LinkedHashMap<>();
            Set<String> keys = new java.util.TreeSet<>();
            for (FolderView.Setting s : v.settings) {
                if (s.n() == 0) {
                    continue;
                }
                String value = valueOf(s, k, keys);
                if (value == null) {
                    throw new IllegalArgumentException("plot: no key '" + key + "' in " + v.name()
                            + Suggest.didYouMean(key, keys) + " (keys: " + String.join(", ", keys) + ")");
                }
                groups.computeIfAbsent(value, x -> new ArrayList<>()).add(s);
            }
            for (var g : groups.entrySet()) {
                List<SettingCurves.Curve> means = new ArrayList<>();
                for (FolderView.Setting s : g.getValue()) {
                    SettingCurves.Curve c = curves.mean(s);
                    if (!means.isEmpty() && (c.step() != means.get(0).step() || c.rounds() != means.get(0).rounds())) {
                        throw new IllegalArgumentException("plot: the settings with " + k + "=" + g.getKey() + " in "
                                + v.name() + " have runs of different lengths (" + means.get(0).rounds() + " and "
                                + c.rounds() + " rounds); plot them without by=");
                    }
                    means.add(c);
                }
                SettingCurves.Curve pooled = pool(means);
                String name = this.metric + prefix + k + "=" + g.getKey();
                if (!names.add(name)) {
                    name = name + " (" + names.size() + ")";
                    names.add(name);
                }
                int settings = g.getValue().size();
                String label = name + " (mean of " + pooled.n() + (settings > 1 ? " runs over " + settings
                        + " settings" : pooled.n() == 1 ? " run" : " runs") + ")";
                double[] lower = null;
                double[] upper = null;
                if (o.band() && pooled.se() != null) {
                    lower = new double[pooled.values().length];
                    upper = new double[pooled.values().length];
                    for (int i = 0; i < lower.length; i++) {
                        double se = pooled.se()[i];
                        lower[i] = Double.isFinite(se) ? pooled.values()[i] - Z95 * se : Double.NaN;
                        upper[i] = Double.isFinite(se) ? pooled.values()[i] + Z95 * se : Double.NaN;
                    }
                    banded = true;
                }
                int group = lines++;
                series.add(new Series(label, pooled.values(), lower, upper, pooled.step(), pooled.rounds(), -1,
                        false));
                if (o.seeds() && pooled.n() > 1 && group < MAX_SERIES) {
                    int left = Math.min(MAX_SEEDS_PER_SETTING, MAX_THIN - thin);
                    int total = pooled.n();
                    for (FolderView.Setting s : g.getValue()) {
                        if (left <= 0) {
                            break;
                        }
                        List<SettingCurves.Curve> runs = curves.runs(s, left);
                        for (int i = 0; i < runs.size(); i++) {
                            SettingCurves.Curve r = runs.get(i);
                            series.add(new Series(name + " " + s.label() + " seed " + s.done().get(i).seed(),
                                    r.values(), null, null, r.step(), r.rounds(), group, true));
                            thin++;
                            left--;
                        }
                    }
                    int drawn = Math.min(total, Math.min(MAX_SEEDS_PER_SETTING, MAX_THIN));
                    if (drawn < total) {
                        notes.add("(" + prefix + k + "=" + g.getKey() + ": at most " + drawn + " of its " + total
                                + " runs drawn as thin lines)");
                    }
                }
            }
        }

        private static String canonical(String key) {
            try {
                return moecl.workbench.RunRequest.canonicalKey(key);
            } catch (IllegalArgumentException unknown) {
                return key;
            }
        }

        /** A setting's value of {@code key}: from its label (the keys that vary), else its runs' record. */
        private static String valueOf(FolderView.Setting s, String key, Set<String> keys) {
            for (Words.Word w : Words.words(s.label(), 0)) {
                String t = w.raw();
                int eq = t.indexOf('=');
                if (eq > 0) {
                    keys.add(t.substring(0, eq));
                    if (t.substring(0, eq).equals(key)) {
                        return t.substring(eq + 1);
                    }
                }
            }
            com.fasterxml.jackson.databind.JsonNode rec = s.done().get(0).record();
            rec.fieldNames().forEachRemaining(f -> {
                if (!FolderView.NOT_SETTING.contains(f)) {
                    keys.add(f);
                }
            });
            com.fasterxml.jackson.databind.JsonNode n = rec.get(key);
            if (n == null || n.isNull() || n.isMissingNode()) {
                return null;
            }
            return n.isValueNode() ? n.asText() : n.toString();
        }

        /**
         * The mean over the runs of several settings, from each setting's mean, standard error and number of runs:
         * the pooled mean and the standard error of the pooled runs (their variance within and between settings).
         */
        static SettingCurves.Curve pool(List<SettingCurves.Curve> means) {
            if (means.size() == 1) {
                return means.get(0);
            }
            SettingCurves.Curve f = means.get(0);
            int len = f.values().length;
            double[] mean = new double[len];
            double[] se = new double[len];
            int total = 0;
            for (SettingCurves.Curve c : means) {
                total += c.n();
            }
            boolean anySe = false;
            for (int i = 0; i < len; i++) {
                double sum = 0;
                int n = 0;
                for (SettingCurves.Curve c : means) {
                    double v = i < c.values().length ? c.values()[i] : Double.NaN;
                    if (Double.isFinite(v)) {
                        sum += c.n() * v;
                        n += c.n();
                    }
                }
                if (n == 0) {
                    mean[i] = Double.NaN;
                    se[i] = Double.NaN;
                    continue;
                }
                double mu = sum / n;
                double m2 = 0;
                for (SettingCurves.Curve c : means) {
                    double v = i < c.values().length ? c.values()[i] : Double.NaN;
                    if (Double.isFinite(v)) {
                        double e = c.se() == null || i >= c.se().length ? Double.NaN : c.se()[i];
                        // within: (n-1)·var = (n-1)·n·se², between: n·(mean - mu)²
                        double within = c.n() > 1 && Double.isFinite(e) ? (c.n() - 1.0) * c.n() * e * e : 0;
                        m2 += within + c.n() * (v - mu) * (v - mu);
                    }
                }
                mean[i] = mu;
                se[i] = n > 1 ? Math.sqrt(m2 / (n - 1) / n) : Double.NaN;
                anySe |= n > 1;
            }
            return new SettingCurves.Curve(mean, anySe ? se : null, f.step(), f.rounds(), total);
        }

        /** An older folder of a single run: its line as before ({@code M=5 seed 1}, or the folder's name). */
        private void legacyRun(FolderView v, String metric, boolean prefixFolder) {
            List<RunFolders.RunCurve> runs = RunFolders.curves(v.folder, metric);
            if (runs.isEmpty()) {
                throw new IllegalArgumentException("cannot read " + v.folder.resolve("rounds.csv") + ": it has no rows");
            }
            RunFolders.RunCurve c = runs.get(0);
            series.add(new Series(this.metric + (prefixFolder ? v.name() : label(c, true)), c.values()));
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
        repl.out().print(TerminalChart.render(title, series, width, CHART_HEIGHT, repl.unicode(), repl.colourDepth(),
                false));
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
