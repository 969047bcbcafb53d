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

    public static Map<String, Object> build(Map<String, Object> command, List<RunSpec> specs, List<RunOutcome> outcomes,
                                     int threads, long runNanos) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("moecl", version());
        m.put("commit", commit());
        m.put("java", Runtime.version().toString());
        m.put("created", Instant.now().toString());
        m.putAll(command);
        m.put("seeds", specs.stream().map(RunSpec::seed).distinct().toList());
        m.put("threads", threads);
        List<Object> runs = new ArrayList<>();
        long loopNanos = 0;
        for (RunOutcome o : outcomes) {
            Map<String, Object> r = RunFolder.identity(o);
            if (o.rngDraws() > 0) {
                r.put("rngDrawsAtEnd", o.rngDraws());
            }
            r.put("loopMillis", o.result().nanos() / 1e6);
            loopNanos += o.result().nanos();
            runs.add(r);
        }
        m.put("runs", runs);
        Map<String, Object> timings = new LinkedHashMap<>();
        timings.put("wallMillis", runNanos / 1e6);
        timings.put("loopMillisTotal", loopNanos / 1e6);
        timings.put("roundsTotal", specs.stream().mapToLong(RunSpec::rounds).sum());
        m.put("timings", timings);
        return m;
    }
}
