package moecl.workbench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * The report's figures: curves over rounds, each a mean with a shaded 95% band (mean ± 1.96 standard errors over
 * seeds), or single-seed lines (no band), drawn with JFreeChart into PNG bytes. At most {@value #POINTS} points
 * per curve are drawn (every k-th round, the last one always).
 */
final class Charts {

    static final int POINTS = 600;

    /** Matplotlib's default colour cycle, as the authors' figures use: its first eight colours. */
    static final Color[] PALETTE = java.util.stream.IntStream.range(0, 8)
            .mapToObj(i -> new Color(ChartColors.rgb(i))).toArray(Color[]::new);

    /** One curve: its legend, values per round (round t at index t−1) and standard errors (null: no band). */
    record Curve(String label, double[] y, double[] se) {
    }

    private Charts() {
    }

    /** A chart of {@code curves} over rounds 1..T as PNG bytes. */
    static byte[] png(String title, String yLabel, List<Curve> curves, int width, int height) {
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        for (Curve c : curves) {
            YIntervalSeries s = new YIntervalSeries(c.label());
            int n = c.y().length;
            int step = Math.max(1, (n + POINTS - 1) / POINTS);
            for (int i = 0; i < n; i += step) {
                add(s, c, i);
            }
            if ((n - 1) % step != 0) {
                add(s, c, n - 1);
            }
            data.addSeries(s);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, "round t", yLabel, data, PlotOrientation.VERTICAL,
                true, false, false);
        chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        chart.setBackgroundPaint(Color.WHITE);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        DeviationRenderer r = new DeviationRenderer(true, false);
        for (int k = 0; k < curves.size(); k++) {
            Color c = PALETTE[k % PALETTE.length];
            r.setSeriesPaint(k, c);
            r.setSeriesFillPaint(k, c);
            r.setSeriesStroke(k, new BasicStroke(1.6f));
        }
        r.setAlpha(0.18f);
        plot.setRenderer(r);
        NumberAxis y = (NumberAxis) plot.getRangeAxis();
        y.setAutoRangeIncludesZero(true);
        BufferedImage img = chart.createBufferedImage(width, height);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void add(YIntervalSeries s, Curve c, int i) {
        double y = c.y()[i];
        double h = c.se() == null || !Double.isFinite(c.se()[i]) ? 0 : 1.96 * c.se()[i];
        s.add(i + 1, y, y - h, y + h);
    }

    /** Single-seed curves: no band. */
    static List<Curve> lines(List<String> labels, List<double[]> ys) {
        List<Curve> out = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            out.add(new Curve(labels.get(i), ys.get(i), null));
        }
        return out;
    }
}
