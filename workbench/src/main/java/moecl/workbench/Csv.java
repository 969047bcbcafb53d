package moecl.workbench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Tables of cells as CSV (RFC 4180: a field holding a comma, a quote or a line break is quoted, its quotes
 * doubled). The numeric per-round files ({@code rounds.csv}, {@code theory.csv}) are streamed by their writers
 * ({@link moecl.workbench.sweep.SweepViews#writeCsv}, {@link TheoryReport}): their cells are numbers, which never
 * need quoting, and they can run to millions of rows.
 */
public final class Csv {

    private Csv() {
    }

    /** One field: {@code null} is empty, a double is written in full ({@link Double#toString}). */
    public static String field(Object v) {
        if (v == null) {
            return "";
        }
        String s = v instanceof Double d ? Double.toString(d) : String.valueOf(v);
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    /** One line of fields, without its line break. */
    public static String line(List<?> cells) {
        return cells.stream().map(Csv::field).collect(Collectors.joining(","));
    }

    /**
     * Writes {@code header} and {@code rows} to {@code target} (folders created), through a partial file renamed
     * into place, so a reader never sees half a table.
     */
    public static void write(Path target, List<String> header, List<? extends List<?>> rows) throws IOException {
        Path tmp = target.resolveSibling("." + target.getFileName() + ".partial");
        if (target.getParent() != null) {
            Files.createDirectories(target.getParent());
        }
        try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            w.write(line(header));
            w.write('\n');
            for (List<?> row : rows) {
                w.write(line(row));
                w.write('\n');
            }
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
}
