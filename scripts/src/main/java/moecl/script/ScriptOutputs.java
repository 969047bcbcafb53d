package moecl.script;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.graalvm.polyglot.Value;

import moecl.workbench.Csv;

/**
 * What a script writes or summarises: {@code moecl.plot} (charts through {@link ScriptPlots}),
 * {@code moecl.writeCsv} (tables through {@link Csv}) and {@code moecl.average}; every file passes the sandbox.
 */
final class ScriptOutputs {

    private final ScriptRun state;

    ScriptOutputs(ScriptRun state) {
        this.state = state;
    }

    static Object average(Value arrays) {
        Object j = Convert.toJava(arrays);
        if (!(j instanceof List<?> l) || l.isEmpty()) {
            throw new IllegalArgumentException("average(arrays) needs a non-empty list of arrays, got "
                    + Convert.describe(arrays));
        }
        double[][] rows = new double[l.size()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = Convert.doubles(l.get(i), "average: array " + i);
            if (rows[i].length != rows[0].length) {
                throw new IllegalArgumentException("average: array " + i + " has " + rows[i].length
                        + " values, array 0 has " + rows[0].length);
            }
        }
        int n = rows.length;
        int len = rows[0].length;
        double[] mean = new double[len];
        double[] sd = new double[len];
        double[] se = new double[len];
        for (int k = 0; k < len; k++) {
            double s = 0;
            for (double[] r : rows) {
                s += r[k];
            }
            double mu = s / n;
            double v = 0;
            for (double[] r : rows) {
                v += (r[k] - mu) * (r[k] - mu);
            }
            mean[k] = mu;
            sd[k] = n > 1 ? Math.sqrt(v / (n - 1)) : 0;
            se[k] = sd[k] / Math.sqrt(n);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mean", mean);
        m.put("sd", sd);
        m.put("se", se);
        m.put("n", n);
        return new GuestMap(m);
    }

    String plot(Value options) {
        if (!(Convert.toJava(options) instanceof Map<?, ?> raw)) {
            throw new IllegalArgumentException("plot(options) needs an object/dict with file and series, got "
                    + Convert.describe(options));
        }
        Map<String, Object> o = new LinkedHashMap<>();
        raw.forEach((k, v) -> o.put(String.valueOf(k), v));
        ScriptPlots.checkKeys(o);
        if (!(o.get("file") instanceof String file)) {
            throw new IllegalArgumentException("plot: 'file' (a .png or .svg path) is required");
        }
        if (!(o.get("series") instanceof List<?> sl) || sl.isEmpty()) {
            throw new IllegalArgumentException("plot: 'series' must be a non-empty list of {name, x?, y}");
        }
        List<ScriptPlots.Series> series = new ArrayList<>();
        for (int i = 0; i < sl.size(); i++) {
            if (!(sl.get(i) instanceof Map<?, ?> s) || s.get("y") == null) {
                throw new IllegalArgumentException("plot: series " + i + " must be {name, x?, y}, got "
                        + Convert.describe(sl.get(i)));
            }
            double[] y = Convert.doubles(s.get("y"), "plot: series " + i + " y");
            double[] x = s.get("x") == null ? null : Convert.doubles(s.get("x"), "plot: series " + i + " x");
            if (x != null && x.length != y.length) {
                throw new IllegalArgumentException("plot: series " + i + " has " + x.length + " x values and "
                        + y.length + " y values");
            }
            String name = s.get("name") == null ? "series " + i : String.valueOf(s.get("name"));
            series.add(new ScriptPlots.Series(name, x, y));
        }
        Path target = state.host().fileSystem().checkWrite(state.host().fileSystem().check(Path.of(file)));
        var chart = ScriptPlots.chart(str(o, "title", ""), str(o, "xLabel", "t"), str(o, "yLabel", ""), series,
                Boolean.TRUE.equals(o.get("logX")), Boolean.TRUE.equals(o.get("logY")));
        ScriptPlots.write(chart, target, ScriptOptions.intOption(o, "width", 800),
                ScriptOptions.intOption(o, "height", 500));
        return target.toString();
    }

    String writeCsv(String path, Value table) {
        if (path == null) {
            throw new IllegalArgumentException("writeCsv(path, table): path must be a file name, got nothing "
                    + "(null/None/undefined)");
        }
        Object t = Convert.toJava(table);
        List<String> header = new ArrayList<>();
        List<List<Object>> rows = new ArrayList<>();
        if (t instanceof ResultTable rt) {
            header.addAll(rt.columnNames());
            for (Map<String, Object> r : rt.rowMaps()) {
                rows.add(header.stream().map(r::get).collect(Collectors.toList()));
            }
        } else if (t instanceof Map<?, ?> cols) {
            int n = -1;
            List<List<?>> data = new ArrayList<>();
            for (Map.Entry<?, ?> e : cols.entrySet()) {
                header.add(String.valueOf(e.getKey()));
                List<?> col = e.getValue() instanceof List<?> l ? l : List.of(e.getValue());
                if (n >= 0 && col.size() != n) {
                    throw new IllegalArgumentException("writeCsv: column '" + e.getKey() + "' has " + col.size()
                            + " values, the first column has " + n);
                }
                n = col.size();
                data.add(col);
            }
            for (int i = 0; i < Math.max(n, 0); i++) {
                List<Object> row = new ArrayList<>();
                for (List<?> col : data) {
                    row.add(col.get(i));
                }
                rows.add(row);
            }
        } else if (t instanceof List<?> list) {
            Set<String> keys = new LinkedHashSet<>();
            for (Object r : list) {
                if (!(r instanceof Map<?, ?> rm)) {
                    throw new IllegalArgumentException("writeCsv: rows must be records, got " + Convert.describe(r));
                }
                rm.keySet().forEach(k -> keys.add(String.valueOf(k)));
            }
            header.addAll(keys);
            for (Object r : list) {
                Map<?, ?> rm = (Map<?, ?>) r;
                rows.add(header.stream().map(k -> (Object) rm.get(k)).collect(Collectors.toList()));
            }
        } else {
            throw new IllegalArgumentException("writeCsv(path, table): table must be columns {name: [values]} or a "
                    + "list of records, got " + Convert.describe(t));
        }
        Path target = state.host().fileSystem().checkWrite(state.host().fileSystem().check(Path.of(path)));
        try {
            Csv.write(target, header, rows);
        } catch (IOException e) {
            throw new UncheckedIOException("writeCsv: cannot write " + target + ": " + e.getMessage(), e);
        }
        return target.toString();
    }

    private static String str(Map<String, Object> o, String key, String def) {
        Object v = o.get(key);
        return v == null ? def : String.valueOf(v);
    }
}
