package moecl.shell.repl;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import moecl.workbench.Csv;

/**
 * The final-metrics table of a run folder, one row per setting (its runs differ only by seed): n, and for each
 * final metric the mean, standard error and median over the setting's runs; how many runs froze the gate and
 * their mean freeze round. As aligned text ({@code show}), or for {@code export}: CSV (every number at full
 * precision, one column per varying key, ready for a plotting tool), Markdown or LaTeX (booktabs).
 */
public final class ExportTable {

    enum Format {
        CSV("csv"), MD("md"), TEX("tex");

        final String ext;

        Format(String ext) {
            this.ext = ext;
        }

        static Format of(String word) {
            return switch (word.toLowerCase(Locale.ROOT)) {
                case "csv" -> CSV;
                case "md", "markdown" -> MD;
                case "tex", "latex" -> TEX;
                default -> null;
            };
        }
    }

    private ExportTable() {
    }

    /** The varying keys' values of each setting of a sweep folder (from its plan), by setting index. */
    static Map<Integer, Map<String, String>> values(FolderView v) {
        Map<Integer, Map<String, String>> out = new LinkedHashMap<>();
        Path plan = v.folder.resolve("sweep.json");
        if (v.kind != FolderView.Kind.SWEEP || !Files.isRegularFile(plan)) {
            return out;
        }
        for (JsonNode s : RunFolders.json(plan).path("settings")) {
            Map<String, String> m = new LinkedHashMap<>();
            s.path("values").properties().forEach(e -> m.put(e.getKey(), e.getValue().asText()));
            out.put(s.path("setting").asInt(), m);
        }
        return out;
    }

    /**
     * {@code moecl export FOLDER csv|md|tex [--to FILE] [--force]}: the table of a run folder, returned (to print)
     * when {@code file} is null, else written there (atomically; an existing file only with {@code force}) and
     * {@code null} returned.
     */
    public static String export(Path folder, String format, Path file, boolean force) {
        Format f = Format.of(format);
        if (f == null) {
            throw new IllegalArgumentException("unknown format '" + moecl.spec.Echo.of(format) + "' (formats: csv, "
                    + "md, tex; or rounds for rounds.csv)");
        }
        if (file != null) {
            FileOut.check(file, force, "--force");
        }
        String text = render(FolderView.read(folder), f);
        if (file == null) {
            return text;
        }
        FileOut.write(file, text);
        return null;
    }

    static String render(FolderView v, Format f) {
        if (v.kind == FolderView.Kind.OTHER) {
            throw new IllegalArgumentException(v.name() + " has no per-run results to export (not a run or sweep "
                    + "folder)");
        }
        return switch (f) {
            case CSV -> csv(v);
            case MD -> markdown(v);
            case TEX -> tex(v);
        };
    }

    // ---- text ----------------------------------------------------------------------------------------------------

    /** The table as aligned text for the terminal. */
    static String text(FolderView v) {
        int w = 7;
        for (FolderView.Setting s : v.settings) {
            w = Math.min(64, Math.max(w, s.label().length()));
        }
        StringBuilder sb = new StringBuilder("final metrics per setting (mean ± standard error over its runs, and "
                + "median):\n");
        sb.append(String.format("  %3s %-" + w + "s %7s", "#", "setting", "n"));
        for (String m : v.metrics) {
            sb.append(String.format("  %-23s %10s", m + " mean ± se", m + " median"));
        }
        sb.append("  freeze round\n");
        for (FolderView.Setting s : v.settings) {
            String n = s.n() == s.planned() ? Integer.toString(s.n()) : s.n() + "/" + s.planned();
            sb.append(String.format("  %3d %-" + w + "s %7s", s.index(), RunFolders.clip(s.label(), w), n));
            for (String m : v.metrics) {
                FolderView.Stat x = s.finals().get(m);
                sb.append(x == null ? String.format("  %-23s %10s", "-", "-") : String.format("  %-23s %10s",
                        num(x.mean()) + " ± " + (x.se() == null ? "-" : num(x.se())), num(x.median())));
            }
            sb.append("  ").append(freeze(s)).append('\n');
        }
        return sb.toString();
    }

    /** {@code 412}, {@code 412 (3 of 5 froze)} or {@code never}. */
    static String freeze(FolderView.Setting s) {
        if (s.frozen() == 0 || s.freezeMean() == null) {
            return s.n() == 0 ? "-" : "never";
        }
        return String.format(Locale.ROOT, "%.0f", s.freezeMean()) + (s.frozen() < s.n() ? " (" + s.frozen()
                + " of " + s.n() + " froze)" : "");
    }

    /** A number for a table: 5 decimals, or 4 significant digits when small (as {@code compare} prints them). */
    static String num(double v) {
        if (!Double.isFinite(v)) {
            return Double.isNaN(v) ? "-" : v > 0 ? "inf" : "-inf";
        }
        double a = Math.abs(v);
        return a != 0 && a < 1e-3 ? String.format(Locale.ROOT, "%.3e", v) : String.format(Locale.ROOT, "%.5f", v);
    }

    // ---- CSV -----------------------------------------------------------------------------------------------------

    static String csv(FolderView v) {
        Map<Integer, Map<String, String>> values = values(v);
        List<String> keys = new ArrayList<>();
        values.values().forEach(m -> m.keySet().forEach(k -> {
            if (!keys.contains(k)) {
                keys.add(k);
            }
        }));
        List<String> header = new ArrayList<>(List.of("setting", "label"));
        header.addAll(keys);
        header.addAll(List.of("n", "planned"));
        for (String m : v.metrics) {
            header.addAll(List.of(m + "_mean", m + "_se", m + "_median"));
        }
        header.addAll(List.of("frozen", "freeze_round_mean"));
        StringBuilder sb = new StringBuilder(Csv.line(header)).append('\n');
        for (FolderView.Setting s : v.settings) {
            List<String> row = new ArrayList<>(List.of(Integer.toString(s.index()), s.label()));
            Map<String, String> mine = values.getOrDefault(s.index(), Map.of());
            keys.forEach(k -> row.add(mine.getOrDefault(k, "")));
            row.add(Integer.toString(s.n()));
            row.add(Integer.toString(s.planned()));
            for (String m : v.metrics) {
                FolderView.Stat x = s.finals().get(m);
                row.add(x == null ? "" : full(x.mean()));
                row.add(x == null || x.se() == null ? "" : full(x.se()));
                row.add(x == null ? "" : full(x.median()));
            }
            row.add(Integer.toString(s.frozen()));
            row.add(s.freezeMean() == null ? "" : full(s.freezeMean()));
            sb.append(Csv.line(row)).append('\n');
        }
        return sb.toString();
    }

    /** Every digit a double has (the shortest text that reads back to it); NaN and infinities as words. */
    static String full(double v) {
        return Double.isFinite(v) ? Double.toString(v) : Double.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity";
    }

    // ---- Markdown ------------------------------------------------------------------------------------------------

    static String markdown(FolderView v) {
        StringBuilder sb = new StringBuilder();
        List<String> head = new ArrayList<>(List.of("setting", "n"));
        for (String m : v.metrics) {
            head.add(m + " (mean ± se)");
            head.add(m + " median");
        }
        head.add("freeze round");
        sb.append("| ").append(String.join(" | ", head.stream().map(ExportTable::mdCell).toList())).append(" |\n");
        sb.append("|---|---:|");
        for (int i = 0; i < v.metrics.size(); i++) {
            sb.append("---:|---:|");
        }
        sb.append("---:|\n");
        for (FolderView.Setting s : v.settings) {
            List<String> row = new ArrayList<>(List.of(s.label(), s.n() == s.planned() ? Integer.toString(s.n())
                    : s.n() + "/" + s.planned()));
            for (String m : v.metrics) {
                FolderView.Stat x = s.finals().get(m);
                row.add(x == null ? "-" : num(x.mean()) + " ± " + (x.se() == null ? "-" : num(x.se())));
                row.add(x == null ? "-" : num(x.median()));
            }
            row.add(freeze(s));
            sb.append("| ").append(String.join(" | ", row.stream().map(ExportTable::mdCell).toList())).append(" |\n");
        }
        return sb.toString();
    }

    private static String mdCell(String s) {
        return s.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ");
    }

    // ---- LaTeX ---------------------------------------------------------------------------------------------------

    static String tex(FolderView v) {
        StringBuilder sb = new StringBuilder();
        sb.append("% final metrics per setting of ").append(tex(v.name()))
                .append(": mean $\\pm$ standard error over its runs, and median (needs \\usepackage{booktabs})\n");
        sb.append("\\begin{tabular}{lr").append("rr".repeat(v.metrics.size())).append("r}\n\\toprule\n");
        List<String> head = new ArrayList<>(List.of("setting", "$n$"));
        for (String m : v.metrics) {
            head.add(tex(m) + " (mean $\\pm$ se)");
            head.add(tex(m) + " median");
        }
        head.add("freeze round");
        sb.append(String.join(" & ", head)).append(" \\\\\n\\midrule\n");
        for (FolderView.Setting s : v.settings) {
            List<String> row = new ArrayList<>(List.of(tex(s.label()), s.n() == s.planned()
                    ? Integer.toString(s.n()) : s.n() + "/" + s.planned()));
            for (String m : v.metrics) {
                FolderView.Stat x = s.finals().get(m);
                row.add(x == null ? "--" : "$" + num(x.mean()) + " \\pm " + (x.se() == null ? "-"
                        : num(x.se())) + "$");
                row.add(x == null ? "--" : "$" + num(x.median()) + "$");
            }
            row.add(tex(freeze(s)));
            sb.append(String.join(" & ", row)).append(" \\\\\n");
        }
        sb.append("\\bottomrule\n\\end{tabular}\n");
        return sb.toString();
    }

    /** Text escaped for LaTeX. */
    static String tex(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\\' -> sb.append("\\textbackslash{}");
                case '&', '%', '$', '#', '_', '{', '}' -> sb.append('\\').append(c);
                case '~' -> sb.append("\\textasciitilde{}");
                case '^' -> sb.append("\\textasciicircum{}");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
