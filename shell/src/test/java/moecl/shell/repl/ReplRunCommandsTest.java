package moecl.shell.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import moecl.shell.Main;
import moecl.workbench.RunFolder;

/**
 * Issue 17 in the REPL: set and load checked at once, show/inspect, export, runs filters, tag, rm, source, save,
 * exit N, compare's checks and the restored spec; sessions over a dumb terminal, and -c through Main as the
 * command line runs it.
 */
class ReplRunCommandsTest {

    @TempDir
    Path tmp;

    record Result(int code, String out, String err) {
    }

    static Result main(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    /**
     * A damaged tags file no longer blocks the commands that only show runs (it blocked runs, show and tag); the ones
     * that change tags refuse it, naming the file and what to do, and leave it as it is.
     */
    @Test
    void aDamagedTagsFileBlocksOnlyTheTagCommands() throws IOException {
        session("run M=2 T=20 --quiet\ntag last best\nexit\n");
        Files.writeString(runs().resolve(".tags.json"), "{\"best\": \"x");
        String out = session("runs\nshow last\ntag last good\nshow best\nexit\n");
        assertTrue(out.contains("note: tags not shown: cannot read " + runs().resolve(".tags.json")), out);
        assertTrue(out.contains("unknown run 'best'") && out.contains("; if it is a tag: the tags could not be read: "
                + "cannot read " + runs().resolve(".tags.json")), "a tag that cannot be read says why: " + out);
        assertTrue(out.contains("status     complete: 1 of 1 runs"), "show went on: " + out);
        assertTrue(out.contains("fix the file or delete it (the tags are lost, the runs are not)"), out);
        assertFalse(out.contains("tagged"), out);
        assertEquals("{\"best\": \"x", Files.readString(runs().resolve(".tags.json")));
    }

    private Path runs() {
        return tmp.resolve("runs");
    }

    private String session(String typed) throws IOException {
        return DumbSession.run(typed, runs(), tmp);
    }

    private List<Path> folders() throws IOException {
        if (!Files.isDirectory(runs())) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(runs())) {
            return s.filter(RunFolders::isRunFolder).sorted().toList();
        }
    }

    // ---- set and load ----------------------------------------------------------------------------------------------

    @Test
    void setChecksEachValueAtOnceAndABadOneChangesNothing() throws IOException {
        String out = session("""
                set M=4
                set router=papr
                set M=abc
                set T=-5
                set router=paper(eta=-1)
                set T=100 T=200
                set M=3 router=paper(eta=-1)
                set tasks="gaussian(d=50, s=10)"
                show
                exit
                """);
        assertTrue(out.contains("moecl: unknown router 'papr'; did you mean 'paper'? (routers: "), out);
        assertTrue(out.contains("moecl: M must be an integer from 1 to 10000 (or a list such as M=[5, ...]), got abc"),
                out);
        assertTrue(out.contains("moecl: T=-5 is out of range; allowed: 1 to 10000000"), out);
        assertTrue(out.contains("moecl: router 'paper': eta=-1 is out of range; allowed: > 0"), out);
        assertTrue(out.contains("moecl: T is given twice (T=100 and T=200); give each key once"), out);
        // the quotes go as in a shell: the value is the component, not a string
        assertTrue(out.contains("  tasks    gaussian(d=50, s=10)           (set)"), out);
        assertTrue(out.contains("  M        4                              (set)"), "M=3 came with a bad router: "
                + out);
        assertTrue(out.contains("  router   paper                          (default)"), out);
        assertTrue(out.contains("  T        2000                           (default)"), out);
    }

    @Test
    void aQuotedTaskSpecRunsAsTheReadmeShows() throws IOException {
        Result r = main("-c", "set tasks=\"gaussian(d=30, s=5)\" T=20 M=2; run --quiet --out " + runs());
        assertEquals(0, r.code(), r.err());
        JsonNode plan = RunFolder.JSON.readTree(folders().get(0).resolve("sweep.json").toFile());
        assertTrue(plan.path("runs").get(0).path("resolved").path("tasks").asText().startsWith("gaussian(d=30, s=5,"),
                plan.toString());
    }

    @Test
    void loadChecksEveryLineAgainstThePlugins() throws IOException {
        Path f = tmp.resolve("exp.spec");
        Files.writeString(f, "M=3\nrouter=papr\n");
        String out = session("set T=7\nload " + f + "\nshow\nexit\n");
        assertTrue(out.contains("moecl: " + f + ":2: unknown router 'papr'; did you mean 'paper'?"), out);
        assertTrue(out.contains("  T        7 "), "the spec is as it was: " + out);
        assertTrue(out.contains("  M        5                              (default)"), out);
    }

    @Test
    void duplicateKeysAreRefusedEverywhere() throws IOException {
        Result repl = main("-c", "run M=5 M=6 T=10 --out " + runs());
        assertEquals(2, repl.code());
        assertTrue(repl.err().contains("M is given twice (M=5 and M=6)"), repl.err());
        Result cli = main("run", "M=5", "M=6", "T=10", "--out", runs().toString());
        assertEquals(2, cli.code());
        assertTrue(cli.err().contains("M is given twice (M=5 and M=6)"), cli.err());
        Result theory = main("theory", "T=5", "T=6", "--out", runs().toString());
        assertEquals(2, theory.code());
        assertTrue(theory.err().contains("T is given twice (T=5 and T=6)"), theory.err());
        Result sweep = main("-c", "sweep M=[1,2] seeds=1..2 seeds=3..4 T=5 --out " + runs());
        assertEquals(2, sweep.code());
        assertTrue(sweep.err().contains("seeds is given twice"), sweep.err());
        assertTrue(folders().isEmpty(), "nothing ran: " + folders());
    }

    // ---- show and export -------------------------------------------------------------------------------------------

    @Test
    void showPrintsTheFolderAsItsFilesHoldIt() throws IOException {
        String out = session("sweep M=[1,2] seeds=1..2 T=30 --quiet\nshow last\ninspect 1 run=3\nshow 1 setting=1"
                + "\nshow nosuch\nshow last setting=9\nexit\n");
        Path f = folders().get(0);
        JsonNode plan = RunFolder.JSON.readTree(f.resolve("sweep.json").toFile());
        JsonNode summary = RunFolder.JSON.readTree(f.resolve("summary.json").toFile());
        assertTrue(out.contains("  status     complete: 4 of 4 runs"), out);
        assertTrue(out.contains("  seeds      1..2"), out);
        assertTrue(out.contains("  router     " + plan.path("runs").get(0).path("resolved").path("router").asText()
                + "\n"), out);
        assertTrue(out.contains("  M          2 values, by setting:"), out);
        // the table: the summary's means
        double f0 = summary.path("settings").get(0).path("final").path("F").path("mean").asDouble();
        assertTrue(out.contains(String.format(java.util.Locale.ROOT, "%.5f ± ", f0)), out);
        // run 0 (M=1): every task went to expert 0
        assertTrue(out.contains("  run 0 (seed 1, id " + plan.path("runs").get(0).path("id").asText() + "): "), out);
        assertTrue(out.contains("    load per expert (tasks routed): e0 30\n"), out);
        // run 3 (M=2, seed 2): its load, as recorded
        JsonNode r3 = null;
        for (JsonNode r : summary.path("runs")) {
            if (r.path("run").asInt() == 3) {
                r3 = r;
            }
        }
        assertTrue(out.contains("    load per expert (tasks routed): e0 " + r3.path("load").get(0).asLong() + "  e1 "
                + r3.path("load").get(1).asLong() + "\n"), out);
        assertEquals(30, r3.path("load").get(0).asLong() + r3.path("load").get(1).asLong());
        String freeze = r3.path("freezeRound").isNumber() && r3.path("freezeRound").asInt() > 0
                ? "froze at round " + r3.path("freezeRound").asInt() : "never froze";
        assertTrue(out.contains("  run 3 (seed 2, id " + r3.path("id").asText() + "): " + freeze), out);
        assertTrue(out.contains("routing histogram"), out);
        assertTrue(out.contains("expert sets per task type"), out);
        assertTrue(out.contains("  timings    wall "), out);
        assertTrue(out.contains("setting 1: M=2 (2 of 2 runs finished)"), out);
        assertTrue(out.contains("moecl: unknown run 'nosuch'"), out);
        assertTrue(out.contains("moecl: no setting 9 in " + f.getFileName() + " (settings: 0 to 1)"), out);
    }

    @Test
    void exportWritesTheFinalMetricsTableAtomicallyAndNeverOverSilently() throws IOException {
        Result ran = main("-c", "sweep M=[1,2] seeds=1..2 T=30 --quiet --out " + runs());
        assertEquals(0, ran.code(), ran.err());
        Path f = folders().get(0);
        JsonNode summary = RunFolder.JSON.readTree(f.resolve("summary.json").toFile());
        // on the terminal: CSV with every digit, one column per varying key
        Result csv = main("-c", "export " + f);
        assertEquals(0, csv.code(), csv.err());
        List<String> lines = csv.out().lines().toList();
        assertEquals(3, lines.size(), csv.out());
        List<String> header = List.of(lines.get(0).split(","));
        assertEquals(List.of("setting", "label", "M", "n", "planned", "F_mean", "F_se", "F_median"),
                header.subList(0, 8));
        for (int k = 0; k < 2; k++) {
            String[] row = lines.get(k + 1).split(",");
            JsonNode s = summary.path("settings").get(k);
            assertEquals(Integer.toString(k + 1), row[header.indexOf("M")]);
            assertEquals(s.path("final").path("F").path("mean").asDouble(),
                    Double.parseDouble(row[header.indexOf("F_mean")]));
            assertEquals(s.path("final").path("G").path("se").asDouble(),
                    Double.parseDouble(row[header.indexOf("G_se")]));
        }
        // into files: the format from the name, no overwriting without --force, no folders created
        Path md = tmp.resolve("table.md");
        Path tex = tmp.resolve("table.tex");
        Result files = main("-c", "export " + f + " to " + md + "; export " + f + " tex to " + tex);
        assertEquals(0, files.code(), files.err());
        assertTrue(Files.readString(md).startsWith("| setting | n | F (mean ± se) |"), Files.readString(md));
        assertTrue(Files.readString(md).contains("| M=2 | 2 | "), Files.readString(md));
        assertTrue(Files.readString(tex).contains("\\begin{tabular}") && Files.readString(tex).contains("F\\_ref"),
                Files.readString(tex));
        String before = Files.readString(md);
        Result again = main("-c", "export " + f + " csv to " + md);
        assertEquals(2, again.code());
        assertEquals("moecl: " + md + " exists; not overwritten (export " + f + " csv to " + md
                + " --force overwrites it)", again.err().strip());
        assertEquals(before, Files.readString(md));
        Result forced = main("-c", "export " + f + " csv to " + md + " --force");
        assertEquals(0, forced.code(), forced.err());
        assertTrue(Files.readString(md).startsWith("setting,label,M,"));
        Result noDir = main("-c", "export " + f + " to " + tmp.resolve("no/such/t.csv"));
        assertEquals(2, noDir.code());
        assertTrue(noDir.err().contains("no folder " + tmp.resolve("no/such")), noDir.err());
        assertFalse(Files.exists(tmp.resolve("no")));
        Result unknown = main("-c", "export " + f + " xlsx");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("unexpected 'xlsx': after the run come a format (csv, md or tex"),
                unknown.err());
        try (Stream<Path> s = Files.list(tmp)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".partial")), "no temporary files left");
        }
        // export RUN rounds: the sweep folder's rounds.csv, as before
        Files.deleteIfExists(f.resolve("rounds.csv"));
        Result rounds = main("-c", "export " + f + " rounds");
        assertEquals(0, rounds.code(), rounds.err());
        assertEquals(4 * 30 + 1, Files.readAllLines(f.resolve("rounds.csv")).size());
    }

    @Test
    void olderRunFoldersShowAndExportFromTheirRecords() throws IOException {
        assertEquals(0, main("-c", "sweep M=[2,3] seeds=1..2 T=20 --quiet --out " + runs()).code());
        Path sweep = folders().get(0);
        Path old = SweepResultsTest.legacyCopy(sweep, runs());
        String out = session("show " + old.getFileName() + "\nexport 1 csv\nexit\n");
        assertTrue(out.contains("  status     complete: 4 of 4 runs"), out);
        assertTrue(out.contains("  M          2 values, by setting:"), out);
        assertTrue(out.contains("setting 1: M=3 (2 runs;"), out);
        assertTrue(out.contains("setting,label,n,planned,F_mean,F_se,F_median"), out);
        assertFalse(out.contains("moecl:"), out);
    }

    @Test
    void theCommandLineExportsTheTableToo() throws IOException {
        assertEquals(0, main("-c", "sweep M=[1,2] seeds=1..2 T=20 --quiet --out " + runs()).code());
        Path f = folders().get(0);
        Result md = main("export", f.toString(), "md");
        assertEquals(0, md.code(), md.err());
        assertEquals(4, md.out().lines().count(), md.out());
        assertTrue(md.out().lines().toList().get(3).startsWith("| M=2 | 2 | "), md.out());
        Path tex = tmp.resolve("t.tex");
        assertEquals(0, main("export", f.toString(), "tex", "--to", tex.toString()).code());
        assertTrue(Files.readString(tex).contains("\\bottomrule"), Files.readString(tex));
        Result again = main("export", f.toString(), "tex", "--to", tex.toString());
        assertEquals(2, again.code());
        assertEquals("moecl: " + tex + " exists; not overwritten (--force overwrites it)", again.err().strip());
        Result bad = main("export", f.toString(), "xls");
        assertEquals(2, bad.code());
        assertEquals("moecl: unknown format 'xls' (formats: csv, md, tex; or rounds for rounds.csv)",
                bad.err().strip());
    }

    // ---- runs, tag, rm -------------------------------------------------------------------------------------------

    @Test
    void runsFiltersTagsNameRunsAndRmAsksFirst() throws IOException {
        Result ran = main("-c", "set T=20; run M=1 --name a --quiet --out " + runs() + "; run M=2 "
                + "router=paper(stop=never) --name b --quiet --out " + runs());
        assertEquals(0, ran.code(), ran.err());
        List<Path> f = folders();
        assertEquals(2, f.size());
        String a = f.get(0).getFileName().toString();
        String b = f.get(1).getFileName().toString();
        String never = session("runs router=paper(stop=never)\nexit\n");
        assertTrue(never.contains("  2 " + b), never);
        assertFalse(never.contains(a), "only b matches: " + never);
        String m1 = session("runs M=1\nexit\n");
        assertTrue(m1.contains("  1 " + a), m1);
        assertFalse(m1.contains(b), m1);
        String today = session("runs since=today M=[1,2]\nexit\n");
        assertTrue(today.contains(a) && today.contains(b), today);
        String out = session("runs since=2999-01-01\nruns x\n"
                + "runs since=someday\nruns color=red\ntag 2 best\nruns tag=best\nshow best\nrm best\nn\nruns\n"
                + "rm 1\ny\nruns\nexit\n");
        assertTrue(out.contains("no run folders match since=2999-01-01 (of 2 under " + runs() + ")"), out);
        assertTrue(out.contains("moecl: runs expects a number of folders to list (the newest) or filters KEY=VALUE"),
                out);
        assertTrue(out.contains("got 'x'"), out);
        assertFalse(out.contains("For input string"), out);
        assertTrue(out.contains("moecl: since= expects a date YYYY-MM-DD (or today, yesterday), got 'someday'"), out);
        assertTrue(out.contains("moecl: runs cannot filter by 'color' (filters: tasks, experts, router, M, T, rng"),
                out);
        assertTrue(out.contains("tagged " + b + " as best"), out);
        assertTrue(out.contains(b + "  (tag: best)"), "show takes the tag: " + out);
        assertTrue(out.contains("nothing deleted"), out);
        assertTrue(out.contains("delete " + runs().resolve(b) + " and everything in it? [y/N]"), out);
        assertTrue(out.contains("deleted " + runs().resolve(a)), out);
        assertEquals(List.of(runs().resolve(b)), folders(), "b was kept (answered n), a deleted (answered y)");
        assertTrue(Files.readString(runs().resolve(Tags.FILE)).contains(b));
    }

    @Test
    void rmInBatchModeRefusesWithoutYes() throws IOException {
        assertEquals(0, main("-c", "run T=10 M=1 --quiet --out " + runs()).code());
        Path f = folders().get(0);
        Result refused = main("-c", "rm " + f);
        assertEquals(2, refused.code());
        assertTrue(refused.err().contains("only when confirmed: in batch mode (-c or piped commands) add --yes"),
                refused.err());
        assertTrue(Files.isDirectory(f));
        Result yes = main("-c", "rm " + f + " --yes");
        assertEquals(0, yes.code(), yes.err());
        assertFalse(Files.exists(f));
        try (Stream<Path> s = Files.list(runs())) {
            assertEquals(0, s.count(), "nothing left, not even a hidden folder");
        }
    }

    // ---- source, save, exit, compare -------------------------------------------------------------------------------

    @Test
    void sourceRunsAFileAndStopsAtTheFirstErrorWithFileAndLine() throws IOException {
        Path file = tmp.resolve("steps.moecl");
        Files.writeString(file, "# set up\nset M=3 T=20\n\nset router=papr\nset M=9\n");
        String out = session("source " + file + "\nshow\nexit\n");
        assertTrue(out.contains("moecl: unknown router 'papr'"), out);
        assertTrue(out.contains("moecl: " + file + ":4: stopped at this line (set router=papr); the lines before it "
                + "ran"), out);
        assertTrue(out.contains("  M        3 "), "line 2 ran, line 5 did not: " + out);
        Result batch = main("-c", "source " + file + "; show");
        assertEquals(2, batch.code());
        assertFalse(batch.out().contains("(default)"), "nothing after the failing source: " + batch.out());
        Result missing = main("-c", "source " + tmp.resolve("nope"));
        assertEquals("moecl: no such file: " + tmp.resolve("nope"), missing.err().strip());
    }

    @Test
    void saveNeverCreatesFoldersNorOverwritesWithoutForce() throws IOException {
        Path f = tmp.resolve("exp.spec");
        String out = session("set M=3\nsave " + tmp.resolve("sub/exp.spec") + "\nsave " + f + "\nset M=4\nsave " + f
                + "\nsave " + f + " --force\nexit\n");
        assertTrue(out.contains("moecl: no folder " + tmp.resolve("sub")), out);
        assertFalse(Files.exists(tmp.resolve("sub")));
        assertTrue(out.contains("moecl: " + f + " exists; not overwritten (save " + f + " --force overwrites it)"),
                out);
        assertTrue(Files.readString(f).contains("M=4"), Files.readString(f));
    }

    @Test
    void exitNIsTheExitCode() throws IOException {
        assertEquals(3, main("-c", "exit 3").code());
        assertEquals(0, main("-c", "exit").code());
        Result bad = main("-c", "exit three");
        assertEquals(2, bad.code());
        assertEquals("moecl: exit expects a code from 0 to 255, got 'three'", bad.err().strip());
        try (DumbSession s = new DumbSession(new ByteArrayInputStream("exit 4\nshow\n".getBytes(
                StandardCharsets.UTF_8)), runs(), tmp)) {
            assertEquals(4, s.repl.interactive(s.terminal, null));
            assertFalse(s.output().contains("(default)"), "nothing after exit");
        }
    }

    @Test
    void compareWithAnUnknownMetricFailsBeforePrintingAnything() throws IOException {
        assertEquals(0, main("-c", "run T=10 M=1 --quiet --out " + runs()).code());
        Result r = main("-c", "set T=1; compare " + folders().get(0) + " " + folders().get(0) + " metric=Q");
        assertEquals(2, r.code());
        assertEquals("", r.out(), "no table before the error");
        assertTrue(r.err().startsWith("moecl: no metric 'Q' in " + folders().get(0).getFileName()), r.err());
        assertTrue(r.err().contains("(metrics: F, G, F_ref, G_ref"), r.err());
    }

    // ---- the spec across sessions ----------------------------------------------------------------------------------

    @Test
    void theNextInteractiveSessionStartsFromTheLastOnesSpecUnlessFresh() throws IOException {
        Path spec = tmp.resolve("home/session.spec");
        interactive("set M=7 router=paper(eta=0.2)\nexit\n", spec, true);
        assertTrue(Files.readString(spec).contains("M=7"), Files.readString(spec));
        String restored = interactive("show\nexit\n", spec, true);
        assertTrue(restored.contains("restored the last session's spec: M=7 router=paper(eta=0.2)"), restored);
        assertTrue(restored.contains("  M        7 "), restored);
        String fresh = interactive("show\nexit\n", spec, false);
        assertFalse(fresh.contains("restored"), fresh);
        assertTrue(fresh.contains("  M        5                              (default)"), fresh);
        // batch sessions neither read nor write it
        assertEquals(0, main("-c", "set M=9").code());
        assertTrue(Files.readString(spec).contains("M=7"));
    }

    @Test
    void freshIsAnOptionOfTheWorkbench() {
        assertTrue(ReplMain.wants(List.of("--fresh")));
        assertTrue(ReplMain.wants(List.of("--fresh", "shell")));
        assertTrue(ReplMain.parse(List.of("shell", "--fresh"), false).fresh());
        assertFalse(ReplMain.parse(List.of("shell"), false).fresh());
    }

    private String interactive(String typed, Path specFile, boolean restore) throws IOException {
        try (DumbSession s = new DumbSession(new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8)),
                runs(), tmp)) {
            s.repl.rememberSpec(specFile, restore);
            s.repl.interactive(s.terminal, null);
            return s.output();
        }
    }

    // ---- completion ------------------------------------------------------------------------------------------------

    @Test
    void runIdsAndTagsCompleteAfterShowExportAndRm() throws IOException {
        assertEquals(0, main("-c", "run T=10 M=1 --quiet --out " + runs()).code());
        String name = folders().get(0).getFileName().toString();
        assertTrue(session("tag " + runs().resolve(name) + " mine\nexit\n").contains("tagged " + name + " as mine"),
                "a path names a run too");
        Repl repl = new Repl(new moecl.shell.Session(new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter())));
        repl.session().runsRoot(runs());
        for (String cmd : List.of("show", "inspect", "export", "rm", "tag")) {
            List<org.jline.reader.Candidate> c = new ArrayList<>();
            String text = cmd + " ";
            new ReplCompleter(repl).complete(null, new ReplParser().parse(text, text.length()), c);
            assertTrue(c.stream().anyMatch(x -> x.value().equals(name)), cmd + ": " + c);
            assertTrue(c.stream().anyMatch(x -> x.value().equals("mine")), cmd + ": " + c);
            assertTrue(c.stream().anyMatch(x -> x.value().equals("last")), cmd + ": " + c);
        }
    }
}
