package moecl.testkit;

import java.io.Serial;
import java.util.Objects;

/**
 * A plugin broke a rule of the contract. An {@link AssertionError}, so that a test that calls
 * {@link PluginContract#verify} fails (rather than errs) with the message, which names the plugin, the rule and
 * what happened, e.g. {@code router 'mine' violates "decisions in range" [DECISIONS_IN_RANGE]: at round 4 (defaults,
 * M=3, seed 42) it chose expert 3, but there are 3 experts (0..2)}.
 */
public final class ContractViolation extends AssertionError {

    @Serial
    private static final long serialVersionUID = 1L;

    private final Rule rule;
    private final String plugin;
    private final String detail;

    /**
     * @param rule   the rule broken
     * @param plugin the plugin, as messages name it ({@code router 'mine'}), or {@code null} while not yet known
     * @param detail what happened, in one line
     */
    public ContractViolation(Rule rule, String plugin, String detail) {
        this(rule, plugin, detail, null);
    }

    ContractViolation(Rule rule, String plugin, String detail, Throwable cause) {
        super(message(rule, plugin, detail), cause);
        this.rule = Objects.requireNonNull(rule, "rule");
        this.plugin = plugin;
        this.detail = detail;
    }

    private static String message(Rule rule, String plugin, String detail) {
        return (plugin == null ? "the plugin" : plugin) + " violates " + rule.label() + ": " + detail;
    }

    /** The rule broken. */
    public Rule rule() {
        return rule;
    }

    /** The plugin as messages name it, e.g. {@code router 'mine'}. */
    public String plugin() {
        return plugin;
    }

    /** What happened, without the plugin and the rule. */
    public String detail() {
        return detail;
    }

    /** The same violation, naming the plugin (when it did not) and saying in which run it happened. */
    ContractViolation in(String pluginLabel, String where) {
        String d = where == null || where.isEmpty() ? detail : detail + " (" + where + ")";
        ContractViolation v = new ContractViolation(rule, plugin != null ? plugin : pluginLabel, d, getCause());
        v.setStackTrace(getStackTrace());
        return v;
    }
}
