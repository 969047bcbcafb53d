package moecl.engine;

/**
 * A finished run: what was asked, the components with every default resolved (spec text), and the result.
 *
 * @param index    position in the sweep (the {@code run} column)
 * @param spec     the request
 * @param tasks    resolved generator spec
 * @param experts  resolved expert spec
 * @param router   resolved router spec
 * @param result   the recorded run
 * @param rngDraws draws consumed from the run's streams (provenance)
 */
public record RunOutcome(int index, RunSpec spec, String tasks, String experts, String router, RunResult result,
                         long rngDraws) {
}
