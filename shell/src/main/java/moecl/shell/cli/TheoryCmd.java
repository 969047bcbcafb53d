package moecl.shell.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import moecl.shell.Session;
import moecl.workbench.TheoryReport;

/** {@code moecl theory KEY=VALUE ...}: the closed-form curves of one expert into theory.csv. */
@Command(name = "theory", description = {"Closed-form expected forgetting and generalization of one expert "
        + "(keys: tasks, T, at).", "Writes theory.csv; with run --theory the MoE overlay goes into rounds.csv."})
final class TheoryCmd implements Callable<Integer> {
    private final Session session;

    @Parameters(paramLabel = "KEY=VALUE", arity = "0..*")
    List<String> assignments = new ArrayList<>();

    @Option(names = "--seed", paramLabel = "S", description = "seed of the world (default 1)")
    long seed = 1;

    @Option(names = "--out", paramLabel = "DIR", description = "folder for the result folder (default runs)")
    Path out;

    TheoryCmd(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        Path folder = TheoryReport.run(session.registry(), assignments, seed,
                out == null ? session.runsRoot() : out, session.out());
        session.out().println("result folder: " + folder);
        return 0;
    }
}
