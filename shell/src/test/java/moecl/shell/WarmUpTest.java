package moecl.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Which command lines get the start-up helpers: the compression's preparation and the linear warm-up. */
class WarmUpTest {

    private static String[] args(String... a) {
        return a;
    }

    /** Not the interactive REPL: it prepares the compression after its first prompt. */
    @Test
    void commandsThatWriteOrReadRunFoldersGetTheCompressionPrepared() {
        for (String[] a : new String[][] {args("run", "M=5"), args("repro", "fig2"), args("resume", "runs/x"),
                args("rerun", "x"), args("export", "x"), args("worker"), args("script", "a.py"),
                args("-c", "list; run T=5"), args("--plugin-path", "list", "run"),
                args("--debug", "run")}) {
            assertEquals(true, WarmUp.touchesRunFolders(a), String.join(" ", a));
        }
        for (String[] a : new String[][] {args("list"), args("describe", "paper"), args("theory", "T=5"),
                args("bench"), args("help", "run"), args("--version"), args("-V"), args("run", "--help"),
                args("--plugin-path", "run", "list"), args(), args("shell"), args("--fresh")}) {
            assertEquals(false, WarmUp.touchesRunFolders(a), String.join(" ", a));
        }
    }

    @Test
    void onlyLinearRunsAndReprosAreWarmedUp() {
        for (String[] a : new String[][] {args("run", "M=5"), args("repro", "fig2"), args("repro", "fig45"),
                args("--plugin-path", "p", "run", "T=9")}) {
            assertEquals(true, WarmUp.linearRun(a), String.join(" ", a));
        }
        for (String[] a : new String[][] {args("repro", "fig3"), args("run", "tasks=mnist"),
                args("run", "experts=lenet"), args("run", "experts=mlp"), args("list"), args("-c", "run T=5"),
                args(), args("--plugin-path", "run", "list")}) {
            assertEquals(false, WarmUp.linearRun(a), String.join(" ", a));
        }
    }
}
