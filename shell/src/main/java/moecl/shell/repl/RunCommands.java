package moecl.shell.repl;

import java.nio.file.Path;
import java.util.List;

import moecl.spec.Echo;

/**
 * The REPL's commands over one run folder: {@code show [RUN]}, {@code inspect RUN} and
 * {@code export RUN [csv|md|tex] [to FILE]}. The other commands over run folders: {@link RunsCommand} (the list),
 * {@link FolderEdits} (tag, untag, rm), {@link PlotCommand} and {@link CompareCommand} (charts).
 */
final class RunCommands {

    private RunCommands() {
    }

    // ---- show ----------------------------------------------------------------------------------------------------

    static void show(Repl repl, List<String> args, String rest) {
        if (args.isEmpty()) {
            repl.out().print(repl.spec().show());
            return;
        }
        RunShow.show(repl, args);
    }

    static void inspect(Repl repl, List<String> args, String rest) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("usage: inspect RUN [setting=K | run=K] (RUN: a run id, its number in "
                    + "runs, a tag, or last)");
        }
        RunShow.show(repl, args);
    }

    // ---- export --------------------------------------------------------------------------------------------------

    static final String EXPORT_USAGE = "export RUN [csv|md|tex] [to FILE] [--force], or export RUN rounds";

    static void export(Repl repl, List<String> args, String rest) throws Exception {
        String id = null;
        ExportTable.Format format = null;
        boolean rounds = false;
        Path file = null;
        boolean force = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("to")) {
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException("'to' needs a file name (usage: " + EXPORT_USAGE + ")");
                }
                if (file != null) {
                    throw new IllegalArgumentException("'to' is given twice (usage: " + EXPORT_USAGE + ")");
                }
                file = Path.of(args.get(++i));
            } else if (a.equals("--force")) {
                force = true;
            } else if (a.startsWith("-")) {
                throw new IllegalArgumentException("unknown option '" + Echo.of(a) + "' (usage: " + EXPORT_USAGE
                        + ")");
            } else if (id == null) {
                id = a;
            } else if (a.equals("rounds") && format == null && !rounds) {
                rounds = true;
            } else if (ExportTable.Format.of(a) != null && format == null && !rounds) {
                format = ExportTable.Format.of(a);
            } else {
                throw new IllegalArgumentException("unexpected '" + Echo.of(a) + "': after the run come a format "
                        + "(csv, md or tex; rounds for rounds.csv) and 'to FILE' (usage: " + EXPORT_USAGE + ")");
            }
        }
        if (id == null) {
            throw new IllegalArgumentException("usage: " + EXPORT_USAGE);
        }
        if (rounds) {
            if (file != null || force) {
                throw new IllegalArgumentException("export RUN rounds writes rounds.csv into the run folder; it takes "
                        + "no 'to FILE'");
            }
            FolderCommands.forward("export").run(repl, List.of(id), rest);
            return;
        }
        if (format == null && file != null) {
            String name = file.getFileName().toString();
            int dot = name.lastIndexOf('.');
            format = dot < 0 ? null : ExportTable.Format.of(name.substring(dot + 1));
            if (format == null) {
                throw new IllegalArgumentException("cannot tell the format of " + file + " from its name; give it: "
                        + "export " + id + " csv|md|tex to " + file);
            }
        }
        if (format == null) {
            format = ExportTable.Format.CSV;
        }
        if (file != null) {
            FileOut.check(file, force, "export " + id + " " + format.ext + " to " + file + " --force");
        }
        Path folder = RunFolders.resolve(repl.session(), id);
        String text = ExportTable.render(FolderView.read(folder), format);
        if (file == null) {
            repl.out().print(text);
            return;
        }
        FileOut.write(file, text);
        long rows = text.lines().count();
        repl.out().println("wrote " + file + " (" + format.ext + ", the final metrics of " + folder.getFileName()
                + ", " + rows + " lines)");
    }
}
