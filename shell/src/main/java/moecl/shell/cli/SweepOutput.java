package moecl.shell.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import moecl.engine.RunSpec;
import moecl.shell.Commands;
import moecl.shell.Progress;
import moecl.shell.Session;
import moecl.workbench.Experiments;
import moecl.workbench.sweep.RunExecutor;
import moecl.workbench.sweep.SweepRunner;
import moecl.workbench.sweep.SweepViews;

/**
 * What the sweep commands share: the folder a name means, running specs into a sweep folder, and printing what a
 * sweep or paper report left with its exit code (0, or {@link Commands#RUNS_FAILED}).
 */
final class SweepOutput {

    private SweepOutput() {
    }

    static int positive(String option, int v) {
        if (v < 1) {
            throw new IllegalArgumentException(option + " " + v + " is out of range; allowed: >= 1");
        }
        return v;
    }

    /** Runs the specs into a sweep folder, prints the table, and lists failed runs (exit code 3). */
    static int execute(Session session, List<RunSpec> specs, String name, Map<String, Object> command,
                       RunOptions options, boolean theory) {
        noteScalarNeural(session, specs);
        Path root = options.out == null ? session.runsRoot() : options.out;
        SweepViews.Rounds rounds = SweepViews.Rounds.parse(options.rounds);
        moecl.workbench.sweep.SweepStore.checkName(name);
        Experiments.Executed done;
        try (RunExecutor executor = Engines.create(session, options.engine, options.threads, specs);
             Progress progress = session.progress("running " + specs.size() + " run"
                + (specs.size() == 1 ? "" : "s"))) {
            done = Experiments.execute(session.registry(), specs, executor, theory, name, command, root, rounds,
                    progress::update);
        }
        return report(session, done, options.quiet);
    }

    /** Prints a paper report's verdicts and files; 3 when an experiment did not run or runs failed. */
    static int paperReport(Session session, moecl.workbench.report.PaperReport.Result r) {
        session.lastRun(r.folder());
        int w = r.claims().stream().mapToInt(c -> c.id().length()).max().orElse(10);
        for (moecl.workbench.report.Claim c : r.claims()) {
            String est = c.estimate() == null ? "" : String.format(java.util.Locale.ROOT, "  n=%d mean=%.4g",
                    c.estimate().n(), c.estimate().mean());
            session.out().printf("%-" + w + "s  %s%s%n", c.id(), c.verdict().text(), est);
        }
        session.out().println("report: " + r.folder().resolve("report.html"));
        session.out().println("also: report.md, claims.json, figures/ and one sweep folder per experiment");
        if (!r.problems().isEmpty()) {
            session.err().println("moecl: " + r.problems().size() + " problem" + (r.problems().size() == 1 ? "" : "s")
                    + " (the report says so):");
            r.problems().forEach(p -> session.err().println("  " + p));
            session.err().println("after fixing the cause: moecl resume " + r.folder());
            return Commands.RUNS_FAILED;
        }
        return 0;
    }

    /**
     * Neural experts without the Vector API module (a REPL started without {@code MOECL_VECTOR=1}) train on their
     * scalar loops: the same results, several times slower. Says so once per run command.
     */
    static void noteScalarNeural(Session session, List<RunSpec> specs) {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            return;
        }
        for (RunSpec s : specs) {
            String e = s.experts().name();
            if (e.equals("lenet") || e.equals("mlp")) {
                session.err().println("note: " + e + " trains on its scalar loops in this session (no Vector API "
                        + "module): the same results, several times slower; start the REPL with MOECL_VECTOR=1 "
                        + "./moecl for the vector kernels");
                return;
            }
        }
    }

    /** Prints what a sweep left: notes, the table, failures, the folder; 3 when runs failed. */
    static int report(Session session, Experiments.Executed done, boolean quiet) {
        session.lastRun(done.folder());
        done.notes().forEach(n -> session.err().println(n));
        if (!quiet) {
            session.out().print(done.table());
        }
        session.out().println("run folder: " + done.folder());
        SweepRunner.Result r = done.result();
        if (!r.failures().isEmpty()) {
            session.err().println("moecl: " + r.failures().size() + " of " + r.plan().runs().size()
                    + " runs failed (the others are saved):");
            r.failureLines().forEach(l -> session.err().println("  " + l));
            session.err().println("after fixing the cause: moecl resume " + done.folder());
            return Commands.RUNS_FAILED;
        }
        List<String> nonFinite = r.nonFiniteReport();
        if (!nonFinite.isEmpty()) {
            nonFinite.forEach(session.err()::println);
            return Commands.RUNS_FAILED;
        }
        if (r.duplicates() > 0) {
            session.err().println("determinism check: " + r.duplicates() + " runs computed twice gave identical bytes");
        }
        return 0;
    }

    /**
     * A sweep folder named by path, by name or unique name prefix under the runs folder, or {@code last} (the
     * session's last run, else the newest sweep folder).
     */
    static Path sweepFolder(Session session, String id) {
        Path p = Path.of(id);
        if (java.nio.file.Files.isDirectory(p) && !id.equals("last")) {
            return p;
        }
        List<Path> all = new ArrayList<>();
        Path root = session.runsRoot();
        if (java.nio.file.Files.isDirectory(root)) {
            try (var s = java.nio.file.Files.list(root)) {
                s.filter(f -> java.nio.file.Files.isRegularFile(f.resolve("sweep.json"))).sorted().forEach(all::add);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot list " + root + ": " + e.getMessage(), e);
            }
        }
        if (id.equals("last")) {
            Path last = session.lastRun();
            if (last != null && java.nio.file.Files.isRegularFile(last.resolve("sweep.json"))) {
                return Session.newer(last, all.isEmpty() ? null : all.get(all.size() - 1));
            }
            if (all.isEmpty()) {
                throw new IllegalArgumentException("no sweep folders under " + root + " yet");
            }
            return all.get(all.size() - 1);
        }
        List<Path> matches = all.stream().filter(f -> f.getFileName().toString().startsWith(id)).toList();
        if (matches.size() == 1) {
            return matches.get(0);
        }
        if (matches.size() > 1) {
            throw new IllegalArgumentException("'" + id + "' is ambiguous: " + matches.size() + " sweep folders under "
                    + root + " start with it");
        }
        throw new IllegalArgumentException("no sweep folder '" + moecl.spec.Echo.of(id) + "' (neither a folder nor a "
                + "name under " + root + "; see: runs)");
    }
}
