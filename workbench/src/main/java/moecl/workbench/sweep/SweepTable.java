package moecl.workbench.sweep;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The table printed after a sweep. Each setting is labelled by the keys that vary across the sweep. One row per
 * run while every setting has a single run and there are few; otherwise one row per setting with n and, for each
 * final metric, the mean, its standard error and the median over the setting's runs.
 */
final class SweepTable {

    static final int MAX_RUN_ROWS = 24;

    private SweepTable() {
    }

    static String table(SweepPlan plan, JsonNode[] records) {
        List<String> metrics = SweepViews.metricNames(records);
        boolean perRun = plan.runs().size() <= MAX_RUN_ROWS
                && plan.settings().stream().allMatch(s -> s.runs().size() == 1);
        int w = 7;
        for (SweepPlan.Setting s : plan.settings()) {
            w = Math.max(w, Math.min(60, s.label().length()));
        }
        StringBuilder sb = new StringBuilder();
        if (perRun) {
            sb.append(String.format("%-4s %-6s %-" + w + "s", "run", "seed", "setting"));
            for (String m : metrics) {
                sb.append(String.format(" %10s", m));
            }
            sb.append(String.format(" %7s%n", "freeze"));
            for (SweepPlan.Run r : plan.runs()) {
                JsonNode rec = records[r.index()];
                sb.append(String.format("%-4d %-6d %-" + w + "s", r.index(), r.spec().seed(),
                        clip(plan.settings().get(r.setting()).label(), w)));
                for (String m : metrics) {
                    sb.append(rec == null ? String.format(" %10s", "failed") : String.format(" %10s",
                            five(value(rec.path("final").path(m)))));
                }
                sb.append(String.format(" %7s%n", rec == null || !rec.path("freezeRound").isNumber() ? "-"
                        : rec.path("freezeRound").asText()));
            }
            return sb.toString();
        }
        sb.append(String.format("%-" + w + "s %5s", "setting", "n"));
        for (String m : metrics) {
            sb.append(String.format("  %-15s %7s", m + " mean±se", "median"));
        }
        sb.append(String.format("  %s%n", "freeze"));
        for (SweepPlan.Setting s : plan.settings()) {
            List<JsonNode> done = new ArrayList<>();
            for (int i : s.runs()) {
                if (records[i] != null) {
                    done.add(records[i]);
                }
            }
            sb.append(String.format("%-" + w + "s %5d", clip(s.label(), w), done.size()));
            for (String m : metrics) {
                double[] v = done.stream().map(r -> r.path("final").path(m)).filter(JsonNode::isNumber)
                        .mapToDouble(JsonNode::asDouble).toArray();
                if (v.length == 0) {
                    sb.append(String.format("  %-15s %7s", "-", "-"));
                    continue;
                }
                SweepViews.Stats st = SweepViews.Stats.of(v);
                // a metric that was not finite in some runs (NaN weights, say) is averaged over the others: say so
                String mean = five(st.mean()) + (st.se() == null ? "" : "±" + se(st.se()))
                        + (v.length == done.size() ? "" : " (" + v.length + "/" + done.size() + ")");
                sb.append(String.format("  %-15s %7s", mean, five(st.median())));
            }
            double[] fr = done.stream().map(r -> r.path("freezeRound")).filter(JsonNode::isNumber)
                    .mapToDouble(JsonNode::asDouble).toArray();
            // the mean freeze round of the runs that froze, and how many did
            sb.append(String.format("  %s%n", fr.length == 0 ? "-" : String.format("%.0f", SweepViews.Stats.of(fr)
                    .mean()) + (fr.length == done.size() ? "" : " (" + fr.length + "/" + done.size() + ")")));
        }
        return sb.toString();
    }

    /** Five decimals, without the "-0.00000" a value rounding to zero from below would print. */
    static String five(double v) {
        String s = String.format("%.5f", v);
        return s.equals("-0.00000") ? "0.00000" : s;
    }

    /** A standard error in two significant digits, e.g. 0.034 or 2.1e-05. */
    static String se(double se) {
        return se == 0 || (se >= 1e-3 && se < 1e3) ? String.format("%.2g", se) : String.format("%.1e", se);
    }

    private static double value(JsonNode n) {
        return n.isNumber() ? n.asDouble() : Double.NaN;
    }

    private static String clip(String s, int w) {
        return s.length() <= w ? s : s.substring(0, w - 1) + "…";
    }
}
