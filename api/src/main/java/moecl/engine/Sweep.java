package moecl.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import moecl.expert.Expert;
import moecl.expert.LinearModel;
import moecl.metrics.LinearMetrics;
import moecl.metrics.RoundMetrics;
import moecl.plugin.Binder;
import moecl.plugin.BuildContext;
import moecl.plugin.ExpertFactory;
import moecl.plugin.GeneratorFactory;
import moecl.plugin.Params;
import moecl.plugin.PluginKind;
import moecl.plugin.Registry;
import moecl.plugin.RouterFactory;
import moecl.rng.NumpyLegacyRandom;
import moecl.rng.RandomSource;
import moecl.rng.RngKind;
import moecl.rng.Seeds;
import moecl.router.Router;
import moecl.spec.SpecValue.Component;
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

    /** Bound components of one run: built and validated, ready to create. */
    private record Bound(RunSpec spec, GeneratorFactory gf, Params gp, ExpertFactory ef, Params ep, RouterFactory rf,
                         Params rp) {
    }

    /**
     * Binds and dry-builds every run, so that a malformed spec or an invalid combination fails before anything
     * runs. Returns nothing; throws {@link IllegalArgumentException} with the first problem.
     */
    public static void validate(Registry registry, List<RunSpec> specs) {
        Map<String, Boolean> seen = new LinkedHashMap<>();
        for (RunSpec s : specs) {
            String key = s.tasks().toSpecText() + "|" + s.experts().toSpecText() + "|" + s.router().toSpecText() + "|"
                    + s.m();
            if (seen.putIfAbsent(key, true) != null) {
                continue;
            }
            Bound b = bind(registry, s);
            BuildContext ctx = new BuildContext(s.m(), Math.min(s.rounds(), 4), s.seed(), RngKind.FAST, null, null, -1);
            TaskGenerator g = b.gf().create(copy(b.gp()), ctx);
            BuildContext withG = ctx.withGenerator(g);
            b.ef().create(copy(b.ep()), withG.forExpert(0));
            b.rf().create(copy(b.rp()), withG);
        }
    }

    private static Params copy(Params p) {
        return new Params(p.asMap());
    }

    private static Bound bind(Registry registry, RunSpec s) {
        GeneratorFactory gf = (GeneratorFactory) registry.resolve(PluginKind.GENERATOR, s.tasks().name());
        ExpertFactory ef = (ExpertFactory) registry.resolve(PluginKind.EXPERT, s.experts().name());
        RouterFactory rf = (RouterFactory) registry.resolve(PluginKind.ROUTER, s.router().name());
        return new Bound(s, gf, Binder.bind(gf.descriptor(), s.tasks()), ef, Binder.bind(ef.descriptor(), s.experts()),
                rf, Binder.bind(rf.descriptor(), s.router()));
    }

    /**
     * Runs all specs with up to {@code threads} threads. Interrupting the calling thread cancels the sweep
     * ({@link CancellationException}).
     */
    public static List<RunOutcome> run(Registry registry, List<RunSpec> specs, int threads, Engine.Progress progress) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        validate(registry, specs);
        List<Bound> bound = specs.stream().map(s -> bind(registry, s)).toList();
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < specs.size(); i++) {
            groups.computeIfAbsent(specs.get(i).worldKey(), k -> new ArrayList<>()).add(i);
        }
        long total = specs.stream().mapToLong(RunSpec::rounds).sum();
        AtomicLong done = new AtomicLong();
        RunOutcome[] out = new RunOutcome[specs.size()];
        List<Runnable> work = new ArrayList<>();
        List<Long> cost = new ArrayList<>();
        for (List<Integer> members : groups.values()) {
            RunSpec first = specs.get(members.get(0));
            if (first.rng() == RngKind.NUMPY_LEGACY) {
                work.add(() -> {
                    NumpyLegacyRandom shared = Seeds.numpy(first.seed());
                    BuildContext ctx = new BuildContext(first.m(), first.rounds(), first.seed(), first.rng(), shared,
                            null, -1);
                    Bound b0 = bound.get(members.get(0));
                    Params gp = copy(b0.gp());
                    TaskGenerator world = b0.gf().create(gp, ctx);
                    for (int i : members) {
                        out[i] = runOne(i, bound.get(i), world, gp, shared, shared, done, total, progress);
                    }
                });
                cost.add(members.stream().mapToLong(i -> cost(specs.get(i))).sum());
            } else {
                Bound b0 = bound.get(members.get(0));
                Params gp = copy(b0.gp());
                BuildContext ctx = new BuildContext(first.m(), first.rounds(), first.seed(), first.rng(), null, null, -1);
                TaskGenerator world = b0.gf().create(gp, ctx);
                for (int i : members) {
                    work.add(() -> out[i] = runOne(i, bound.get(i), world, gp, null, null, done, total, progress));
                    cost.add(cost(specs.get(i)));
                }
            }
        }
        if (threads > 1) { // longest first, so that no thread is left with a long run at the end
            Integer[] order = new Integer[work.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, (a, b) -> Long.compare(cost.get(b), cost.get(a))); // stable
            List<Runnable> sorted = new ArrayList<>();
            for (int i : order) {
                sorted.add(work.get(i));
            }
            work = sorted;
        }
        execute(work, threads);
        return List.of(out);
    }

    /** A rough cost of a run, for scheduling only: rounds times (experts + the round's fixed work). */
    private static long cost(RunSpec s) {
        return (long) s.rounds() * (s.m() + 4);
    }

    private static RunOutcome runOne(int index, Bound b, TaskGenerator world, Params gp, RandomSource perRound,
                                     NumpyLegacyRandom shared, AtomicLong done, long total, Engine.Progress progress) {
        RunSpec s = b.spec();
        long runSeed = runSeed(s);
        if (perRound == null) {
            perRound = Seeds.stream(s.rng(), runSeed, "tasks");
        }
        TaskGenerator gen = world.restart(perRound);
        BuildContext ctx = new BuildContext(s.m(), s.rounds(), runSeed, s.rng(), shared, gen, -1);
        Params ep = copy(b.ep());
        Expert[] experts = new Expert[s.m()];
        for (int e = 0; e < s.m(); e++) {
            experts[e] = b.ef().create(e == 0 ? ep : copy(b.ep()), ctx.forExpert(e));
        }
        Params rp = copy(b.rp());
        Router router = b.rf().create(rp, ctx);
        RoundMetrics metrics = metricsFor(gen, experts);
        long[] last = {0};
        RunResult r = Engine.run(gen, experts, router, metrics, s.rounds(), (d, t) -> {
            long now = done.addAndGet(d - last[0]);
            last[0] = d;
            progress.update((int) Math.min(Integer.MAX_VALUE, now), (int) Math.min(Integer.MAX_VALUE, total));
        });
        return new RunOutcome(index, s, spec(s.tasks(), gp), spec(s.experts(), ep), spec(s.router(), rp), r,
                shared == null ? 0 : shared.draws(), world);
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
        RoundMetrics own = gen.metrics(experts.length);
        if (own != null) {
            return own;
        }
        boolean linear = gen.groundTruths() != null;
        for (Expert e : experts) {
            linear &= e instanceof LinearModel;
        }
        return linear ? new LinearMetrics(gen.groundTruths(), experts.length) : null;
    }

    private static String spec(Component c, Params p) {
        String args = p.toArgsText();
        return args.isEmpty() ? c.name() : c.name() + "(" + args + ")";
    }

    private static void execute(List<Runnable> work, int threads) {
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
