package moecl.shell.repl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import moecl.plugin.Registry;
import moecl.spec.Echo;
import moecl.spec.SpecException;
import moecl.spec.SpecParser;
import moecl.spec.SpecValue;
import moecl.spec.Words;
import moecl.workbench.RunRequest;

/**
 * The experiment a REPL session is building: the keys of {@code run} ({@link RunRequest#DEFAULTS}) that the user
 * set, each as spec text. Unset keys keep their defaults, so {@code run} in the REPL means exactly what
 * {@code moecl run} with the set keys means on the command line. Each value is checked when set: syntax, key,
 * plugin, parameters, types and ranges ({@link SpecCheck}); what depends on several keys together is checked by
 * {@code run}, where the engine builds every run before any starts.
 */
final class SessionSpec {

    private final LinkedHashMap<String, String> values = new LinkedHashMap<>();

    /**
     * Sets keys from {@code M=5 router=paper(eta=0.3)} (whitespace or commas between assignments), each checked
     * against the plugins ({@link SpecCheck}); a key given twice, a malformed value or one the plugins refuse leaves
     * the spec as it was.
     *
     * @return the canonical keys set, in order
     */
    List<String> set(Registry registry, String assignments) {
        return set(registry, Words.args(assignments));
    }

    /** Sets keys from words, each one or more {@code key=value} assignments (see {@link #set(Registry, String)}). */
    List<String> set(Registry registry, List<String> words) {
        Map<String, String> next = new LinkedHashMap<>();
        Map<String, String> given = new LinkedHashMap<>();
        for (String w : words) {
            // commas may separate assignments, as in M=5, T=500
            String word = w.endsWith(",") ? w.substring(0, w.length() - 1) : w;
            if (word.isBlank()) {
                continue;
            }
            List<Map.Entry<String, SpecValue>> parsed;
            try {
                parsed = SpecParser.parseAssignments(word);
            } catch (SpecException e) {
                throw new IllegalArgumentException(words.size() > 1 ? Echo.of(word) + ": " + e.getMessage()
                        : e.getMessage());
            }
            for (Map.Entry<String, SpecValue> a : parsed) {
                String key = RunRequest.canonicalKey(a.getKey());
                String text = a.getValue().toSpecText();
                String before = given.put(key, a.getKey() + "=" + text);
                if (before != null) {
                    throw new IllegalArgumentException(key + " is given twice (" + Echo.of(before) + " and "
                            + Echo.of(a.getKey() + "=" + text) + "); give each key once, with a list such as "
                            + key + "=[" + RunRequest.DEFAULTS.get(key) + ", ...] for several values");
                }
                // check all before changing any, so a bad assignment leaves the spec as it was
                try {
                    SpecCheck.check(registry, key, a.getValue());
                } catch (IllegalArgumentException e) {
                    String m = e.getMessage();
                    throw new IllegalArgumentException(m.toLowerCase(java.util.Locale.ROOT).contains(
                            key.toLowerCase(java.util.Locale.ROOT)) ? m : key + "=" + Echo.of(text) + ": " + m);
                }
                next.put(key, text);
            }
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

    /**
     * Writes a spec file: a comment line, then one {@code key=value} per set key. Atomic. A file that exists is
     * replaced only with {@code force}; a folder that does not exist is not created.
     */
    void save(Path file, boolean force) {
        Path abs = file.toAbsolutePath();
        FileOut.check(file, force, "save " + file + " --force");
        FileOut.write(abs, text());
    }

    /** The spec file's text. */
    String text() {
        StringBuilder sb = new StringBuilder("# moecl experiment spec: one key=value per line; unset keys take "
                + "their defaults\n");
        values.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        return sb.toString();
    }

    /** The largest spec file read: far beyond any real one, small enough that a wrong file is refused at once. */
    static final long MAX_FILE = 1 << 20;

    /**
     * Reads a spec file (one {@code key=value} per line, {@code #} comments, blank lines ignored) and replaces the
     * spec with it; a bad line is reported as {@code file:line: message} and leaves the spec unchanged.
     *
     * @return how many keys were read
     */
    int load(Registry registry, Path file) {
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
                fresh.set(registry, line);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": " + e.getMessage());
            }
        }
        values.clear();
        values.putAll(fresh.values);
        return values.size();
    }

    /** Keeps the spec in {@code file} for the next session (see {@link #restore}); failing to is not an error. */
    void remember(Path file) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            FileOut.write(file, text());
        } catch (IOException | UncheckedIOException e) {
            // the session goes on; only the next one starts without this spec
        }
    }

    /**
     * Starts from the spec a previous session kept in {@code file}, if any. The values were checked when they were
     * set; {@code run} checks them again against the plugins there are now. A line that no longer parses is
     * dropped. Returns what to tell the user (nothing when there was nothing to restore).
     */
    List<String> restore(Path file) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        List<String> lines;
        try {
            if (Files.size(file) > MAX_FILE) {
                return List.of("(the last session's spec in " + file + " is too large; starting without it)");
            }
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException | UncheckedIOException e) {
            return List.of("(cannot read the last session's spec in " + file + "; starting without it)");
        }
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            try {
                for (Map.Entry<String, SpecValue> a : SpecParser.parseAssignments(l)) {
                    values.put(RunRequest.canonicalKey(a.getKey()), a.getValue().toSpecText());
                }
            } catch (IllegalArgumentException e) {
                out.add("(dropped '" + Echo.of(l) + "' from the last session's spec: " + e.getMessage() + ")");
            }
        }
        if (!values.isEmpty()) {
            out.add(0, "restored the last session's spec: " + String.join(" ", assignments())
                    + " (show lists it; unset all clears it; moecl --fresh starts without it)");
        }
        return out;
    }
}
