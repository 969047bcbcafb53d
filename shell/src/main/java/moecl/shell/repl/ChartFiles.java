package moecl.shell.repl;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Rectangle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/**
 * The same line chart as the terminal shows, as PNG and SVG files, drawn by JFreeChart (SVG through JFreeSVG), with
 * a shaded band around lines that have one (mean ± 1.96·se) and single runs as thin lines under their mean.
 * Each file is written under a temporary name and renamed when complete, like every file of a run folder.
 */
final class ChartFiles {

    static final int WIDTH = 900;
    static final int HEIGHT = 540;
    /** Points per series in a file: enough for a smooth line, few enough for a small SVG. */
    static final int MAX_POINTS = 2000;

    static {
        // charts are drawn off screen; never ask for a display
        System.setProperty("java.awt.headless", "true");
    }

    private ChartFiles() {
    }

    /** Size and scale of the files: {@code size=WxH}, {@code log}. */
    record Style(int width, int height, boolean log) {
        static final Style DEFAULT = new Style(WIDTH, HEIGHT, false);
    }

    /** One panel of a chart: a metric's lines (its own value axis, the rounds shared with the other panels). */
    record Panel(String metric, List<Series> series) {
    }

    /** Writes {@code dir/base.png} and {@code dir/base.svg}; returns both paths. */
    static List<Path> write(Path dir, String base, String title, String metric, List<Series> series) {
        return write(dir, base, title, List.of(new Panel(metric, series)), Style.DEFAULT);
    }

    /** Writes {@code dir/base.png} and {@code dir/base.svg} of the panels, one above the other; returns both. */
    static List<Path> write(Path dir, String base, String title, List<Panel> panels, Style style) {
        JFreeChart chart = chart(title, panels, style);
        int w = style.width();
        int h = style.height();
        try {
            Files.createDirectories(dir);
            Path png = dir.resolve(base + ".png");
            Path svg = dir.resolve(base + ".svg");
            atomically(png, tmp -> ChartUtils.saveChartAsPNG(tmp.toFile(), chart, w, h));
            atomically(svg, tmp -> {
                SVGGraphics2D g = new SVGGraphics2D(w, h);
                chart.draw(g, new Rectangle(0, 0, w, h));
                Files.writeString(tmp, g.getSVGDocument(), StandardCharsets.UTF_8);
            });
            return List.of(png, svg);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write chart files in " + dir + ": " + e.getMessage(), e);
        }
    }

    static JFreeChart chart(String title, String metric, List<Series> series) {
        return chart(title, List.of(new Panel(metric, series)), Style.DEFAULT);
    }

    /**
     * The chart: one plot, or panels stacked over a shared round axis. In each, the lines (with a shaded band where
     * a series has one, drawn by a {@link DeviationRenderer}) over the thin lines (single runs, in a light tint of
     * their line's colour, not in the legend). Line k has {@link Palette} colour k in every panel, as in the terminal.
     */
    static JFreeChart chart(String title, List<Panel> panels, Style style) {
        NumberAxis rounds = new NumberAxis("round t");
        rounds.setAutoRangeIncludesZero(false);
        rounds.setNumberFormatOverride(new Axes.TickFormat());
        XYPlot plot;
        if (panels.size() == 1) {
            plot = plot(panels.get(0), style, true);
            plot.setDomainAxis(rounds);
        } else {
            CombinedDomainXYPlot combined = new CombinedDomainXYPlot(rounds);
            combined.setGap(12);
            for (int i = 0; i < panels.size(); i++) {
                combined.add(plot(panels.get(i), style, i == 0), 1);
            }
            plot = combined;
        }
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    private static XYPlot plot(Panel panel, Style style, boolean legend) {
        List<Series> lines = panel.series().stream().filter(s -> !s.thin()).toList();
        List<Series> thin = panel.series().stream().filter(Series::thin).toList();
        boolean log = style.log();
        boolean band = lines.stream().anyMatch(Series::band);
        XYDataset data;
        double[] lohi = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        if (band) {
            YIntervalSeriesCollection c = new YIntervalSeriesCollection();
            for (Series s : lines) {
                YIntervalSeries y = new YIntervalSeries(key(s.label(), c::indexOf), false, true);
                points(s, log, (x, v, lo, hi) -> {
                    y.add(x, v, lo, hi);
                    extend(lohi, v);
                });
                c.addSeries(y);
            }
            data = c;
        } else {
            XYSeriesCollection c = new XYSeriesCollection();
            for (Series s : lines) {
                XYSeries xy = new XYSeries(key(s.label(), c::getSeriesIndex), false, true);
                points(s, log, (x, v, lo, hi) -> {
                    xy.add(x, v);
                    extend(lohi, v);
                });
                c.addSeries(xy);
            }
            data = c;
        }
        ValueAxis values;
        if (log) {
            // ticks at 1..9 × 10^k, labelled as plain numbers
            LogarithmicAxis a = new LogarithmicAxis(panel.metric() + " (log scale)");
            a.setNumberFormatOverride(new Axes.TickFormat());
            a.setStrictValuesFlag(false);
            a.setAutoRangeNextLogFlag(false);
            if (lohi[0] <= lohi[1]) {
                double[] r = Axes.logRange(Math.log10(lohi[0]), Math.log10(lohi[1]));
                if (r[0] != Math.log10(lohi[0])) {
                    a.setRange(Math.pow(10, r[0]), Math.pow(10, r[1]));
                }
            }
            values = a;
        } else {
            NumberAxis a = new NumberAxis(panel.metric());
            a.setAutoRangeIncludesZero(false);
            a.setNumberFormatOverride(new Axes.TickFormat());
            if (lohi[0] <= lohi[1]) {
                double[] r = Axes.range(lohi[0], lohi[1]);
                if (r[0] != lohi[0] || r[1] != lohi[1]) {
                    // flat data: a padded range around the value, not JFreeChart's 1E-8 around it
                    a.setRange(r[0], r[1]);
                }
            }
            values = a;
        }
        XYLineAndShapeRenderer r;
        if (band) {
            DeviationRenderer d = new DeviationRenderer(true, false);
            d.setAlpha(0.22f);
            r = d;
        } else {
            r = new XYLineAndShapeRenderer(true, false);
        }
        for (int i = 0; i < lines.size(); i++) {
            r.setSeriesStroke(i, new BasicStroke(1.5f));
            r.setSeriesPaint(i, Palette.color(i));
            r.setSeriesFillPaint(i, Palette.color(i));
            r.setSeriesVisibleInLegend(i, legend);
        }
        XYPlot plot = new XYPlot(data, null, values, r);
        plot.setOrientation(PlotOrientation.VERTICAL);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xDDDDDD));
        plot.setRangeGridlinePaint(new Color(0xDDDDDD));
        if (!thin.isEmpty()) {
            XYSeriesCollection c = new XYSeriesCollection();
            XYLineAndShapeRenderer tr = new XYLineAndShapeRenderer(true, false);
            for (int i = 0; i < thin.size(); i++) {
                Series s = thin.get(i);
                XYSeries xy = new XYSeries(key(s.label(), c::getSeriesIndex), false, true);
                points(s, log, (x, v, lo, hi) -> xy.add(x, v));
                c.addSeries(xy);
                tr.setSeriesPaint(i, Palette.tint(Palette.color(Math.max(0, s.group()))));
                tr.setSeriesStroke(i, new BasicStroke(0.6f));
                tr.setSeriesVisibleInLegend(i, false);
            }
            plot.setDataset(1, c);
            plot.setRenderer(1, tr);
            // the lines over the thin lines: dataset 0 is drawn last
            plot.setDatasetRenderingOrder(DatasetRenderingOrder.REVERSE);
        }
        return plot;
    }

    private static void extend(double[] lohi, double v) {
        lohi[0] = Math.min(lohi[0], v);
        lohi[1] = Math.max(lohi[1], v);
    }

    /** A key not yet in a dataset (labels may repeat across folders; JFreeChart needs distinct keys). */
    private static String key(String label, java.util.function.ToIntFunction<String> indexOf) {
        String key = label;
        for (int k = 2; indexOf.applyAsInt(key) >= 0; k++) {
            key = label + " (" + k + ")";
        }
        return key;
    }

    @FunctionalInterface
    private interface Point {
        void add(double x, double y, double lo, double hi);
    }

    /**
     * The points of a series, at most {@link #MAX_POINTS}: consecutive points averaged (their rounds, values and
     * band edges alike); points without a finite value are left out.
     */
    private static void points(Series s, boolean log, Point out) {
        double[] v = s.values();
        int step = Math.max(1, (v.length + MAX_POINTS - 1) / MAX_POINTS);
        for (int i = 0; i < v.length; i += step) {
            double x = 0;
            double sum = 0;
            double lo = 0;
            double hi = 0;
            int cnt = 0;
            int bandCnt = 0;
            for (int j = i; j < Math.min(v.length, i + step); j++) {
                if (Double.isFinite(v[j])) {
                    x += s.x(j);
                    sum += v[j];
                    cnt++;
                    if (s.band() && Double.isFinite(s.lower()[j]) && Double.isFinite(s.upper()[j])) {
                        lo += s.lower()[j];
                        hi += s.upper()[j];
                        bandCnt++;
                    }
                }
            }
            if (cnt > 0) {
                double y = sum / cnt;
                if (log && !(y > 0)) {
                    continue; // a log axis has no place for it
                }
                // a band only where every averaged point has one, else the bare line
                boolean b = bandCnt == cnt && (!log || lo > 0);
                out.add(x / cnt, y, b ? lo / cnt : y, b ? hi / cnt : y);
            }
        }
    }

    @FunctionalInterface
    private interface Writer {
        void write(Path tmp) throws IOException;
    }

    private static void atomically(Path target, Writer w) throws IOException {
        Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), "." + target.getFileName(), ".partial");
        try {
            w.write(tmp);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
