package moecl.shell.repl;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import moecl.spec.Echo;
import moecl.spec.Suggest;

/**
 * The REPL's {@code compare}: the final metrics of settings side by side (mean ± se, median, freeze round) and
 * their curves of one metric overlaid, in the terminal and in a chart file under {@code plots/}.
 */
final class CompareCommand {

    private CompareCommand() {
    }

    static void compare(Repl repl, List<String> args, String rest) {
        LineOptions o = LineOptions.parse(args, true);
        if (o.ids().isEmpty()) {
            throw new IllegalArgumentException("usage: compare RUN RUN... [metric=NAME] [band] [seeds] (see: runs)");
        }
        List<FolderView> views = PlotCommand.views(repl, o.ids());
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
        ChartLines lines = new ChartLines();
        for (FolderView v : views) {
            lines.folder(v, metric, views.size() > 1, o);
        }
        List<Series> series = lines.capped(repl);
        String title = metric + " — compare " + (views.size() == 1 ? views.get(0).name() : views.size()
                + " run folders") + (lines.banded ? " (mean ± 1.96·se)" : "");
        draw(repl, title, metric, series);
        lines.notes.forEach(repl.out()::println);
        PlotCommand.written(repl, ChartFiles.write(repl.session().runsRoot().resolve("plots"),
                PlotCommand.stamp() + "-compare-" + PlotCommand.safe(metric), title, metric, series));
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

    private static void draw(Repl repl, String title, String metric, List<Series> series) {
        int width = Math.max(20, Math.min(100, repl.width() - 16));
        repl.out().print(TerminalChart.render(title, series, width, PlotCommand.CHART_HEIGHT, repl.unicode(),
                repl.colourDepth(), false));
    }


    /**
     * Checks what {@code compare} is asked before it prints anything: the runs exist, and a {@code metric=} names a
     * per-round metric of them (several may be given with commas).
     */
    static void checkCompare(Repl repl, List<String> args) {
        String metric = null;
        List<Path> folders = new ArrayList<>();
        for (String a : args) {
            if (a.startsWith("metric=")) {
                if (metric != null) {
                    throw new IllegalArgumentException("metric is given twice (metric=" + Echo.of(metric) + " and "
                            + Echo.of(a) + "); give it once");
                }
                metric = a.substring("metric=".length());
            } else if (!a.startsWith("-") && !a.contains("=") && !List.of("band", "seeds").contains(a)) {
                Path f = RunFolders.resolve(repl.session(), a);
                if (!folders.contains(f)) {
                    folders.add(f);
                }
            }
        }
        if (metric == null || folders.isEmpty()) {
            return;
        }
        List<String> known = new ArrayList<>();
        for (Path f : folders) {
            for (String m : RunFolders.metrics(f)) {
                if (!known.contains(m)) {
                    known.add(m);
                }
            }
        }
        if (known.isEmpty()) {
            return; // the folders' columns cannot be told here: compare says what it finds
        }
        for (String m : metric.split(",")) {
            String name = m.strip();
            if (!known.contains(name)) {
                throw new IllegalArgumentException("no metric '" + Echo.of(name) + "' in "
                        + (folders.size() == 1 ? folders.get(0).getFileName() : "these run folders")
                        + Suggest.didYouMean(name, known) + " (metrics: " + String.join(", ", known) + ")");
            }
        }
    }
}
