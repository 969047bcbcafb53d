package moecl.workbench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import moecl.workbench.Manifest;
import moecl.workbench.sweep.RunIo;
import moecl.workbench.sweep.SweepPlan;

/**
 * Writes the report folder's {@code claims.json}, {@code report.md} (figures as {@code figures/*.png}) and a
 * self-contained {@code report.html} (the same figures embedded as data URIs: readable offline, no network).
 */
final class ReportWriter {

    private ReportWriter() {
    }

    /** A figure: file name, caption, PNG bytes. */
    record Figure(String file, String caption, byte[] png) {
    }

    static void write(Path folder, PaperReport.Options o, List<PaperReport.Experiment> plan,
                      Map<String, SweepData> data, List<Claim> claims, List<String> problems,
                      Map<String, Double> seconds, double wallSeconds) {
        List<Figure> figures = figures(data);
        Map<String, Object> provenance = provenance(o, plan, data, seconds, wallSeconds);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format", "moecl-claims/1");
        json.put("quick", o.quick());
        json.put("claims", claims.stream().map(Claim::toJson).toList());
        json.put("problems", problems);
        json.put("provenance", provenance);
        RunIo.writeAtomically(folder.resolve("claims.json"), out -> RunIo.PRETTY.writeValue(out, json));
        Path figs = folder.resolve("figures");
        try {
            Files.createDirectories(figs);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + figs + ": " + e.getMessage(), e);
        }
        for (Figure f : figures) {
            RunIo.writeAtomically(figs.resolve(f.file()), out -> out.write(f.png()));
        }
        List<Table> tables = tables(data);
        String md = markdown(o, claims, figures, tables, problems, provenance);
        RunIo.writeAtomically(folder.resolve("report.md"), out -> out.write(md.getBytes(StandardCharsets.UTF_8)));
        String html = html(o, claims, figures, tables, problems, provenance);
        RunIo.writeAtomically(folder.resolve("report.html"),
                out -> out.write(html.getBytes(StandardCharsets.UTF_8)));
    }

    // ---------------------------------------------------------------------------------------------- figures

    static List<Figure> figures(Map<String, SweepData> data) {
        List<Figure> out = new ArrayList<>();
        SweepData f2 = data.get("fig2");
        if (f2 != null) {
            for (String[] panel : new String[][] {{"stop", "with termination"}, {"nostop", "without termination"}}) {
                for (String metric : List.of("G_ref", "F_ref")) {
                    List<Charts.Curve> curves = new ArrayList<>();
                    for (int m : new int[] {1, 5, 10, 20}) {
                        curve(f2, Map.of("variant", panel[0], "M", Integer.toString(m)), metric, "M = " + m, curves);
                    }
                    String what = metric.startsWith("G") ? "generalization error G_t" : "forgetting F_t";
                    out.add(new Figure("fig2-" + panel[0] + "-" + metric + ".png", "Fig. 2, " + panel[1] + ": "
                            + what + " (" + metric + "), mean over seeds with a 95% band",
                            Charts.png("Fig. 2 " + panel[1], what, curves, 640, 420)));
                }
            }
            List<String> labels = new ArrayList<>();
            List<double[]> ys = new ArrayList<>();
            for (int m : new int[] {1, 5, 10, 20}) {
                List<SweepPlan.Run> runs = f2.runs(Map.of("variant", "stop"), m);
                if (!runs.isEmpty()) {
                    labels.add("M = " + m);
                    ys.add(Claims.metric(f2.rows(runs.get(0)), "G_ref"));
                }
            }
            if (!labels.isEmpty()) {
                out.add(new Figure("fig2-seed-" + f2.runs(Map.of("variant", "stop"), 1).get(0).spec().seed()
                        + ".png", "Fig. 2, with termination, one seed (as the paper's panels): G_ref",
                        Charts.png("Fig. 2, a single seed", "G_t", Charts.lines(labels, ys), 640, 420)));
            }
        }
        SweepData f45 = data.get("fig45");
        if (f45 != null) {
            for (String metric : List.of("F_ref", "G_ref")) {
                List<Charts.Curve> curves = new ArrayList<>();
                for (String e : List.of("0.75", "1.0", "1.25", "1.5")) {
                    curve(f45, Map.of("variant", "e=" + e), metric, "Γ = 0.4^" + e, curves);
                }
                out.add(new Figure("fig45-" + metric + ".png", "Fig. 4/5: " + metric + " per threshold, mean over "
                        + "repeats with a 95% band", Charts.png("Fig. 4/5", metric, curves, 640, 420)));
            }
        }
        SweepData f3 = data.get("fig3");
        if (f3 != null) {
            for (String metric : List.of("F", "G")) {
                List<Charts.Curve> curves = new ArrayList<>();
                for (SweepPlan.Setting s : f3.plan.settings()) {
                    curve(f3, s.values(), metric, s.label().isEmpty() ? "all" : s.label(), curves);
                }
                out.add(new Figure("fig3-" + metric + ".png", "Fig. 3 (MNIST): " + metric + ", mean over seeds "
                        + "with a 95% band", Charts.png("Fig. 3", metric, curves, 640, 420)));
            }
        }
        SweepData g = data.get("theory-gaussian");
        if (g != null) {
            List<Charts.Curve> curves = new ArrayList<>();
            for (String v : List.of("M=1", "M=4 paper")) {
                curve(g, Map.of("variant", v), "G", v + " simulated", curves);
                curve(g, Map.of("variant", v), "G_theory", v + " theory", curves);
            }
            out.add(new Figure("theory-gaussian.png", "Theory overlay, Gaussian features: simulated G against the "
                    + "closed form E[G | routing] (§6), means over seeds",
                    Charts.png("Theory vs simulation (Gaussian)", "G_t", curves, 640, 420)));
        }
        SweepData d1 = data.get("theory-definition1");
        if (d1 != null) {
            List<Charts.Curve> curves = new ArrayList<>();
            for (String v : List.of("M=1", "M=4 paper")) {
                curve(d1, Map.of("variant", v), "G", v, curves);
            }
            out.add(new Figure("theory-definition1.png", "Definition 1 features: simulated G (the closed form does "
                    + "not apply: the features are not rotation-invariant)",
                    Charts.png("Definition 1 features", "G_t", curves, 640, 420)));
        }
        return out;
    }

    private static void curve(SweepData d, Map<String, String> values, String metric, String label,
                              List<Charts.Curve> out) {
        SweepPlan.Setting s = d.setting(values);
        if (s == null) {
            return;
        }
        double[][] c = d.curve(s).get(metric);
        if (c != null) {
            out.add(new Charts.Curve(label, c[0], c[1]));
        }
    }

    // ---------------------------------------------------------------------------------------------- tables

    /** A table: title, header, rows. */
    record Table(String title, List<String> header, List<List<String>> rows) {
    }

    /** Per setting: runs, runs that froze, freeze round mean and median, expert sets. */
    static List<Table> tables(Map<String, SweepData> data) {
        List<Table> out = new ArrayList<>();
        for (String name : List.of("fig2", "fig45", "fig3")) {
            SweepData d = data.get(name);
            if (d == null) {
                continue;
            }
            List<List<String>> rows = new ArrayList<>();
            for (SweepPlan.Setting s : d.plan.settings()) {
                List<Double> freeze = new ArrayList<>();
                int n = 0;
                double sets = 0;
                double size = 0;
                for (int i : s.runs()) {
                    JsonNode r = d.records[i];
                    if (r == null) {
                        continue;
                    }
                    n++;
                    if (r.path("freezeRound").isNumber()) {
                        freeze.add(r.path("freezeRound").asDouble());
                    }
                    int nonEmpty = 0;
                    int members = 0;
                    for (JsonNode set : r.path("expertSets")) {
                        nonEmpty += set.isEmpty() ? 0 : 1;
                        members += set.size();
                    }
                    sets += nonEmpty;
                    size += nonEmpty == 0 ? 0 : (double) members / nonEmpty;
                }
                // the same statistics as summary.json's settings (SweepViews.settings)
                moecl.workbench.sweep.SweepViews.Stats st = freeze.isEmpty() ? null
                        : moecl.workbench.sweep.SweepViews.Stats.of(freeze.stream().mapToDouble(x -> x).toArray());
                String mean = st == null ? "-" : fmt(st.mean());
                String median = st == null ? "-" : fmt(st.median());
                rows.add(List.of(s.label().isEmpty() ? "all" : s.label(), Integer.toString(n),
                        freeze.size() + " of " + n, mean, median, n == 0 ? "-" : fmt(sets / n),
                        n == 0 ? "-" : fmt(size / n)));
            }
            out.add(new Table(name + ": freeze rounds and expert sets", List.of("setting", "runs", "froze",
                    "freeze round mean", "median", "non-empty expert sets", "experts per set"), rows));
            if (name.equals("fig3")) {
                List<List<String>> per = new ArrayList<>();
                for (SweepPlan.Run r : d.runs(Map.of(), null)) {
                    JsonNode rec = d.record(r);
                    JsonNode flags = rec.path("routerState").path("flags");
                    StringBuilder unflagged = new StringBuilder();
                    for (int e = 0; e < flags.size(); e++) {
                        if (!flags.get(e).asBoolean()) {
                            unflagged.append(unflagged.isEmpty() ? "" : ", ").append(e).append(" (load ")
                                    .append(rec.path("load").path(e).asLong()).append(')');
                        }
                    }
                    per.add(List.of(Long.toString(r.spec().seed()), Integer.toString(r.spec().m()),
                            rec.path("freezeRound").isNumber() ? rec.path("freezeRound").asText() : "never",
                            rec.path("routerState").has("flagged")
                                    ? rec.path("routerState").path("flagged").asText() + " of " + r.spec().m() : "-",
                            unflagged.isEmpty() ? "-" : unflagged.toString(),
                            fmt(d.fin(r, "F")), fmt(d.fin(r, "G"))));
                }
                out.add(new Table("fig3: freeze round per seed (the reference rule: flags from tc ≥ M/η, the "
                        + "winner flagged, no minimum rounds; the gate freezes once every expert is flagged)",
                        List.of("seed", "M", "freeze round", "flagged at the end", "never flagged (load)",
                                "final F", "final G"), per));
            }
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------------- provenance

    static Map<String, Object> provenance(PaperReport.Options o, List<PaperReport.Experiment> plan,
                                          Map<String, SweepData> data, Map<String, Double> seconds,
                                          double wallSeconds) {
        Map<String, Object> p = Manifest.stamp();
        p.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        p.put("cpu", cpuModel());
        p.put("cores", Runtime.getRuntime().availableProcessors());
        p.put("written", Instant.now().toString());
        p.put("wallSeconds", Math.round(wallSeconds * 10) / 10.0);
        p.put("options", o.toJson());
        List<Object> exps = new ArrayList<>();
        for (PaperReport.Experiment x : plan) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("name", x.name());
            e.put("title", x.title());
            e.put("runs", x.specs().size());
            e.put("seeds", x.specs().stream().map(s -> s.seed()).distinct().count());
            SweepData d = data.get(x.name());
            e.put("folder", d == null ? null : d.folder.getFileName().toString());
            e.put("seconds", seconds.get(x.name()) == null ? null : Math.round(seconds.get(x.name()) * 10) / 10.0);
            if (d != null) {
                try {
                    JsonNode m = RunIo.JSON.readTree(d.folder.resolve("manifest.json").toFile());
                    e.put("engine", m.path("engine").asText());
                    e.put("plugins", m.path("plugins"));
                    if (m.has("data")) {
                        e.put("data", m.path("data"));
                    }
                } catch (IOException ex) {
                    e.put("manifest", "unreadable: " + ex.getMessage());
                }
            }
            exps.add(e);
        }
        p.put("experiments", exps);
        return p;
    }

    static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return System.getProperty("os.arch");
    }

    // ---------------------------------------------------------------------------------------------- text

    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "∞" : "-∞";
        }
        if (v != 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e5)) {
            return String.format(Locale.ROOT, "%.3g", v);
        }
        return String.format(Locale.ROOT, "%.4g", v);
    }

    private static String ci(Claim c) {
        Estimate e = c.estimate();
        if (e == null) {
            return "-";
        }
        if (e.n() == 1 && e.lo() == e.hi()) {
            return "exact";
        }
        return "[" + fmt(e.lo()) + ", " + fmt(e.hi()) + "]";
    }

    private static String hypothesis(Claim c) {
        return switch (c.side()) {
            case "" -> "-";
            case "within" -> "|mean| < " + fmt(c.threshold());
            case "<=" -> "value ≤ " + fmt(c.threshold());
            default -> "mean " + c.side() + " " + fmt(c.threshold());
        };
    }

    private static String counts(List<Claim> claims) {
        Map<Claim.Verdict, Integer> n = new LinkedHashMap<>();
        for (Claim.Verdict v : Claim.Verdict.values()) {
            n.put(v, 0);
        }
        claims.forEach(c -> n.merge(c.verdict(), 1, Integer::sum));
        List<String> parts = new ArrayList<>();
        n.forEach((v, k) -> parts.add(k + " " + v.text()));
        return String.join(", ", parts);
    }

    private static final String REDUCED = "**This is the reduced report (`--quick`)**: fewer seeds and a small Fig. 3 "
            + "(T = 10, 20 SGD steps, 100 test images); verdicts at this size are not the paper's test. Run "
            + "`moecl repro paper` for the full one.";

    static String markdown(PaperReport.Options o, List<Claim> claims, List<Figure> figures, List<Table> tables,
                           List<String> problems, Map<String, Object> prov) {
        StringBuilder s = new StringBuilder();
        s.append("# Theory on Mixture-of-Experts in Continual Learning: the claims, checked\n\n");
        s.append("moecl ").append(prov.get("moecl")).append(", commit ").append(prov.get("commit"))
                .append(Boolean.TRUE.equals(prov.get("dirty")) ? " (dirty)" : "").append(", ")
                .append(prov.get("written")).append(", ").append(prov.get("wallSeconds")).append(" s on ")
                .append(prov.get("cpu")).append(" (").append(prov.get("cores")).append(" cores)\n\n");
        if (o.quick()) {
            s.append(REDUCED).append("\n\n");
        }
        s.append("Verdicts: ").append(counts(claims)).append(". A hypothesis holds when the whole 95% confidence "
                + "interval of its statistic over seeds (Student's t; Welch's for unpaired differences) lies on the "
                + "claimed side, does not hold when it lies wholly on the other side, and is inconclusive otherwise."
                + "\n\n");
        s.append("## Claims\n\n| claim | figure | statement | statistic | n | mean | 95% CI | hypothesis | verdict |"
                + " note |\n|---|---|---|---|---|---|---|---|---|---|\n");
        for (Claim c : claims) {
            s.append("| `").append(c.id()).append("` | ").append(c.figure()).append(" | ").append(cell(c.statement()))
                    .append(" | ").append(cell(c.statistic())).append(" | ")
                    .append(c.estimate() == null ? "-" : c.estimate().n()).append(" | ")
                    .append(c.estimate() == null ? "-" : fmt(c.estimate().mean())).append(" | ").append(ci(c))
                    .append(" | ").append(hypothesis(c)).append(" | **").append(c.verdict().text()).append("** | ")
                    .append(c.note() == null ? "" : cell(c.note())).append(" |\n");
        }
        s.append("\n## Figures\n\n");
        for (Figure f : figures) {
            s.append("![").append(f.caption()).append("](figures/").append(f.file()).append(")\n\n*")
                    .append(f.caption()).append("*\n\n");
        }
        for (Table t : tables) {
            s.append("## ").append(t.title()).append("\n\n| ").append(String.join(" | ", t.header())).append(" |\n|")
                    .append("---|".repeat(t.header().size())).append('\n');
            for (List<String> r : t.rows()) {
                s.append("| ").append(String.join(" | ", r.stream().map(ReportWriter::cell).toList())).append(" |\n");
            }
            s.append('\n');
        }
        if (!problems.isEmpty()) {
            s.append("## Not run or failed\n\n");
            problems.forEach(p -> s.append("- ").append(cell(p)).append('\n'));
            s.append('\n');
        }
        s.append("## Provenance\n\n```json\n");
        try {
            s.append(RunIo.PRETTY.writeValueAsString(prov));
        } catch (IOException e) {
            s.append("unavailable: ").append(e.getMessage());
        }
        s.append("\n```\n");
        return s.toString();
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static String html(PaperReport.Options o, List<Claim> claims, List<Figure> figures, List<Table> tables,
                       List<String> problems, Map<String, Object> prov) {
        StringBuilder s = new StringBuilder();
        s.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>moecl: the paper's claims, checked</title><style>"
                + "body{font-family:sans-serif;max-width:1300px;margin:2em auto;padding:0 1em;color:#222}"
                + "table{border-collapse:collapse;font-size:13px;margin:1em 0}"
                + "td,th{border:1px solid #ccc;padding:4px 6px;vertical-align:top}th{background:#f3f3f3}"
                + ".holds{background:#dff5dd}.does-not-hold{background:#f8d7d7}"
                + ".inconclusive-at-this-n{background:#fdf3d1}"
                + ".not-run{background:#eee}.reduced{border:2px solid #c90;padding:.6em;background:#fff8e6}"
                + "figure{display:inline-block;margin:.5em;width:640px}figcaption{font-size:13px}"
                + "pre{background:#f6f6f6;padding:1em;overflow:auto;font-size:12px}</style></head><body>\n");
        s.append("<h1>Theory on Mixture-of-Experts in Continual Learning: the claims, checked</h1>\n<p>moecl ")
                .append(esc(String.valueOf(prov.get("moecl")))).append(", commit ")
                .append(esc(String.valueOf(prov.get("commit"))))
                .append(Boolean.TRUE.equals(prov.get("dirty")) ? " (dirty)" : "").append(", ")
                .append(esc(String.valueOf(prov.get("written")))).append(", ").append(prov.get("wallSeconds"))
                .append(" s on ").append(esc(String.valueOf(prov.get("cpu")))).append(" (").append(prov.get("cores"))
                .append(" cores)</p>\n");
        if (o.quick()) {
            s.append("<p class=\"reduced\">").append(esc(REDUCED).replace("**", "").replace("`", ""))
                    .append("</p>\n");
        }
        s.append("<p>Verdicts: ").append(esc(counts(claims))).append(". A hypothesis holds when the whole 95% "
                + "confidence interval of its statistic over seeds lies on the claimed side, does not hold when it "
                + "lies wholly on the other side, and is inconclusive otherwise.</p>\n<h2>Claims</h2>\n<table><tr>"
                + "<th>claim</th><th>figure</th><th>statement</th><th>statistic</th><th>n</th><th>mean</th>"
                + "<th>95% CI</th><th>hypothesis</th><th>verdict</th><th>note</th></tr>\n");
        for (Claim c : claims) {
            s.append("<tr class=\"").append(c.verdict().text().replace(' ', '-')).append("\"><td><code>")
                    .append(esc(c.id())).append("</code></td><td>").append(esc(c.figure())).append("</td><td>")
                    .append(esc(c.statement())).append("</td><td>").append(esc(c.statistic())).append("</td><td>")
                    .append(c.estimate() == null ? "-" : c.estimate().n()).append("</td><td>")
                    .append(c.estimate() == null ? "-" : esc(fmt(c.estimate().mean()))).append("</td><td>")
                    .append(esc(ci(c))).append("</td><td>").append(esc(hypothesis(c))).append("</td><td><b>")
                    .append(esc(c.verdict().text())).append("</b></td><td>")
                    .append(c.note() == null ? "" : esc(c.note())).append("</td></tr>\n");
        }
        s.append("</table>\n<h2>Figures</h2>\n");
        for (Figure f : figures) {
            s.append("<figure><img alt=\"").append(esc(f.caption())).append("\" width=\"640\" src=\"data:image/png;"
                    + "base64,").append(Base64.getEncoder().encodeToString(f.png())).append("\"><figcaption>")
                    .append(esc(f.caption())).append("</figcaption></figure>\n");
        }
        for (Table t : tables) {
            s.append("<h2>").append(esc(t.title())).append("</h2>\n<table><tr>");
            t.header().forEach(h -> s.append("<th>").append(esc(h)).append("</th>"));
            s.append("</tr>\n");
            for (List<String> r : t.rows()) {
                s.append("<tr>");
                r.forEach(v -> s.append("<td>").append(esc(v)).append("</td>"));
                s.append("</tr>\n");
            }
            s.append("</table>\n");
        }
        if (!problems.isEmpty()) {
            s.append("<h2>Not run or failed</h2>\n<ul>");
            problems.forEach(p -> s.append("<li>").append(esc(p)).append("</li>"));
            s.append("</ul>\n");
        }
        s.append("<h2>Provenance</h2>\n<pre>");
        try {
            s.append(esc(RunIo.PRETTY.writeValueAsString(prov)));
        } catch (IOException e) {
            s.append("unavailable: ").append(esc(e.getMessage()));
        }
        s.append("</pre>\n</body></html>\n");
        return s.toString();
    }
}
