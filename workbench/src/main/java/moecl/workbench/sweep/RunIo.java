package moecl.workbench.sweep;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import moecl.engine.RunFailedException;
import moecl.engine.RunSummary;

/** JSON of the sweep store's files, and writing a file atomically (a temporary name, then a rename). */
public final class RunIo {

    /** Compact JSON for per-run records. */
    public static final ObjectMapper JSON = new ObjectMapper();
    /** Indented JSON for the files people read (sweep.json, summary.json, manifest.json). */
    public static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RunIo() {
    }

    /** A file body writer. */
    @FunctionalInterface
    public interface Body {
        void write(OutputStream out) throws IOException;
    }

    /**
     * Writes {@code target} atomically: into a hidden temporary file beside it, renamed over the target only when
     * complete. A failure removes the temporary file and leaves the target as it was.
     */
    public static void writeAtomically(Path target, Body body) {
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp-" + ProcessHandle.current().pid() + "-"
                + Thread.currentThread().threadId());
        try {
            try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                body.write(out);
            }
            move(tmp, target);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new StoreFailure("cannot write " + target + ": " + reason(e), e);
        } catch (RuntimeException | Error e) {
            deleteQuietly(tmp);
            throw e;
        }
    }

    private static void deleteQuietly(Path f) {
        try {
            Files.deleteIfExists(f);
        } catch (IOException ignored) {
            // best effort
        }
    }

    /** Renames atomically where the file system can, replacing the target. */
    static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** An I/O error in words: "No space left on device", "Permission denied", ... */
    static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof com.fasterxml.jackson.core.JsonProcessingException j) {
            // the parser's own words and where, without its "[Source: REDACTED ...]" internals
            com.fasterxml.jackson.core.JsonLocation at = j.getLocation();
            String what = j.getOriginalMessage() == null ? "malformed JSON" : j.getOriginalMessage();
            what = what.replaceAll("\\s*\\(start marker at \\[Source:.*?; line: (\\d+), column: (\\d+)\\]\\)",
                    " (opened at line $1, column $2)");
            return "malformed JSON" + (at == null || at.getLineNr() < 0 ? "" : " at line " + at.getLineNr()
                    + ", column " + at.getColumnNr()) + ": " + what.replace('\n', ' ').strip();
        }
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }

    /** The bytes of a finished run's record ({@code results/<id>.json}); deterministic. */
    public static byte[] record(SweepPlan.Run run, RunSummary s, long rngDraws, String theoryNote) {
        Map<String, Object> m = identity(run);
        Map<String, Object> fin = new LinkedHashMap<>();
        s.finals().forEach(fin::put);
        m.put("final", fin);
        m.put("freezeRound", s.freezeRound() == 0 ? null : s.freezeRound());
        m.put("load", s.load());
        m.put("expertSets", s.expertSets());
        m.put("histogramAfterFreeze", s.histogram());
        if (!s.router().isEmpty()) {
            m.put("routerState", s.router());
        }
        if (rngDraws > 0) {
            m.put("rngDrawsAtEnd", rngDraws);
        }
        if (theoryNote != null) {
            m.put("theoryNote", theoryNote);
        }
        try {
            return JSON.writeValueAsBytes(m);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bytes of a failed run's record ({@code failed/<id>.json}). */
    public static byte[] failure(SweepPlan.Run run, RunFailedException e) {
        Map<String, Object> m = identity(run);
        m.put("component", e.component());
        m.put("round", e.round());
        m.put("message", e.getMessage());
        m.put("error", RunFailedException.describe(e.getCause() == null ? e : e.getCause()));
        try {
            return JSON.writeValueAsBytes(m);
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
    }

    /**
     * What identifies a run, in the order summary.json lists it: index, id, seed, labels, sizes, rng and the
     * components with every default resolved.
     */
    static Map<String, Object> identity(SweepPlan.Run run) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run", run.index());
        m.put("id", run.id());
        m.put("seed", run.spec().seed());
        m.putAll(new TreeMap<>(run.spec().labels()));
        putSetting(m, run.spec(), run.tasks(), run.experts(), run.router());
        return m;
    }

    /**
     * The part of a run's identity that describes its setting, in this order: sizes, rng and the components with
     * every default resolved ({@code tasks}, {@code experts}, {@code router} as spec text). Run records and the
     * runs a script gets back ({@code moecl.run}) list them alike.
     */
    public static void putSetting(Map<String, Object> m, moecl.engine.RunSpec spec, String tasks, String experts,
                                  String router) {
        m.put("M", spec.m());
        m.put("T", spec.rounds());
        m.put("rng", spec.rng().id());
        m.put("tasks", tasks);
        m.put("experts", experts);
        m.put("router", router);
    }

    static List<Object> list(Object... items) {
        return new ArrayList<>(List.of(items));
    }
}
