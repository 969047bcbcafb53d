package moecl.shell.repl;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import org.jline.reader.Widget;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.jline.utils.Status;

import moecl.plugin.Param;
import moecl.plugin.PluginDescriptor;
import moecl.plugin.Registry;
import moecl.spec.Words;
import moecl.workbench.RunRequest;

/**
 * The hint line under the prompt: what the cursor is on, in one line, from the same declarations as help and
 * completion: a command's usage, a plugin's summary, a parameter's type, default, range and doc. Shown in JLine's
 * status area on capable terminals and refreshed after each edit.
 */
final class Hints {

    private final LineReader reader;
    private final Repl repl;
    private final Status status;
    private String shown = "";

    private Hints(LineReader reader, Repl repl, Status status) {
        this.reader = reader;
        this.repl = repl;
        this.status = status;
    }

    /** Wraps the editing widgets so that the hint follows the cursor; null when the terminal has no status area. */
    static Hints install(LineReader reader, Repl repl) {
        Status status = Status.getStatus(reader.getTerminal());
        if (status == null) {
            return null;
        }
        Hints h = new Hints(reader, repl, status);
        Map<String, Widget> widgets = reader.getWidgets();
        for (String name : List.of(LineReader.SELF_INSERT, LineReader.BACKWARD_DELETE_CHAR, LineReader.DELETE_CHAR,
                LineReader.BACKWARD_CHAR, LineReader.FORWARD_CHAR, LineReader.BEGINNING_OF_LINE,
                LineReader.END_OF_LINE, LineReader.COMPLETE_WORD, LineReader.EXPAND_OR_COMPLETE,
                LineReader.MENU_COMPLETE, LineReader.BACKWARD_KILL_WORD, LineReader.KILL_LINE,
                LineReader.KILL_WHOLE_LINE, LineReader.UP_LINE_OR_HISTORY, LineReader.DOWN_LINE_OR_HISTORY)) {
            Widget original = widgets.get(name);
            if (original != null) {
                widgets.put(name, () -> {
                    boolean r = original.apply();
                    h.refresh();
                    return r;
                });
            }
        }
        return h;
    }

    private void refresh() {
        String text = at(repl, reader.getBuffer().toString(), reader.getBuffer().cursor()).orElse("");
        if (!text.equals(shown)) {
            shown = text;
            int w = Math.max(20, repl.width() - 1);
            String line = text.length() > w ? text.substring(0, w - 1) + "…" : text;
            status.update(text.isEmpty() ? List.of()
                    : List.of(new AttributedString(line, AttributedStyle.DEFAULT.faint())));
        }
    }

    void clear() {
        if (!shown.isEmpty()) {
            shown = "";
            status.update(List.of());
            reader.getTerminal().flush();
        }
    }

    /** The hint for the cursor at {@code cursor} in {@code line}, if there is something to say. */
    static Optional<String> at(Repl repl, String line, int cursor) {
        ParsedLine p = new ReplParser().parse(line, cursor);
        String first = new Words.Word(p.words().get(0), 0, 0).text();
        if (p.wordIndex() == 0) {
            if (first.isEmpty()) {
                return Optional.empty();
            }
            List<ReplCommand> matches = repl.commands().all().stream().filter(c -> c.name().startsWith(first))
                    .toList();
            Optional<ReplCommand> exact = repl.commands().find(first);
            if (exact.isPresent()) {
                return Optional.of(exact.get().usage() + ": " + exact.get().summary());
            }
            if (matches.size() == 1) {
                return Optional.of(matches.get(0).usage() + ": " + matches.get(0).summary());
            }
            return matches.isEmpty() ? Optional.empty()
                    : Optional.of(matches.stream().map(ReplCommand::name).collect(Collectors.joining(" ")));
        }
        Optional<ReplCommand> cmd = repl.commands().find(first);
        if (cmd.isEmpty()) {
            return Optional.empty();
        }
        String prefix = p.word().substring(0, p.wordCursor());
        Registry registry = repl.session().registry();
        if (cmd.get().completion() instanceof Completions.Assignments && !prefix.startsWith("-")) {
            return specHint(registry, prefix);
        }
        if (cmd.get().name().equals("describe")) {
            Optional<String> plugin = registry.findAnyKind(prefix).stream().findFirst()
                    .map(f -> f.descriptor().name() + " (" + f.descriptor().kind().label() + "): "
                            + f.descriptor().summary());
            if (plugin.isPresent()) {
                return plugin;
            }
        }
        return Optional.of(cmd.get().usage());
    }

    static Optional<String> specHint(Registry registry, String prefix) {
        SpecCursor c = SpecCursor.at(registry, prefix);
        return switch (c.kind()) {
            case KEY -> Optional.of("keys: " + RunRequest.DEFAULTS.entrySet().stream()
                    .map(e -> e.getKey() + " (default " + e.getValue() + ")").collect(Collectors.joining(", ")));
            case COMPONENT -> c.namedPlugin(registry).map(Hints::pluginHint)
                    .or(() -> Optional.of(c.pluginKind().label() + ": one of "
                            + String.join(", ", registry.names(c.pluginKind()))));
            case PARAM_NAME -> c.namedParam().map(SpecCursor::paramHint)
                    .or(() -> Optional.of(c.owner() + " parameters: " + c.params().stream().map(Param::name)
                            .collect(Collectors.joining(", "))));
            case PARAM_VALUE -> Optional.of(variant(c.param(), c.token())
                    .map(v -> v.name() + ": " + v.summary() + (v.params().isEmpty() ? ""
                            : " (parameters: " + v.params().stream().map(Param::name)
                            .collect(Collectors.joining(", ")) + ")"))
                    .orElse(SpecCursor.paramHint(c.param())));
            case VALUE -> Optional.of(c.key() + " (default " + RunRequest.DEFAULTS.getOrDefault(c.key(), "-") + ")");
            case NONE -> Optional.empty();
        };
    }

    /** The variant named exactly, or uniquely by prefix. */
    private static Optional<moecl.plugin.Variant> variant(Param p, String token) {
        Optional<moecl.plugin.Variant> exact = p.variant(token);
        if (exact.isPresent() || token.isEmpty()) {
            return exact;
        }
        List<moecl.plugin.Variant> prefixed = p.variants().stream().filter(v -> v.name().startsWith(token)).toList();
        return prefixed.size() == 1 ? Optional.of(prefixed.get(0)) : Optional.empty();
    }

    private static String pluginHint(PluginDescriptor d) {
        String params = d.params().stream().map(Param::name).collect(Collectors.joining(", "));
        return d.name() + " (" + d.kind().label() + "): " + d.summary() + (params.isEmpty() ? "" : "; parameters: "
                + params);
    }
}
