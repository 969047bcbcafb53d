package moecl.shell.repl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import moecl.spec.SpecException;
import moecl.spec.SpecParser;
import moecl.spec.SpecValue;
import moecl.workbench.RunRequest;

/**
 * The experiment a REPL session is building: the keys of {@code run} ({@link RunRequest#DEFAULTS}) that the user
 * set, each as spec text. Unset keys keep their defaults, so {@code run} in the REPL means exactly what
 * {@code moecl run} with the set keys means on the command line. Values are checked when set (syntax and key), and
 * fully when run (plugins and parameters), where the engine validates every run before any starts.
 */
final class SessionSpec {

    private final LinkedHashMap<String, String> values = new LinkedHashMap<>();

    /**
     * Sets keys from {@code M=5 router=paper(eta=0.3)} (whitespace or commas between assignments).
     *
     * @return the canonical keys set, in order
     */
    List<String> set(String assignments) {
        List<Map.Entry<String, SpecValue>> parsed;
        try {
            parsed = SpecParser.parseAssignments(assignments);
        } catch (SpecException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        // check all before changing any, so a bad assignment leaves the spec as it was
        Map<String, String> next = new LinkedHashMap<>();
        RunRequest check = new RunRequest();
        for (Map.Entry<String, SpecValue> a : parsed) {
            String key = RunRequest.canonicalKey(a.getKey());
            String text = a.getValue().toSpecText();
            check.set(key, text);
            next.put(key, text);
        }
        values.putAll(next);
        return List.copyOf(next.keySet());
    }

    /** Forgets a key (it goes back to its default); {@code false} when it was not set. */
    boolean unset(String key) {
        return values.remove(RunRequest.canonicalKey(key)) != null;
    }

    void clear() {
        values.clear();
    }

    /** The keys the user set, as {@code key=value} words for {@code run}. */
    List<String> assignments() {
        List<String> out = new ArrayList<>();
        values.forEach((k, v) -> out.add(k + "=" + v));
        return out;
    }

    boolean isSet(String key) {
        return values.containsKey(key);
    }

    /** Every key in {@link RunRequest#DEFAULTS} order with its value and whether it is the default. */
    String show() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> d : RunRequest.DEFAULTS.entrySet()) {
            String v = values.get(d.getKey());
            String value = v == null ? d.getValue() : v;
            boolean isDefault = v == null || v.equals(d.getValue());
            sb.append(String.format("  %-8s %-30s %s", d.getKey(), value, isDefault ? "(default)" : "(set)")
                    .stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    /** Writes a spec file: a comment line, then one {@code key=value} per set key. Atomic. */
    void save(Path file) {
        StringBuilder sb = new StringBuilder("# moecl experiment spec: one key=value per line; unset keys take "
                + "their defaults\n");
        values.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        try {
            Path abs = file.toAbsolutePath();
            if (abs.getParent() != null) {
                Files.createDirectories(abs.getParent());
            }
            Path tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName(), ".partial");
            try {
                Files.writeString(tmp, sb, StandardCharsets.UTF_8);
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a spec file (one {@code key=value} per line, {@code #} comments, blank lines ignored) and replaces the
     * spec with it; a bad line is reported as {@code file:line: message} and leaves the spec unchanged.
     *
     * @return how many keys were read
     */
    /** The largest spec file read: far beyond any real one, small enough that a wrong file is refused at once. */
    static final long MAX_FILE = 1 << 20;

    int load(Path file) {
        List<String> lines;
        try {
            if (Files.isDirectory(file)) {
                throw new IllegalArgumentException(file + " is a folder, not a spec file");
            }
            if (Files.exists(file) && !Files.isRegularFile(file)) {
                throw new IllegalArgumentException(file + " is not a regular file (a device or a pipe); a spec file "
                        + "holds key=value lines");
            }
            if (Files.size(file) > MAX_FILE) {
                throw new IllegalArgumentException(file + " is " + Files.size(file) + " bytes; a spec file holds a few "
                        + "key=value lines (at most " + MAX_FILE + " bytes)");
            }
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalArgumentException(file + " is not UTF-8 text; a spec file holds key=value lines");
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException("no such file: " + file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        SessionSpec fresh = new SessionSpec();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                fresh.set(line);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": " + e.getMessage());
            }
        }
        values.clear();
        values.putAll(fresh.values);
        return values.size();
    }
}
