package moecl.shell.repl;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import moecl.spec.Suggest;
import moecl.spec.Words;

/** The lines of a chart, folder by folder, with the notes to print under it. */
final class ChartLines {
    /** Per-seed thin lines drawn under a setting's mean, at most this many per setting and in all. */
    static final int MAX_SEEDS_PER_SETTING = 5;
    static final int MAX_THIN = 40;
    static final double Z95 = 1.96;

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
    void folder(FolderView v, String metric, boolean prefixFolder, LineOptions o) {
        if (v.kind == FolderView.Kind.LEGACY && v.done == 1 && !o.band()) {
            legacyRun(v, metric, prefixFolder);
            return;
        }
        SettingCurves curves = SettingCurves.of(v, metric);
        String prefix = prefixFolder ? v.name() + ": " : "";
        if (!v.complete()) {
            notes.add("(" + v.name() + ": " + CompareCommand.status(v) + ")");
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
            int group = meanLine(label, c, o.band());
            if (o.seeds() && s.n() > 1 && group < PlotCommand.MAX_SERIES) {
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
    void grouped(FolderView v, String metric, boolean prefixFolder, LineOptions o, String key) {
        SettingCurves curves = SettingCurves.of(v, metric);
        String prefix = prefixFolder ? v.name() + ": " : "";
        if (!v.complete()) {
            notes.add("(" + v.name() + ": " + CompareCommand.status(v) + ")");
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
            int group = meanLine(label, pooled, o.band());
            if (o.seeds() && pooled.n() > 1 && group < PlotCommand.MAX_SERIES) {
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

    /** Adds a mean line, with its ±1.96·se band when asked and known; returns its line number. */
    private int meanLine(String label, SettingCurves.Curve c, boolean band) {
        double[] lower = null;
        double[] upper = null;
        if (band && c.se() != null) {
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
        return group;
    }

    /** At most {@link PlotCommand#MAX_SERIES} lines (and the thin lines of those). */
    List<Series> capped(Repl repl) {
        if (lines <= PlotCommand.MAX_SERIES) {
            return series;
        }
        repl.out().println("(" + lines + " lines; showing the first " + PlotCommand.MAX_SERIES + ")");
        List<Series> out = new ArrayList<>();
        int seen = 0;
        for (Series s : series) {
            if (s.thin() ? s.group() < PlotCommand.MAX_SERIES : seen++ < PlotCommand.MAX_SERIES) {
                out.add(s);
            }
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
}
