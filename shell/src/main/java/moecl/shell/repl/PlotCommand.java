package moecl.shell.repl;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import moecl.spec.Suggest;

/**
 * The REPL's {@code plot}: a metric over rounds, setting by setting. A setting is a folder's runs that differ only
 * by seed, labelled by the keys that vary across the folder's settings; its line is the mean over its runs
 * ({@code band}: with a ±1.96·se band in the files; {@code seeds}: with its runs as thin lines; the lines are
 * {@link ChartLines}, the options {@link PlotOptions}). Charts go to the terminal and, drawn by JFreeChart, to PNG
 * and SVG files: into the run folder when one folder is plotted, else into {@code plots/} under the runs root.
 * {@link CompareCommand} shares the folder and file helpers here.
 */
final class PlotCommand {

    /** At most this many lines on one chart. */
    static final int MAX_SERIES = 12;
    static final int CHART_HEIGHT = 14;

    private PlotCommand() {
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
            "  size=WxH            the PNG and SVG size in pixels (default " + ChartFiles.WIDTH + "x"
                    + ChartFiles.HEIGHT + ")",
            "  width=N, height=N   the terminal chart's columns and rows (default: the terminal's width, "
                    + CHART_HEIGHT + " rows)",
            "Line k has the same colour in the terminal and in the files. e.g. plot F,G last band x=100..500 log");

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
        ChartLines lines = new ChartLines();
        for (String metric : metrics) {
            if (o.panels()) {
                lines = new ChartLines();
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
    private static ChartFiles.Panel panel(Repl repl, ChartLines lines, PlotOptions o, List<String> notes,
                                          String metric) {
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

    /** The folders of the run ids (default: the last), each once, read setting by setting. */
    static List<FolderView> views(Repl repl, List<String> ids) {
        List<FolderView> out = new ArrayList<>();
        Set<Path> seen = new LinkedHashSet<>();
        for (Path f : folders(repl, ids)) {
            if (seen.add(f.toAbsolutePath().normalize())) {
                out.add(FolderView.read(f));
            }
        }
        return out;
    }

    static List<Path> folders(Repl repl, List<String> ids) {
        List<Path> out = new ArrayList<>();
        for (String id : ids.isEmpty() ? List.of("last") : ids) {
            out.add(RunFolders.resolve(repl.session(), id));
        }
        return out;
    }

    static void written(Repl repl, List<Path> files) {
        repl.out().println("chart: " + String.join(", ", files.stream().map(Path::toString).toList()));
    }

    static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    static String stamp() {
        return LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    }
}
