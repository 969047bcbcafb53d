package moecl.shell.repl;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import moecl.plugin.Param;
import moecl.plugin.PluginDescriptor;
import moecl.plugin.PluginFactory;
import moecl.plugin.PluginKind;
import moecl.plugin.Registry;
import moecl.plugin.Variant;

/**
 * What the cursor is on inside a {@code key=value} word being typed, for completion and hints: a key, a component
 * name (after {@code router=}), a parameter name (inside {@code paper(}), or a parameter's value (after
 * {@code stop=}). Read left to right with a stack of the components opened so far, so
 * {@code router=paper(eta=0.3, stop=threshold(ga} knows that {@code ga} names a parameter of the {@code threshold}
 * stop rule. Tolerant: text that is not (yet) valid gives {@link Kind#NONE} rather than an error.
 *
 * @param kind       what the cursor is on
 * @param token      the partial name under the cursor (may be empty)
 * @param kept       the text of the word before the token; a completion replaces the word by kept + candidate
 * @param key        the run key ({@code router}, {@code tasks}, ...) or {@code null} for {@link Kind#KEY}
 * @param pluginKind the kind of component expected for {@link Kind#COMPONENT}, else {@code null}
 * @param params     the parameters that may follow, for {@link Kind#PARAM_NAME}
 * @param given      parameter names already given in the innermost component
 * @param param      the parameter whose value is being typed, for {@link Kind#PARAM_VALUE}
 * @param owner      the component or variant the parameters belong to (for hints), or {@code null}
 */
record SpecCursor(Kind kind, String token, String kept, String key, PluginKind pluginKind, List<Param> params,
                  Set<String> given, Param param, String owner) {

    enum Kind { KEY, COMPONENT, PARAM_NAME, PARAM_VALUE, VALUE, NONE }

    /** One open component: its parameters (null when unknown) and the names given so far. */
    private static final class Frame {
        final List<Param> params;
        final String owner;
        final boolean list;
        final Set<String> given = new HashSet<>();

        Frame(List<Param> params, String owner, boolean list) {
            this.params = params;
            this.owner = owner;
            this.list = list;
        }
    }

    /** The plugin kind a run key names, or null for keys whose values are not components. */
    static PluginKind kindOfKey(String key) {
        return switch (key.toLowerCase(Locale.ROOT)) {
            case "router" -> PluginKind.ROUTER;
            case "experts", "expert" -> PluginKind.EXPERT;
            case "tasks" -> PluginKind.GENERATOR;
            default -> null;
        };
    }

    /** Analyses {@code text}, one word up to the cursor, such as {@code router=paper(et}. */
    static SpecCursor at(Registry registry, String text) {
        int eq = text.indexOf('=');
        if (eq < 0) {
            return new SpecCursor(Kind.KEY, text, "", null, null, List.of(), Set.of(), null, null);
        }
        String key = text.substring(0, eq);
        PluginKind topKind = kindOfKey(key);
        Deque<Frame> stack = new ArrayDeque<>();
        boolean expectValue = true;
        boolean expectName = false;
        String pendingParam = null;
        int tokenStart = eq + 1;
        char quote = 0;
        for (int i = eq + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
                tokenStart = i + 1;
                continue;
            }
            if (isNamePart(c)) {
                continue;
            }
            String token = text.substring(tokenStart, i);
            switch (c) {
                case '"', '\'' -> quote = c;
                case '(' -> {
                    List<Param> params = expectValue ? paramsOf(registry, topKind, stack, pendingParam, token) : null;
                    stack.push(new Frame(params, token, false));
                    expectName = true;
                    expectValue = false;
                }
                case '=' -> {
                    pendingParam = token;
                    if (!stack.isEmpty()) {
                        stack.peek().given.add(token);
                    }
                    expectValue = true;
                    expectName = false;
                }
                case ',' -> {
                    boolean inList = !stack.isEmpty() && stack.peek().list;
                    expectName = !inList && !stack.isEmpty();
                    expectValue = inList;
                }
                case '[' -> {
                    stack.push(new Frame(null, null, true));
                    expectValue = true;
                    expectName = false;
                }
                case ')', ']' -> {
                    if (!stack.isEmpty()) {
                        stack.pop();
                    }
                    expectValue = false;
                    expectName = false;
                }
                default -> {
                    // white space and other punctuation end a token but change nothing else
                }
            }
            tokenStart = i + 1;
        }
        String token = quote != 0 ? "" : text.substring(tokenStart);
        String kept = text.substring(0, text.length() - token.length());
        Frame comp = innermostComponent(stack);
        if (quote != 0) {
            return new SpecCursor(Kind.NONE, "", text, key, null, List.of(), Set.of(), null, null);
        }
        if (expectName && comp != null) {
            return new SpecCursor(Kind.PARAM_NAME, token, kept, key, null,
                    comp.params == null ? List.of() : comp.params, Set.copyOf(comp.given), null, comp.owner);
        }
        if (expectValue && comp == null) {
            return topKind != null
                    ? new SpecCursor(Kind.COMPONENT, token, kept, key, topKind, List.of(), Set.of(), null, null)
                    : new SpecCursor(Kind.VALUE, token, kept, key, null, List.of(), Set.of(), null, null);
        }
        if (expectValue && comp.params != null && pendingParam != null) {
            String name = pendingParam;
            Optional<Param> p = comp.params.stream().filter(x -> x.name().equals(name)).findFirst();
            if (p.isPresent()) {
                return new SpecCursor(Kind.PARAM_VALUE, token, kept, key, null, List.of(), Set.of(), p.get(),
                        comp.owner);
            }
        }
        return new SpecCursor(Kind.NONE, token, kept, key, null, List.of(), Set.of(), null, null);
    }

    private static Frame innermostComponent(Deque<Frame> stack) {
        for (Frame f : stack) {
            if (!f.list) {
                return f;
            }
        }
        return null;
    }

    /** The parameters of the component named {@code name} opened here, or null when unknown. */
    private static List<Param> paramsOf(Registry registry, PluginKind topKind, Deque<Frame> stack, String pendingParam,
                                        String name) {
        Frame comp = innermostComponent(stack);
        if (comp == null) {
            if (topKind == null) {
                return null;
            }
            return registry.find(topKind, name).map(f -> f.descriptor().params()).orElse(null);
        }
        if (comp.params == null || pendingParam == null) {
            return null;
        }
        return comp.params.stream().filter(p -> p.name().equals(pendingParam)).findFirst()
                .flatMap(p -> p.variant(name)).map(Variant::params).orElse(null);
    }

    static boolean isNamePart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-';
    }

    /** The parameter the token names exactly, or uniquely by prefix. */
    Optional<Param> namedParam() {
        Optional<Param> exact = params.stream().filter(p -> p.name().equals(token)).findFirst();
        if (exact.isPresent() || token.isEmpty()) {
            return exact;
        }
        List<Param> prefixed = params.stream().filter(p -> p.name().startsWith(token)).toList();
        return prefixed.size() == 1 ? Optional.of(prefixed.get(0)) : Optional.empty();
    }

    /** The plugin the token names exactly, for {@link Kind#COMPONENT}. */
    Optional<PluginDescriptor> namedPlugin(Registry registry) {
        return pluginKind == null ? Optional.empty()
                : registry.find(pluginKind, token).map(PluginFactory::descriptor);
    }

    /** {@code eta (number, default 0.5, range > 0): gate learning rate η}. */
    static String paramHint(Param p) {
        StringBuilder sb = new StringBuilder(p.name()).append(" (").append(p.type().label())
                .append(", default ").append(p.defaultText());
        if (p.hasRange()) {
            sb.append(", range ").append(p.rangeText());
        }
        if (!p.variants().isEmpty()) {
            sb.append(", one of ").append(p.variantNames());
        }
        sb.append(")");
        if (!p.doc().isEmpty()) {
            sb.append(": ").append(p.doc());
        }
        return sb.toString();
    }
}
