package moecl.shell.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import moecl.engine.RunSpec;
import moecl.shell.Session;
import moecl.workbench.RunRequest;

/** {@code moecl run KEY=VALUE ...}: one experiment, or every combination of the lists given, into a sweep folder. */
@Command(name = "run", description = {"Run an experiment: KEY=VALUE with keys tasks, experts, M, router, T, rng.",
        "Any value may be a list, e.g. M=[1,5,10,20], which runs every combination."})
final class RunCmd implements Callable<Integer> {
    private final Session session;

    @Parameters(paramLabel = "KEY=VALUE", arity = "0..*")
    List<String> assignments = new ArrayList<>();

    @CommandLine.Mixin
    RunOptions options = new RunOptions();

    @Option(names = "--name", description = "name of the run folder (default: run)")
    String name = "run";


    @Option(names = "--theory", description = "add F_theory and G_theory (expected values given the routing)")
    boolean theory;

    RunCmd(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        RunRequest req = new RunRequest().setAll(assignments);
        List<RunSpec> specs = req.expand(RunRequest.seeds(options.seed, options.seeds), Map.of());
        Map<String, Object> command = new LinkedHashMap<>();
        command.put("command", "run");
        command.put("arguments", assignments);
        command.put("theory", theory);
        return SweepOutput.execute(session, specs, name, command, options, theory);
    }
}
