package moecl.workbench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import moecl.engine.RunOutcome;
import moecl.engine.RunResult;

/**
 * The short table printed after a run: one row per run, or, for many runs, one row per configuration with the
 * mean and median over seeds and repeats.
 */
public final class Report {

    static final int MAX_ROWS = 24;

    private Report() {
    }

    public static String table(List<RunOutcome> outcomes) {
        List<String> metrics = RunFolder.metricNames(outcomes);
        StringBuilder sb = new StringBuilder();
        if (outcomes.size() <= MAX_ROWS) {
            sb.append(String.format("%-4s %-6s %-8s %-4s %-9s", "run", "seed", "variant", "M", "router"));
            for (String m : metrics) {
                sb.append(String.format(" %10s", m));
            }
            sb.append(String.format(" %7s%n", "freeze"));
            for (RunOutcome o : outcomes) {
                RunResult r = o.result();
                sb.append(String.format("%-4d %-6d %-8s %-4d %-9s", o.index(), o.spec().seed(),
                        o.spec().labels().getOrDefault("variant", ""), o.spec().m(), o.spec().router().name()));
                for (String m : metrics) {
                    double[] col = r.metrics().get(m);
                    sb.append(String.format(" %10.5f", col == null ? Double.NaN : col[r.rounds() - 1]));
                }
                sb.append(String.format(" %7s%n", r.freezeRound() == 0 ? "-" : Integer.toString(r.freezeRound())));
            }
            return sb.toString();
        }
        Map<String, List<RunOutcome>> groups = new LinkedHashMap<>();
        for (RunOutcome o : outcomes) {
            String key = String.format("%-8s %-4d %-9s", o.spec().labels().getOrDefault("variant", ""), o.spec().m(),
                    o.spec().router().name());
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(o);
        }
        sb.append(String.format("%-8s %-4s %-9s %5s", "variant", "M", "router", "runs"));
        for (String m : metrics) {
            sb.append(String.format(" %10s %10s", "mean " + m, "median"));
        }
        sb.append('\n');
        for (Map.Entry<String, List<RunOutcome>> e : groups.entrySet()) {
            sb.append(e.getKey()).append(String.format(" %5d", e.getValue().size()));
            for (String m : metrics) {
                double[] v = e.getValue().stream().mapToDouble(o -> o.result().last(m)).sorted().toArray();
                double mean = java.util.Arrays.stream(v).average().orElse(Double.NaN);
                double med = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
                sb.append(String.format(" %10.5f %10.5f", mean, med));
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
