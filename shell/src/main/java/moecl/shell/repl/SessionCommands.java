package moecl.shell.repl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import moecl.spec.Echo;

/**
 * The REPL's commands over the session itself: {@code source FILE}, {@code save FILE [--force]} and
 * {@code exit [N]}.
 */
final class SessionCommands {

    private SessionCommands() {
    }

    /** How deep {@code source} may nest (a file that sources itself stops here). */
    static final int MAX_SOURCE_DEPTH = 8;

    static void source(Repl repl, List<String> args, String rest) {
        Path file = Path.of(ReplCommands.one(args, "source FILE"));
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(file + " is a folder; source runs the REPL commands in a file");
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no such file: " + file);
        }
        List<String> lines;
        try {
            if (Files.size(file) > SessionSpec.MAX_FILE) {
                throw new IllegalArgumentException(file + " is " + Files.size(file) + " bytes; source reads command "
                        + "files of at most " + SessionSpec.MAX_FILE + " bytes");
            }
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalArgumentException(file + " is not UTF-8 text; source runs REPL commands, one or more "
                    + "a line");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (repl.sourcing.size() >= MAX_SOURCE_DEPTH) {
            throw new IllegalArgumentException("source nests more than " + MAX_SOURCE_DEPTH + " files deep ("
                    + String.join(" <- ", repl.sourcing) + "); does a file source itself?");
        }
        repl.sourcing.push(file.toString());
        try {
            for (int i = 0; i < lines.size() && !repl.exitRequested(); i++) {
                String line = lines.get(i);
                if (line.isBlank()) {
                    continue;
                }
                int code = repl.execute(line);
                if (code != Repl.OK) {
                    repl.error(file + ":" + (i + 1) + ": stopped at this line (" + Echo.of(line.strip())
                            + "); the lines before it ran");
                    throw new Repl.CommandFailed(code);
                }
            }
        } finally {
            repl.sourcing.pop();
        }
    }

    // ---- save, exit, compare -------------------------------------------------------------------------------------

    static void save(Repl repl, List<String> args, String rest) {
        boolean force = args.contains("--force");
        List<String> files = args.stream().filter(a -> !a.equals("--force")).toList();
        for (String a : files) {
            if (a.startsWith("-")) {
                throw new IllegalArgumentException("unknown option '" + Echo.of(a) + "' (usage: save FILE [--force])");
            }
        }
        Path f = Path.of(ReplCommands.one(files, "save FILE [--force]"));
        repl.spec().save(f, force);
        repl.out().println("saved " + f);
    }

    static void exit(Repl repl, List<String> args, String rest) {
        if (args.size() > 1) {
            throw new IllegalArgumentException("usage: exit [N] (N: the exit code, 0 to 255)");
        }
        int code = 0;
        if (!args.isEmpty()) {
            try {
                code = Integer.parseInt(args.get(0));
            } catch (NumberFormatException e) {
                code = -1;
            }
            if (code < 0 || code > 255) {
                throw new IllegalArgumentException("exit expects a code from 0 to 255, got '" + Echo.of(args.get(0))
                        + "'");
            }
        }
        repl.requestExit(code);
    }
}
