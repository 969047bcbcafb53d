package moecl.shell.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import moecl.engine.RunEngine;
import moecl.plugin.Registry;
import moecl.workbench.RunRequest;
import moecl.workbench.sweep.LocalExecutor;
import moecl.workbench.sweep.SweepRunner;
import moecl.workbench.sweep.SweepViews;

/**
 * The controls of {@code plot}: several metrics, panels, log, x range, band, by=KEY, title, size, terminal size;
 * the palette shared by the terminal and the files (checked on the PNG's pixels, not against a golden image); flat
 * data; messages for bad options. One real sweep (router ∈ {paper, paper(stop=never)}, M ∈ {2, 3}, seeds 1..2,
 * T = 60); expected curves are computed here from the runs' own column files.
 */
class PlotOptionsTest {

    @TempDir
    static Path shared;
    static Path sweep;

    @TempDir
    Path tmp;

    @BeforeAll
    static void sweepOnce() {
        var specs = new RunRequest().setAll(List.of("router=[paper, paper(stop=never)]", "M=[2,3]", "T=60"))
                .expand(List.of(1L, 2L), Map.of());
        SweepRunner.Result r = SweepRunner.run(Registry.standard(), specs, false, "sw", Map.of("command", "run"),
                shared.resolve("runs"), new LocalExecutor(Registry.standard(), 2), SweepViews.Rounds.AUTO,
                RunEngine.Progress.NONE);
        assertTrue(r.complete());
        sweep = r.folder();
    }

    private String session(String typed) throws IOException {
        return DumbSession.run(typed + "\nexit\n", shared.resolve("runs"), tmp);
    }

    /** How many pixels of the image have exactly this colour. */
    static int pixels(BufferedImage img, int rgb) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                n += (img.getRGB(x, y) & 0xffffff) == rgb ? 1 : 0;
            }
        }
        return n;
    }

    @Test
    void groupedPanelsWithTitleSizeAndRangeAsAsked() throws IOException {
        String name = sweep.getFileName().toString();
        String out = session("plot F,G " + name + " panels by=M x=11..40 title=\"Forgetting by M\" size=640x400 "
                + "width=50 height=9");
        assertTrue(out.contains("Forgetting by M"), out);
        assertTrue(out.contains("[F]") && out.contains("[G]"), out);
        assertTrue(out.contains("1 ⣿⣿ M=2 (mean of 4 runs over 2 settings)"), out);
        assertTrue(out.contains("2 ⣿⣿ M=3 (mean of 4 runs over 2 settings)"), out);
        assertFalse(out.contains("router=paper M=2"), "grouped, not per setting: " + out);
        // the x axis runs over the rounds asked, the chart is as wide as asked
        assertTrue(out.lines().anyMatch(l -> l.matches(" +11 +t=40")), out);
        assertTrue(out.lines().anyMatch(l -> l.contains("└" + "─".repeat(50)) && !l.contains("─".repeat(51))),
                out);
        Path png = sweep.resolve("plot-F-G-by-M-panels-x11-40.png");
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(640, img.getWidth());
        assertEquals(400, img.getHeight());
        // series 1 and 2 in palette colours 1 and 2, and no third line
        assertTrue(pixels(img, Palette.RGB[0]) > 100, "series 1's colour");
        assertTrue(pixels(img, Palette.RGB[1]) > 100, "series 2's colour");
        assertEquals(0, pixels(img, Palette.RGB[2]), "no third line");
        assertTrue(Files.isRegularFile(sweep.resolve("plot-F-G-by-M-panels-x11-40.svg")));
    }

    @Test
    void groupedLineIsThePooledMeanWithThePooledStandardError() {
        ChartLines l = new ChartLines();
        l.grouped(FolderView.read(sweep), "F", false, new LineOptions(true, false, null, List.of()), "M");
        assertEquals(2, l.series.size());
        List<SweepResultsTest.PlanSetting> plan = new ArrayList<>();
        try {
            plan.addAll(SweepResultsTest.plan(sweep));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        List<String> ids = new ArrayList<>();
        plan.stream().filter(p -> p.label().endsWith("M=2")).forEach(p -> ids.addAll(p.ids()));
        assertEquals(4, ids.size());
        List<double[]> runs = SweepResultsTest.curves(sweep, ids, "F");
        Series m2 = l.series.get(0);
        assertEquals(60, m2.values().length);
        for (int t = 0; t < 60; t++) {
            double mean = 0;
            for (double[] r : runs) {
                mean += r[t] / 4;
            }
            double ss = 0;
            for (double[] r : runs) {
                ss += (r[t] - mean) * (r[t] - mean);
            }
            double se = Math.sqrt(ss / 3 / 4);
            assertEquals(mean, m2.values()[t], 1e-12, "mean at round " + (t + 1));
            assertEquals(mean + 1.96 * se, m2.upper()[t], 1e-9, "band at round " + (t + 1));
        }
    }

    @Test
    void severalMetricsInOneChartAndALogScale() throws IOException {
        String name = sweep.getFileName().toString();
        String out = session("plot F,G " + name + " log");
        assertTrue(out.contains("1 ⣿⣿ F: router=paper M=2 (mean of 2)"), out);
        assertTrue(out.contains("5 ⣿⣿ G: router=paper M=2 (mean of 2)"), out);
        assertTrue(out.contains("log scale"), out);
        JFreeChart c = ChartFiles.chart("F", List.of(new ChartFiles.Panel("F", ChartTest.curves())),
                new ChartFiles.Style(900, 540, true));
        assertTrue(c.getXYPlot().getRangeAxis() instanceof org.jfree.chart.axis.LogarithmicAxis);
        assertTrue(Files.isRegularFile(sweep.resolve("plot-F-G-log.png")));
    }

    @Test
    void panelsShareTheRoundAxisAndTheColours() {
        List<Series> s = ChartTest.curves();
        JFreeChart c = ChartFiles.chart("t", List.of(new ChartFiles.Panel("F", s), new ChartFiles.Panel("G", s)),
                ChartFiles.Style.DEFAULT);
        CombinedDomainXYPlot p = (CombinedDomainXYPlot) c.getXYPlot();
        List<XYPlot> sub = p.getSubplots();
        assertEquals(2, sub.size());
        for (XYPlot x : sub) {
            assertEquals(Palette.color(0), x.getRenderer().getSeriesPaint(0));
            assertEquals(Palette.color(1), x.getRenderer().getSeriesPaint(1));
        }
        assertEquals(2, c.getXYPlot().getLegendItems().getItemCount(), "one legend entry per line, not per panel");
    }

    @Test
    void terminalAndFilesShareOnePalette() {
        String chart = TerminalChart.render("F", ChartTest.curves(), 40, 8, true, Palette.Depth.TRUE, false);
        int rgb = Palette.color(0).getRGB() & 0xffffff;
        assertTrue(chart.contains("\u001b[38;2;" + (rgb >> 16) + ";" + (rgb >> 8 & 0xff) + ";" + (rgb & 0xff) + "m"),
                chart);
        assertEquals(0x1f77b4, rgb);
        assertEquals("\u001b[38;2;214;39;40m", Palette.ansi(1, Palette.Depth.TRUE));
        // the nearest cube colour of blue 1f77b4 (31, 119, 180): levels 0, 2, 3
        assertEquals("\u001b[38;5;" + (16 + 0 + 6 * 2 + 3) + "m", Palette.ansi(0, Palette.Depth.CUBE));
        assertEquals(Palette.Depth.TRUE, Palette.depth(256, "truecolor"));
        assertEquals(Palette.Depth.CUBE, Palette.depth(256, null));
        assertEquals(Palette.Depth.BASIC, Palette.depth(8, null));
        assertEquals(Palette.Depth.NONE, Palette.depth(null, "truecolor"));
    }

    @Test
    void flatDataGetAPaddedRangeAndReadableLabels() {
        double[] zeros = new double[50];
        String chart = TerminalChart.render("F", List.of(new Series("flat", zeros)), 40, 8, false, false);
        assertTrue(chart.contains("1.0000") && chart.contains("-1.0000"), chart);
        assertFalse(chart.contains("e-"), chart);
        double[] half = new double[50];
        Arrays.fill(half, 0.5);
        chart = TerminalChart.render("F", List.of(new Series("flat", half)), 40, 8, false, false);
        assertTrue(chart.contains("0.5500") && chart.contains("0.4500"), chart);
        JFreeChart c = ChartFiles.chart("F", "F", List.of(new Series("flat", zeros)));
        NumberAxis y = (NumberAxis) c.getXYPlot().getRangeAxis();
        assertEquals(-1, y.getLowerBound());
        assertEquals(1, y.getUpperBound());
        assertEquals("0", y.getNumberFormatOverride().format(0.0));
        assertEquals("0", y.getNumberFormatOverride().format(-5.551115123125783e-17 * 1e-3));
        assertEquals("0.15", y.getNumberFormatOverride().format(0.15000000000000002));
        assertEquals("1.5e-07", y.getNumberFormatOverride().format(1.5e-7));
        assertEquals("250000", y.getNumberFormatOverride().format(250000.0));
        // tiny data that are not flat keep their own range
        double[] tiny = new double[50];
        for (int i = 0; i < tiny.length; i++) {
            tiny[i] = 1e-9 * i;
        }
        c = ChartFiles.chart("F", "F", List.of(new Series("tiny", tiny)));
        y = (NumberAxis) c.getXYPlot().getRangeAxis();
        assertTrue(y.getUpperBound() >= 4.9e-8 && y.getUpperBound() < 1e-7, "range " + y.getRange());
    }

    @Test
    void badOptionsNameWhatIsAllowed() throws IOException {
        String name = sweep.getFileName().toString();
        String out = session("plot F " + name + " colour=red");
        assertTrue(out.contains("moecl: plot: unknown option 'colour=red' (options: band, seeds, panels, log, "
                + "x=FROM..TO, by=KEY, title=\"TEXT\", size=WxH, width=COLUMNS, height=ROWS)"), out);
        out = session("plot F " + name + " logy");
        assertTrue(out.contains("'logy' is neither a run nor an option; did you mean 'log'?"), out);
        out = session("plot F " + name + " x=40..10");
        assertTrue(out.contains("plot: x=40..10 is empty"), out);
        out = session("plot F " + name + " x=500..600");
        assertTrue(out.contains("plot: no rounds in x=500..600 (the runs have rounds 1..60)"), out);
        out = session("plot F " + name + " size=big");
        assertTrue(out.contains("size takes WIDTHxHEIGHT in pixels, e.g. size=1200x800, got 'big'"), out);
        out = session("plot F " + name + " by=nosuch");
        assertTrue(out.contains("plot: no key 'nosuch' in " + name) && out.contains("keys: "), out);
        out = session("plot F " + name + " --x");
        assertTrue(out.contains("plot: x needs a value, e.g. x=100..500"), out);
        out = session("plot F " + name + " band band");
        assertTrue(out.contains("plot: band given twice"), out);
        out = session("plot F, " + name);
        assertTrue(out.contains("an empty metric in 'F,'"), out);
        out = session("help plot");
        assertTrue(out.contains("by=KEY              one line per value of KEY"), out);
    }
}
