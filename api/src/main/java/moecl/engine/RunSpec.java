package moecl.engine;

import java.util.Map;

import moecl.rng.RngKind;
import moecl.spec.SpecValue.Component;

/**
 * One run as the user specified it: components as specs (not yet bound), sizes, randomness and labels.
 *
 * @param tasks   the task generator spec
 * @param experts the expert spec (one expert is built per index)
 * @param router  the router spec
 * @param m       number of experts M
 * @param rounds  number of rounds T
 * @param rng     random-number kind
 * @param seed    master seed
 * @param labels  extra columns identifying the run within a sweep (e.g. {@code variant=stop}); runs with the same
 *                seed, tasks, T, rng and {@code world} label share one world
 */
public record RunSpec(Component tasks, Component experts, Component router, int m, int rounds, RngKind rng,
                      long seed, Map<String, String> labels) {

    public RunSpec {
        if (m < 1) {
            throw new IllegalArgumentException("M must be >= 1, got " + m);
        }
        if (rounds < 1) {
            throw new IllegalArgumentException("T must be >= 1, got " + rounds);
        }
        labels = Map.copyOf(labels);
    }

    /** The key of the world this run shares with others: same seed, generator, T, rng and world label. */
    public String worldKey() {
        return seed + "|" + tasks.toSpecText() + "|" + rounds + "|" + rng + "|" + labels.getOrDefault("world", "");
    }
}
