package moecl.workbench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import moecl.engine.RunOutcome;
import moecl.engine.RunSpec;

/**
 * The provenance of a run folder: the command, every run's spec with all defaults resolved, seeds, versions, the
 * commit when known, and timings. Enough to re-run any result.
 */
public final class Manifest {

    private Manifest() {
    }

    public static String version() {
        String v = Manifest.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }

    /** The source commit, passed by the launcher ({@code -Dmoecl.commit}), or null. */
    public static String commit() {
        String c = System.getProperty("moecl.commit");
        return c == null || c.isBlank() ? null : c;
    }
}
