package moecl.shell;

import static moecl.shell.Cli.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import moecl.shell.Cli.Result;

/** {@code moecl script}: runs a bundled script with --set; script errors are one line and exit code 2. */
class ScriptCliTest {

    @TempDir
    Path tmp;

    static final Path EXAMPLES = Path.of(System.getProperty("moecl.examples", "../scripts/examples"));

    @Test
    void runsABundledScriptWithOverrides() throws Exception {
        Path runs = tmp.resolve("runs");
        Result r = run("script", EXAMPLES.resolve("custom_router.js").toString(), "--set", "T=80", "--set", "seeds=1",
                "--out", runs.toString(), "--timeout", "300");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("cosine: mean final F_ref = "), r.out());
        try (var s = Files.list(runs)) {
            Path folder = s.findFirst().orElseThrow();
            assertTrue(Files.exists(folder.resolve("custom_router_F.png")));
            assertTrue(Files.exists(folder.resolve("rounds.csv")));
        }
    }

    @Test
    void scriptErrorsAreOneLineWithExitCode2() throws Exception {
        Path f = tmp.resolve("bad.js");
        Files.writeString(f, "moecl.log('start');\nmoecl.run({ routr: 'paper', T: 5 });\n");
        Result r = run("script", f.toString(), "--out", tmp.resolve("runs").toString());
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("moecl: " + f + ":2: run: unknown key 'routr'; did you mean 'router'?"), r.err());

        Result missing = run("script", tmp.resolve("nope.js").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().startsWith("moecl: no script file "), missing.err());

        Path txt = tmp.resolve("x.txt");
        Files.writeString(txt, "");
        Result lang = run("script", txt.toString());
        assertEquals(2, lang.code());
        assertTrue(lang.err().startsWith("moecl: cannot tell the language of "), lang.err());

        Path loop = tmp.resolve("loop.js");
        Files.writeString(loop, "while (true) {}\n");
        Result slow = run("script", loop.toString(), "--timeout", "1");
        assertEquals(2, slow.code(), slow.err());
        assertEquals("moecl: " + loop + ": stopped after 1 s (--timeout)", slow.err().strip());
    }
}
