package moecl.engine;

import moecl.task.TaskGenerator;

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
 * @param world    the run's world (ground truths, signals), for theory overlays and expert sets
 */
public record RunOutcome(int index, RunSpec spec, String tasks, String experts, String router, RunResult result,
                         long rngDraws, TaskGenerator world) {

    /** The same outcome with extra per-round metric columns (e.g. the theory overlay). */
    public RunOutcome withMetrics(java.util.Map<String, double[]> extra) {
        java.util.LinkedHashMap<String, double[]> m = new java.util.LinkedHashMap<>(result.metrics());
        m.putAll(extra);
        RunResult r = result;
        return new RunOutcome(index, spec, tasks, experts, router, new RunResult(r.rounds(), r.experts(), r.types(),
                r.taskType(), r.expert(), r.moved(), r.frozen(), m, r.freezeRound(), r.load(), r.histogram(),
                r.expertSets(), r.nanos()), rngDraws, world);
    }
}
