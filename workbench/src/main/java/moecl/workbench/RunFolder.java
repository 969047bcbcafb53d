package moecl.workbench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import moecl.engine.RunOutcome;
import moecl.engine.RunResult;
import moecl.engine.RunSpec;

/**
 * A run folder {@code runs/<timestamp>-<name>/} with {@code manifest.json}, {@code rounds.csv} and
 * {@code summary.json}. Everything is written into a hidden temporary folder first and renamed into place only
 * when complete, so a failed or interrupted run never leaves a half-written folder behind.
 */
public final class RunFolder {

    public static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The per-round columns every rounds.csv starts with. */
    static final List<String> FIXED = List.of("run", "seed", "variant", "M", "t", "task", "expert");

    private RunFolder() {
    }

    /** A fresh folder name: {@code <yyyyMMdd-HHmmss>-<name>}, with a numeric suffix when taken. */
    static Path target(Path root, String name) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path p = root.resolve(stamp + "-" + name);
        for (int i = 2; Files.exists(p); i++) {
            p = root.resolve(stamp + "-" + name + "-" + i);
        }
        return p;
    }

    /**
     * Writes the folder atomically and returns its path. {@code manifest} is the provenance (spec, seeds, versions,
     * timings); {@code rounds.csv} and {@code summary.json} are derived from the outcomes only, so they are
     * byte-identical for the same specs and seeds whatever the number of threads.
     */
    public static Path write(Path root, String name, Map<String, Object> manifest, List<RunOutcome> outcomes) {
        Map<String, FileWriter> files = new LinkedHashMap<>();
        files.put("rounds.csv", f -> writeCsv(f, outcomes));
        files.put("summary.json", f -> JSON.writeValue(f.toFile(), summary(outcomes)));
        files.put("manifest.json", f -> JSON.writeValue(f.toFile(), manifest));
        return writeFiles(root, name, files);
    }

    /** Writes one file of a run folder. */
    @FunctionalInterface
    public interface FileWriter {
        void write(Path file) throws IOException;
    }

    /**
     * Creates {@code root/<timestamp>-<name>/} holding the given files, atomically: the files are written into a
     * hidden temporary folder that is renamed into place only when all are complete, and removed on failure or
     * when the process is interrupted.
     */
    public static Path writeFiles(Path root, String name, Map<String, FileWriter> files) {
        try {
            Files.createDirectories(root);
            Path target = target(root, name);
            Path tmp = Files.createTempDirectory(root, "." + target.getFileName() + ".partial-");
            Thread cleanup = new Thread(() -> deleteQuietly(tmp));
            Runtime.getRuntime().addShutdownHook(cleanup);
            try {
                for (Map.Entry<String, FileWriter> e : files.entrySet()) {
                    e.getValue().write(tmp.resolve(e.getKey()));
                }
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException | FileAlreadyExistsException e) {
                    Files.move(tmp, target);
                }
                return target;
            } catch (IOException | RuntimeException | Error e) {
                deleteQuietly(tmp);
                throw e;
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(cleanup);
                } catch (IllegalStateException ignored) {
                    // already shutting down: the hook runs and removes the temporary folder
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write run folder under " + root + ": " + e.getMessage(), e);
        }
    }

    static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }

    /** Metric column names over all runs, in first-seen order. */
    public static List<String> metricNames(List<RunOutcome> outcomes) {
        Set<String> names = new LinkedHashSet<>();
        for (RunOutcome o : outcomes) {
            names.addAll(o.result().metrics().keySet());
        }
        return new ArrayList<>(names);
    }

    static void writeCsv(Path file, List<RunOutcome> outcomes) throws IOException {
        List<String> metrics = metricNames(outcomes);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            StringBuilder sb = new StringBuilder(1 << 16);
            sb.append(String.join(",", FIXED));
            for (String m : metrics) {
                sb.append(',').append(m);
            }
            sb.append(",frozen,moved\n");
            for (RunOutcome o : outcomes) {
                RunResult r = o.result();
                RunSpec s = o.spec();
                String prefix = o.index() + "," + s.seed() + "," + s.labels().getOrDefault("variant", "") + "," + s.m()
                        + ",";
                double[][] cols = new double[metrics.size()][];
                for (int c = 0; c < metrics.size(); c++) {
                    cols[c] = r.metrics().get(metrics.get(c));
                }
                for (int i = 0; i < r.rounds(); i++) {
                    sb.append(prefix).append(i + 1).append(',').append(r.taskType()[i]).append(',')
                            .append(r.expert()[i]);
                    for (double[] col : cols) {
                        sb.append(',');
                        if (col != null) {
                            sb.append(col[i]);
                        }
                    }
                    sb.append(',').append(r.frozen()[i] ? 1 : 0).append(',').append(r.moved()[i]).append('\n');
                    if (sb.length() > 1 << 16) {
                        w.append(sb);
                        sb.setLength(0);
                    }
                }
            }
            w.append(sb);
        }
    }

    /** Per-run summaries: what was run and how it ended (no timings: those live in the manifest). */
    public static Map<String, Object> summary(List<RunOutcome> outcomes) {
        List<Object> runs = new ArrayList<>();
        for (RunOutcome o : outcomes) {
            runs.add(runSummary(o));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("runs", runs);
        return m;
    }

    /**
     * What identifies a run, in the order both summary.json and manifest.json list it: index, seed, labels, sizes,
     * rng and the components with every default resolved.
     */
    static Map<String, Object> identity(RunOutcome o) {
        RunSpec s = o.spec();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run", o.index());
        m.put("seed", s.seed());
        m.putAll(new java.util.TreeMap<>(s.labels()));
        m.put("M", s.m());
        m.put("T", s.rounds());
        m.put("rng", s.rng().id());
        m.put("tasks", o.tasks());
        m.put("experts", o.experts());
        m.put("router", o.router());
        return m;
    }

    static Map<String, Object> runSummary(RunOutcome o) {
        RunResult r = o.result();
        Map<String, Object> m = identity(o);
        Map<String, Object> fin = new LinkedHashMap<>();
        r.metrics().forEach((k, v) -> fin.put(k, v[r.rounds() - 1]));
        m.put("final", fin);
        m.put("freezeRound", r.freezeRound() == 0 ? null : r.freezeRound());
        m.put("load", r.load());
        m.put("expertSets", r.expertSets());
        m.put("histogramAfterFreeze", r.histogram());
        return m;
    }
}
