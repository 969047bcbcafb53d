package moecl.shell.repl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** Charts: braille or plain text in the terminal, PNG and SVG files that are what they claim to be. */
class ChartTest {

    @TempDir
    Path tmp;

    static List<Series> curves() {
        double[] a = new double[500];
        double[] b = new double[400];
        for (int i = 0; i < a.length; i++) {
            a[i] = Math.exp(-i / 100.0);
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = 0.5 + 0.3 * Math.sin(i / 30.0);
        }
        return List.of(new Series("decay", a), new Series("wave", b));
    }

    @Test
    void terminalChartUsesBrailleDotsAndALegend() {
        String chart = TerminalChart.render("F", curves(), 60, 12, true, false);
        assertTrue(chart.chars().anyMatch(c -> c > 0x2800 && c <= 0x28ff), chart);
        assertTrue(chart.contains("1 ⣿⣿ decay") && chart.contains("2 ⣿⣿ wave"), chart);
        assertTrue(chart.contains("t=500"), chart);
        assertFalse(chart.contains("\u001b["), "no colour unless asked");
        assertTrue(chart.lines().allMatch(l -> l.length() < 90), chart);
    }

    @Test
    void plainCharactersWhenBrailleCannotBeShown() {
        String chart = TerminalChart.render("F", curves(), 40, 8, false, false);
        assertTrue(chart.contains("*"), chart);
        assertTrue(chart.chars().noneMatch(c -> c >= 0x2800 && c <= 0x28ff), chart);
        assertTrue(TerminalChart.render("F", List.of(new Series("x", new double[] {Double.NaN})), 10, 4, true, false)
                .contains("no finite values"));
    }

    @Test
    void colourOnlyWhenTheTerminalCanShowIt() {
        assertTrue(TerminalChart.render("F", curves(), 40, 8, true, true).contains("\u001b[34m"));
    }

    @Test
    void pngAndSvgFilesAreValid() throws Exception {
        List<Path> files = ChartFiles.write(tmp.resolve("plots"), "f", "F", "F", curves());
        assertEquals(2, files.size());
        byte[] png = Files.readAllBytes(files.get(0));
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, Arrays.copyOf(png, 8));
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document svg = f.newDocumentBuilder().parse(files.get(1).toFile());
        assertEquals("svg", svg.getDocumentElement().getLocalName());
        try (var s = Files.list(tmp.resolve("plots"))) {
            assertEquals(2, s.count(), "no temporary files left behind");
        }
    }
}
