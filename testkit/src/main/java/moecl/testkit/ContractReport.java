package moecl.testkit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Assumptions;

/**
 * What {@link PluginContract#check()} found: the rules checked, the violations (at most one per rule), the rules
 * that could not be checked and why, and the edge values the plugin refused (with its messages).
 */
public final class ContractReport {

    private final String plugin;
    private final Set<Rule> rules;
    private final Map<Rule, ContractViolation> violations;
    private final Map<Rule, String> skipped;
    private final List<String> edges;
    private final List<String> refused;

    ContractReport(String plugin, Set<Rule> rules, Map<Rule, ContractViolation> violations, Map<Rule, String> skipped,
                   List<String> edges, List<String> refused) {
        this.plugin = plugin;
        this.rules = Collections.unmodifiableSet(new java.util.TreeSet<>(rules));
        Map<Rule, ContractViolation> v = new java.util.TreeMap<>(violations);
        this.violations = Collections.unmodifiableMap(v);
        this.skipped = Collections.unmodifiableMap(new LinkedHashMap<>(skipped));
        this.edges = List.copyOf(edges);
        this.refused = List.copyOf(refused);
    }

    /** The plugin as messages name it, e.g. {@code router 'mine'}. */
    public String plugin() {
        return plugin;
    }

    /** The rules that were to be checked (those that apply to the plugin's kind, or those chosen with only). */
    public Set<Rule> rules() {
        return rules;
    }

    /** The violations, in the order of {@link Rule}. */
    public List<ContractViolation> violations() {
        return List.copyOf(violations.values());
    }

    /** The violation of {@code rule}, if any. */
    public Optional<ContractViolation> violation(Rule rule) {
        return Optional.ofNullable(violations.get(rule));
    }

    /** Rules not checked, with the reason (e.g. the expert offers no snapshots, or an earlier violation). */
    public Map<Rule, String> skipped() {
        return skipped;
    }

    /** The edge values the plugin was built with ({@link Rule#EDGE_VALUES}), as spec text: {@code eta=1.0E-6}. */
    public List<String> edges() {
        return edges;
    }

    /** The edge values the plugin refused, each with its message: {@code "d=1: gaussian: ..."}. */
    public List<String> refused() {
        return refused;
    }

    /** The rules checked and kept. */
    public Set<Rule> passed() {
        return rules.stream().filter(r -> !violations.containsKey(r) && !skipped.containsKey(r))
                .collect(Collectors.toCollection(() -> java.util.EnumSet.noneOf(Rule.class)));
    }

    /** Whether no rule was violated. */
    public boolean ok() {
        return violations.isEmpty();
    }

    /**
     * Throws the violation when there is one: with several, the first in the order of {@link Rule}, its message
     * followed by the others' and the others attached as suppressed.
     */
    public void throwIfViolated() {
        if (violations.isEmpty()) {
            return;
        }
        List<ContractViolation> all = new ArrayList<>(violations.values());
        ContractViolation first = all.get(0);
        if (all.size() == 1) {
            throw first;
        }
        StringBuilder more = new StringBuilder(first.detail());
        for (ContractViolation v : all.subList(1, all.size())) {
            more.append("; and it violates ").append(v.rule().label()).append(": ").append(v.detail());
        }
        ContractViolation combined = new ContractViolation(first.rule(), first.plugin(), more.toString(),
                first.getCause());
        all.subList(1, all.size()).forEach(combined::addSuppressed);
        throw combined;
    }

    /**
     * For one test per rule ({@link PluginContractTest}): throws the rule's violation, aborts the test (JUnit's
     * assumption) when the rule could not be checked, returns when it was kept.
     */
    public void assertRule(Rule rule) {
        ContractViolation v = violations.get(rule);
        if (v != null) {
            throw v;
        }
        String why = skipped.get(rule);
        Assumptions.assumeTrue(why == null, () -> rule.label() + " not checked: " + why);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(plugin).append(": ");
        sb.append(violations.isEmpty() ? "keeps the contract" : violations.size() + " rule(s) violated");
        violations.values().forEach(v -> sb.append("\n  VIOLATED ").append(v.rule().label()).append(": ")
                .append(v.detail()));
        skipped.forEach((r, why) -> sb.append("\n  not checked ").append(r.label()).append(": ").append(why));
        passed().forEach(r -> sb.append("\n  kept ").append(r.label()));
        sb.append("\n  edge values: ").append(edges.isEmpty() ? "none" : String.join(", ", edges));
        refused.forEach(r -> sb.append("\n  refused ").append(r));
        return sb.toString();
    }
}
