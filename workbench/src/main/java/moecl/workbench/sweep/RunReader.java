package moecl.workbench.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import moecl.engine.RunOutcome;
import moecl.engine.RunResult;
import moecl.engine.RunSpec;

/** Reads a finished run of a sweep folder back into memory (for scripts, which get every round as arrays). */
public final class RunReader {

    private RunReader() {
    }

    /** The run's outcome with all its rows; its world is not kept (null). */
    public static RunOutcome outcome(SweepPlan.Run run, RunIndex.Ref columns, JsonNode record, long nanos) {
        RunSpec s = run.spec();
        int t = s.rounds();
        int[] task = new int[t];
        int[] expert = new int[t];
        double[] moved = new double[t];
        boolean[] frozen = new boolean[t];
        Map<String, double[]> metrics = new LinkedHashMap<>();
        try (Columns.Reader rd = columns.columns()) {
            if (rd.rows() != t) {
                throw new IllegalArgumentException("corrupt run " + run.id() + " in " + columns.where() + ": "
                        + rd.rows() + " rows, the plan says T=" + t);
            }
            List<String> names = new ArrayList<>();
            for (Columns.Column c : rd.columns()) {
                names.add(c.name());
                if (UnitRunner.isMetric(c)) {
                    metrics.put(c.name(), new double[t]);
                }
            }
            int at = 0;
            for (int b = 0; b < rd.blocks(); b++) {
                Object[] v = rd.block(b, null);
                int n = rd.blockRows(b);
                for (int c = 0; c < names.size(); c++) {
                    String name = names.get(c);
                    switch (name) {
                        case "task" -> System.arraycopy(v[c], 0, task, at, n);
                        case "expert" -> System.arraycopy(v[c], 0, expert, at, n);
                        case "moved" -> System.arraycopy(v[c], 0, moved, at, n);
                        case "frozen" -> System.arraycopy(v[c], 0, frozen, at, n);
                        default -> System.arraycopy(v[c], 0, metrics.get(name), at, n);
                    }
                }
                at += n;
            }
        }
        int m = s.m();
        long[] load = new long[m];
        JsonNode l = record.path("load");
        for (int i = 0; i < m && i < l.size(); i++) {
            load[i] = l.get(i).asLong();
        }
        JsonNode h = record.path("histogramAfterFreeze");
        long[][] hist = new long[h.size()][];
        for (int k = 0; k < h.size(); k++) {
            hist[k] = new long[h.get(k).size()];
            for (int e = 0; e < hist[k].length; e++) {
                hist[k][e] = h.get(k).get(e).asLong();
            }
        }
        List<List<Integer>> sets = null;
        if (record.path("expertSets").isArray()) {
            sets = new ArrayList<>();
            for (JsonNode set : record.path("expertSets")) {
                List<Integer> one = new ArrayList<>();
                set.forEach(x -> one.add(x.asInt()));
                sets.add(List.copyOf(one));
            }
        }
        int freeze = record.path("freezeRound").isNumber() ? record.path("freezeRound").asInt() : 0;
        RunResult r = new RunResult(t, m, hist.length, task, expert, moved, frozen, metrics, freeze, load, hist, sets,
                nanos);
        return new RunOutcome(run.index(), s, run.tasks(), run.experts(), run.router(), r,
                record.path("rngDrawsAtEnd").asLong(0), null);
    }
}
