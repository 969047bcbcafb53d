package moecl.workbench.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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

    @Override
    public void execute(SweepPlan plan, List<int[]> units, SweepStore store, LongConsumer advance) {
        RunOutput out = store.output();
        if (threads == 1 || units.size() == 1) {
            for (int[] u : units) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new CancellationException("cancelled");
                }
                UnitRunner.run(registry, plan, u, out, advance);
            }
            return;
        }
        List<int[]> sorted = new ArrayList<>(units);
        sorted.sort((a, b) -> Long.compare(plan.cost(b), plan.cost(a))); // stable: ties keep plan order
        try (ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, sorted.size()), r -> {
            Thread t = new Thread(r, "moecl-run");
            t.setDaemon(true);
            return t;
        })) {
            List<Future<?>> futures = new ArrayList<>();
            for (int[] u : sorted) {
                futures.add(pool.submit(() -> UnitRunner.run(registry, plan, u, out, advance)));
            }
            try {
                for (Future<?> f : futures) {
                    f.get();
                }
            } catch (InterruptedException e) {
                futures.forEach(f -> f.cancel(true));
                Thread.currentThread().interrupt();
                throw new CancellationException("cancelled");
            } catch (ExecutionException e) {
                futures.forEach(f -> f.cancel(true));
                Throwable c = e.getCause();
                if (c instanceof RuntimeException re) {
                    throw re;
                }
                if (c instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(c);
            }
        }
    }
}
