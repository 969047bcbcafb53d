package moecl.shell.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import moecl.shell.Commands;
import moecl.shell.Progress;
import moecl.shell.Session;

/** {@code moecl rerun FOLDER}: computes a folder again from its plan and compares the results byte for byte. */
@Command(name = "rerun", description = {"Compute a run or sweep folder again from its plan alone and compare: "
        + "summary.json, rounds.csv and the mean curves, byte for byte.",
        "Exit 0: identical; 4: different (the first difference is printed); 2: not a sweep folder or a plugin "
                + "is missing. Also compares the recorded versions, build commit, plugins and data checksums."})
final class RerunCmd implements Callable<Integer> {
    private final Session session;

    @Parameters(paramLabel = "FOLDER", description = "the folder (a path, or a run id under the runs folder)")
    String folder;

    @CommandLine.Mixin
    ThreadsOption threads = new ThreadsOption();

    @Option(names = "--keep", description = "keep the folder computed again (printed) instead of deleting it")
    boolean keep;

    RerunCmd(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() throws Exception {
        Path dir = SweepOutput.sweepFolder(session, folder);
        Path copy = java.nio.file.Files.createTempDirectory("moecl-rerun-");
        moecl.workbench.Rerun.Report r;
        try (moecl.workbench.sweep.RunExecutor executor = Engines.create(session, new EngineOptions(),
                threads, List.of());
             Progress progress = session.progress("re-running " + dir.getFileName())) {
            r = moecl.workbench.Rerun.run(session.registry(), dir, copy.resolve(dir.getFileName().toString()),
                    executor, progress::update);
        } catch (java.util.concurrent.CancellationException e) {
            // the partial copy goes with the temporary folder: nothing to resume, the original is untouched
            moecl.workbench.RunFolder.deleteQuietly(copy);
            throw new java.util.concurrent.CancellationException("re-run of " + dir + " cancelled (" + dir
                    + " is unchanged)");
        } catch (RuntimeException e) {
            moecl.workbench.RunFolder.deleteQuietly(copy);
            throw e;
        }
        for (moecl.workbench.Rerun.FileCheck f : r.files()) {
            session.out().println((f.identical() ? "identical  " : "DIFFERENT  ") + f.file()
                    + (f.identical() ? "" : ": " + f.difference()));
        }
        if (r.provenance().isEmpty()) {
            session.out().println("provenance: the same moecl build, Java, plugins and data as recorded");
        } else {
            r.provenance().forEach(p -> session.out().println("provenance: " + p));
        }
        if (keep) {
            session.out().println("computed again in " + r.copy());
        } else {
            moecl.workbench.RunFolder.deleteQuietly(copy);
        }
        session.out().println(r.identical() ? "reproduced: " + dir + " (byte-identical)"
                : "NOT reproduced: " + dir);
        return r.identical() ? 0 : Commands.NOT_REPRODUCED;
    }
}
