package moecl.shell.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import moecl.shell.Session;

/**
 * {@code last} is the most recent run folder, also when a script or {@code :js}/{@code :py} wrote it (the session
 * only sees the runs it made itself).
 */
class LastRunTest {

    @TempDir
    Path tmp;

    @Test
    void lastIsTheNewerOfTheSessionsRunAndTheNewestFolder() throws Exception {
        Path runs = tmp.resolve("runs");
        Path mine = Files.createDirectories(runs.resolve("20261206-150000-run"));
        Files.writeString(mine.resolve("manifest.json"), "{}");
        Session session = new Session(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        session.runsRoot(runs);
        session.lastRun(mine);
        assertEquals(mine, RunFolders.resolve(session, "last"));
        // a script's run, one second later
        Path script = Files.createDirectories(runs.resolve("20261206-150001-run"));
        Files.writeString(script.resolve("manifest.json"), "{}");
        assertEquals(script, RunFolders.resolve(session, "last"));
        // the session's own run is newer again
        Path again = Files.createDirectories(runs.resolve("20261206-150002-run"));
        Files.writeString(again.resolve("manifest.json"), "{}");
        session.lastRun(again);
        assertEquals(again, RunFolders.resolve(session, "last"));
    }
}
