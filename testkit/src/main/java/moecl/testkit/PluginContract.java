package moecl.testkit;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import moecl.plugin.Binder;
import moecl.plugin.ExpertFactory;
import moecl.plugin.GeneratorFactory;
import moecl.plugin.Param;
import moecl.plugin.ParamType;
import moecl.plugin.Params;
import moecl.plugin.PluginDescriptor;
import moecl.plugin.PluginFactory;
import moecl.plugin.PluginKind;
import moecl.plugin.RouterFactory;
import moecl.spec.SpecParser;
import moecl.task.TaskGenerator;
import moecl.testkit.bundled.CyclicRouterFactory;
import moecl.testkit.bundled.KaczmarzExpertFactory;
import moecl.testkit.bundled.LinearTasksFactory;

/**
 * The contract every moecl plugin keeps, checked in one call:
 *
 * <pre>{@code
 * PluginContract.verify(new MyRouterFactory());                       // a router, an expert or a generator
 * PluginContract.of(new MyExpertFactory()).runWith("steps=5").size(3, 20).verify();
 * PluginContract.of(new MyRouterFactory()).tasks(new MyTasksFactory(), "d=20").verify();
 * }</pre>
 *
 * The plugin is checked against each {@link Rule} that applies to its kind, in test runs the engine's way: a world
 * built once from the seed and restarted by each run, the plugins given the engine's view of the generator, the
 * rounds run by {@link moecl.engine.RunEngine}. A router or an expert runs with partners bundled in the kit unless
 * others are named: the {@link LinearTasksFactory kit-linear} tasks (Gaussian linear regression with ground truths),
 * {@link KaczmarzExpertFactory kit-kaczmarz} linear experts and the {@link CyclicRouterFactory kit-cyclic} router.
 * A plugin that needs other partners (an expert of image tasks, a generator of tasks linear experts cannot learn)
 * names them with {@link #tasks}, {@link #experts} or {@link #router}.
 *
 * <p>Violations are {@link ContractViolation}s (assertion errors) whose message names the plugin, the rule and what
 * happened. {@link #check()} gathers all of them in a {@link ContractReport}; {@link #verify()} throws the first.
 * {@link PluginContractTest} makes one JUnit test of each rule.
 */
public final class PluginContract {

    /** The seed of the test runs unless {@link #seed} says otherwise. */
    public static final long DEFAULT_SEED = 42;
    /** M of the test runs unless {@link #size} says otherwise. */
    public static final int DEFAULT_EXPERTS = 3;
    /** T of the test runs unless {@link #size} says otherwise. */
    public static final int DEFAULT_ROUNDS = 40;
    /**
     * The second bundled world, on which a router or an expert that runs on the bundled tasks is run once more for
     * {@link Rule#FINITE_OUTPUTS}: more types, larger truths and features, label noise.
     */
    public static final String SECOND_WORLD = "d=24, s=8, N=6, norm=4, scale=2, sigma=0.5";

    private final PluginFactory<?> factory;
    private final PluginKind kind;
    private String with = "";
    private String runWith = "";
    private final Map<PluginKind, PluginFactory<?>> partners = new LinkedHashMap<>();
    private final Map<PluginKind, String> partnerArgs = new LinkedHashMap<>();
    private int experts = DEFAULT_EXPERTS;
    private int rounds = DEFAULT_ROUNDS;
    private long seed = DEFAULT_SEED;
    private Set<Rule> only;
    private ContractReport report;

    private PluginContract(PluginFactory<?> factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
        this.kind = Descriptors.kindOf(factory);
        partners.put(PluginKind.GENERATOR, new LinearTasksFactory());
        partners.put(PluginKind.EXPERT, new KaczmarzExpertFactory());
        partners.put(PluginKind.ROUTER, new CyclicRouterFactory());
        for (PluginKind k : PluginKind.values()) {
            partnerArgs.put(k, "");
        }
    }

    /** Checks the plugin against every rule of its kind with the bundled partners; throws the first violation. */
    public static void verify(PluginFactory<?> factory) {
        of(factory).verify();
    }

    /** The contract of a plugin, to configure before {@link #verify()} or {@link #check()}. */
    public static PluginContract of(PluginFactory<?> factory) {
        return new PluginContract(factory);
    }

    /**
     * Arguments the plugin is always built with, in spec syntax ({@code data="/tmp/mnist", train=10}): what it
     * cannot do without. "Its defaults" are then its declared defaults with these.
     */
    public PluginContract with(String args) {
        this.with = Objects.requireNonNull(args, "args");
        return changed();
    }

    /**
     * Arguments for the test runs only ({@code steps=5}), on top of {@link #with}: sizes that make the contract's
     * few dozen runs affordable. The plugin is still built once with its defaults.
     */
    public PluginContract runWith(String args) {
        this.runWith = Objects.requireNonNull(args, "args");
        return changed();
    }

    /** The task generator of the test runs (for a router or an expert), with its arguments in spec syntax. */
    public PluginContract tasks(GeneratorFactory generator, String args) {
        return partner(PluginKind.GENERATOR, generator, args);
    }

    /** The task generator of the test runs with its defaults. */
    public PluginContract tasks(GeneratorFactory generator) {
        return tasks(generator, "");
    }

    /** The experts of the test runs (for a router or a generator), with their arguments in spec syntax. */
    public PluginContract experts(ExpertFactory expert, String args) {
        return partner(PluginKind.EXPERT, expert, args);
    }

    /** The experts of the test runs with their defaults. */
    public PluginContract experts(ExpertFactory expert) {
        return experts(expert, "");
    }

    /** The router of the test runs (for an expert or a generator), with its arguments in spec syntax. */
    public PluginContract router(RouterFactory router, String args) {
        return partner(PluginKind.ROUTER, router, args);
    }

    /** The router of the test runs with its defaults. */
    public PluginContract router(RouterFactory router) {
        return router(router, "");
    }

    private PluginContract partner(PluginKind k, PluginFactory<?> f, String args) {
        if (k == kind) {
            throw new IllegalArgumentException("the plugin under test is the " + k.label() + " of the test runs");
        }
        partners.put(k, Objects.requireNonNull(f, k.label()));
        partnerArgs.put(k, Objects.requireNonNull(args, "args"));
        return changed();
    }

    /** M and T of the test runs (3 and 40 unless given); T at least 2. */
    public PluginContract size(int experts, int rounds) {
        if (experts < 1 || rounds < 2) {
            throw new IllegalArgumentException("the test runs need M >= 1 and T >= 2, got M=" + experts + ", T="
                    + rounds);
        }
        this.experts = experts;
        this.rounds = rounds;
        return changed();
    }

    /** The master seed of the test runs (42 unless given). */
    public PluginContract seed(long seed) {
        this.seed = seed;
        return changed();
    }

    /** Checks only these rules (of those that apply to the plugin's kind). */
    public PluginContract only(Rule... rules) {
        this.only = rules.length == 0 ? EnumSet.noneOf(Rule.class) : EnumSet.copyOf(List.of(rules));
        return changed();
    }

    private PluginContract changed() {
        report = null;
        return this;
    }

    /** The rules that will be checked: those of the plugin's kind (all of them for a factory of no kind). */
    public Set<Rule> rules() {
        Set<Rule> out = kind == null ? EnumSet.allOf(Rule.class) : Rule.forKind(kind);
        if (only != null) {
            out.retainAll(only);
        }
        return out;
    }

    /** Checks and throws the first violation (see {@link ContractReport#throwIfViolated()}). */
    public void verify() {
        check().throwIfViolated();
    }

    /**
     * Checks every rule and reports what it found; computed once per configuration.
     *
     * @throws IllegalArgumentException when the configuration itself is wrong (arguments that do not bind)
     */
    public synchronized ContractReport check() {
        if (report == null) {
            report = new Checker().check();
        }
        return report;
    }

    /** One check of the contract: the state it gathers while it goes. */
    private final class Checker {
        private final Set<Rule> scope = rules();
        private final Map<Rule, ContractViolation> violations = new LinkedHashMap<>();
        private final Map<Rule, String> skipped = new LinkedHashMap<>();
        private final List<String> refused = new ArrayList<>();
        private final List<String> edges = new ArrayList<>();
        /** Rules checked to the end (whether kept or not), which a later failure does not make "not checked". */
        private final Set<Rule> done = EnumSet.noneOf(Rule.class);
        private String label = kind == null ? "plugin " + factory.getClass().getName()
                : Setup.Part.label(kind, factory.getClass().getName());

        ContractReport check() {
            PluginDescriptor d = descriptor();
            if (d == null) {
                return report();
            }
            label = Setup.Part.label(kind, d.name());
            Setup.Part plugin = new Setup.Part(kind, factory, d, bind(d, with, "with"));
            Params runParams = bind(d, join(with, runWith), "with/runWith");
            Map<PluginKind, Setup.Part> parts = new LinkedHashMap<>();
            for (PluginKind k : PluginKind.values()) {
                if (k == kind) {
                    parts.put(k, plugin.with(runParams));
                } else {
                    PluginFactory<?> f = partners.get(k);
                    PluginDescriptor pd = f.descriptor();
                    parts.put(k, new Setup.Part(k, f, pd, bind(pd, partnerArgs.get(k), k.label())));
                }
            }
            Setup base = new Setup(parts.get(PluginKind.GENERATOR), parts.get(PluginKind.EXPERT),
                    parts.get(PluginKind.ROUTER), experts, rounds, kind);
            Trace baseline = defaults(base.withPlugin(plugin.params()), base);
            if (baseline == null) {
                return report();
            }
            if (scope.contains(Rule.DECISIONS_IN_RANGE)) {
                attempt(Rule.DECISIONS_IN_RANGE, "with one expert", base.withExperts(1), true, () -> {
                    Setup one = base.withExperts(1);
                    Harness.run(one, Harness.world(one, seed), seed);
                });
            }
            if (scope.contains(Rule.FINITE_OUTPUTS) && kind != PluginKind.GENERATOR
                    && base.tasks().factory() instanceof LinearTasksFactory) {
                Setup second = base.with(PluginKind.GENERATOR, base.tasks().with(bind(base.tasks().descriptor(),
                        SECOND_WORLD, "the second world")));
                attempt(Rule.FINITE_OUTPUTS, "on the second bundled world", second, true,
                        () -> Harness.run(second, Harness.world(second, seed), seed));
            }
            if (scope.contains(Rule.SNAPSHOT_RESTORE)) {
                attempt(Rule.SNAPSHOT_RESTORE, "expert 0 of a run", base, false, () -> {
                    if (!Harness.snapshotRoundTrip(base, Harness.world(base, seed), seed)) {
                        skipped.putIfAbsent(Rule.SNAPSHOT_RESTORE, "the expert offers no snapshots");
                    }
                });
            }
            if (scope.contains(Rule.DETERMINISM)) {
                attempt(Rule.DETERMINISM, "a second run with the same seed", base, false, () -> {
                    Trace again = Harness.run(base, Harness.world(base, seed), seed);
                    String diff = baseline.difference(again, "first run", "second run");
                    if (diff != null) {
                        throw new ContractViolation(Rule.DETERMINISM, null, "two runs with seed " + seed
                                + ", each built anew, differ: " + diff);
                    }
                    TaskGenerator w = Harness.world(base, seed);
                    Trace a = Harness.run(base, w, seed + 1);
                    Trace b = Harness.run(base, w, seed + 1);
                    diff = a.difference(b, "first run", "second run");
                    if (diff != null) {
                        throw new ContractViolation(Rule.DETERMINISM, null, "two runs on one world, restarted with "
                                + "the same stream, differ: " + diff);
                    }
                });
            }
            if (scope.contains(Rule.THREAD_INVARIANCE)) {
                attempt(Rule.THREAD_INVARIANCE, "two runs on one world", base, false, () -> threads(base, d));
            }
            if (scope.contains(Rule.EDGE_VALUES)) {
                edges(base, d, runParams);
            }
            return report();
        }

        private ContractReport report() {
            return new ContractReport(label, scope, violations, skipped, edges, refused);
        }

        /** The descriptor rule; {@code null} when the descriptor is too broken to build anything from. */
        private PluginDescriptor descriptor() {
            done.add(Rule.DESCRIPTOR);
            try {
                return Descriptors.check(factory);
            } catch (ContractViolation v) {
                record(v, null);
                label = v.plugin();
            }
            PluginDescriptor d;
            try {
                d = factory.descriptor();
                if (d != null && d.kind() == kind && kind != null) {
                    Binder.bind(d, SpecParser.parseComponent(d.name()));
                    return d;
                }
            } catch (RuntimeException | LinkageError e) {
                // too broken: nothing else can be checked
            }
            skipAll("the descriptor is unusable (" + Rule.DESCRIPTOR.label() + ")");
            return null;
        }

        /**
         * The defaults rule: builds everything with the plugin's defaults, then the baseline run (with the run
         * arguments). Returns the baseline's trace, or {@code null} when the rule was broken (nothing else is checked
         * then).
         */
        private Trace defaults(Setup atDefaults, Setup base) {
            String stage = "with its defaults";
            Setup s = atDefaults;
            try {
                if (!runWith.isBlank()) {
                    Harness.build(atDefaults, Harness.world(atDefaults, seed), seed);
                    stage = "with its run arguments " + runWith;
                    s = base;
                }
                return Harness.run(base, Harness.world(base, seed), seed);
            } catch (ContractViolation v) {
                record(v, stage + "; " + where(s));
            } catch (Harness.Failure f) {
                String hint = f.refused && f.component.equals(base.plugin().label())
                        ? "; if it needs other tasks or partners, name them with tasks(...), experts(...) or "
                        + "router(...), and arguments it cannot do without with with(...)" : "";
                record(new ContractViolation(Rule.DEFAULTS, null, f.getMessage() + hint, f.getCause()),
                        stage + "; " + where(s));
            } catch (RuntimeException | LinkageError e) {
                record(new ContractViolation(Rule.DEFAULTS, null, "threw " + describe(e), e), stage + "; " + where(s));
            }
            skipAll("the run " + stage + " failed");
            return null;
        }

        /**
         * Runs a check of {@code rule}; a violation is recorded under its own rule, a failure under {@code rule}. With
         * {@code refusable}, the check's run is one the plugin may refuse to be built for (M=1 for a router of k
         * experts, another world): a refusal is then listed, not a violation.
         */
        private void attempt(Rule rule, String what, Setup s, boolean refusable, Runnable check) {
            if (violations.containsKey(rule) || skipped.containsKey(rule)) {
                return;
            }
            try {
                check.run();
            } catch (ContractViolation v) {
                record(v, what + "; " + where(s));
                if (v.rule() != rule) {
                    skipped.putIfAbsent(rule, "the runs it needs broke " + v.rule().label());
                }
            } catch (Harness.Failure f) {
                if (refusable && f.refused) {
                    refused.add(what + ": " + f.getMessage());
                    return;
                }
                record(new ContractViolation(rule, null, what + " failed: " + f.getMessage(), f.getCause()), where(s));
            } catch (RuntimeException | LinkageError e) {
                record(new ContractViolation(rule, null, what + " threw " + describe(e), e), where(s));
            }
        }

        private void threads(Setup base, PluginDescriptor d) {
            TaskGenerator w1 = Harness.world(base, seed);
            Trace a1 = Harness.run(base, w1, seed + 1);
            Trace b1 = Harness.run(base, w1, seed + 2);
            TaskGenerator w2 = Harness.world(base, seed);
            List<Trace> both = Harness.concurrently(() -> Harness.run(base, w2, seed + 1),
                    () -> Harness.run(base, w2, seed + 2));
            for (int i = 0; i < 2; i++) {
                String diff = (i == 0 ? a1 : b1).difference(both.get(i), "run alone", "run beside another");
                if (diff != null) {
                    throw new ContractViolation(Rule.THREAD_INVARIANCE, null, "run " + (i == 0 ? "A" : "B")
                            + " of two on one world (run seeds " + (seed + 1) + ", " + (seed + 2) + ") differs when "
                            + "the two go at the same time on two threads from when they go one after the other: "
                            + diff);
                }
            }
            Param threads = d.param("threads").filter(p -> p.type() == ParamType.INT && p.inRange(1) && p.inRange(2))
                    .orElse(null);
            if (threads != null) {
                Setup one = base.withPlugin(Harness.replace(base.plugin().params(), "threads", 1L));
                Setup two = base.withPlugin(Harness.replace(base.plugin().params(), "threads", 2L));
                Trace t1 = Harness.run(one, Harness.world(one, seed), seed);
                Trace t2 = Harness.run(two, Harness.world(two, seed), seed);
                String diff = t1.difference(t2, "run with threads=1", "run with threads=2");
                if (diff != null) {
                    throw new ContractViolation(Rule.THREAD_INVARIANCE, null, "its own parameter threads changes "
                            + "the results: " + diff);
                }
            }
        }

        private void edges(Setup base, PluginDescriptor d, Params runParams) {
            for (EdgeValues.Edge e : EdgeValues.of(d.params(), runParams)) {
                if (violations.containsKey(Rule.EDGE_VALUES)) {
                    return;
                }
                Setup s = base.withPlugin(e.params());
                String at = "at " + e.label();
                edges.add(e.label());
                try {
                    Harness.run(s, Harness.world(s, seed), seed);
                } catch (ContractViolation v) {
                    record(v, at + "; " + where(s));
                } catch (Harness.Failure f) {
                    if (!f.refused) {
                        record(new ContractViolation(Rule.EDGE_VALUES, null, at + " " + f.getMessage(), f.getCause()),
                                where(s));
                    } else if (f.getCause() instanceof IllegalArgumentException iae && !oneLine(iae.getMessage())) {
                        record(new ContractViolation(Rule.EDGE_VALUES, f.component, at + " it refused to be built "
                                + "with an IllegalArgumentException whose message is not one line of text: "
                                + iae.getMessage(), iae), where(s));
                    } else {
                        refused.add(e.label() + ": " + f.getMessage());
                    }
                } catch (RuntimeException | LinkageError x) {
                    record(new ContractViolation(Rule.EDGE_VALUES, null, at + " it threw " + describe(x), x), where(s));
                }
            }
        }

        private static boolean oneLine(String m) {
            return m != null && !m.isBlank() && m.indexOf('\n') < 0 && m.indexOf('\r') < 0;
        }

        private String where(Setup s) {
            return s.describe() + ", seed " + seed;
        }

        private void record(ContractViolation v, String where) {
            violations.putIfAbsent(v.rule(), v.in(label, where));
        }

        private void skipAll(String why) {
            for (Rule r : scope) {
                if (!violations.containsKey(r) && !done.contains(r)) {
                    skipped.putIfAbsent(r, why);
                }
            }
        }

        /**
         * Binds arguments in spec syntax to a descriptor; a wrong configuration is the test's error, not the
         * plugin's.
         */
        private Params bind(PluginDescriptor d, String args, String what) {
            String text = args.isBlank() ? d.name() : d.name() + "(" + args + ")";
            try {
                return Binder.bind(d, SpecParser.parseComponent(text));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("PluginContract: the arguments of " + what + " (" + text
                        + ") do not bind: " + e.getMessage(), e);
            }
        }
    }

    /** The exception in one line, with where it was thrown for those whose message alone says little. */
    static String describe(Throwable t) {
        String m = moecl.engine.RunFailedException.describe(t);
        if (t instanceof IllegalArgumentException || t instanceof IllegalStateException) {
            return m;
        }
        for (StackTraceElement e : t.getStackTrace()) {
            if (!e.getClassName().startsWith("java.") && !e.getClassName().startsWith("jdk.")) {
                return m + " at " + e;
            }
        }
        return m;
    }

    private static String join(String a, String b) {
        if (a.isBlank()) {
            return b;
        }
        return b.isBlank() ? a : a + ", " + b;
    }
}
