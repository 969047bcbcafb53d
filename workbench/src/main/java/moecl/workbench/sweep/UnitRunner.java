package moecl.workbench.sweep;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

import moecl.engine.RoundSink;
import moecl.engine.RunFailedException;
import moecl.engine.RunResult;
import moecl.engine.RunSummary;
import moecl.engine.Sweep;
import moecl.plugin.Registry;
import moecl.theory.Overlay;
import moecl.theory.TheoryCurve;

/**
 * Runs one unit of a sweep plan (one run, or the runs that share a numpy-legacy stream) and sends each run's
 * column file and record to a {@link RunOutput}. The same code runs on the driver's threads and on cluster
 * members, so both give the same bytes.
 */
public final class UnitRunner {

    /** Rows per block of a column file. */
    static final int FILE_BLOCK = 65_536;
    /** The theory overlay needs a run's whole routing in memory; longer runs are refused. */
    static final int MAX_THEORY_ROUNDS = 2_000_000;

    private UnitRunner() {
    }

    /** Whether a column of a run's file is a metric (every double column but {@code moved}). */
    static boolean isMetric(Columns.Column c) {
        return c.type() == Columns.Type.F64 && !c.name().equals("moved");
    }

    /** The column layout of a run's file: task, expert, the metrics, frozen, moved (the rounds.csv order). */
    static List<Columns.Column> layout(List<String> metrics) {
        List<Columns.Column> cols = new ArrayList<>();
        cols.add(new Columns.Column("task", Columns.Type.I32));
        cols.add(new Columns.Column("expert", Columns.Type.I32));
        for (String m : metrics) {
            cols.add(new Columns.Column(m, Columns.Type.F64));
        }
        cols.add(new Columns.Column("frozen", Columns.Type.U8));
        cols.add(new Columns.Column("moved", Columns.Type.F64));
        return cols;
    }

    /**
     * Runs the unit. A run that fails goes to {@link RunOutput#failed} and the unit goes on; a
     * {@link StoreFailure} (the output cannot be written) or cancellation stops it. {@code worlds} (may be null)
     * shares fast-rng worlds between the units of one sweep.
     */
    public static void run(Registry registry, SweepPlan plan, int[] unit, RunOutput output, LongConsumer advance,
                           Sweep.Worlds worlds) {
        List<Sweep.Job> jobs = new ArrayList<>();
        for (int i : unit) {
            jobs.add(new Sweep.Job(i, plan.run(i).spec()));
        }
        Map<Integer, Sink> sinks = new HashMap<>();
        try {
            runUnit(registry, plan, unit, output, advance, worlds, jobs, sinks);
        } finally {
            // a run stopped by cancellation or a store failure elsewhere leaves its column file open otherwise
            sinks.values().forEach(Sink::abandon);
        }
    }

    private static void runUnit(Registry registry, SweepPlan plan, int[] unit, RunOutput output, LongConsumer advance,
                                Sweep.Worlds worlds, List<Sweep.Job> jobs, Map<Integer, Sink> sinks) {
        Sweep.runUnit(registry, plan.run(plan.worldOwner(unit[0])).spec(), jobs, new Sweep.Listener() {
            @Override
            public RoundSink sink(Sweep.Job job) {
                if (plan.theory() && job.spec().rounds() > MAX_THEORY_ROUNDS) {
                    throw new IllegalArgumentException("the theory overlay holds a run's routing in memory; T="
                            + job.spec().rounds() + " is above its limit of " + MAX_THEORY_ROUNDS);
                }
                Sink s = new Sink(plan.run(job.index()), output, plan.theory());
                sinks.put(job.index(), s);
                return s;
            }

            @Override
            public void finished(Sweep.Finished f) {
                Sink s = sinks.remove(f.index());
                SweepPlan.Run run = plan.run(f.index());
                try {
                    RunSummary summary = s.finish(f);
                    if (s.blocks == 1) {
                        output.metrics(run, s.lastNames, s.lastCols, s.lastRows);
                    }
                    output.finished(run, RunIo.record(run, summary, f.rngDraws(), s.theoryNote), f.summary().nanos());
                    s.recycle();
                } catch (IOException e) {
                    s.abandon();
                    throw StoreFailure.writing(run.id(), e);
                } catch (RuntimeException e) {
                    s.abandon();
                    throw e;
                }
            }

            @Override
            public void failed(Sweep.Job job, RunFailedException e) {
                Sink s = sinks.remove(job.index());
                if (s != null) {
                    s.abandon();
                }
                if (e.getCause() instanceof StoreFailure sf) {
                    throw sf;
                }
                try {
                    output.failed(plan.run(job.index()), RunIo.failure(plan.run(job.index()), e));
                } catch (IOException x) {
                    throw new StoreFailure("cannot record the failure of run " + job.index() + ": "
                            + RunIo.reason(x), x);
                }
            }
        }, advance, worlds);
    }

    /**
     * A run's rows on their way into its column file, in blocks of {@link #FILE_BLOCK} rows; with the theory
     * overlay, the whole run in memory until the curves are added.
     */
    private static final class Sink implements RoundSink {
        /**
         * The arrays of this thread's last finished run, for its next one: a sweep runs thousands of short runs per
         * thread, and fresh arrays for each were a tenth of what it allocated.
         */
        private static final ThreadLocal<Sink> SPARE = new ThreadLocal<>();

        private final SweepPlan.Run run;
        private final RunOutput output;
        private final boolean theory;
        private OutputStream stream;
        private Columns.Writer writer;
        private List<String> metrics;
        private int block;
        private int n;
        private int[] task;
        private int[] expert;
        private double[] moved;
        private boolean[] frozen;
        private double[][] cols;
        /** With the theory overlay: why it applies (or does not) to this run. */
        String theoryNote;
        /** Blocks written so far, and the last one's metric names, columns and rows. */
        int blocks;
        List<String> lastNames;
        double[][] lastCols;
        int lastRows;

        Sink(SweepPlan.Run run, RunOutput output, boolean theory) {
            this.run = run;
            this.output = output;
            this.theory = theory;
        }

        @Override
        public void start(List<String> metricNames, int rounds) {
            metrics = List.copyOf(metricNames);
            block = theory ? rounds : Math.min(rounds, FILE_BLOCK);
            Sink spare = SPARE.get();
            SPARE.remove();
            if (spare != null && spare.task.length >= block && spare.cols.length == metrics.size()) {
                task = spare.task; // every row is written before it is read
                expert = spare.expert;
                moved = spare.moved;
                frozen = spare.frozen;
                cols = spare.cols;
            } else {
                task = new int[block];
                expert = new int[block];
                moved = new double[block];
                frozen = new boolean[block];
                cols = new double[metrics.size()][block];
            }
            if (!theory) {
                open(metrics);
            }
        }

        private void open(List<String> names) {
            try {
                stream = output.open(run);
                writer = new Columns.Writer(stream, run.spec().rounds(), layout(names));
            } catch (IOException e) {
                throw StoreFailure.writing(run.id(), e);
            }
        }

        @Override
        public void rows(int from, int k, int[] t, int[] e, double[] mv, boolean[] fr, double[][] m) {
            int off = 0;
            while (off < k) {
                int take = Math.min(k - off, block - n);
                System.arraycopy(t, off, task, n, take);
                System.arraycopy(e, off, expert, n, take);
                System.arraycopy(mv, off, moved, n, take);
                System.arraycopy(fr, off, frozen, n, take);
                for (int c = 0; c < cols.length; c++) {
                    System.arraycopy(m[c], off, cols[c], n, take);
                }
                n += take;
                off += take;
                if (n == block && !theory) {
                    write(metrics, cols);
                }
            }
        }

        private void write(List<String> names, double[][] metricCols) {
            Object[] values = new Object[names.size() + 4];
            values[0] = task;
            values[1] = expert;
            System.arraycopy(metricCols, 0, values, 2, metricCols.length);
            values[names.size() + 2] = frozen;
            values[names.size() + 3] = moved;
            try {
                writer.block(n, values);
            } catch (IOException e) {
                throw StoreFailure.writing(run.id(), e);
            }
            blocks++;
            lastNames = names;
            lastCols = metricCols;
            lastRows = n;
            n = 0;
        }

        /** Writes what is left (and, with theory, the whole run with its curves); returns the summary to record. */
        RunSummary finish(Sweep.Finished f) throws IOException {
            RunSummary s = f.summary();
            if (theory) {
                Map<String, double[]> mc = new LinkedHashMap<>();
                for (int c = 0; c < metrics.size(); c++) {
                    mc.put(metrics.get(c), cols[c]);
                }
                RunResult r = new RunResult(s.rounds(), s.experts(), s.types(), task, expert, moved, frozen, mc,
                        s.freezeRound(), s.load(), s.histogram(), s.expertSets(), s.nanos());
                Map<String, Double> finals = new LinkedHashMap<>(s.finals());
                try {
                    TheoryCurve curve = Overlay.curve(f.world(), r.taskType(), r.expert(), r.experts());
                    mc.put(Overlay.F, curve.forgetting());
                    mc.put(Overlay.G, curve.generalization());
                    finals.put(Overlay.F, curve.forgetting()[s.rounds() - 1]);
                    finals.put(Overlay.G, curve.generalization()[s.rounds() - 1]);
                    theoryNote = moecl.theory.TheoryWorld.note(f.world());
                } catch (IllegalArgumentException e) {
                    theoryNote = e.getMessage(); // the theory does not apply to this run
                }
                List<String> names = new ArrayList<>(mc.keySet());
                open(names);
                write(names, mc.values().toArray(new double[0][]));
                s = new RunSummary(s.rounds(), s.experts(), s.types(), finals, s.freezeRound(), s.load(),
                        s.histogram(), s.expertSets(), s.nanos(), s.router());
            } else if (n > 0) {
                write(metrics, cols);
            }
            writer.close();
            return s;
        }

        /** Offers this run's arrays to the thread's next run (the output has read or copied what it keeps). */
        void recycle() {
            if (!theory) {
                lastCols = null;
                SPARE.set(this);
            }
        }

        void abandon() {
            try {
                if (stream != null) {
                    stream.close();
                }
            } catch (IOException e) {
                // the file is abandoned anyway (a full disk fails its last flush too)
            }
        }
    }
}
