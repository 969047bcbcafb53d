package moecl.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** What a command prints reaches the stream before the process exits, even without a final newline flush. */
class MainOutputTest {

    @Test
    void describeOutputIsFlushedWhenTheCommandEnds() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        // autoflush only flushes on println: describe prints with print
        PrintWriter out = new PrintWriter(bytes, true, StandardCharsets.UTF_8);
        int code = Main.run(new String[] {"describe", "paper"}, out, new PrintWriter(new ByteArrayOutputStream()));
        assertEquals(0, code);
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("gate learning rate"), text);
    }

    /** The top-level help lists the interactive session's --fresh, and --fresh with a bad option names that one. */
    @Test
    void topLevelHelpListsFreshAndABadOptionBesideItIsNamed() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        assertEquals(0, Main.run(new String[] {"--help"}, new PrintWriter(bytes, true, StandardCharsets.UTF_8),
                new PrintWriter(errBytes, true, StandardCharsets.UTF_8)));
        String help = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(help.contains("--fresh              start the interactive session"), help);
        int code = Main.run(new String[] {"--fresh", "--bogus"}, new PrintWriter(bytes, true, StandardCharsets.UTF_8),
                new PrintWriter(errBytes, true, StandardCharsets.UTF_8));
        assertEquals(2, code);
        assertTrue(errBytes.toString(StandardCharsets.UTF_8).startsWith("moecl: unknown option '--bogus'"),
                errBytes.toString(StandardCharsets.UTF_8));
    }

    /** A --plugin-path folder that does not exist is named (its plugins would otherwise just be "unknown"). */
    @Test
    void aPluginPathThatIsNoFolderIsNamed() {
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"--plugin-path", "/no/such/moecl-plugins", "list", "router"},
                new PrintWriter(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintWriter(errBytes, true, StandardCharsets.UTF_8));
        assertEquals(0, code);
        assertEquals("note: --plugin-path /no/such/moecl-plugins is not a folder; no plugins come from it\n",
                errBytes.toString(StandardCharsets.UTF_8));
    }

    /** Every subcommand answers --help (and 'help CMD') with its usage on stdout and exit code 0. */
    @Test
    void everySubcommandHasHelp() {
        for (String cmd : java.util.List.of("list", "describe", "run", "repro", "theory", "bench", "script")) {
            for (String[] args : new String[][] {{cmd, "--help"}, {cmd, "-h"}, {"help", cmd}}) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
                int code = Main.run(args, new PrintWriter(bytes, true, StandardCharsets.UTF_8),
                        new PrintWriter(errBytes, true, StandardCharsets.UTF_8));
                String text = bytes.toString(StandardCharsets.UTF_8);
                String joined = String.join(" ", args);
                assertEquals(0, code, joined + ": " + errBytes.toString(StandardCharsets.UTF_8));
                assertTrue(text.startsWith("Usage: moecl " + cmd), joined + ": " + text);
                assertEquals("", errBytes.toString(StandardCharsets.UTF_8), joined);
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Main.run(new String[] {"repro", "--help"}, new PrintWriter(bytes, true, StandardCharsets.UTF_8),
                new PrintWriter(new ByteArrayOutputStream()));
        String repro = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(repro.contains("fig2, fig45 or fig3"), repro);
        assertTrue(repro.contains("eta, alpha"), repro);
    }
}
