package moecl.shell.repl;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The commands a REPL knows, by name, in the order {@code help} lists them. Completion, help and dispatch all read
 * this table, so a new command is one {@link #add} call and appears everywhere at once.
 *
 * <p>Adding a command (for example the script host's {@code script FILE}, {@code :js CODE} and {@code :py CODE}),
 * in {@link ReplCommands#standard()} or on a {@link Repl#commands()} table before the session starts:
 * <pre>{@code
 * table.add(ReplCommand.of("script", "script FILE", "Run a JavaScript or Python experiment script.",
 *         Completions.files(), (repl, args, rest) -> scripts.run(Path.of(args.get(0)), repl.session())));
 * table.add(new ReplCommand(":js", ":js CODE", "Evaluate JavaScript in the session's script context.",
 *         Completions.none(), true, (repl, args, rest) -> scripts.eval("js", rest, repl.session())));
 * }</pre>
 * A handler reports failure by throwing (an {@link IllegalArgumentException} with a one-line message for bad
 * input); the REPL prints the message and goes on. Long work should check {@link Thread#interrupted()} or call
 * interruptible code: Ctrl-C interrupts the thread the command runs on.
 */
public final class CommandTable {

    private final Map<String, ReplCommand> commands = new LinkedHashMap<>();

    /** Adds a command; a name already taken is refused. */
    public CommandTable add(ReplCommand command) {
        if (commands.putIfAbsent(command.name(), command) != null) {
            throw new IllegalArgumentException("duplicate REPL command '" + command.name() + "'");
        }
        return this;
    }

    /** Replaces a command of that name, or adds it. */
    public CommandTable replace(ReplCommand command) {
        commands.put(command.name(), command);
        return this;
    }

    public Optional<ReplCommand> find(String name) {
        return Optional.ofNullable(commands.get(name));
    }

    public Collection<String> names() {
        return Collections.unmodifiableCollection(new ArrayList<>(commands.keySet()));
    }

    public List<ReplCommand> all() {
        return List.copyOf(commands.values());
    }
}
