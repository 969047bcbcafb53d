package moecl.shell.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jfree.chart.JFreeChart;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import moecl.engine.RunEngine;
import moecl.plugin.Registry;
import moecl.workbench.RunFolder;
import moecl.workbench.RunRequest;
import moecl.workbench.sweep.Columns;
import moecl.workbench.sweep.RunIndex;
import moecl.workbench.sweep.LocalExecutor;
import moecl.workbench.sweep.SweepRunner;
import moecl.workbench.sweep.SweepStore;
import moecl.workbench.sweep.SweepViews;

/**
 * runs, plot and compare on sweep folders, setting by setting: one real sweep (router ∈ {paper, paper(stop=never)},
 * M ∈ {2, 3}, seeds 1..3, T = 200: four settings of three runs), and copies of it made incomplete, corrupt, or
 * rewritten as an older run folder. Every expected number is computed here from the runs' own files
 * ({@code results/<id>.json} and {@code results/<id>.cols}), independently of the code under test.
 */
class SweepResultsTest {

    static final List<String> LABELS = List.of("router=paper M=2", "router=paper M=3",
            "router=paper(stop=never) M=2", "router=paper(stop=never) M=3");
    static final double Z = 1.96;

    @TempDir
    static Path shared;
    static Path sweep;

    @TempDir
    Path tmp;

    @BeforeAll
    static void sweepOnce() {
        var specs = new RunRequest().setAll(List.of("router=[paper, paper(stop=never)]", "M=[2,3]", "T=200"))
                .expand(List.of(1L, 2L, 3L), Map.of());
        SweepRunner.Result r = SweepRunner.run(Registry.standard(), specs, false, "sw", Map.of("command", "run"),
                shared.resolve("runs"), new LocalExecutor(Registry.standard(), 2), SweepViews.Rounds.AUTO,
                RunEngine.Progress.NONE);
        assertTrue(r.complete());
        sweep = r.folder();
    }

    // ---- independent reading of the sweep's own files ----------------------------------------------------------

    /** A setting of the plan: label and run ids and seeds, in run order. */
    record PlanSetting(String label, List<String> ids, List<Long> seeds) {
    }

    static List<PlanSetting> plan(Path folder) throws IOException {
        JsonNode plan = RunFolder.JSON.readTree(folder.resolve("sweep.json").toFile());
        Map<Integer, JsonNode> runs = new LinkedHashMap<>();
        plan.path("runs").forEach(r -> runs.put(r.path("run").asInt(), r));
        List<PlanSetting> out = new ArrayList<>();
        for (JsonNode s : plan.path("settings")) {
            List<String> ids = new ArrayList<>();
            List<Long> seeds = new ArrayList<>();
            s.path("runs").forEach(i -> {
                ids.add(runs.get(i.asInt()).path("id").asText());
                seeds.add(runs.get(i.asInt()).path("seed").asLong());
            });
            out.add(new PlanSetting(s.path("label").asText(), ids, seeds));
        }
        return out;
    }

    /** A column of a finished run of a sweep folder, every block, as doubles. */
    static double[] column(Path folder, String id, String name) {
        RunIndex.Ref cols = RunIndex.scan(folder).get(id);
        assertTrue(cols != null, "run " + id + " of " + folder);
        try (Columns.Reader r = cols.columns()) {
            int c = r.columnIndex(name);
            assertTrue(c >= 0, name + " in " + cols);
            double[] out = new double[(int) r.rows()];
            int at = 0;
            for (int b = 0; b < r.blocks(); b++) {
                double[] v = (double[]) r.block(b, null)[c];
                System.arraycopy(v, 0, out, at, v.length);
                at += v.length;
            }
            return out;
        }
    }

    static List<double[]> curves(Path folder, List<String> ids, String metric) {
        return ids.stream().map(id -> column(folder, id, metric)).toList();
    }

    static double[] meanOf(List<double[]> curves) {
        double[] m = new double[curves.get(0).length];
        for (double[] c : curves) {
            for (int i = 0; i < m.length; i++) {
                m[i] += c[i] / curves.size();
            }
        }
        return m;
    }

    /** Standard error of the mean per round: sample standard deviation / sqrt(n). */
    static double[] seOf(List<double[]> curves) {
        double[] mean = meanOf(curves);
        int n = curves.size();
        double[] se = new double[mean.length];
        for (int i = 0; i < se.length; i++) {
            double ss = 0;
            for (double[] c : curves) {
                ss += (c[i] - mean[i]) * (c[i] - mean[i]);
            }
            se[i] = Math.sqrt(ss / (n - 1)) / Math.sqrt(n);
        }
        return se;
    }

    static double[] finals(Path folder, List<String> ids, String metric) throws IOException {
        double[] v = new double[ids.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = RunIndex.scan(folder).get(ids.get(i)).record().path("final").path(metric).asDouble();
        }
        return v;
    }

    static double mean(double[] v) {
        return Arrays.stream(v).sum() / v.length;
    }

    static double se(double[] v) {
        double m = mean(v);
        return Math.sqrt(Arrays.stream(v).map(x -> (x - m) * (x - m)).sum() / (v.length - 1) / v.length);
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    static void assertClose(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-12 * Math.max(1, Math.abs(expected[i])), what + " at round "
                    + (i + 1));
        }
    }

    static Path copy(Path from, Path root) throws IOException {
        Path to = root.resolve(from.getFileName());
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path q = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(q);
                } else {
                    Files.copy(p, q);
                }
            }
        }
        return to;
    }

    /** The chart's lines for one folder, as plot draws them. */
    static List<Series> lines(Path folder, String metric, boolean band, boolean seeds) {
        ChartLines l = new ChartLines();
        l.folder(FolderView.read(folder), metric, false, new LineOptions(band, seeds, null, List.of()));
        return l.series;
    }

    static List<Series> thick(List<Series> s) {
        return s.stream().filter(x -> !x.thin()).toList();
    }

    // ---- plot --------------------------------------------------------------------------------------------------

    @Test
    void plotDrawsOneLinePerSettingLabelledBySettingAndN() throws IOException {
        Path runs = tmp.resolve("runs");
        Path f = copy(sweep, runs);
        String out = DumbSession.run("plot F " + f.getFileName() + "\nexit\n", runs, tmp);
        for (int k = 0; k < LABELS.size(); k++) {
            assertTrue(out.contains("  " + (k + 1) + " ⣿⣿ " + LABELS.get(k) + " (mean of 3)\n")
                    || out.contains("  " + (k + 1) + " ⣿⣿ " + LABELS.get(k) + " (mean of 3)\r\n"), out);
        }
        assertFalse(out.contains("run 0") || out.contains("run 1 "), "no per-run legend entries: " + out);
        List<String> labels = thick(lines(f, "F", false, false)).stream().map(Series::label).toList();
        assertEquals(LABELS.stream().map(l -> l + " (mean of 3)").toList(), labels);
        assertEquals(labels.size(), new HashSet<>(labels).size(), "distinct labels");
        assertTrue(Files.isRegularFile(f.resolve("plot-F.png")) && Files.isRegularFile(f.resolve("plot-F.svg")));
    }

    @Test
    void theMeanLineIsTheMeanOfTheRunsCurvesFromEverySource() throws IOException {
        List<PlanSetting> plan = plan(sweep);
        // 1. the setting curves (curves/setting-K.cols)
        FolderView v = FolderView.read(sweep);
        v.settings.forEach(s -> assertNotNull(s.curves(), "an up-to-date summary names the curve file"));
        List<Series> fromCurves = lines(sweep, "G", false, false);
        // 2. the runs' column files, when the curve files are gone
        Path noCurves = copy(sweep, tmp.resolve("a"));
        deleteTree(noCurves.resolve("curves"));
        FolderView v2 = FolderView.read(noCurves);
        v2.settings.forEach(s -> assertNull(s.curves()));
        List<Series> fromResults = lines(noCurves, "G", false, false);
        // 3. rounds.csv of an older run folder holding the same runs
        Path legacy = legacyCopy(sweep, tmp.resolve("b"));
        List<Series> fromCsv = lines(legacy, "G", false, false);
        assertEquals(4, fromCurves.size());
        assertEquals(4, fromResults.size());
        assertEquals(4, fromCsv.size());
        for (int k = 0; k < plan.size(); k++) {
            double[] expected = meanOf(curves(sweep, plan.get(k).ids(), "G"));
            assertEquals(200, expected.length);
            assertClose(expected, fromCurves.get(k).values(), "curve file, setting " + k);
            assertClose(expected, fromResults.get(k).values(), "results, setting " + k);
            assertClose(expected, fromCsv.get(k).values(), "rounds.csv, setting " + k);
            assertEquals(1, fromCurves.get(k).step());
            assertEquals(200, fromCurves.get(k).rounds());
        }
    }

    @Test
    void theBandIsTheMeanPlusMinus196StandardErrors() throws IOException {
        List<PlanSetting> plan = plan(sweep);
        List<Series> s = lines(sweep, "F", true, false);
        List<Series> noCurves = lines(withoutCurves(), "F", true, false);
        for (int k = 0; k < plan.size(); k++) {
            List<double[]> c = curves(sweep, plan.get(k).ids(), "F");
            double[] mean = meanOf(c);
            double[] se = seOf(c);
            double[] lo = new double[mean.length];
            double[] hi = new double[mean.length];
            for (int i = 0; i < mean.length; i++) {
                lo[i] = mean[i] - Z * se[i];
                hi[i] = mean[i] + Z * se[i];
            }
            assertTrue(s.get(k).band());
            assertClose(lo, s.get(k).lower(), "lower edge, setting " + k);
            assertClose(hi, s.get(k).upper(), "upper edge, setting " + k);
            assertClose(lo, noCurves.get(k).lower(), "lower edge from results, setting " + k);
            assertClose(hi, noCurves.get(k).upper(), "upper edge from results, setting " + k);
            assertTrue(Arrays.stream(se).anyMatch(x -> x > 0), "the runs differ, so the band has a width");
        }
        // the PNG/SVG chart: an interval dataset holding the same edges, point for point
        JFreeChart chart = ChartFiles.chart("F", "F", s);
        YIntervalSeriesCollection d = (YIntervalSeriesCollection) chart.getXYPlot().getDataset(0);
        assertEquals(4, d.getSeriesCount());
        for (int k = 0; k < 4; k++) {
            assertEquals(200, d.getItemCount(k));
            for (int j = 0; j < 200; j++) {
                int round = (int) d.getXValue(k, j);
                assertEquals(j + 1, round);
                assertEquals(s.get(k).values()[j], d.getYValue(k, j), 0);
                assertEquals(s.get(k).lower()[j], d.getStartYValue(k, j), 0);
                assertEquals(s.get(k).upper()[j], d.getEndYValue(k, j), 0);
            }
        }
        assertTrue(chart.getXYPlot().getRenderer(0) instanceof org.jfree.chart.renderer.xy.DeviationRenderer);
    }

    private Path withoutCurves() throws IOException {
        Path p = copy(sweep, tmp.resolve("nc"));
        deleteTree(p.resolve("curves"));
        return p;
    }

    @Test
    void seedsAddEachRunAsAThinLineInItsSettingsColour() throws IOException {
        List<PlanSetting> plan = plan(sweep);
        List<Series> s = lines(sweep, "F", false, true);
        assertEquals(4 + 12, s.size());
        int group = -1;
        int seen = 0;
        for (Series x : s) {
            if (!x.thin()) {
                group++;
                seen = 0;
                continue;
            }
            assertEquals(group, x.group());
            PlanSetting p = plan.get(group);
            assertEquals(LABELS.get(group) + " seed " + p.seeds().get(seen), x.label());
            assertClose(column(sweep, p.ids().get(seen), "F"), x.values(),
                    "run " + p.ids().get(seen));
            seen++;
        }
        String chart = TerminalChart.render("F", s, 60, 10, true, false);
        assertTrue(chart.contains("  4 ⣿⣿ " + LABELS.get(3)) && !chart.contains("  5 ⣿⣿"), chart);
        assertTrue(chart.contains("and 12 single runs"), chart);
        // the files: thin lines in a second dataset, left out of the legend
        JFreeChart c = ChartFiles.chart("F", "F", s);
        assertEquals(12, c.getXYPlot().getDataset(1).getSeriesCount());
        assertEquals(4, c.getXYPlot().getLegendItems().getItemCount());
    }

    // ---- compare -----------------------------------------------------------------------------------------------

    /** The numbers of a compare row after its label: n, then per metric mean, ±, se, median, then the freeze. */
    static List<String> row(String section, String label) {
        for (String line : section.split("\\R")) {
            String t = line.strip();
            if (t.startsWith(label + " ") && Character.isDigit(t.substring(label.length()).strip().charAt(0))) {
                return List.of(t.substring(label.length()).strip().split("\\s+"));
            }
        }
        throw new AssertionError("no row " + label + " in\n" + section);
    }

    static void assertRow(List<String> row, Path folder, PlanSetting p, List<String> metrics, String n)
            throws IOException {
        assertEquals(n, row.get(0), row.toString());
        for (int m = 0; m < metrics.size(); m++) {
            double[] v = finals(folder, p.ids(), metrics.get(m));
            int at = 1 + 4 * m;
            assertEquals("±", row.get(at + 1), row.toString());
            assertEquals(mean(v), Double.parseDouble(row.get(at)), 6e-6, metrics.get(m) + " mean " + row);
            assertEquals(se(v), Double.parseDouble(row.get(at + 2)), 6e-6, metrics.get(m) + " se " + row);
            assertEquals(median(v), Double.parseDouble(row.get(at + 3)), 6e-6, metrics.get(m) + " median " + row);
        }
    }

    @Test
    void compareHasOneRowPerSettingWithNMeanSeAndMedian() throws IOException {
        Path runs = tmp.resolve("runs");
        Path full = copy(sweep, runs);
        Path part = copy(sweep, tmp.resolve("x"));
        part = Files.move(part, runs.resolve("20200101-000000-part"));
        List<PlanSetting> plan = plan(full);
        List<String> metrics = List.of("F", "G", "F_ref", "G_ref");
        // one run of setting 1 missing
        RunIndex.forget(part, List.of(plan.get(1).ids().get(2)));
        String out = DumbSession.run("compare " + full.getFileName() + " 20200101 metric=G\nexit\n", runs, tmp);
        assertFalse(out.contains("moecl:"), out);
        assertTrue(out.contains("freeze round"), out);
        int a = out.indexOf(full.getFileName() + " (4 settings, 12 runs)");
        int b = out.indexOf("20200101-000000-part (incomplete: 11 of 12 runs; resume 20200101-000000-part)");
        assertTrue(a >= 0 && b > a, out);
        String fullSection = out.substring(a, b);
        String partSection = out.substring(b, out.indexOf("G — compare", b));
        for (int k = 0; k < plan.size(); k++) {
            assertRow(row(fullSection, LABELS.get(k)), full, plan.get(k), metrics, "3");
        }
        // the incomplete folder: its setting 1 over the two runs it has
        PlanSetting two = new PlanSetting(plan.get(1).label(), plan.get(1).ids().subList(0, 2), List.of());
        assertRow(row(partSection, LABELS.get(1)), part, two, metrics, "2/3");
        assertRow(row(partSection, LABELS.get(0)), part, plan.get(0), metrics, "3");
        // freeze rounds: the mean over the runs that froze; the never-stopping router never freezes
        for (int k = 0; k < 4; k++) {
            List<String> r = row(fullSection, LABELS.get(k));
            String freeze = r.get(1 + 4 * metrics.size());
            List<Double> fr = new ArrayList<>();
            for (String id : plan.get(k).ids()) {
                JsonNode rec = RunIndex.scan(full).get(id).record();
                if (rec.path("freezeRound").isNumber()) {
                    fr.add(rec.path("freezeRound").asDouble());
                }
            }
            if (k >= 2) {
                assertTrue(fr.isEmpty());
                assertEquals("-", freeze);
            } else {
                assertFalse(fr.isEmpty());
                assertEquals(String.format("%.0f", fr.stream().mapToDouble(d -> d).average().orElseThrow()), freeze);
            }
        }
        // no whole-sweep average: no row over all 12 runs
        assertFalse(out.contains(" 12  "), out);
        // the overlaid curves: one per (folder, setting)
        assertTrue(out.contains("  1 ⣿⣿ " + full.getFileName() + ": " + LABELS.get(0) + " (mean of 3)"), out);
        assertTrue(out.contains(": " + LABELS.get(1) + " (mean of 2, 3 planned)"), out);
        try (Stream<Path> s = Files.list(runs.resolve("plots"))) {
            assertEquals(2, s.filter(p -> p.getFileName().toString().contains("compare-G")).count());
        }
    }

    @Test
    void compareOfOneSweepComparesItsSettings() throws IOException {
        Path runs = tmp.resolve("runs");
        Path f = copy(sweep, runs);
        String out = DumbSession.run("compare last\nexit\n", runs, tmp);
        assertFalse(out.contains("moecl:"), out);
        List<PlanSetting> plan = plan(f);
        for (int k = 0; k < 4; k++) {
            assertRow(row(out, LABELS.get(k)), f, plan.get(k), List.of("F", "G"), "3");
            assertTrue(out.contains("  " + (k + 1) + " ⣿⣿ " + LABELS.get(k) + " (mean of 3)"), out);
        }
    }

    @Test
    void seedLinesAreCappedPerSetting() throws IOException {
        var specs = new RunRequest().setAll(List.of("M=2", "T=20")).expand(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L),
                Map.of());
        Path f = SweepRunner.run(Registry.standard(), specs, false, "seven", Map.of("command", "run"),
                tmp.resolve("runs"), new LocalExecutor(Registry.standard(), 2), SweepViews.Rounds.NONE,
                RunEngine.Progress.NONE).folder();
        assertFalse(Files.exists(f.resolve("rounds.csv")), "--rounds none: no rounds.csv");
        ChartLines l = new ChartLines();
        l.folder(FolderView.read(f), "F", false, new LineOptions(false, true, null, List.of()));
        assertEquals(1 + ChartLines.MAX_SEEDS_PER_SETTING, l.series.size());
        assertEquals("router=paper M=2 (mean of 7)", l.series.get(0).label());
        assertEquals("router=paper M=2 seed 5", l.series.get(ChartLines.MAX_SEEDS_PER_SETTING).label());
        assertTrue(l.notes.contains("(router=paper M=2: 5 of its 7 runs drawn as thin lines)"), l.notes.toString());
        List<PlanSetting> plan = plan(f);
        assertClose(meanOf(curves(f, plan.get(0).ids(), "F")), l.series.get(0).values(), "mean of 7");
    }

    // ---- older run folders -------------------------------------------------------------------------------------

    /** The sweep rewritten as an older run folder: manifest.json, rounds.csv, summary.json with runs only. */
    static Path legacyCopy(Path from, Path root) throws IOException {
        Path to = Files.createDirectories(root.resolve("20250101-000000-old"));
        Files.copy(from.resolve("manifest.json"), to.resolve("manifest.json"));
        Files.copy(from.resolve("rounds.csv"), to.resolve("rounds.csv"));
        JsonNode summary = RunFolder.JSON.readTree(from.resolve("summary.json").toFile());
        ObjectNode old = RunFolder.JSON.createObjectNode();
        ArrayNode runs = old.putArray("runs");
        summary.path("runs").forEach(r -> {
            ObjectNode c = ((ObjectNode) r).deepCopy();
            c.remove("id");
            runs.add(c);
        });
        RunFolder.JSON.writeValue(to.resolve("summary.json").toFile(), old);
        return to;
    }

    @Test
    void olderRunFoldersAreReadSettingBySettingToo() throws IOException {
        Path runs = tmp.resolve("runs");
        Path old = legacyCopy(sweep, runs);
        FolderView v = FolderView.read(old);
        assertEquals(FolderView.Kind.LEGACY, v.kind);
        List<String> labels = v.settings.stream().map(FolderView.Setting::label).toList();
        assertEquals(4, new HashSet<>(labels).size(), labels.toString());
        // resolved router specs shortened to what tells them apart
        assertEquals(List.of("router=paper(stop=threshold) M=2", "router=paper(stop=threshold) M=3",
                "router=paper(stop=never) M=2", "router=paper(stop=never) M=3"), labels);
        List<PlanSetting> plan = plan(sweep);
        String out = DumbSession.run("compare " + old.getFileName() + "\nruns\nexit\n", runs, tmp);
        assertTrue(out.contains("20250101-000000-old (older run folder, 12 runs)"), out);
        for (int k = 0; k < 4; k++) {
            assertRow(row(out, labels.get(k)), sweep, plan.get(k), List.of("F", "G"), "3");
        }
        assertTrue(lines(out).stream().anyMatch(l -> l.startsWith("20250101-000000-old ")
                && l.contains("12 runs  4 settings: router=paper(stop=threshold) M=2 F=")), "its runs line: " + out);
    }

    @Test
    void aCutOrChangedRoundsCsvOfAnOlderFolderIsRefusedNamingTheFileAndLine() throws IOException {
        Path runs = tmp.resolve("runs");
        Path old = legacyCopy(sweep, runs);
        Path csv = old.resolve("rounds.csv");
        byte[] whole = Files.readAllBytes(csv);
        int lines = Files.readAllLines(csv).size();
        // cut inside the last number of the last line: every field still parses
        Files.write(csv, Arrays.copyOf(whole, whole.length - 3));
        String out = DumbSession.run("plot G " + old.getFileName() + "\nexit\n", runs, tmp);
        assertTrue(out.contains("moecl: cannot read " + csv + ": it ends inside line " + lines
                + " (no line break at the end): the file was cut short"), out);
        // cut at a line break: a run has fewer rows than its T
        String text = new String(whole, java.nio.charset.StandardCharsets.UTF_8);
        Files.writeString(csv, text.substring(0, text.lastIndexOf('\n', text.length() - 2) + 1));
        out = DumbSession.run("plot G " + old.getFileName() + "\nexit\n", runs, tmp);
        assertTrue(out.contains("moecl: cannot read " + csv + ": it holds 199 rows of run 11, the summary says T=200 "
                + "(the file was cut or changed)"), out);
        // a field lost in the middle
        Files.write(csv, whole);
        List<String> rows = new ArrayList<>(Files.readAllLines(csv));
        rows.set(100, rows.get(100).substring(rows.get(100).indexOf(',') + 1));
        Files.write(csv, rows);
        out = DumbSession.run("compare " + old.getFileName() + " metric=G\nplot G " + old.getFileName() + "\nexit\n",
                runs, tmp);
        assertTrue(out.contains("moecl: cannot read " + csv + ": line 101 has "), out);
        assertFalse(out.contains("Exception") || out.contains("\tat "), out);
    }

    @Test
    void aSingleRunKeepsItsLineAsBefore() throws IOException {
        Path runs = tmp.resolve("runs");
        Path old = legacyCopy(sweep, runs);
        // keep run 0 only
        JsonNode summary = RunFolder.JSON.readTree(old.resolve("summary.json").toFile());
        ArrayNode rs = (ArrayNode) summary.path("runs");
        while (rs.size() > 1) {
            rs.remove(1);
        }
        RunFolder.JSON.writeValue(old.resolve("summary.json").toFile(), summary);
        List<String> csv = Files.readAllLines(old.resolve("rounds.csv"));
        Files.write(old.resolve("rounds.csv"), csv.stream().filter(l -> l.startsWith("run,") || l.startsWith("0,"))
                .toList());
        List<Series> s = lines(old, "F", false, false);
        assertEquals(1, s.size());
        assertEquals("M=2 seed 1", s.get(0).label());
    }

    // ---- runs --------------------------------------------------------------------------------------------------

    @Test
    void runsMarksIncompleteAndInProgressSweepsAndLeftovers() throws IOException {
        Path runs = tmp.resolve("runs");
        Path full = copy(sweep, runs);
        Path part = Files.move(copy(sweep, tmp.resolve("p")), runs.resolve("20200101-000000-part"));
        Path bare = Files.move(copy(sweep, tmp.resolve("q")), runs.resolve("20200102-000000-bare"));
        Path busy = Files.move(copy(sweep, tmp.resolve("r")), runs.resolve("20200103-000000-busy"));
        // stopped while writing its views: summary.json written, rounds.csv not, the manifest still the start's stub
        Path views = Files.move(copy(sweep, tmp.resolve("v")), runs.resolve("20200104-000000-views"));
        Files.delete(views.resolve("rounds.csv"));
        Files.writeString(views.resolve("manifest.json"), "{\"status\": \"started\"}");
        List<PlanSetting> plan = plan(sweep);
        // a run that never finished, and a failed run
        String failedId = plan.get(2).ids().get(1);
        RunIndex.forget(part, List.of(plan.get(0).ids().get(0), failedId));
        Files.writeString(part.resolve("failed").resolve(failedId + ".json"), "{\"run\": 6, \"id\": \"" + failedId
                + "\", \"component\": \"router\", \"round\": 17, \"message\": \"boom\"}");
        // an interrupted sweep of an older build: no views, no manifest (sweeps now write one when they start)
        for (String f : List.of("summary.json", "manifest.json", "rounds.csv")) {
            Files.delete(bare.resolve(f));
        }
        deleteTree(bare.resolve("curves"));
        RunIndex.forget(bare, List.of(plan.get(3).ids().get(1)));
        Path leftover = Files.createDirectories(runs.resolve(".20190101-000000-theory.partial-123"));
        Files.setLastModifiedTime(leftover, FileTime.fromMillis(System.currentTimeMillis() - 3_600_000L));
        String out;
        SweepStore held = SweepStore.open(busy);
        try {
            assertTrue(SweepStore.busy(busy));
            out = DumbSession.run("runs\nexit\n", runs, tmp);
        } finally {
            held.close();
        }
        // show says why runs failed
        String shown = DumbSession.run("show 20200101-000000-part\nexit\n", runs, tmp);
        assertTrue(shown.contains("  failed     run 6 (seed 0): boom\n"), shown);
        String partLine = line(out, "20200101-000000-part");
        assertTrue(partLine.contains("10/12 runs, 1 failed — incomplete: resume 20200101-000000-part"), partLine);
        assertTrue(partLine.contains("4 settings: router=paper M=2 F="), partLine);
        String bareLine = line(out, "20200102-000000-bare");
        assertTrue(bareLine.contains("sweep of router, M"), bareLine);
        assertTrue(bareLine.contains("11/12 runs — incomplete: resume 20200102-000000-bare"), bareLine);
        assertTrue(line(out, "20200103-000000-busy").contains("12 runs — in progress"), out);
        assertTrue(line(out, "20200104-000000-views").contains("12 runs — views not written: resume "
                + "20200104-000000-views"), out);
        String viewsShown = DumbSession.run("show 20200104-000000-views\nexit\n", runs, tmp);
        assertTrue(viewsShown.contains("every run finished (12 of 12), views not written (resume "
                + "20200104-000000-views writes them)"), viewsShown);
        String fullLine = line(out, full.getFileName().toString());
        assertFalse(fullLine.contains("incomplete") || fullLine.contains("progress"), fullLine);
        // per-setting means in the line: the first two settings, from the results
        double f0 = mean(finals(full, plan.get(0).ids(), "F"));
        assertTrue(fullLine.contains("12 runs  4 settings: router=paper M=2 F=" + String.format("%.5f", f0)),
                fullLine);
        assertTrue(fullLine.contains("(compare " + full.getFileName() + " shows all)"), fullLine);
        assertTrue(out.contains("(leftover partial folder .20190101-000000-theory.partial-123: safe to delete)"), out);
        assertEquals(5, lines(out).stream().filter(l -> l.startsWith("20")).count(), "one line per folder: " + out);
        // the bare sweep plots from its results: setting 3 over its two runs
        List<Series> s = lines(bare, "F", false, false);
        assertEquals(LABELS.get(3) + " (mean of 2, 3 planned)", s.get(3).label());
        assertClose(meanOf(curves(bare, List.of(plan.get(3).ids().get(0), plan.get(3).ids().get(2)), "F")),
                s.get(3).values(), "incomplete setting");
    }

    /** The output's lines without the prompts in front of them, nor the numbers runs puts before folder names. */
    static List<String> lines(String out) {
        return out.lines().map(l -> l.replaceFirst("^(moecl> )+", "").replaceFirst("^ *\\d+ (?=\\d{8}-\\d{6}-)", ""))
                .toList();
    }

    static String line(String out, String start) {
        return lines(out).stream().filter(l -> l.startsWith(start)).findFirst()
                .orElseThrow(() -> new AssertionError("no line " + start + " in\n" + out));
    }

    // ---- robustness --------------------------------------------------------------------------------------------

    @Test
    void aCorruptFileGivesOneLineNamingItAndTheSessionGoesOn() throws IOException {
        Path runs = tmp.resolve("runs");
        Path f = copy(sweep, runs);
        String name = f.getFileName().toString();
        Path curve = f.resolve("curves/setting-0.cols");
        byte[] bytes = Files.readAllBytes(curve);
        Files.write(curve, Arrays.copyOf(bytes, bytes.length - 30));
        String out = DumbSession.run("plot F " + name + "\nshow\nexit\n", runs, tmp);
        assertTrue(out.contains("moecl: corrupt column file " + curve), out);
        assertTrue(out.contains("experts  minnorm"), "the session went on: " + out);
        // a run's column file, once the curve files are gone
        deleteTree(f.resolve("curves"));
        RunIndex.Ref run = RunIndex.scan(f).get(plan(f).get(2).ids().get(1));
        byte[] seg = Files.readAllBytes(run.file());
        byte[] original = seg.clone();
        byte[] junk = "not a column file".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(junk, 0, seg, (int) run.columnsOffset(), junk.length); // the frame still checks
        Files.write(run.file(), seg);
        out = DumbSession.run("plot F " + name + "\nshow\nexit\n", runs, tmp);
        assertTrue(out.contains("moecl: corrupt column file " + run.file() + " (at byte " + run.columnsOffset()
                + "): not a moecl column file"), out);
        // one flipped bit inside a run's compressed rows, and inside a curve file: the checksum tells
        Files.write(run.file(), original);
        RunIndex.Ref other = RunIndex.scan(f).get(plan(f).get(1).ids().get(0));
        byte[] all = Files.readAllBytes(other.file());
        all[(int) (other.columnsOffset() + other.columnBytes().length / 2)] ^= 4;
        Files.write(other.file(), all);
        out = DumbSession.run("plot F " + name + " seeds\nshow\nexit\n", runs, tmp);
        assertTrue(out.contains("moecl: corrupt column file " + other.file() + " (at byte " + other.columnsOffset()
                + "): checksum mismatch"), out);
        all[(int) (other.columnsOffset() + other.columnBytes().length / 2)] ^= 4;
        Files.write(other.file(), all);
        Files.createDirectories(f.resolve("curves"));
        Files.copy(sweep.resolve("curves/setting-0.cols"), f.resolve("curves/setting-0.cols"));
        byte[] c = Files.readAllBytes(f.resolve("curves/setting-0.cols"));
        c[c.length / 2] ^= 1;
        Files.write(f.resolve("curves/setting-0.cols"), c);
        out = DumbSession.run("plot F " + name + "\nshow\nexit\n", runs, tmp);
        assertTrue(out.contains("moecl: corrupt column file " + f.resolve("curves/setting-0.cols")
                + ": checksum mismatch"), out);
        // a summary that is not JSON
        Files.writeString(f.resolve("summary.json"), "{\"runs\": [ {\"run\": 0,");
        out = DumbSession.run("compare " + name + "\nruns\nplot F " + name + "\nshow\nexit\n", runs, tmp);
        assertTrue(out.contains("moecl: cannot read " + f.resolve("summary.json")), out);
        assertTrue(line(out, name).contains("(unreadable: cannot read " + f.resolve("summary.json")), out);
        assertTrue(out.contains("experts  minnorm"), out);
        assertFalse(out.contains("Exception") || out.contains("\tat "), "one-line messages only: " + out);
        for (String l : out.split("\\R")) {
            if (l.contains("moecl: ")) {
                assertTrue(l.length() < 400, "one short line: " + l);
            }
        }
    }

    @Test
    void anUnknownMetricNamesTheKnownOnes() throws IOException {
        Path runs = tmp.resolve("runs");
        copy(sweep, runs);
        String out = DumbSession.run("plot Gg last\nexit\n", runs, tmp);
        assertTrue(out.contains("moecl: no metric 'Gg' in " + sweep.getFileName() + "; did you mean 'G'?"), out);
        assertTrue(out.contains("(metrics: F, G, F_ref, G_ref, frozen, moved)"), out);
    }

    // ---- resume and export -------------------------------------------------------------------------------------

    @Test
    void resumeAndExportTakeRunIds() throws IOException {
        Path runs = tmp.resolve("runs");
        Path f = copy(sweep, runs);
        String name = f.getFileName().toString();
        List<PlanSetting> plan = plan(f);
        RunIndex.forget(f, List.of(plan.get(1).ids().get(1)));
        Files.delete(f.resolve("rounds.csv"));
        String out = DumbSession.run("runs\nresume " + name.substring(0, 12) + " --threads 1 --quiet\nruns\nexport last"
                + " rounds\nexit\n", runs, tmp);
        assertFalse(out.contains("moecl:"), out);
        assertTrue(out.contains("11/12 runs — incomplete: resume " + name), out);
        assertTrue(out.lastIndexOf("incomplete") < out.lastIndexOf(name + " "), "complete after resume: " + out);
        JsonNode summary = RunFolder.JSON.readTree(f.resolve("summary.json").toFile());
        assertEquals("complete", summary.path("status").asText());
        assertTrue(RunIndex.scan(f).has(plan.get(1).ids().get(1)));
        assertEquals(12 * 200 + 1, Files.readAllLines(f.resolve("rounds.csv")).size());
        // the run ids complete after resume and export
        Repl repl = new Repl(new moecl.shell.Session(new java.io.PrintWriter(new java.io.StringWriter()),
                new java.io.PrintWriter(new java.io.StringWriter())));
        repl.session().runsRoot(runs);
        for (String cmd : List.of("resume", "export")) {
            List<org.jline.reader.Candidate> c = new ArrayList<>();
            String text = cmd + " 20";
            new ReplCompleter(repl).complete(null, new ReplParser().parse(text, text.length()), c);
            assertTrue(c.stream().anyMatch(x -> x.value().equals(name)), cmd + ": " + c);
        }
    }

    // ---- charts ------------------------------------------------------------------------------------------------

    @Test
    void longCurvesKeptAsMeansOfConsecutiveRounds() {
        double[] v = new double[100];
        for (int i = 0; i < v.length; i++) {
            v[i] = i;
        }
        Series s = new Series("long", v, null, null, 10, 1000, -1, false);
        assertEquals(5.5, s.x(0));
        assertEquals(995.5, s.x(99));
        String chart = TerminalChart.render("F", List.of(s), 50, 8, false, false);
        assertTrue(chart.contains("t=1000"), chart);
        assertTrue(chart.contains("99.0000") && chart.contains("0.0000"), chart);
        SettingCurves.Buckets b = new SettingCurves.Buckets(3 * SettingCurves.KEEP);
        assertEquals(3, b.step);
        for (int i = 0; i < 6; i++) {
            b.add(i, i);
        }
        assertEquals(1.0, b.values()[0]);
        assertEquals(4.0, b.values()[1]);
        assertEquals(SettingCurves.KEEP, b.values().length);
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
