package moecl.shell.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jline.reader.Candidate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import moecl.shell.Session;

/** Tab completion, checked against the Completer directly, and the hint line's text. */
class CompletionTest {

    @TempDir
    Path tmp;

    Repl repl;

    @BeforeEach
    void setUp() {
        Session session = new Session(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        session.runsRoot(tmp.resolve("runs"));
        repl = new Repl(session);
    }

    List<String> complete(String line) {
        List<Candidate> out = new ArrayList<>();
        new ReplCompleter(repl).complete(null, new ReplParser().parse(line, line.length()), out);
        return out.stream().map(Candidate::value).toList();
    }

    Candidate candidate(String line, String value) {
        List<Candidate> out = new ArrayList<>();
        new ReplCompleter(repl).complete(null, new ReplParser().parse(line, line.length()), out);
        return out.stream().filter(c -> c.value().equals(value)).findFirst().orElseThrow();
    }

    @Test
    void commandNamesAtTheStartOfAStatement() {
        List<String> c = complete("ru");
        assertTrue(c.containsAll(List.of("run", "runs", "set", "plot", "compare", "help", "exit")), c.toString());
        assertTrue(complete("set M=5; ru").contains("run"), "after ; a new statement starts");
    }

    @Test
    void keysAfterSetUnsetAndRun() {
        assertTrue(complete("set ").containsAll(List.of("tasks=", "experts=", "router=", "M=", "T=", "rng=")));
        assertTrue(complete("run T=5 ").contains("router="));
        assertTrue(complete("unset ").containsAll(List.of("router", "M", "all")));
        assertTrue(complete("sweep ").contains("seeds="));
        assertFalse(candidate("set ", "M=").complete(), "no space after key=");
    }

    @Test
    void pluginNamesWhereAComponentIsExpected() {
        assertTrue(complete("set router=").contains("router=paper"), complete("set router=").toString());
        assertTrue(complete("set tasks=cl").containsAll(List.of("tasks=clusters", "tasks=gaussian")));
        assertTrue(complete("run experts=").contains("experts=minnorm"));
        assertTrue(complete("describe pa").containsAll(List.of("paper", "clusters", "minnorm")));
        assertTrue(complete("set M=5 router=").contains("router=paper"));
    }

    @Test
    void parameterNamesInsideAComponent() {
        List<String> c = complete("set router=paper(et");
        assertTrue(c.containsAll(List.of("router=paper(eta=", "router=paper(lambda=", "router=paper(stop=")),
                c.toString());
        Candidate eta = candidate("set router=paper(et", "router=paper(eta=");
        assertTrue(eta.descr().contains("gate learning rate") && eta.descr().contains("0.5"), eta.descr());
        // parameters already given are not offered again; after a space inside the brackets too
        List<String> more = complete("set router=paper(eta=0.3, ");
        assertTrue(more.contains("router=paper(eta=0.3, lambda="), more.toString());
        assertFalse(more.contains("router=paper(eta=0.3, eta="), more.toString());
    }

    @Test
    void variantNamesAfterStopAndTheirParameters() {
        List<String> c = complete("set router=paper(stop=");
        assertTrue(c.containsAll(List.of("router=paper(stop=threshold", "router=paper(stop=never")), c.toString());
        List<String> p = complete("run router=paper(eta=0.5, stop=threshold(ga");
        assertTrue(p.contains("router=paper(eta=0.5, stop=threshold(gamma="), p.toString());
    }

    @Test
    void runIdsForCompareAndPlotAndFilesForSaveAndLoad() throws IOException {
        Files.createDirectories(tmp.resolve("runs/20260101-120000-run"));
        Files.writeString(tmp.resolve("runs/20260101-120000-run/manifest.json"), "{}");
        assertTrue(complete("compare ").containsAll(List.of("last", "20260101-120000-run")));
        assertTrue(complete("plot F 2026").contains("20260101-120000-run"));
        assertTrue(complete("plot ").containsAll(List.of("F", "G")));
        Files.writeString(tmp.resolve("exp.spec"), "M=5\n");
        String dir = tmp.toString() + "/";
        assertTrue(complete("load " + dir + "ex").contains(dir + "exp.spec"), complete("load " + dir).toString());
        assertTrue(complete("save " + dir).contains(dir + "runs/"));
    }

    @Test
    void optionsOfRunComplete() {
        assertTrue(complete("run --th").contains("--theory"));
    }

    @Test
    void hintLineShowsTheParameterUnderTheCursor() {
        String h = Hints.at(repl, "set router=paper(et", 19).orElseThrow();
        assertTrue(h.startsWith("eta (number, default 0.5, range > 0)") && h.contains("gate learning rate"), h);
        String v = Hints.at(repl, "set router=paper(eta=0.3, stop=thr", 34).orElseThrow();
        assertTrue(v.startsWith("threshold:"), v);
        String plugin = Hints.at(repl, "set router=paper", 16).orElseThrow();
        assertTrue(plugin.startsWith("paper (router)"), plugin);
        assertEquals(PlotCommand.PLOT_USAGE + ": Chart metrics per setting (mean of its seeds) in the terminal and "
                + "as PNG and SVG files, in the same colours (help plot: the options).",
                Hints.at(repl, "plo", 3).orElseThrow());
    }

    @Test
    void tabCompletesInsideALineReaderToo() throws IOException {
        // JLine completes only on terminals that are not dumb; the streams are in memory all the same
        String out = DumbSession.run("set router=paper(et\t0.3)\nshow\nexit\n", tmp.resolve("runs"), tmp, "xterm");
        assertTrue(out.contains("router   paper(eta=0.3)"), out);
    }
}
