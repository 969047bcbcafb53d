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

import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
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

    /** Writes {@code dir/base.png} and {@code dir/base.svg}; returns both paths. */
    static List<Path> write(Path dir, String base, String title, String metric, List<Series> series) {
        JFreeChart chart = chart(title, metric, series);
        try {
            Files.createDirectories(dir);
            Path png = dir.resolve(base + ".png");
            Path svg = dir.resolve(base + ".svg");
            atomically(png, tmp -> ChartUtils.saveChartAsPNG(tmp.toFile(), chart, WIDTH, HEIGHT));
            atomically(svg, tmp -> {
                SVGGraphics2D g = new SVGGraphics2D(WIDTH, HEIGHT);
                chart.draw(g, new Rectangle(0, 0, WIDTH, HEIGHT));
                Files.writeString(tmp, g.getSVGDocument(), StandardCharsets.UTF_8);
            });
            return List.of(png, svg);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write chart files in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Colours of lines 1, 2, ... (cycled); a thin line takes a light tint of its line's colour. */
    static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0x9467bd), new Color(0x17becf), new Color(0xff7f0e), new Color(0x8c564b), new Color(0xe377c2),
        new Color(0x7f7f7f), new Color(0xbcbd22)};

    /**
     * The chart: the lines (with a shaded band where a series has one, drawn by a {@link DeviationRenderer}) over
     * the thin lines (single runs, in a light tint of their line's colour, not in the legend).
     */
    static JFreeChart chart(String title, String metric, List<Series> series) {
        List<Series> lines = series.stream().filter(s -> !s.thin()).toList();
        List<Series> thin = series.stream().filter(Series::thin).toList();
        boolean band = lines.stream().anyMatch(Series::band);
        XYDataset data;
        if (band) {
            YIntervalSeriesCollection c = new YIntervalSeriesCollection();
            for (Series s : lines) {
                YIntervalSeries y = new YIntervalSeries(key(s.label(), c::indexOf), false, true);
                points(s, (x, v, lo, hi) -> y.add(x, v, lo, hi));
                c.addSeries(y);
            }
            data = c;
        } else {
            XYSeriesCollection c = new XYSeriesCollection();
            for (Series s : lines) {
                XYSeries xy = new XYSeries(key(s.label(), c::getSeriesIndex), false, true);
                points(s, (x, v, lo, hi) -> xy.add(x, v));
                c.addSeries(xy);
            }
            data = c;
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, "round t", metric, data, PlotOrientation.VERTICAL,
                true, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xDDDDDD));
        plot.setRangeGridlinePaint(new Color(0xDDDDDD));
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
            r.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
            r.setSeriesFillPaint(i, PALETTE[i % PALETTE.length]);
        }
        plot.setRenderer(0, r);
        if (!thin.isEmpty()) {
            XYSeriesCollection c = new XYSeriesCollection();
            XYLineAndShapeRenderer tr = new XYLineAndShapeRenderer(true, false);
            for (int i = 0; i < thin.size(); i++) {
                Series s = thin.get(i);
                XYSeries xy = new XYSeries(key(s.label(), c::getSeriesIndex), false, true);
                points(s, (x, v, lo, hi) -> xy.add(x, v));
                c.addSeries(xy);
                Color base = PALETTE[Math.max(0, s.group()) % PALETTE.length];
                tr.setSeriesPaint(i, tint(base));
                tr.setSeriesStroke(i, new BasicStroke(0.6f));
                tr.setSeriesVisibleInLegend(i, false);
            }
            plot.setDataset(1, c);
            plot.setRenderer(1, tr);
            // the lines over the thin lines: dataset 0 is drawn last
            plot.setDatasetRenderingOrder(DatasetRenderingOrder.REVERSE);
        }
        return chart;
    }

    /** A key not yet in a dataset (labels may repeat across folders; JFreeChart needs distinct keys). */
    private static String key(String label, java.util.function.ToIntFunction<String> indexOf) {
        String key = label;
        for (int k = 2; indexOf.applyAsInt(key) >= 0; k++) {
            key = label + " (" + k + ")";
        }
        return key;
    }

    private static Color tint(Color c) {
        return new Color((c.getRed() + 2 * 255) / 3, (c.getGreen() + 2 * 255) / 3, (c.getBlue() + 2 * 255) / 3);
    }

    @FunctionalInterface
    private interface Point {
        void add(double x, double y, double lo, double hi);
    }

    /**
     * The points of a series, at most {@link #MAX_POINTS}: consecutive points averaged (their rounds, values and
     * band edges alike); points without a finite value are left out.
     */
    private static void points(Series s, Point out) {
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
                // a band only where every averaged point has one, else the bare line
                boolean b = bandCnt == cnt;
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
