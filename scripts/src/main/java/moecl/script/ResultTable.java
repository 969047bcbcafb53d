package moecl.script;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.graalvm.polyglot.HostAccess;

import com.fasterxml.jackson.databind.JsonNode;

import moecl.workbench.sweep.SweepPlan;
import moecl.workbench.sweep.SweepViews;

/**
 * The final-metrics table of a sweep, one row per setting, as a script reads it: {@code t.columns} (names),
 * {@code t.rows} (records), {@code t.column("F_mean")} (one column's values), {@code t.length}; its text
 * ({@code t.text}, also what printing it shows) is the table {@code moecl run} prints.
 *
 * <p>Columns: {@code setting}, {@code label}, the keys that vary across the sweep, {@code n} (finished runs), then
 * for each final metric {@code METRIC_mean}, {@code METRIC_se} (null for one run), {@code METRIC_median},
 * {@code METRIC_min}, {@code METRIC_max}, and {@code freeze_mean} (the mean freeze round of the runs that froze, or
 * null) and {@code frozen} (how many froze).
 */
public final class ResultTable {

    private final List<String> names;
    private final List<Map<String, Object>> data;
    private final String text;

    /** The names of the columns. */
    @HostAccess.Export
    public final Object columns;
    /** The rows, as records keyed by column name. */
    @HostAccess.Export
    public final Object rows;
    /** The number of rows. */
    @HostAccess.Export
    public final int length;

    ResultTable(List<String> names, List<Map<String, Object>> data, String text) {
        this.names = List.copyOf(names);
        this.data = data;
        this.text = text;
        this.length = data.size();
        List<Object> guestRows = new ArrayList<>();
        for (Map<String, Object> r : data) {
            guestRows.add(new GuestMap(r));
        }
        this.columns = new ListProxy(new ArrayList<>(this.names));
        this.rows = new ListProxy(guestRows);
    }

    static ResultTable of(SweepPlan plan, JsonNode[] records, String text) {
        List<String> metrics = SweepViews.metricNames(records);
        Set<String> cols = new LinkedHashSet<>(List.of("setting", "label"));
        cols.addAll(plan.varying());
        cols.add("n");
        for (String m : metrics) {
            for (String stat : List.of("mean", "se", "median", "min", "max")) {
                cols.add(m + "_" + stat);
            }
        }
        cols.add("freeze_mean");
        cols.add("frozen");
        List<Map<String, Object>> rows = new ArrayList<>();
        for (SweepPlan.Setting s : plan.settings()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("setting", s.index());
            r.put("label", s.label());
            for (String k : plan.varying()) {
                r.put(k, value(s.values().get(k)));
            }
            List<JsonNode> done = new ArrayList<>();
            for (int i : s.runs()) {
                if (records[i] != null) {
                    done.add(records[i]);
                }
            }
            r.put("n", done.size());
            for (String m : metrics) {
                double[] v = done.stream().map(x -> x.path("final").path(m)).filter(JsonNode::isNumber)
                        .mapToDouble(JsonNode::asDouble).toArray();
                SweepViews.Stats st = v.length == 0 ? null : SweepViews.Stats.of(v);
                r.put(m + "_mean", st == null ? null : st.mean());
                r.put(m + "_se", st == null ? null : st.se());
                r.put(m + "_median", st == null ? null : st.median());
                r.put(m + "_min", st == null ? null : st.min());
                r.put(m + "_max", st == null ? null : st.max());
            }
            double[] fr = done.stream().map(x -> x.path("freezeRound")).filter(JsonNode::isNumber)
                    .mapToDouble(JsonNode::asDouble).toArray();
            r.put("freeze_mean", fr.length == 0 ? null : SweepViews.Stats.of(fr).mean());
            r.put("frozen", fr.length);
            rows.add(r);
        }
        return new ResultTable(new ArrayList<>(cols), rows, text);
    }

    /** A setting's value as a number when it is one ({@code M=5} → 5), else its text. */
    private static Object value(String text) {
        if (text == null) {
            return null;
        }
        try {
            double d = Double.parseDouble(text);
            return d == Math.rint(d) && !text.contains(".") && Math.abs(d) < 1e15 ? (Object) (long) d : (Object) d;
        } catch (NumberFormatException e) {
            return text;
        }
    }

    List<String> columnNames() {
        return names;
    }

    List<Map<String, Object>> rowMaps() {
        return data;
    }

    /** One column's values, in row order. */
    @HostAccess.Export
    public Object column(String name) {
        if (!names.contains(name)) {
            throw new IllegalArgumentException("table: no column '" + name + "'" + moecl.spec.Suggest.didYouMean(name,
                    names) + " (columns: " + String.join(", ", names) + ")");
        }
        List<Object> out = new ArrayList<>();
        for (Map<String, Object> r : data) {
            out.add(r.get(name));
        }
        return Convert.toGuest(out);
    }

    /** The table as {@code moecl run} prints it. */
    @HostAccess.Export
    public String text() {
        return text;
    }

    @HostAccess.Export
    @Override
    public String toString() {
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }
}
