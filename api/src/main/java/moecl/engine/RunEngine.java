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
import moecl.task.KeepsNoRoundArrays;
import moecl.task.ReusesRoundArrays;
import moecl.task.Task;
import moecl.task.TaskGenerator;

/**
 * The generic continual-learning loop: for {@code t = 1..T}: {@code task = generator.next()},
 * {@code decision = router.route(task)}, the chosen expert(s) learn, {@code router.learn(...)} (the gate step),
 * metrics observe. One run is single-threaded and deterministic; parallelism lives in {@link Sweep}.
 */
public final class RunEngine {

    /** Receives progress; called every {@value #PROGRESS_EVERY} rounds and at the end. */
    @FunctionalInterface
    public interface Progress {
        void update(int done, int total);

        Progress NONE = (done, total) -> { };
    }

    static final int PROGRESS_EVERY = 1024;

    private RunEngine() {
    }

    /**
     * Runs {@code rounds} rounds and returns the whole record in memory. Stops with {@link CancellationException}
     * when the thread is interrupted (checked every {@value #PROGRESS_EVERY} rounds); a component that throws
     * stops the run with a {@link RunFailedException} naming it and the round.
     */
    public static RunResult run(TaskGenerator generator, Expert[] experts, Router router, RoundMetrics metrics,
                                int rounds, Progress progress) {
        Columns columns = new Columns();
        RunSummary s = run(generator, experts, router, metrics, rounds, progress, columns);
        return columns.result(s);
    }

    /**
     * Runs {@code rounds} rounds, handing the per-round rows to {@code sink} block by block, and returns the
     * summary: memory does not grow with T.
     */
    public static RunSummary run(TaskGenerator generator, Expert[] experts, Router router, RoundMetrics metrics,
                                 int rounds, Progress progress, RoundSink sink) {
        reuseArrays(generator, experts, router, metrics);
        Buffers spare = SPARE.get();
        SPARE.remove(); // a run nested in a component of this one makes its own
        Loop loop = new Loop(generator, experts, router, metrics, rounds, sink, spare);
        try {
            return loop(loop, rounds, progress);
        } finally {
            SPARE.set(loop.buffers);
        }
    }

    private static RunSummary loop(Loop loop, int rounds, Progress progress) {
        long start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            try {
                loop.round(i);
            } catch (RunFailedException | CancellationException ex) {
                throw ex;
            } catch (Exception | Error ex) {
                // whatever a plugin throws is its run's failure: also an Error outside the usual few, or a checked
                // exception thrown without being declared (a review found both ending the whole sweep)
                throw loop.failure(i + 1, ex);
            }
            if ((i + 1) % PROGRESS_EVERY == 0) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new CancellationException("run cancelled at round " + (i + 1));
                }
                progress.update(i + 1, rounds);
            }
        }
        loop.flush(rounds);
        progress.update(rounds, rounds);
        long nanos = System.nanoTime() - start;
        Map<String, Object> diagnostics;
        try {
            diagnostics = moecl.router.Diagnostics.check(loop.router.diagnostics());
        } catch (RunFailedException | CancellationException ex) {
            throw ex;
        } catch (Exception | Error ex) { // recorded as JSON with the run: a value that is not JSON fails the run
            loop.phase = 1;
            throw loop.failure(rounds, ex);
        }
        return loop.summary(nanos, diagnostics);
    }

    /**
     * Lets the generator and the router reuse their per-round arrays when nothing can keep them past the round
     * ({@link ReusesRoundArrays}, {@link KeepsNoRoundArrays}); the numbers do not change.
     */
    private static void reuseArrays(TaskGenerator generator, Expert[] experts, Router router, RoundMetrics metrics) {
        if (router instanceof ReusesRoundArrays r) {
            r.reuseRoundArrays(); // its decision goes back only to its own learn()
        }
        if (!(generator instanceof ReusesRoundArrays g) || !(router instanceof KeepsNoRoundArrays)
                || (metrics != null && !(metrics instanceof KeepsNoRoundArrays))) {
            return;
        }
        for (Expert e : experts) {
            if (!(e instanceof KeepsNoRoundArrays)) {
                return;
            }
        }
        g.reuseRoundArrays();
    }

    /** Rows handed over at a time. */
    static final int BLOCK = 4096;

    /**
     * A run's block of rows. Sweeps run thousands of short runs per thread, and a fresh block for each was a tenth
     * of all the memory a sweep allocated: a thread's last block serves its next run (the sink copies what it keeps,
     * as {@link RoundSink#rows} requires, so nothing of one run is seen by the next).
     */
    private static final class Buffers {
        final int[] types;
        final int[] chosen;
        final double[] moved;
        final boolean[] frozen;
        final double[][] cols;

        Buffers(int block, int metrics) {
            types = new int[block];
            chosen = new int[block];
            moved = new double[block];
            frozen = new boolean[block];
            cols = new double[metrics][block];
        }

        boolean fits(int block, int metrics) {
            return types.length >= block && cols.length == metrics;
        }
    }

    private static final ThreadLocal<Buffers> SPARE = new ThreadLocal<>();

    /** A sink that keeps every row: the in-memory {@link RunResult}. */
    static final class Columns implements RoundSink {
        private List<String> names;
        private int[] types;
        private int[] chosen;
        private double[] moved;
        private boolean[] frozen;
        private double[][] cols;

        @Override
        public void start(List<String> metrics, int rounds) {
            names = metrics;
            types = new int[rounds];
            chosen = new int[rounds];
            moved = new double[rounds];
            frozen = new boolean[rounds];
            cols = new double[metrics.size()][rounds];
        }

        @Override
        public void rows(int from, int n, int[] task, int[] expert, double[] mv, boolean[] fr, double[][] metrics) {
            System.arraycopy(task, 0, types, from, n);
            System.arraycopy(expert, 0, chosen, from, n);
            System.arraycopy(mv, 0, moved, from, n);
            System.arraycopy(fr, 0, frozen, from, n);
            for (int c = 0; c < cols.length; c++) {
                System.arraycopy(metrics[c], 0, cols[c], from, n);
            }
        }

        RunResult result(RunSummary s) {
            Map<String, double[]> metricCols = new LinkedHashMap<>();
            for (int c = 0; c < names.size(); c++) {
                metricCols.put(names.get(c), cols[c]);
            }
            return new RunResult(s.rounds(), s.experts(), s.types(), types, chosen, moved, frozen, metricCols,
                    s.freezeRound(), s.load(), s.histogram(), s.expertSets(), s.nanos());
        }
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
        private final RoundSink sink;
        private final int m;
        private final int block;
        private final Buffers buffers;
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
        private int flushed;

        Loop(TaskGenerator generator, Expert[] experts, Router router, RoundMetrics metrics, int rounds,
             RoundSink sink, Buffers spare) {
            this.generator = generator;
            this.experts = experts;
            this.router = router;
            this.metrics = metrics;
            this.sink = sink;
            this.m = experts.length;
            int n = generator.types();
            this.block = Math.min(rounds, BLOCK);
            this.names = metrics == null ? List.of() : List.copyOf(metrics.columns());
            this.buffers = spare != null && spare.fits(block, names.size()) ? spare : new Buffers(BLOCK, names.size());
            this.types = buffers.types;
            this.chosen = buffers.chosen;
            this.moved = buffers.moved;
            this.frozen = buffers.frozen;
            this.cols = buffers.cols;
            this.out = new double[names.size()];
            this.load = new long[m];
            this.hist = new long[n][m];
            this.histAll = new long[n][m];
            sink.start(names, rounds);
        }

        /** The part of the round under way, for the failure message: an index into {@link #PHASES}. */
        int phase;

        void round(int i) {
            phase = 0;
            Task task = generator.next();
            phase = 1;
            boolean wasFrozen = router.frozen();
            Decision decision = router.route(task);
            int e = decision.expert();
            if (e < 0 || e >= m) {
                throw new IllegalStateException("router chose expert " + e + " but there are " + m + " experts");
            }
            int[] others = decision.others();
            if (others == null) {
                others = NO_OTHERS;
            } else if (others.length > 0) {
                checkOthers(e, others);
            }
            phase = 2;
            LearnReport report = experts[e].learn(task);
            for (int other : others) {
                experts[other].learn(task);
            }
            phase = 1;
            router.learn(task, decision, report);
            boolean nowFrozen = router.frozen();
            if (nowFrozen && freezeRound == 0) {
                freezeRound = i + 1;
            }
            int j = i - flushed;
            if (metrics != null) {
                phase = 3;
                metrics.observe(task, e, experts, report, out);
                for (int c = 0; c < out.length; c++) {
                    cols[c][j] = out[c];
                }
            }
            int type = task.type();
            types[j] = type;
            chosen[j] = e;
            moved[j] = report.moved();
            frozen[j] = nowFrozen;
            load[e]++;
            histAll[type][e]++;
            if (wasFrozen) {
                hist[type][e]++;
            }
            if (j + 1 == block) {
                phase = 4;
                flush(i + 1);
            }
        }

        private static final int[] NO_OTHERS = new int[0];

        /** The other experts a decision names: each in range, none twice, not the chosen one. */
        private void checkOthers(int e, int[] others) {
            for (int k = 0; k < others.length; k++) {
                int o = others[k];
                if (o < 0 || o >= m) {
                    throw new IllegalStateException("router named other expert " + o + " but there are " + m
                            + " experts");
                }
                if (o == e) {
                    throw new IllegalStateException("router named expert " + e + " both as its choice and among the "
                            + "others");
                }
                for (int j = 0; j < k; j++) {
                    if (others[j] == o) {
                        throw new IllegalStateException("router named other expert " + o + " twice");
                    }
                }
            }
        }

        /** A component's exception or error in round {@code t}, as the failure of the run. */
        RunFailedException failure(int t, Throwable ex) {
            return new RunFailedException(PHASES[phase], t, ex);
        }

        private static final String[] PHASES = {"generator", "router", "expert", "metrics", "round sink"};

        /** Hands the rows since the last flush to the sink; {@code upTo} is the number of rounds done. */
        void flush(int upTo) {
            int n = upTo - flushed;
            if (n > 0) {
                sink.rows(flushed, n, types, chosen, moved, frozen, cols);
                flushed = upTo;
            }
        }

        RunSummary summary(long nanos, Map<String, Object> diagnostics) {
            Map<String, Double> finals = new LinkedHashMap<>();
            for (int c = 0; c < names.size(); c++) {
                finals.put(names.get(c), out[c]);
            }
            return new RunSummary(flushed, m, histAll.length, finals, freezeRound, load,
                    freezeRound == 0 ? histAll : hist, expertSets(router.gateWeights(),
                            generator instanceof moecl.task.TypeSignals ts ? ts.signals() : null), nanos,
                    diagnostics);
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
