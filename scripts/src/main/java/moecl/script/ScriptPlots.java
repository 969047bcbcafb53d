package moecl.script;

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
import java.util.Locale;
import java.util.Map;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/**
 * Line charts for {@code moecl.plot}: JFreeChart, written as PNG or (JFreeSVG) SVG by the file's extension, to a
 * temporary name renamed when complete.
 */
final class ScriptPlots {

    private ScriptPlots() {
    }

    /** One line: a name, x values (1..n when absent) and y values. */
    record Series(String name, double[] x, double[] y) {
    }

    static final List<String> KEYS = List.of("file", "title", "xLabel", "yLabel", "series", "logX", "logY", "width",
            "height");

    static JFreeChart chart(String title, String xLabel, String yLabel, List<Series> series, boolean logX,
                            boolean logY) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Series s : series) {
            XYSeries xy = new XYSeries(s.name(), false, true);
            for (int i = 0; i < s.y().length; i++) {
                double x = s.x() == null ? i + 1 : s.x()[i];
                double y = s.y()[i];
                if (Double.isFinite(x) && Double.isFinite(y) && (!logX || x > 0) && (!logY || y > 0)) {
                    xy.add(x, y, false);
                }
            }
            data.addSeries(xy);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, xLabel, yLabel, data, PlotOrientation.VERTICAL,
                true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < series.size(); i++) {
            r.setSeriesStroke(i, new BasicStroke(1.6f));
        }
        plot.setRenderer(r);
        if (logX) {
            LogarithmicAxis ax = new LogarithmicAxis(xLabel);
            ax.setAllowNegativesFlag(false);
            plot.setDomainAxis(ax);
        }
        if (logY) {
            LogarithmicAxis ay = new LogarithmicAxis(yLabel);
            ay.setAllowNegativesFlag(false);
            plot.setRangeAxis(ay);
        }
        return chart;
    }

    /** Writes the chart to {@code file} (.png or .svg). */
    static void write(JFreeChart chart, Path file, int width, int height) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        Path tmp = file.resolveSibling("." + file.getFileName() + ".partial");
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            if (name.endsWith(".png")) {
                ChartUtils.saveChartAsPNG(tmp.toFile(), chart, width, height);
            } else if (name.endsWith(".svg")) {
                SVGGraphics2D g = new SVGGraphics2D(width, height);
                chart.draw(g, new Rectangle(0, 0, width, height));
                Files.writeString(tmp, g.getSVGDocument(), StandardCharsets.UTF_8);
            } else {
                throw new IllegalArgumentException("plot: file must end in .png or .svg, got " + file.getFileName());
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("plot: cannot write " + file + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // best effort
            }
        }
    }

    static void checkKeys(Map<String, Object> options) {
        for (String k : options.keySet()) {
            if (!KEYS.contains(k)) {
                throw new IllegalArgumentException("plot: unknown option '" + k + "'"
                        + moecl.spec.Suggest.didYouMean(k, KEYS) + " (options: " + String.join(", ", KEYS) + ")");
            }
        }
    }
}
