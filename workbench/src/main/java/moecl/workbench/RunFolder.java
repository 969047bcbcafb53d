package moecl.workbench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * A run folder {@code runs/<timestamp>-<name>/} with {@code manifest.json}, {@code rounds.csv} and
 * {@code summary.json}. Everything is written into a hidden temporary folder first and renamed into place only
 * when complete, so a failed or interrupted run never leaves a half-written folder behind.
 */
public final class RunFolder {

    public static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RunFolder() {
    }

    /**
     * Claims a fresh folder {@code <yyyyMMdd-HHmmss>-<name>[-k]} with an atomic create: a name another process
     * took meanwhile is skipped, so concurrent writers never collide.
     */
    public static Path claim(Path root, String name) throws IOException {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        for (int i = 1; ; i++) {
            Path p = root.resolve(stamp + "-" + name + (i == 1 ? "" : "-" + i));
            try {
                return Files.createDirectory(p);
            } catch (FileAlreadyExistsException e) {
                if (i > 10_000) {
                    throw e;
                }
            }
        }
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
            Path tmp = Files.createTempDirectory(root, "." + name + ".partial-");
            Thread cleanup = new Thread(() -> deleteQuietly(tmp));
            Runtime.getRuntime().addShutdownHook(cleanup);
            Path target = null;
            try {
                for (Map.Entry<String, FileWriter> e : files.entrySet()) {
                    e.getValue().write(tmp.resolve(e.getKey()));
                }
                // claim the name, then move the finished files in, manifest.json last: readers list a folder only
                // once it has its manifest
                target = claim(root, name);
                List<String> order = new java.util.ArrayList<>(files.keySet());
                if (order.remove("manifest.json")) {
                    order.add("manifest.json");
                }
                for (String f : order) {
                    try {
                        Files.move(tmp.resolve(f), target.resolve(f), StandardCopyOption.ATOMIC_MOVE);
                    } catch (AtomicMoveNotSupportedException e) {
                        Files.move(tmp.resolve(f), target.resolve(f));
                    }
                }
                deleteQuietly(tmp);
                return target;
            } catch (IOException | RuntimeException | Error e) {
                deleteQuietly(tmp);
                if (target != null) {
                    deleteQuietly(target);
                }
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

    public static void deleteQuietly(Path dir) {
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
}
