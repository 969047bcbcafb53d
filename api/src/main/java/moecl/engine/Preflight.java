package moecl.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import moecl.plugin.Binder;
import moecl.plugin.BuildContext;
import moecl.plugin.ExpertFactory;
import moecl.plugin.GeneratorFactory;
import moecl.plugin.Params;
import moecl.plugin.PluginFactory;
import moecl.plugin.PluginKind;
import moecl.plugin.Registry;
import moecl.plugin.RouterFactory;
import moecl.plugin.Sizes;
import moecl.rng.RngKind;
import moecl.rng.Seeds;
import moecl.spec.SpecValue.Component;
import moecl.task.TaskGenerator;

/**
 * What is checked before any run of a sweep starts: every spec binds to its plugins, every component builds, and
 * the heap holds what the runs need ({@link #validate}); and a run's components with every default filled in
 * ({@link #resolved}), part of its identity. {@link Sweep} runs what passes.
 */
public final class Preflight {

    private Preflight() {
    }

    /** Bound components of one run: built and validated, ready to create. */
    record Bound(RunSpec spec, GeneratorFactory gf, Params gp, ExpertFactory ef, Params ep, RouterFactory rf,
                         Params rp) {
    }

    /**
     * Binds and dry-builds every run, so that a malformed spec or an invalid combination fails before anything
     * runs. Before each component is built, the heap the run needs (its components' {@link PluginFactory#memory
     * estimates} and the engine's own buffers, computed in {@code long}) is compared with the heap, so that sizes
     * too large are refused with one line naming their parameters instead of an {@link OutOfMemoryError}. Returns
     * nothing; throws {@link IllegalArgumentException} with the first problem.
     */
    public static void validate(Registry registry, List<RunSpec> specs) {
        Map<String, Boolean> seen = new LinkedHashMap<>();
        for (RunSpec s : specs) {
            if (s.rng() == RngKind.NUMPY_LEGACY && seen.putIfAbsent("numpy seed " + s.seed(), true) == null) {
                Seeds.numpy(s.seed()); // refuses a seed numpy would refuse, before anything runs
            }
            String key = s.tasks().toSpecText() + "|" + s.experts().toSpecText() + "|" + s.router().toSpecText() + "|"
                    + s.m() + "|" + s.rounds();
            if (seen.putIfAbsent(key, true) != null) {
                continue;
            }
            Bound b = bind(registry, s);
            // the estimates see the run's true M and T; the dry build a few rounds only
            BuildContext full = new BuildContext(s.m(), s.rounds(), s.seed(), RngKind.FAST, null, null, -1);
            List<Need> needs = new ArrayList<>();
            needs.add(Need.of(s.tasks().toSpecText(), 1, memory("generator", s.tasks(), b.gf(), b.gp(), full), null));
            needs.add(Need.engine(s, 1));
            checkHeap(needs);
            BuildContext ctx = new BuildContext(s.m(), Math.min(s.rounds(), 4), s.seed(), RngKind.FAST, null, null, -1);
            TaskGenerator g = dryBuild("generator", s.tasks(), b.gp(), () -> b.gf().create(copy(b.gp()), ctx));
            BuildContext withFull = full.withGenerator(g);
            needs.set(1, Need.engine(s, g.types()));
            needs.add(Need.of(s.experts().toSpecText() + " experts (M=" + s.m() + ")", s.m(),
                    memory("expert", s.experts(), b.ef(), b.ep(), withFull), s.m() > 1 ? "M" : null));
            needs.add(Need.of(s.router().toSpecText(), 1, memory("router", s.router(), b.rf(), b.rp(), withFull),
                    null));
            checkHeap(needs);
            BuildContext withG = ctx.withGenerator(g);
            dryBuild("expert", s.experts(), b.ep(), () -> b.ef().create(copy(b.ep()), withG.forExpert(0)));
            dryBuild("router", s.router(), b.rp(), () -> b.rf().create(copy(b.rp()), withG));
        }
    }

    /**
     * A part of a run's heap: one component (times its count: M for experts), or the engine's buffers.
     *
     * @param label what the message names, e.g. the component's spec text
     * @param bytes the whole part's bytes (count included)
     * @param lower what to lower
     */
    private record Need(String label, long bytes, List<String> lower) {

        /** A component's part; {@code null} when its plugin gives no estimate. */
        static Need of(String label, int count, moecl.plugin.Memory m, String alsoLower) {
            if (m == null) {
                return null;
            }
            List<String> lower = new ArrayList<>(m.lower());
            if (alsoLower != null && !lower.contains(alsoLower)) {
                lower.add(alsoLower);
            }
            return new Need(moecl.spec.Echo.of(label), Sizes.times(m.bytes(), count), lower);
        }

        /** The engine's own part: the round loop's buffers, the metrics' history and the rows on their way out. */
        static Need engine(RunSpec s, int types) {
            return new Need("M=" + s.m() + ", T=" + s.rounds(), engineMemory(s.m(), s.rounds(), types),
                    List.of("T", "M"));
        }
    }

    /** Metric columns the estimate counts: the four linear metrics (F, G, F_ref, G_ref). */
    static final int ESTIMATED_COLUMNS = 4;
    /** Rows a run's column files buffer at a time (the sweep store's block). */
    static final int SINK_BLOCK = 65_536;
    /**
     * Bytes the reference forgetting {@code F_ref} keeps per round: one value and its prefix sum (16 bytes) in
     * sorted blocks that are at most half empty after a split.
     */
    static final long METRIC_HISTORY_PER_ROUND = 32;

    /**
     * What the engine itself holds for a run of {@code m} experts, {@code rounds} rounds and {@code types} task
     * types (see {@link RunEngine}): the round loop's block of rows and its per-(type, expert) counts, the linear
     * metrics' M×N tables and their per-round history ({@value #METRIC_HISTORY_PER_ROUND} bytes a round), and the
     * rows the run's column files buffer ({@value #SINK_BLOCK} at a time).
     */
    static long engineMemory(int m, int rounds, int types) {
        int cols = ESTIMATED_COLUMNS;
        long block = Math.min(rounds, RunEngine.BLOCK);
        long row = Sizes.add(Sizes.ints(block), Sizes.ints(block), Sizes.doubles(block), Sizes.bytes(block),
                Sizes.times(cols, Sizes.doubles(block)), Sizes.doubles(cols));
        long counts = Sizes.add(Sizes.longs(m), Sizes.times(2, Sizes.add(Sizes.refs(types),
                Sizes.times(types, Sizes.longs(m)))));
        long pairs = Sizes.times(m, types);
        // sq, norm, count, countRef, afterDev; one AbsDeviationSum per pair (about 300 bytes empty)
        long metrics = Sizes.add(Sizes.times(5, Sizes.doubles(pairs)), Sizes.refs(pairs), Sizes.times(pairs, 300),
                Sizes.times(rounds, METRIC_HISTORY_PER_ROUND));
        long sinkRows = Math.min(rounds, SINK_BLOCK);
        long sink = Sizes.times(sinkRows, 4 + 4 + 8 + 1 + 8L * (cols + 2));
        return Sizes.add(row, counts, metrics, sink);
    }

    /** A component's estimate; a plugin whose estimate throws anything but a refusal is named. */
    private static moecl.plugin.Memory memory(String kind, Component spec, PluginFactory<?> f, Params p,
                                              BuildContext ctx) {
        try {
            return f.memory(copy(p), ctx);
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError | LinkageError e) {
            throw new IllegalArgumentException(kind + " " + spec.name() + ": its memory estimate failed: "
                    + RunFailedException.describe(e));
        }
    }

    /**
     * Refuses one component built outside a run (a world for the closed-form theory) whose estimate exceeds the
     * heap, with the message of {@link #validate}; a {@code null} estimate (unknown) passes.
     */
    public static void checkMemory(String label, moecl.plugin.Memory estimate) {
        List<Need> needs = new ArrayList<>();
        needs.add(Need.of(label, 1, estimate, null));
        checkHeap(needs);
    }

    /**
     * Refuses a run whose known needs exceed the heap, naming the largest part and what drives it:
     * {@code "gaussian(d=100000000, N=1000): needs 745.2 GB, the heap is 6 GB: lower d or N, or raise -Xmx
     * (MOECL_JAVA_OPTS=-Xmx...)"}.
     */
    private static void checkHeap(List<Need> needs) {
        long total = 0;
        Need largest = null;
        for (Need n : needs) {
            if (n == null) {
                continue;
            }
            total = Sizes.add(total, n.bytes());
            if (largest == null || n.bytes() > largest.bytes()) {
                largest = n;
            }
        }
        long heap = Runtime.getRuntime().maxMemory();
        if (largest != null && total > heap) {
            throw new IllegalArgumentException(largest.label() + ": needs " + Sizes.human(total) + ", the heap is "
                    + Sizes.human(heap) + ": lower " + Sizes.either(largest.lower())
                    + (largest.lower().size() > 1 ? ", or" : " or") + " raise -Xmx (MOECL_JAVA_OPTS=-Xmx...)");
        }
    }

    /**
     * Builds a component to check it, turning what its sizes do to the JVM into a message naming its integer
     * parameters: a heap too small for them (the fallback for plugins that give no {@link PluginFactory#memory
     * estimate}), or sizes whose product overflows.
     */
    private static <T> T dryBuild(String kind, Component spec, Params p, java.util.function.Supplier<T> build) {
        try {
            return build.get();
        } catch (OutOfMemoryError e) {
            throw new IllegalArgumentException(kind + " " + moecl.spec.Echo.of(spec.toSpecText())
                    + ": needs more than the heap holds (" + Sizes.human(Runtime.getRuntime().maxMemory())
                    + "): lower " + sizeParams(p) + ", or raise -Xmx (MOECL_JAVA_OPTS=-Xmx...)");
        } catch (NegativeArraySizeException | ArithmeticException e) {
            throw new IllegalArgumentException(kind + " " + moecl.spec.Echo.of(spec.toSpecText())
                    + ": its sizes are too large (their product overflows); lower " + sizeParams(p));
        }
    }

    /** The integer parameters of a component, with their values: {@code "d=1000000000, s=5 or N=3"}, or M and T. */
    static String sizeParams(Params p) {
        List<String> names = new ArrayList<>();
        p.asMap().forEach((k, v) -> {
            if (v instanceof Long || v instanceof Integer || v instanceof List<?> l && !l.isEmpty()
                    && l.get(0) instanceof Long) {
                names.add(k + "=" + moecl.spec.Echo.of(Params.valueText(v)));
            }
        });
        names.add("M");
        names.add("T");
        return Sizes.either(names);
    }

    /**
     * The run's components with every default filled in, as spec text: {tasks, experts, router}. Part of a run's
     * identity: two specs that resolve to the same text are the same run.
     */
    public static String[] resolved(Registry registry, RunSpec s) {
        Bound b = bind(registry, s);
        return new String[] {spec(s.tasks(), b.gp()), spec(s.experts(), b.ep()), spec(s.router(), b.rp())};
    }

    static Params copy(Params p) {
        return p.copy();
    }

    static Bound bind(Registry registry, RunSpec s) {
        GeneratorFactory gf = (GeneratorFactory) registry.resolve(PluginKind.GENERATOR, s.tasks().name());
        ExpertFactory ef = (ExpertFactory) registry.resolve(PluginKind.EXPERT, s.experts().name());
        RouterFactory rf = (RouterFactory) registry.resolve(PluginKind.ROUTER, s.router().name());
        return new Bound(s, gf, Binder.bind(registry.descriptor(gf), s.tasks()), ef,
                Binder.bind(registry.descriptor(ef), s.experts()), rf,
                Binder.bind(registry.descriptor(rf), s.router()));
    }

    /** A component's spec text with its bound parameters: {@code name} or {@code name(k=v, ...)}. */
    static String spec(Component c, Params p) {
        String args = p.toArgsText();
        return args.isEmpty() ? c.name() : c.name() + "(" + args + ")";
    }
}
