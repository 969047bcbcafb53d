package moecl.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run leaves besides its per-round rows: the final value of each metric and the per-run summaries.
 *
 * @param rounds      T
 * @param experts     M
 * @param types       N
 * @param finals      each metric's value at round T, by name, in column order
 * @param freezeRound the first round whose gate step was skipped, 0 if the gate never froze
 * @param load        tasks routed to each expert
 * @param histogram   routing histogram after the freeze, [type][expert] (the whole run if never frozen)
 * @param expertSets  expert sets per type, or {@code null} (see {@link RunResult#expertSets()})
 * @param nanos       wall time of the loop
 * @param router      the router's own account at the end ({@link moecl.router.Router#diagnostics()}), maybe empty
 */
public record RunSummary(int rounds, int experts, int types, Map<String, Double> finals, int freezeRound,
                         long[] load, long[][] histogram, List<List<Integer>> expertSets, long nanos,
                         Map<String, Object> router) {

    public RunSummary {
        finals = Collections.unmodifiableMap(new LinkedHashMap<>(finals));
        router = router == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(router));
    }

    /** A summary without the router's account. */
    public RunSummary(int rounds, int experts, int types, Map<String, Double> finals, int freezeRound, long[] load,
                      long[][] histogram, List<List<Integer>> expertSets, long nanos) {
        this(rounds, experts, types, finals, freezeRound, load, histogram, expertSets, nanos, Map.of());
    }
}
