package moecl.shell.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import moecl.shell.Session;

/** {@code moecl export FOLDER [csv|md|tex|rounds]}: a sweep's rounds.csv, or its final metrics as a table. */
@Command(name = "export", description = {"Write a sweep folder's rounds.csv, or its final metrics as csv|md|tex.",
        "Without FORMAT: rounds.csv from the results (however many rows); with csv|md|tex: the final metrics per",
        "setting, printed or (--to FILE) written."})
final class ExportCmd implements Callable<Integer> {
    private final Session session;

    @Parameters(index = "0", paramLabel = "FOLDER", description = "the sweep folder (a path, or a run id under "
            + "the runs folder)")
    String folder;

    @Parameters(index = "1", arity = "0..1", paramLabel = "FORMAT", description = "csv, md or tex: the final "
            + "metrics table; rounds (the default): rounds.csv")
    String format;

    @Option(names = "--to", paramLabel = "FILE", description = "write the table to FILE (its folder must exist)")
    Path to;

    @Option(names = "--force", description = "overwrite FILE if it exists")
    boolean force;

    ExportCmd(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        Path dir = SweepOutput.sweepFolder(session, folder);
        if (format == null || format.equals("rounds")) {
            if (to != null || force) {
                throw new IllegalArgumentException("--to and --force are for the table (export FOLDER csv|md|tex "
                        + "--to FILE); rounds.csv goes into the folder");
            }
            moecl.workbench.sweep.SweepExport.Written w = moecl.workbench.sweep.SweepExport.rounds(dir);
            session.out().println("wrote " + w.csv());
            if (w.note() != null) {
                session.err().println(w.note());
            }
            return 0;
        }
        String text = moecl.shell.repl.ExportTable.export(dir, format, to, force);
        if (text != null) {
            session.out().print(text);
        } else {
            session.out().println("wrote " + to);
        }
        return 0;
    }
}
