package moecl.shell;

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

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Generated command lines, most of them wrong in some way: every one ends with exit code 0 (and a run folder), 2
 * (one line on stderr, no folder) or 3 (runs failed or gave NaN, listed); never a stack trace.
 */
class CliFuzzTest {

    static Path out;

    @BeforeContainer
    static void folder() throws IOException {
        out = Files.createTempDirectory("moecl-fuzz");
    }

    @AfterContainer
    static void clean() {
        moecl.workbench.RunFolder.deleteQuietly(out);
    }

    @Provide
    Arbitrary<List<String>> commandLines() {
        Arbitrary<String> key = Arbitraries.of("tasks", "experts", "router", "M", "T", "rng", "m", "Tasks", "seed",
                "", "x y", "router(", "@/etc/hostname");
        Arbitrary<String> value = Arbitraries.of("clusters", "gaussian", "gaussian(d=5, s=3, N=2)",
                "definition1", "minnorm", "paper", "paper(stop=never)", "oracle", "random", "roundrobin",
                "[1,2]", "[1, 2", "2", "3", "0", "-1", "1.5", "1e9", "NaN", "fast", "numpy-legacy", "numpy",
                "paper(eta=)", "paper(eta=-1)", "clusters(d=4, s=6)", "gaussian(norm=1e308)", "[]", "\"q\"",
                "paper(stop=threshold(gamma=0.1, minRounds=3))", "mnist(data=\"/nonexistent\")", "softmax(k=9)");
        Arbitrary<String> assignment = Combinators.combine(key, value).as((k, v) -> k + "=" + v);
        List<List<String>> choices = List.of(List.of(), List.of("--seed", "3"), List.of("--seeds", "1..2"),
                List.of("--seeds", "2..1"), List.of("--threads", "0"), List.of("--threads", "2"), List.of("--seed"),
                List.of("--rounds", "none"), List.of("--rounds", "maybe"), List.of("--engine", "spark"),
                List.of("--bogus"), List.of("--name", "../x"), List.of("--theory"));
        Arbitrary<List<String>> options = Arbitraries.integers().between(0, choices.size() - 1).list().ofMaxSize(2)
                .map(l -> {
                    List<String> flat = new ArrayList<>();
                    l.forEach(i -> flat.addAll(choices.get(i)));
                    return flat;
                });
        Arbitrary<String> command = Arbitraries.of("run", "run", "run", "repro", "resume", "describe", "list", "runn");
        return Combinators.combine(command, assignment.list().ofMaxSize(4), options).as((c, a, o) -> {
            List<String> args = new ArrayList<>();
            args.add(c);
            if (c.equals("repro")) {
                args.add(a.isEmpty() ? "fig9" : "fig2");
                args.addAll(List.of("--T", "20"));
            } else if (c.equals("describe") || c.equals("list")) {
                args.add(a.isEmpty() ? "papr" : a.get(0).split("=", 2)[0]);
                return args;
            } else {
                args.addAll(a);
                args.add("T=20"); // keeps the runs short (a T given before it is a duplicate key: refused)
            }
            args.addAll(o);
            args.addAll(List.of("--out", out.toString(), "--quiet"));
            return args;
        });
    }

    @Property(tries = 250)
    void everyCommandLineEndsInAResultOrOneClearError(@ForAll("commandLines") List<String> args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Main.run(args.toArray(String[]::new), new PrintWriter(o, true), new PrintWriter(e, true));
        String err = e.toString();
        assertTrue(code == 0 || code == 2 || code == 3, code + " for " + args + ": " + err);
        assertFalse(err.contains("\tat "), "a stack trace for " + args + ": " + err);
        assertFalse(err.contains("Exception:") && !err.contains("failed at round"), "a Java class name for " + args
                + ": " + err);
        if (code == 2) {
            String first = err.lines().findFirst().orElse("");
            assertTrue(first.startsWith("moecl: "), args + ": " + err);
            assertTrue(err.lines().count() <= 2, "one line (and a usage hint) for " + args + ": " + err);
        }
        if (code == 0 && (args.get(0).equals("run") || args.get(0).equals("repro"))) {
            assertTrue(o.toString().contains("run folder: "), args + ": " + o);
        }
        assertEquals(-1, err.indexOf('\u001b'), "a raw escape for " + args);
    }
}
