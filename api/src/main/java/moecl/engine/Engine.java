package moecl.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

import moecl.expert.Expert;
import moecl.expert.LearnReport;
import moecl.metrics.RoundMetrics;
import moecl.router.Decision;
import moecl.router.Router;
import moecl.task.Task;
import moecl.task.TaskGenerator;

/**
 * The generic continual-learning loop: for {@code t = 1..T}: {@code task = generator.next()},
 * {@code decision = router.route(task)}, the chosen expert(s) learn, {@code router.learn(...)} (the gate step),
 * metrics observe. One run is single-threaded and deterministic; parallelism lives in {@link Sweep}.
 */
public final class Engine {

    /** Receives progress; called every {@value #PROGRESS_EVERY} rounds and at the end. */
    @FunctionalInterface
    public interface Progress {
        void update(int done, int total);

        Progress NONE = (done, total) -> { };
    }

    static final int PROGRESS_EVERY = 1024;

    private Engine() {
    }

    /**
     * Runs {@code rounds} rounds. Stops with {@link CancellationException} when the thread is interrupted (checked
     * every {@value #PROGRESS_EVERY} rounds).
     */
    public static RunResult run(TaskGenerator generator, Expert[] experts, Router router, RoundMetrics metrics,
                                int rounds, Progress progress) {
        Loop loop = new Loop(generator, experts, router, metrics, rounds);
        long start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            loop.round(i);
            if ((i + 1) % PROGRESS_EVERY == 0) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new CancellationException("run cancelled at round " + (i + 1));
                }
                progress.update(i + 1, rounds);
            }
        }
        progress.update(rounds, rounds);
        long nanos = System.nanoTime() - start;
        return loop.result(nanos);
    }

    /**
     * One run's state and its round. The round is a method of its own so that the JIT compiles it after a few hundred
     * rounds; a loop body inside {@link #run}, which is called once per run, would stay interpreted much longer
     * (on-stack replacement waits for tens of thousands of loop iterations), which is what short runs feel.
     */
    private static final class Loop {
        private final TaskGenerator generator;
        private final Expert[] experts;
        private final Router router;
        private final RoundMetrics metrics;
        private final int m;
        private final int[] types;
        private final int[] chosen;
        private final double[] moved;
        private final boolean[] frozen;
        private final List<String> names;
        private final double[][] cols;
        private final double[] out;
        private final long[] load;
        private final long[][] hist;
        private final long[][] histAll;
        private int freezeRound;

        Loop(TaskGenerator generator, Expert[] experts, Router router, RoundMetrics metrics, int rounds) {
            this.generator = generator;
            this.experts = experts;
            this.router = router;
            this.metrics = metrics;
            this.m = experts.length;
            int n = generator.types();
            this.types = new int[rounds];
            this.chosen = new int[rounds];
            this.moved = new double[rounds];
            this.frozen = new boolean[rounds];
            this.names = metrics == null ? List.of() : metrics.columns();
            this.cols = new double[names.size()][rounds];
            this.out = new double[names.size()];
            this.load = new long[m];
            this.hist = new long[n][m];
            this.histAll = new long[n][m];
        }

        void round(int i) {
            Task task = generator.next();
            boolean wasFrozen = router.frozen();
            Decision decision = router.route(task);
            int e = decision.expert();
            if (e < 0 || e >= m) {
                throw new IllegalStateException("router chose expert " + e + " but there are " + m + " experts");
            }
            LearnReport report = experts[e].learn(task);
            for (int other : decision.others()) {
                experts[other].learn(task);
            }
            router.learn(task, decision, report);
            boolean nowFrozen = router.frozen();
            if (nowFrozen && freezeRound == 0) {
                freezeRound = i + 1;
            }
            if (metrics != null) {
                metrics.observe(task, e, experts, report, out);
                for (int c = 0; c < out.length; c++) {
                    cols[c][i] = out[c];
                }
            }
            int type = task.type();
            types[i] = type;
            chosen[i] = e;
            moved[i] = report.moved();
            frozen[i] = nowFrozen;
            load[e]++;
            histAll[type][e]++;
            if (wasFrozen) {
                hist[type][e]++;
            }
        }

        RunResult result(long nanos) {
            Map<String, double[]> metricCols = new LinkedHashMap<>();
            for (int c = 0; c < names.size(); c++) {
                metricCols.put(names.get(c), cols[c]);
            }
            return new RunResult(types.length, m, histAll.length, types, chosen, moved, frozen, metricCols,
                    freezeRound, load, freezeRound == 0 ? histAll : hist,
                    expertSets(router.gateWeights(), generator.signals()), nanos);
        }
    }

    /** {@code M_n = {m : n = argmax_j θ^(m)·v_j}}; null when the router has no gate or the world no signals. */
    static List<List<Integer>> expertSets(double[][] theta, double[][] signals) {
        if (theta == null || signals == null) {
            return null;
        }
        List<List<Integer>> sets = new ArrayList<>();
        for (int k = 0; k < signals.length; k++) {
            sets.add(new ArrayList<>());
        }
        for (int e = 0; e < theta.length; e++) {
            int best = 0;
            double bestVal = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < signals.length; k++) {
                double v = 0;
                for (int i = 0; i < signals[k].length; i++) {
                    v += theta[e][i] * signals[k][i];
                }
                if (v > bestVal) {
                    bestVal = v;
                    best = k;
                }
            }
            sets.get(best).add(e);
        }
        return sets.stream().map(List::copyOf).toList();
    }
}
