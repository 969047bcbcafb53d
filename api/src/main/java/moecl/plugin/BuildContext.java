package moecl.plugin;

import moecl.rng.RandomSource;
import moecl.rng.RngKind;
import moecl.rng.Seeds;
import moecl.task.TaskGenerator;

/**
 * What a factory may know when it builds a component: the run's size, its random streams and, for routers and
 * experts, the task generator it will face.
 *
 * <p>Random streams are named ({@code pool}, {@code sequence}, {@code tasks}, {@code router}, {@code expert.3}, ...)
 * and derived from the run's master seed, so adding a draw to one component never shifts another's numbers. In
 * {@code numpy-legacy} mode every name returns the one shared stream, consumed in the reference scripts' order.
 *
 * @param experts     M, the number of experts
 * @param rounds      T, the number of rounds
 * @param seed        the master seed
 * @param rng         the random-number kind
 * @param shared      the single shared stream in numpy-legacy mode, {@code null} otherwise
 * @param generator   the task generator (null while the generator itself is being built)
 * @param expertIndex the index of the expert being built, -1 otherwise
 * @param unit        state the components of one unit's runs hand on from run to run, or {@code null}: present only
 *                    in numpy-legacy mode, where the runs of one world replay one reference script in order on one
 *                    stream, so that state the script never resets (the Fig. 4/5 script's routing records, kept
 *                    across repeats) can be replayed; independent runs never share anything
 */
@moecl.spi.Stable
public record BuildContext(int experts, int rounds, long seed, RngKind rng, RandomSource shared,
                           TaskGenerator generator, int expertIndex, java.util.Map<String, Object> unit) {

    /** A context without unit state (every run on its own). */
    public BuildContext(int experts, int rounds, long seed, RngKind rng, RandomSource shared,
                        TaskGenerator generator, int expertIndex) {
        this(experts, rounds, seed, rng, shared, generator, expertIndex, null);
    }

    /** The named stream; the shared one in numpy-legacy mode. */
    public RandomSource stream(String name) {
        if (shared != null) {
            return shared;
        }
        return Seeds.stream(rng, seed, name);
    }

    public BuildContext withGenerator(TaskGenerator g) {
        return new BuildContext(experts, rounds, seed, rng, shared, g, expertIndex, unit);
    }

    public BuildContext forExpert(int index) {
        return new BuildContext(experts, rounds, seed, rng, shared, generator, index, unit);
    }
}
