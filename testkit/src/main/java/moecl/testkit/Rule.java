package moecl.testkit;

import java.util.EnumSet;
import java.util.Set;

import moecl.plugin.PluginKind;

/**
 * The rules of the plugin contract that {@link PluginContract} checks. Every {@link ContractViolation} names one,
 * by its {@link #title() title} and its constant name, e.g. {@code "decisions in range" [DECISIONS_IN_RANGE]}.
 */
public enum Rule {

    /**
     * The descriptor makes sense before anyone binds it: {@code descriptor()} returns the same description every
     * time; its kind is the factory's; name and aliases are spec words; a one-line summary; every parameter (and
     * every variant's) named once in its list, with a one-line doc, a default of its declared type inside its own
     * range (or a note saying how a computed default is found), a range with {@code min <= max}; every choice with
     * distinct, documented variants and a default among them; and the plugin binds with no arguments.
     */
    DESCRIPTOR("descriptor sanity"),

    /**
     * With every parameter at its default, the memory estimate (if any) and {@code create} succeed, and a run of M
     * experts over T rounds completes.
     */
    DEFAULTS("builds and runs with its defaults"),

    /**
     * Each numeric parameter at each finite end of its range (just inside an open end), each boolean flipped and
     * each variant of a choice (and its own parameters' ends): the plugin either refuses the value at build time with
     * an {@link IllegalArgumentException} of one line (a combination the declarations cannot express), or builds and
     * completes a run.
     */
    EDGE_VALUES("builds and runs at the edge values of its parameters"),

    /**
     * Two runs with the same seed, each building everything anew, give the same bits: every decision, report,
     * metric value, task, final weight and the router's diagnostics. A world built once and restarted with the same
     * stream replays the same tasks.
     */
    DETERMINISM("same seed, same bits"),

    /**
     * Two runs that share one world give the same bits whether they run one after the other or at the same time on
     * two threads (what {@code --threads} does); a plugin that declares an integer parameter {@code threads} gives
     * the same bits with 1 and 2.
     */
    THREAD_INVARIANCE("thread-count invariance"),

    /** Routers and experts leave the tasks they are given as they were: every array a task holds. */
    NO_TASK_MUTATION("no mutation of the tasks"),

    /**
     * The world a run is built on (ground truths, signals, the arrival sequence) is the same after the run as before,
     * whoever could reach it: the plugins given it, or a generator that changes its own world while it runs.
     */
    NO_WORLD_MUTATION("no mutation of the world"),

    /**
     * A router's decisions are in range: the chosen expert in {@code 0..M-1}; further experts distinct, in range and
     * not the chosen one; gate outputs, noisy outputs and probabilities (when given) of length M, probabilities in
     * [0, 1] adding up to 1; gate weights (when given) M rows of the task dimension; its {@code diagnostics()} JSON
     * values only (null, booleans, numbers, strings, lists, arrays and maps of them). Checked with M experts and
     * with one.
     */
    DECISIONS_IN_RANGE("decisions in range"),

    /**
     * A generator's tasks are in range: rounds numbered 1, 2, 3, ..., types in {@code 0..N-1}, a gate input of
     * {@code dimension()} values.
     */
    TASKS_IN_RANGE("tasks in range"),

    /**
     * An expert that offers snapshots: after {@code restore(snapshot())}, learning the same tasks again gives the same
     * reports and weights as the first time, and a linear expert's weights are those at the snapshot.
     */
    SNAPSHOT_RESTORE("snapshot/restore round trip"),

    /**
     * No NaN or infinite output anywhere in a run: tasks and ground truths, decisions, learn reports, metric values,
     * expert and gate weights; on the bundled generators' worlds (both of them when the plugin runs on them).
     */
    FINITE_OUTPUTS("no NaN outputs");

    private final String title;

    Rule(String title) {
        this.title = title;
    }

    /** The rule in a few words, as violations name it. */
    public String title() {
        return title;
    }

    /** {@code "decisions in range" [DECISIONS_IN_RANGE]}: how messages name the rule. */
    public String label() {
        return "\"" + title + "\" [" + name() + "]";
    }

    /** Whether the rule applies to plugins of this kind. */
    public boolean appliesTo(PluginKind kind) {
        return switch (this) {
            case DECISIONS_IN_RANGE -> kind == PluginKind.ROUTER;
            case TASKS_IN_RANGE -> kind == PluginKind.GENERATOR;
            case SNAPSHOT_RESTORE -> kind == PluginKind.EXPERT;
            case NO_TASK_MUTATION -> kind != PluginKind.GENERATOR;
            default -> true;
        };
    }

    /** The rules that apply to plugins of this kind, in checking order. */
    public static Set<Rule> forKind(PluginKind kind) {
        Set<Rule> out = EnumSet.noneOf(Rule.class);
        for (Rule r : values()) {
            if (r.appliesTo(kind)) {
                out.add(r);
            }
        }
        return out;
    }
}
