package moecl.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

import moecl.engine.RunEngine;
import moecl.engine.PluginView;
import moecl.engine.RunFailedException;
import moecl.engine.RunResult;
import moecl.engine.Sweep;
import moecl.expert.Expert;
import moecl.expert.LearnReport;
import moecl.expert.LinearModel;
import moecl.metrics.RoundMetrics;
import moecl.plugin.BuildContext;
import moecl.plugin.Memory;
import moecl.plugin.Params;
import moecl.plugin.PluginKind;
import moecl.plugin.Sizes;
import moecl.rng.RngKind;
import moecl.rng.Seeds;
import moecl.router.Router;
import moecl.task.Task;
import moecl.task.TaskGenerator;

/**
 * Builds and runs test runs the way a sweep does (a world built once and restarted by each run on it, plugins given
 * the engine's {@link PluginView} of the run's generator, {@link RunEngine#run} for the rounds,
 * {@link Sweep#metricsFor} for the metrics), with the checks of the contract in between, and records each run in a
 * {@link Trace}.
 */
final class Harness {

    private Harness() {
    }

    /**
     * A component that could not be built, or threw: which one, when, and whether it refused (an
     * {@link IllegalArgumentException} or too little heap while being built, what an edge value may bring).
     */
    static final class Failure extends RuntimeException {

        private static final long serialVersionUID = 1L;

        final String component;
        final String when;
        final boolean refused;

        Failure(String component, String when, boolean refused, String message, Throwable cause) {
            super(component + " " + when + ": " + message, cause);
            this.component = component;
            this.when = when;
            this.refused = refused;
        }

        static Failure of(String component, String when, Throwable cause) {
            boolean building = !when.startsWith("at round");
            boolean refused = building
                    && (cause instanceof IllegalArgumentException || cause instanceof OutOfMemoryError);
            return new Failure(component, when, refused, RunFailedException.describe(cause), cause);
        }
    }

    /** What a world looked like: its arrays, compared after a run. */
    record WorldCopy(double[][] truths, double[][] signals, int[] arrivals) {

        static WorldCopy of(TaskGenerator g) {
            return new WorldCopy((double[][]) Arrays2.copy(OptionalSpi.groundTruths(g)),
                    (double[][]) Arrays2.copy(OptionalSpi.signals(g)), (int[]) Arrays2.copy(OptionalSpi.arrivals(g)));
        }

        /** Where {@code now} differs, e.g. {@code "the ground truths changed: [0][3]: 0.25 -> 0.0"}; else null. */
        String difference(WorldCopy now) {
            String d = Arrays2.difference(truths, now.truths);
            if (d != null) {
                return "the ground truths changed: " + d;
            }
            d = Arrays2.difference(signals, now.signals);
            if (d != null) {
                return "the signals changed: " + d;
            }
            d = Arrays2.difference(arrivals, now.arrivals);
            return d == null ? null : "the arrival sequence changed: " + d;
        }
    }

    /** The heap a test run may take by the components' estimates: half the JVM's, as two runs may go at once. */
    static long heapBudget() {
        return Runtime.getRuntime().maxMemory() / 2;
    }

    /** The context a world is built in: M, T, the seed; no generator yet. */
    static BuildContext worldContext(Setup s, long seed) {
        return new BuildContext(s.m(), s.rounds(), seed, RngKind.FAST, null, null, -1);
    }

    /** Builds the run's world from {@code seed} and checks it (shapes, finite values). */
    static TaskGenerator world(Setup s, long seed) {
        Setup.Part g = s.tasks();
        BuildContext ctx = worldContext(s, seed);
        checkHeap(List.of(g), java.util.Arrays.asList(memory(g, ctx)), 1);
        TaskGenerator w;
        try {
            w = g.generator().create(g.params().copy(), ctx);
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError | LinkageError e) {
            throw Failure.of(g.label(), "while being built", e);
        }
        if (w == null) {
            throw new ContractViolation(Rule.DEFAULTS, g.label(), "create() returned null");
        }
        checkWorld(g.label(), w, s.rounds());
        return w;
    }

    /** A generator's world: dimension and types at least 1, ground truths and signals N rows of d finite values. */
    static void checkWorld(String label, TaskGenerator w, int rounds) {
        int d = w.dimension();
        int n = w.types();
        if (d < 1 || n < 1) {
            throw new ContractViolation(Rule.TASKS_IN_RANGE, label, "dimension() is " + d + " and types() is " + n
                    + "; both must be at least 1");
        }
        for (Map.Entry<String, double[][]> e : List.of(
                Map.entry("ground truths", nullSafe(OptionalSpi.groundTruths(w))),
                Map.entry("signals", nullSafe(OptionalSpi.signals(w))))) {
            double[][] a = e.getValue();
            if (a.length == 0) {
                continue;
            }
            if (a.length != n) {
                throw new ContractViolation(Rule.TASKS_IN_RANGE, label, "its " + e.getKey() + " have " + a.length
                        + " rows for " + n + " task types");
            }
            for (int k = 0; k < n; k++) {
                if (a[k] == null || a[k].length != d) {
                    throw new ContractViolation(Rule.TASKS_IN_RANGE, label, "row " + k + " of its " + e.getKey()
                            + " has " + (a[k] == null ? "no values" : a[k].length + " values") + ", not d=" + d);
                }
            }
            String bad = Arrays2.nonFinite(a);
            if (bad != null) {
                throw new ContractViolation(Rule.FINITE_OUTPUTS, label, "its " + e.getKey() + bad);
            }
        }
        int[] arrivals = OptionalSpi.arrivals(w);
        if (arrivals != null) {
            for (int t = 0; t < Math.min(arrivals.length, rounds); t++) {
                if (arrivals[t] < 0 || arrivals[t] >= n) {
                    throw new ContractViolation(Rule.TASKS_IN_RANGE, label, "its arrival sequence has type "
                            + arrivals[t] + " at round " + (t + 1) + " (types 0.." + (n - 1) + ")");
                }
            }
        }
    }

    private static double[][] nullSafe(double[][] a) {
        return a == null ? new double[0][] : a;
    }

    private static Memory memory(Setup.Part p, BuildContext ctx) {
        try {
            return p.factory().memory(p.params().copy(), ctx);
        } catch (RuntimeException | StackOverflowError | LinkageError e) {
            throw Failure.of(p.label(), "in its memory estimate", e);
        }
    }

    /** Refuses components whose estimates (counted {@code times[i]} times) exceed the {@link #heapBudget}. */
    private static void checkHeap(List<Setup.Part> parts, List<Memory> estimates, int... times) {
        long total = 0;
        for (int i = 0; i < parts.size(); i++) {
            Memory m = estimates.get(i);
            if (m != null) {
                total = Sizes.add(total, Sizes.times(m.bytes(), times.length > i ? times[i] : 1));
            }
        }
        if (total > heapBudget()) {
            throw new Failure(parts.get(0).label(), "while being built", true, "by the estimates the run needs "
                    + Sizes.human(total) + ", more than half the heap (" + Sizes.human(Runtime.getRuntime().maxMemory())
                    + ")", null);
        }
    }

    /** The components of one run, built. */
    record Built(TaskGenerator generator, Expert[] experts, Router router, BuildContext context) {
    }

    /** Builds a run's experts and router on a world restarted with the run's {@code tasks} stream. */
    static Built build(Setup s, TaskGenerator world, long runSeed) {
        TaskGenerator gen;
        try {
            gen = world.restart(Seeds.stream(RngKind.FAST, runSeed, "tasks"));
        } catch (RuntimeException e) {
            throw Failure.of(s.tasks().label(), "in restart()", e);
        }
        if (gen == null) {
            throw new ContractViolation(Rule.DEFAULTS, s.tasks().label(), "restart() returned null");
        }
        BuildContext estimate = new BuildContext(s.m(), s.rounds(), runSeed, RngKind.FAST, null, gen, -1);
        checkHeap(List.of(s.experts(), s.router()),
                java.util.Arrays.asList(memory(s.experts(), estimate), memory(s.router(), estimate)), s.m(), 1);
        BuildContext ctx = new BuildContext(s.m(), s.rounds(), runSeed, RngKind.FAST, null, PluginView.of(gen), -1);
        Expert[] experts = new Expert[s.m()];
        for (int e = 0; e < s.m(); e++) {
            try {
                experts[e] = s.experts().expert().create(s.experts().params().copy(), ctx.forExpert(e));
            } catch (RuntimeException | OutOfMemoryError | StackOverflowError | LinkageError ex) {
                throw Failure.of(s.experts().label(), "while being built", ex);
            }
            if (experts[e] == null) {
                throw new ContractViolation(Rule.DEFAULTS, s.experts().label(), "create() returned null");
            }
        }
        Router router;
        try {
            router = s.router().router().create(s.router().params().copy(), ctx);
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError | LinkageError ex) {
            throw Failure.of(s.router().label(), "while being built", ex);
        }
        if (router == null) {
            throw new ContractViolation(Rule.DEFAULTS, s.router().label(), "create() returned null");
        }
        return new Built(gen, experts, router, ctx);
    }

    /**
     * One run of T rounds on {@code world} (restarted with the run's own streams from {@code runSeed}), checked as it
     * goes, recorded in the returned trace.
     */
    static Trace run(Setup s, TaskGenerator world, long runSeed) {
        WorldCopy before = WorldCopy.of(world);
        Built b = build(s, world, runSeed);
        RoundMetrics metrics;
        try {
            metrics = Sweep.metricsFor(b.generator(), b.experts());
        } catch (RuntimeException e) {
            throw Failure.of("the run's metrics", "while being built", e);
        }
        Trace trace = new Trace();
        GuardedGenerator tasks = new GuardedGenerator(b.generator(), s.tasks().label(), trace);
        RecordingRouter router = new RecordingRouter(b.router(), s.router().label(), s.experts().label(), s.m(), tasks,
                trace);
        RunResult r;
        try {
            r = RunEngine.run(tasks, b.experts(), router, metrics, s.rounds(), RunEngine.Progress.NONE);
        } catch (RunFailedException e) {
            if (e.getCause() instanceof ContractViolation v) {
                throw v;
            }
            String who = switch (e.component()) {
                case "generator" -> s.tasks().label();
                case "router" -> s.router().label();
                case "expert" -> s.experts().label();
                default -> "the run's " + e.component();
            };
            throw new Failure(who, "at round " + e.round(), false, RunFailedException.describe(e.getCause()),
                    e.getCause());
        }
        tasks.finish();
        String blame = s.plugin().label();
        for (Map.Entry<String, double[]> c : r.metrics().entrySet()) {
            double[] v = c.getValue();
            for (int t = 0; t < v.length; t++) {
                if (!Double.isFinite(v[t])) {
                    throw new ContractViolation(Rule.FINITE_OUTPUTS, blame, "metric " + c.getKey() + " is " + v[t]
                            + " at round " + (t + 1));
                }
            }
            trace.array("metric " + c.getKey(), v);
        }
        trace.array("chosen experts", r.expert());
        trace.array("moved", r.moved());
        trace.integer("freeze round", r.freezeRound());
        for (int e = 0; e < b.experts().length; e++) {
            if (b.experts()[e] instanceof LinearModel lm) {
                double[] w = lm.weights();
                String bad = Arrays2.nonFinite(w);
                if (bad != null) {
                    throw new ContractViolation(Rule.FINITE_OUTPUTS, s.experts().label(), "after the last round the "
                            + "weights of expert " + e + " hold" + bad);
                }
                trace.array("weights of expert " + e, w);
            }
        }
        gateWeights(s, b.router(), b.generator().dimension(), trace);
        diagnostics(s, b.router(), trace);
        String changed = before.difference(WorldCopy.of(world));
        if (changed != null) {
            throw new ContractViolation(Rule.NO_WORLD_MUTATION, blame, changed + " during a run; "
                    + (s.underTest() == PluginKind.GENERATOR ? "a generator's world must stay as it was built, so "
                    + "that every run restarted on it sees the same world" : "plugins must not write to the world "
                    + "(reached through a task or a generator)"));
        }
        return trace;
    }

    /**
     * A router's diagnostics at the end of the run: JSON values only (a run records them as JSON; anything else fails
     * the run, see {@link moecl.router.Diagnostics}), and in the trace, so that two runs that must agree agree on
     * them too (a time or a counter of objects there had made two runs' records differ).
     */
    private static void diagnostics(Setup s, Router router, Trace trace) {
        java.util.Map<String, Object> d;
        try {
            d = moecl.router.Diagnostics.check(router.diagnostics());
        } catch (IllegalArgumentException e) {
            throw new ContractViolation(Rule.DECISIONS_IN_RANGE, s.router().label(), e.getMessage()
                    + " (the run records them as JSON)");
        } catch (RuntimeException e) {
            throw Failure.of(s.router().label(), "in diagnostics() after the last round", e);
        }
        trace.text("router diagnostics", d.toString());
    }

    /** A router's gate weights: none, or M rows of d finite values. */
    private static void gateWeights(Setup s, Router router, int d, Trace trace) {
        double[][] theta = router.gateWeights();
        if (theta == null) {
            trace.integer("no gate weights", 0);
            return;
        }
        String label = s.router().label();
        if (theta.length != s.m()) {
            throw new ContractViolation(Rule.DECISIONS_IN_RANGE, label, "its gate weights have " + theta.length
                    + " rows for " + s.m() + " experts");
        }
        for (int e = 0; e < theta.length; e++) {
            if (theta[e] == null || theta[e].length != d) {
                throw new ContractViolation(Rule.DECISIONS_IN_RANGE, label, "row " + e + " of its gate weights has "
                        + (theta[e] == null ? "no values" : theta[e].length + " values") + ", not the dimension " + d);
            }
        }
        String bad = Arrays2.nonFinite(theta);
        if (bad != null) {
            throw new ContractViolation(Rule.FINITE_OUTPUTS, label, "after the last round its gate weights hold" + bad);
        }
        trace.array("gate weights", theta);
    }

    /**
     * The snapshot round trip of expert 0 of a run: it learns the first half of the run's tasks, is snapshotted,
     * learns the second half, is restored and learns the second half again. Returns {@code false} when the expert
     * offers no snapshots.
     */
    static boolean snapshotRoundTrip(Setup s, TaskGenerator world, long runSeed) {
        Built b = build(s, world, runSeed);
        Expert expert = b.experts()[0];
        String label = s.experts().label();
        Trace unused = new Trace();
        GuardedGenerator tasks = new GuardedGenerator(b.generator(), s.tasks().label(), unused);
        List<Task> all = new ArrayList<>();
        for (int t = 0; t < s.rounds(); t++) {
            all.add(tasks.next());
        }
        int half = Math.max(1, all.size() / 2);
        for (int t = 0; t < half; t++) {
            learn(expert, all.get(t), label);
        }
        Object snap;
        try {
            snap = OptionalSpi.snapshot(expert);
        } catch (RuntimeException e) {
            throw new ContractViolation(Rule.SNAPSHOT_RESTORE, label, "snapshot() threw "
                    + RunFailedException.describe(e), e);
        }
        if (snap == null) {
            return false;
        }
        double[] atSnapshot = expert instanceof LinearModel lm ? lm.weights().clone() : null;
        Trace first = new Trace();
        for (int t = half; t < all.size(); t++) {
            LearnReport r = learn(expert, all.get(t), label);
            first.real("task " + (t + 1) + ": moved", r.moved());
            first.real("task " + (t + 1) + ": loss", r.loss());
        }
        if (expert instanceof LinearModel lm) {
            first.array("weights", lm.weights().clone());
        }
        try {
            OptionalSpi.restore(expert, snap);
        } catch (RuntimeException e) {
            throw new ContractViolation(Rule.SNAPSHOT_RESTORE, label, "restore(snapshot()) threw "
                    + RunFailedException.describe(e), e);
        }
        if (atSnapshot != null) {
            String d = Arrays2.difference(atSnapshot, ((LinearModel) expert).weights());
            if (d != null) {
                throw new ContractViolation(Rule.SNAPSHOT_RESTORE, label, "after restore(snapshot()) its weights "
                        + "are not those at the snapshot: weights" + d + " (taken after " + half + " tasks, restored "
                        + "after " + all.size() + ")");
            }
        }
        Trace again = new Trace();
        for (int t = half; t < all.size(); t++) {
            LearnReport r = learn(expert, all.get(t), label);
            again.real("task " + (t + 1) + ": moved", r.moved());
            again.real("task " + (t + 1) + ": loss", r.loss());
        }
        if (expert instanceof LinearModel lm) {
            again.array("weights", lm.weights().clone());
        }
        String d = first.difference(again, "first pass", "pass after restore(snapshot())");
        if (d != null) {
            throw new ContractViolation(Rule.SNAPSHOT_RESTORE, label, "learning the same tasks again after "
                    + "restore(snapshot()) went differently: " + d + "; a snapshot must hold the expert's whole state "
                    + "(a random stream it draws from while learning included)");
        }
        return true;
    }

    private static LearnReport learn(Expert e, Task t, String label) {
        LearnReport r;
        try {
            r = e.learn(t);
        } catch (RuntimeException | StackOverflowError | LinkageError ex) {
            throw new Failure(label, "at round " + t.round(), false, RunFailedException.describe(ex), ex);
        }
        if (r == null) {
            throw new ContractViolation(Rule.DEFAULTS, label, "learn() returned no report (null) for the task of "
                    + "round " + t.round());
        }
        return r;
    }

    /** Runs both on two threads started together; the first exception (in a, then b) is thrown. */
    static List<Trace> concurrently(Supplier<Trace> a, Supplier<Trace> b) {
        CountDownLatch start = new CountDownLatch(1);
        Trace[] out = new Trace[2];
        Throwable[] thrown = new Throwable[2];
        List<Supplier<Trace>> work = List.of(a, b);
        Thread[] threads = new Thread[2];
        for (int i = 0; i < 2; i++) {
            int k = i;
            threads[i] = new Thread(() -> {
                try {
                    start.await();
                    out[k] = work.get(k).get();
                } catch (Throwable t) {
                    thrown[k] = t;
                }
            }, "testkit-run-" + i);
            threads[i].setDaemon(true);
            threads[i].start();
        }
        start.countDown();
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while two test runs went on", e);
            }
        }
        for (Throwable t : thrown) {
            if (t instanceof RuntimeException re) {
                throw re;
            }
            if (t instanceof Error err) {
                throw err;
            }
        }
        return List.of(out[0], out[1]);
    }

    /** Params with one entry replaced. */
    static Params replace(Params p, String name, Object value) {
        java.util.LinkedHashMap<String, Object> m = new java.util.LinkedHashMap<>(p.copy().asMap());
        m.put(name, value);
        return new Params(m);
    }
}
