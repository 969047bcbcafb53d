package moecl.shell.repl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Files the REPL writes on request ({@code save}, {@code export ... to FILE}): never into a folder that does not
 * exist (a typo in a path should not create folders), never over an existing file unless asked, and atomically
 * (a temporary file next to it, then one rename), so that a reader never sees half a file.
 */
final class FileOut {

    private FileOut() {
    }

    /**
     * Refuses {@code file} when its folder does not exist, when it is a folder, or when it exists and
     * {@code force} is false ({@code forceHint} says how to overwrite).
     */
    static void check(Path file, boolean force, String forceHint) {
        Path abs = file.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("no folder " + dir + " for " + file + "; create it first (mkdir -p "
                    + dir + ")");
        }
        if (Files.isDirectory(abs)) {
            throw new IllegalArgumentException(file + " is a folder; give a file name");
        }
        if (Files.exists(abs) && !force) {
            throw new IllegalArgumentException(file + " exists; not overwritten (" + forceHint + " overwrites it)");
        }
    }

    /** Writes {@code text} to {@code file} (UTF-8) through a temporary file and an atomic rename. */
    static void write(Path file, String text) {
        Path abs = file.toAbsolutePath();
        try {
            Path tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName(), ".partial");
            try {
                Files.writeString(tmp, text, StandardCharsets.UTF_8);
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
