package moecl.shell.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import moecl.shell.Progress;
import moecl.shell.Session;
import moecl.workbench.Experiments;
import moecl.workbench.sweep.RunExecutor;
import moecl.workbench.sweep.SweepViews;

/** {@code moecl resume FOLDER}: computes a sweep's (or paper report's) missing and failed runs only. */
@Command(name = "resume", description = {"Complete a sweep folder: compute its missing and failed runs only, "
        + "then rebuild its views.", "The result is byte-identical to an uninterrupted sweep."})
final class ResumeCmd implements Callable<Integer> {
    private final Session session;

    @Parameters(paramLabel = "FOLDER", description = "the sweep folder (a path, or a run id under the runs folder)")
    String folder;

    @CommandLine.Mixin
    ThreadsOption threads = new ThreadsOption();

    @CommandLine.Mixin
    EngineOptions engine = new EngineOptions();

    @Option(names = "--rounds", paramLabel = "csv|none|auto", description = "write rounds.csv: csv, none, or auto "
            + "(up to 10^7 rows); by default as the sweep was started")
    String rounds;

    @Option(names = "--quiet", description = "no table, only the run folder")
    boolean quiet;

    ResumeCmd(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        Path dir = SweepOutput.sweepFolder(session, folder);
        SweepViews.Rounds r = rounds == null ? null : SweepViews.Rounds.parse(rounds);
        Experiments.Executed done;
        if (moecl.workbench.report.PaperReport.isReport(dir)) {
            moecl.workbench.report.PaperReport.Result p;
            try (RunExecutor executor = Engines.create(session, engine, threads, List.of());
                 Progress progress = session.progress("resuming " + dir.getFileName())) {
                p = moecl.workbench.report.PaperReport.resume(session.registry(), dir, executor,
                        progress::update, session.err()::println);
            }
            return SweepOutput.paperReport(session, p);
        }
        try (RunExecutor executor = Engines.create(session, engine, threads, List.of());
             Progress progress = session.progress("resuming " + dir.getFileName())) {
            done = Experiments.resume(session.registry(), dir, executor, r, progress::update);
        }
        return SweepOutput.report(session, done, quiet);
    }
}
