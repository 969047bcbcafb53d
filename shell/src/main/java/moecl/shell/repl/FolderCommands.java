package moecl.shell.repl;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine;

/**
 * REPL commands that hand a run folder to a picocli command ({@code resume FOLDER}, {@code export FOLDER}): the
 * folder may be given as the REPL names runs (a run id, a unique prefix, a {@code --name}, {@code last}), and is
 * passed on as its path; options and their values go through unchanged.
 */
final class FolderCommands {

    private FolderCommands() {
    }

    /** A handler that runs picocli's {@code name} with run ids replaced by their folders' paths. */
    static ReplCommand.Handler forward(String name) {
        ReplCommand.Handler picocli = ReplCommands.picocli(name);
        return (repl, args, rest) -> picocli.run(repl, resolve(repl, name, args), rest);
    }

    /** The words with every positional one that names a run folder replaced by the folder's absolute path. */
    static List<String> resolve(Repl repl, String command, List<String> args) {
        CommandLine sub = repl.commandLine().getSubcommands().get(command);
        List<String> out = new ArrayList<>();
        int values = 0;
        for (String w : args) {
            if (values > 0) {
                out.add(w);
                values--;
                continue;
            }
            if (w.startsWith("-")) {
                out.add(w);
                if (sub != null && !w.contains("=")) {
                    CommandLine.Model.OptionSpec o = sub.getCommandSpec().findOption(w);
                    if (o != null && !o.typeInfo().isBoolean()) {
                        values = Math.max(0, o.arity().min());
                    }
                }
                continue;
            }
            out.add(folder(repl, w));
        }
        return out;
    }

    private static String folder(Repl repl, String word) {
        try {
            return RunFolders.resolve(repl.session(), word).toAbsolutePath().normalize().toString();
        } catch (IllegalArgumentException e) {
            if (Files.exists(Path.of(word))) {
                return word;
            }
            throw e;
        }
    }
}
