package moecl.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

import moecl.expert.Expert;
import moecl.expert.LinearModel;
import moecl.metrics.LinearMetrics;
import moecl.metrics.RoundMetrics;
import moecl.plugin.BuildContext;
import moecl.plugin.Params;
import moecl.plugin.Registry;
import moecl.rng.NumpyLegacyRandom;
import moecl.rng.RandomSource;
import moecl.rng.RngKind;
import moecl.rng.Seeds;
import moecl.router.Router;
import moecl.task.TaskGenerator;

/**
 * Runs many runs (seeds, parameter lists, variants) over a pool of threads, with results that do not depend on
 * the number of threads: every run owns its random streams and its components, and results come back in request
 * order.
 *
 * <p>Runs that share a seed, a task generator spec, T, the rng kind and the {@code world} label share one world:
 * the pool of ground truths and the arrival sequence are drawn once and every run replays them
 * ({@link TaskGenerator#restart}). In {@code numpy-legacy} mode such runs also share one random stream, consumed
 * run after run in request order, exactly as the authors' scripts loop over M; they then run one after another on
 * one thread.
 */
public final class Sweep {

    private Sweep() {
    }


    /**
     * Runs all specs with up to {@code threads} threads and keeps every run's rows in memory. Interrupting the
     * calling thread cancels the sweep ({@link CancellationException}); the first failing run stops it with its
     * {@link RunFailedException}. Sweeps that must survive failures and long runs go through the workbench's sweep
     * store, which runs units with {@link #runUnit} the same way.
     */
    public static List<RunOutcome> run(Registry registry, List<RunSpec> specs, int threads,
                                       RunEngine.Progress progress) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        Preflight.validate(registry, specs);
        long total = specs.stream().mapToLong(RunSpec::rounds).sum();
        AtomicLong done = new AtomicLong();
        LongConsumer advance = d -> {
            long now = done.addAndGet(d);
            progress.update((int) Math.min(Integer.MAX_VALUE, now), (int) Math.min(Integer.MAX_VALUE, total));
        };
        RunOutcome[] out = new RunOutcome[specs.size()];
        int[] owners = worldOwners(specs);
        List<int[]> units = units(specs);
        Worlds worlds = new Worlds(specs);
        List<Runnable> work = new ArrayList<>();
        for (int[] unit : threads > 1 ? longestFirst(specs, units) : units) {
            List<Job> jobs = new ArrayList<>();
            for (int i : unit) {
                jobs.add(new Job(i, specs.get(i)));
            }
            RunSpec worldSpec = specs.get(owners[unit[0]]);
            work.add(() -> {
                Map<Integer, RunEngine.Columns> cols = new HashMap<>();
                runUnit(registry, worldSpec, jobs, new Listener() {
                    @Override
                    public RoundSink sink(Job job) {
                        RunEngine.Columns c = new RunEngine.Columns();
                        cols.put(job.index(), c);
                        return c;
                    }

                    @Override
                    public void finished(Finished f) {
                        out[f.index()] = f.outcome(cols.remove(f.index()).result(f.summary()));
                    }

                    @Override
                    public void failed(Job job, RunFailedException e) {
                        throw e;
                    }
                }, advance, worlds);
            });
        }
        execute(work, threads);
        return List.of(out);
    }

    /** The units ordered by cost, longest first (stable), so that no thread is left with a long run at the end. */
    public static List<int[]> longestFirst(List<RunSpec> specs, List<int[]> units) {
        List<int[]> sorted = new ArrayList<>(units);
        sorted.sort((a, b) -> Long.compare(cost(specs, b), cost(specs, a)));
        return sorted;
    }

    /** The rough cost of a unit: the sum of its runs' {@link #cost(RunSpec)}. */
    public static long cost(List<RunSpec> specs, int[] unit) {
        long c = 0;
        for (int i : unit) {
            c += cost(specs.get(i));
        }
        return c;
    }

    /** A rough cost of a run, for scheduling only: rounds times (experts + the round's fixed work). */
    public static long cost(RunSpec s) {
        return (long) s.rounds() * (s.m() + 4);
    }

    /** One run of a sweep: its position and what was asked. */
    public record Job(int index, RunSpec spec) {
    }

    /**
     * A finished run: what was asked, the components with every default resolved (spec text), its summary, the
     * draws taken from a shared stream (provenance) and its world (for theory overlays and expert sets).
     */
    public record Finished(int index, RunSpec spec, String tasks, String experts, String router, RunSummary summary,
                           long rngDraws, TaskGenerator world) {
        /** The outcome with the run's rows. */
        public RunOutcome outcome(RunResult result) {
            return new RunOutcome(index, spec, tasks, experts, router, result, rngDraws, world);
        }
    }

    /** Where a unit's runs send their rows and how they end; called on the unit's thread. */
    public interface Listener {
        /** The sink of a run's rows, asked for just before its loop starts. */
        RoundSink sink(Job job);

        void finished(Finished finished);

        /** A run failed; the unit goes on with its next run. */
        void failed(Job job, RunFailedException e);
    }

    /**
     * The units of work of a sweep, in request order: each a list of run indices that run one after another on one
     * thread. In numpy-legacy mode the runs of a world share one random stream and form one unit; otherwise each run
     * is a unit of its own.
     */
    public static List<int[]> units(List<RunSpec> specs) {
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < specs.size(); i++) {
            groups.computeIfAbsent(specs.get(i).worldKey(), k -> new ArrayList<>()).add(i);
        }
        List<int[]> out = new ArrayList<>();
        for (List<Integer> members : groups.values()) {
            if (specs.get(members.get(0)).rng() == RngKind.NUMPY_LEGACY) {
                out.add(members.stream().mapToInt(Integer::intValue).toArray());
            } else {
                for (int i : members) {
                    out.add(new int[] {i});
                }
            }
        }
        return out;
    }

    /**
     * For each run, the index of the run whose spec builds its world: the first run of the sweep with the same world
     * key. A unit run anywhere, alone or with others, rebuilds the same world from that spec.
     */
    public static int[] worldOwners(List<RunSpec> specs) {
        Map<String, Integer> owner = new HashMap<>();
        int[] out = new int[specs.size()];
        for (int i = 0; i < specs.size(); i++) {
            int self = i;
            out[i] = owner.computeIfAbsent(specs.get(i).worldKey(), k -> self);
        }
        return out;
    }

    /** A world built once and the generator parameters it was built with. */
    private record World(TaskGenerator generator, Params params) {
    }

    /**
     * Shares the worlds of {@code fast}-rng runs between the units of one sweep, as a sweep run in one piece does:
     * a world is built by the first unit that needs it and dropped when the last of its runs has taken it. (A
     * numpy-legacy world consumes its unit's random stream and is never shared.)
     */
    public static final class Worlds {
        private final Map<String, World> built = new java.util.concurrent.ConcurrentHashMap<>();
        private final Map<String, java.util.concurrent.atomic.AtomicInteger> left =
                new java.util.concurrent.ConcurrentHashMap<>();

        /** @param specs the specs of the runs that will take worlds from this cache */
        public Worlds(List<RunSpec> specs) {
            for (RunSpec s : specs) {
                left.computeIfAbsent(s.worldKey(), k -> new java.util.concurrent.atomic.AtomicInteger())
                        .incrementAndGet();
            }
        }

        World take(String key, int runs, java.util.function.Supplier<World> build) {
            World w = built.computeIfAbsent(key, k -> build.get());
            java.util.concurrent.atomic.AtomicInteger n = left.get(key);
            if (n != null && n.addAndGet(-runs) <= 0) {
                built.remove(key);
            }
            return w;
        }
    }

    /**
     * Runs one unit: builds the world from {@code worldSpec} (the first run of the sweep with this world), then each
     * job in order. A job whose components fail to build or whose run throws goes to {@link Listener#failed} and
     * the unit goes on with the next; cancellation (interrupt) stops it with {@link CancellationException}.
     *
     * @param advance receives the number of rounds done since its last call
     * @param worlds  shares {@code fast}-rng worlds between units; {@code null} builds each unit's own
     */
    public static void runUnit(Registry registry, RunSpec worldSpec, List<Job> jobs, Listener listener,
                               LongConsumer advance, Worlds worlds) {
        TaskGenerator world;
        Params gp;
        NumpyLegacyRandom shared = null;
        try {
            if (worldSpec.rng() == RngKind.NUMPY_LEGACY) {
                shared = Seeds.numpy(worldSpec.seed());
            }
            NumpyLegacyRandom stream = shared;
            java.util.function.Supplier<World> build = () -> {
                Preflight.Bound b0 = Preflight.bind(registry, worldSpec);
                Params p = Preflight.copy(b0.gp());
                BuildContext ctx = new BuildContext(worldSpec.m(), worldSpec.rounds(), worldSpec.seed(),
                        worldSpec.rng(), stream, null, -1);
                return new World(b0.gf().create(p, ctx), p);
            };
            World w = worlds == null || shared != null ? build.get()
                    : worlds.take(worldSpec.worldKey(), jobs.size(), build);
            world = w.generator();
            gp = w.params();
        } catch (Exception | Error e) { // whatever a plugin throws fails its runs only
            RunFailedException f = new RunFailedException("generator " + worldSpec.tasks().name(), 0, e);
            for (Job j : jobs) {
                listener.failed(j, f);
            }
            return;
        }
        // a numpy-legacy unit replays one script: what it never resets between its runs, the components keep here
        Map<String, Object> unit = shared != null ? new HashMap<>() : null;
        for (Job j : jobs) {
            if (Thread.currentThread().isInterrupted()) {
                throw new CancellationException("cancelled");
            }
            Finished f;
            try {
                f = runOne(registry, j, world, gp, shared, unit, listener, advance);
            } catch (RunFailedException e) {
                listener.failed(j, e);
                continue;
            }
            listener.finished(f);
        }
    }

    private static Finished runOne(Registry registry, Job job, TaskGenerator world, Params gp,
                                   NumpyLegacyRandom shared, Map<String, Object> unit, Listener listener,
                                   LongConsumer advance) {
        RunSpec s = job.spec();
        String part = "generator " + s.tasks().name();
        try {
            Preflight.Bound b = Preflight.bind(registry, s);
            long runSeed = runSeed(s);
            RandomSource perRound = shared != null ? shared : Seeds.stream(s.rng(), runSeed, "tasks");
            TaskGenerator gen = world.restart(perRound);
            // plugins see the world through copies: one that changes them cannot change this run's data or metrics,
            // nor any other run of the world
            BuildContext ctx = new BuildContext(s.m(), s.rounds(), runSeed, s.rng(), shared, PluginView.of(gen), -1,
                    unit);
            Params ep = Preflight.copy(b.ep());
            Expert[] experts = new Expert[s.m()];
            part = "expert " + s.experts().name();
            for (int e = 0; e < s.m(); e++) {
                experts[e] = b.ef().create(e == 0 ? ep : Preflight.copy(b.ep()), ctx.forExpert(e));
            }
            Params rp = Preflight.copy(b.rp());
            part = "router " + s.router().name();
            Router router = b.rf().create(rp, ctx);
            part = "metrics";
            RoundMetrics metrics = metricsFor(gen, experts);
            part = "round sink";
            RoundSink sink = listener.sink(job);
            long[] last = {0};
            RunSummary r;
            try {
                r = RunEngine.run(gen, experts, router, metrics, s.rounds(), (d, t) -> {
                    advance.accept(d - last[0]);
                    last[0] = d;
                }, sink);
            } catch (RunFailedException e) {
                String named = switch (e.component()) {
                    case "generator" -> "generator " + s.tasks().name();
                    case "router" -> "router " + s.router().name();
                    case "expert" -> "expert " + s.experts().name();
                    default -> e.component();
                };
                throw new RunFailedException(named, e.round(), e.getCause());
            }
            return new Finished(job.index(), s, Preflight.spec(s.tasks(), gp), Preflight.spec(s.experts(), ep),
                    Preflight.spec(s.router(), rp), r, shared == null ? 0 : shared.draws(), world);
        } catch (RunFailedException | CancellationException e) {
            throw e;
        } catch (Exception | Error e) { // whatever a plugin throws fails its runs only
            throw new RunFailedException(part, 0, e);
        }
    }

    /**
     * The seed of a run's own streams (per-round data, router noise, expert initialisation): the master seed, or,
     * for repeats that share one world ({@code repeat} label), a seed derived from it and the repeat number.
     */
    static long runSeed(RunSpec s) {
        String rep = s.labels().get("repeat");
        return rep == null ? s.seed() : Seeds.derive(s.seed(), "repeat." + rep);
    }

    /** The run's metrics: the generator's own, else the linear metrics when experts are linear, else none. */
    public static RoundMetrics metricsFor(TaskGenerator gen, Expert[] experts) {
        if (gen instanceof moecl.metrics.OwnMetrics own) {
            RoundMetrics m = own.metrics(experts.length);
            if (m != null) {
                return m;
            }
        }
        if (!(gen instanceof moecl.task.LinearWorld lw) || lw.groundTruths() == null) {
            return null;
        }
        for (Expert e : experts) {
            if (!(e instanceof LinearModel)) {
                return null;
            }
        }
        return new LinearMetrics(lw.groundTruths(), experts.length);
    }


    /**
     * Runs the work items on up to {@code threads} daemon threads (in order on the calling thread when 1). The first
     * item that throws cancels the rest and its exception is rethrown; interrupting the calling thread cancels all
     * ({@link CancellationException}).
     */
    public static void execute(List<Runnable> work, int threads) {
        if (threads == 1 || work.size() == 1) {
            for (Runnable r : work) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new CancellationException("cancelled");
                }
                r.run();
            }
            return;
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, work.size()), r -> {
            Thread t = new Thread(r, "moecl-run");
            t.setDaemon(true);
            return t;
        })) {
            List<Future<?>> futures = new ArrayList<>();
            for (Runnable r : work) {
                futures.add(pool.submit(r));
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
