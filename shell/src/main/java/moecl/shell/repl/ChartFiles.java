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
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/**
 * The same line chart as the terminal shows, as PNG and SVG files, drawn by JFreeChart (SVG through JFreeSVG).
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

    static JFreeChart chart(String title, String metric, List<Series> series) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Series s : series) {
            // labels may repeat across folders; JFreeChart needs distinct keys
            String key = s.label();
            for (int k = 2; data.getSeriesIndex(key) >= 0; k++) {
                key = s.label() + " (" + k + ")";
            }
            XYSeries xy = new XYSeries(key, false, true);
            double[] v = s.values();
            int step = Math.max(1, (v.length + MAX_POINTS - 1) / MAX_POINTS);
            for (int i = 0; i < v.length; i += step) {
                double sum = 0;
                int cnt = 0;
                for (int j = i; j < Math.min(v.length, i + step); j++) {
                    if (Double.isFinite(v[j])) {
                        sum += v[j];
                        cnt++;
                    }
                }
                if (cnt > 0) {
                    xy.add(i + 1 + (step - 1) / 2.0, sum / cnt);
                }
            }
            data.addSeries(xy);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, "round t", metric, data, PlotOrientation.VERTICAL,
                true, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xDDDDDD));
        plot.setRangeGridlinePaint(new Color(0xDDDDDD));
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < series.size(); i++) {
            r.setSeriesStroke(i, new BasicStroke(1.5f));
        }
        plot.setRenderer(r);
        return chart;
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
