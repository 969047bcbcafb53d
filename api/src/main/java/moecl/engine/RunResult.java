package moecl.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one run recorded: per-round columns (index {@code t − 1}) and per-run summaries.
 *
 * @param rounds      T
 * @param experts     M
 * @param types       N
 * @param taskType    n_t per round
 * @param expert      m_t per round
 * @param moved       ‖Δw‖ of the chosen expert per round
 * @param frozen      whether the gate was frozen after the round's gate step
 * @param metrics     metric columns by name ({@code F, G, F_ref, G_ref}, ...)
 * @param freezeRound the first round whose gate step was skipped, 0 if the gate never froze
 * @param load        tasks routed to each expert
 * @param histogram   routing histogram after the freeze, [type][expert] (the whole run if never frozen)
 * @param expertSets  expert sets {@code M_n = {m : n = argmax_j θ^(m)·v_j}} per type, or {@code null} when the
 *                    router has no linear gate or the world no signals
 * @param nanos       wall time of the loop
 */
public record RunResult(int rounds, int experts, int types, int[] taskType, int[] expert, double[] moved,
                        boolean[] frozen, Map<String, double[]> metrics, int freezeRound, long[] load,
                        long[][] histogram, List<List<Integer>> expertSets, long nanos) {

    public RunResult {
        metrics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    /** The value of a metric at round t (1-based). */
    public double metric(String name, int t) {
        double[] col = metrics.get(name);
        if (col == null) {
            throw new IllegalArgumentException("no metric '" + name + "'; metrics: " + metrics.keySet());
        }
        return col[t - 1];
    }

    /** The value of a metric at the last round. */
    public double last(String name) {
        return metric(name, rounds);
    }

    /** Mean of a metric over rounds {@code from..to} (1-based, inclusive). */
    public double mean(String name, int from, int to) {
        double s = 0;
        for (int t = from; t <= to; t++) {
            s += metric(name, t);
        }
        return s / (to - from + 1);
    }
}
