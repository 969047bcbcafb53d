package moecl.workbench.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

import moecl.plugin.Registry;

/** The default executor: a pool of this process's threads, longest units first; no start-up cost. */
public final class LocalExecutor implements RunExecutor {

    private final Registry registry;
    private final int threads;

    public LocalExecutor(Registry registry, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.registry = registry;
        this.threads = threads;
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public int parallelism() {
        return threads;
    }

    /**
     * A run's heap, roughly: its metrics' history (the reference forgetting F_ref keeps one error per round, about 24
     * bytes with its sorted blocks and prefix sums) and one block of rows per column file. Used to run fewer runs at
     * once when that many would not fit in the heap; results do not depend on it.
     */
    static long heapPerRun(SweepPlan plan, int[] unit) {
        long most = 0;
        for (int i : unit) {
            var s = plan.run(i).spec();
            most = Math.max(most, 24L * s.rounds() + (long) Math.min(s.rounds(), UnitRunner.FILE_BLOCK) * (17L + 8 * 6)
                    + 2L * s.m() * 1024);
        }
        return most;
    }

    /** How many units run at once: the threads asked for, fewer when their runs would not fit in the heap. */
    int concurrency(SweepPlan plan, List<int[]> units) {
        long most = 0;
        for (int[] u : units) {
            most = Math.max(most, heapPerRun(plan, u));
        }
        long budget = (long) (Runtime.getRuntime().maxMemory() * 0.6);
        long fit = Math.max(1, budget / Math.max(1, most));
        return (int) Math.min(Math.min(threads, units.size()), fit);
    }

    @Override
    public void execute(SweepPlan plan, List<int[]> units, SweepStore store, LongConsumer advance) {
        RunOutput out = store.output();
        int threads = concurrency(plan, units);
        List<moecl.engine.RunSpec> pending = new ArrayList<>();
        for (int[] u : units) {
            for (int i : u) {
                pending.add(plan.run(i).spec());
            }
        }
        moecl.engine.Sweep.Worlds worlds = new moecl.engine.Sweep.Worlds(pending);
        // longest first when parallel, so that no thread is left with a long run at the end
        List<int[]> order = threads > 1 ? plan.longestFirst(units) : units;
        List<Runnable> work = new ArrayList<>();
        for (int[] u : order) {
            work.add(() -> UnitRunner.run(registry, plan, u, out, advance, worlds));
        }
        moecl.engine.Sweep.execute(work, threads);
    }
}
