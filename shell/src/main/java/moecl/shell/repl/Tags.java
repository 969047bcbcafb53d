package moecl.shell.repl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import moecl.workbench.RunFolder;

/**
 * Names given to run folders with {@code tag RUN NAME}, usable wherever a run id is ({@code show best},
 * {@code compare best last}). They live in one small file under the runs folder, {@code .tags.json}
 * ({@code {"best": "20261206-101500-sweep"}}), so that the run folders themselves stay as the engine wrote them; a
 * tag whose folder is gone is ignored (and dropped at the next change).
 */
final class Tags {

    static final String FILE = ".tags.json";
    /** A tag: a letter, then letters, digits, {@code -}, {@code _} or {@code .}; at most 64 characters. */
    static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");

    private Tags() {
    }

    /**
     * Tag to folder name, sorted by tag; only tags whose folders exist. A damaged tags file gives no tags here (the
     * views go on: {@link #load} says why), and is refused by {@link #readForEdit}.
     */
    static Map<String, String> read(Path root) {
        return load(root).tags();
    }

    /** The tags, and why the tags file could not be read ({@code damage}, with what to do; null when it could). */
    record Loaded(Map<String, String> tags, String damage) {
    }

    /** {@link #read}, with the damage that left it empty. */
    static Loaded load(Path root) {
        try {
            return new Loaded(readForEdit(root), null);
        } catch (RuntimeException e) {
            return new Loaded(new TreeMap<>(), e.getMessage());
        }
    }

    /** As {@link #read}, for commands that write the tags: a damaged file is refused, naming what to do. */
    static Map<String, String> readForEdit(Path root) {
        Map<String, String> out = new TreeMap<>();
        if (root == null) {
            return out;
        }
        Path f = root.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            return out;
        }
        JsonNode n;
        try {
            n = RunFolders.json(f);
            if (!n.isObject()) {
                throw new IllegalArgumentException("cannot read " + f + ": not a JSON object of tags");
            }
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(e.getMessage() + "; fix the file or delete it (the tags are lost, "
                    + "the runs are not)", e);
        }
        n.properties().forEach(e -> {
            String folder = e.getValue().asText("");
            if (!folder.isEmpty() && !folder.contains("/") && RunFolders.isRunFolder(root.resolve(folder))) {
                out.put(e.getKey(), folder);
            }
        });
        return out;
    }

    /** The tags of one folder, sorted. */
    static List<String> of(Path root, Path folder) {
        List<String> out = new ArrayList<>();
        read(root).forEach((t, f) -> {
            if (f.equals(folder.getFileName().toString())) {
                out.add(t);
            }
        });
        return out;
    }

    /** Writes the tags (atomically); an empty map removes the file. */
    static void write(Path root, Map<String, String> tags) {
        Path f = root.resolve(FILE);
        try {
            if (tags.isEmpty()) {
                Files.deleteIfExists(f);
                return;
            }
            FileOut.write(f, RunFolder.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tags) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + f + ": " + e.getMessage(), e);
        }
    }

    /** Checks a new tag's name: its form, and that it cannot be taken for a run id, a number or {@code last}. */
    static void checkName(String name, List<String> folderNames) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("tag '" + moecl.spec.Echo.of(name) + "' is not a valid name; a tag "
                    + "starts with a letter, then letters, digits, '-', '_' or '.' (at most 64 characters)");
        }
        if (name.equals("last")) {
            throw new IllegalArgumentException("'last' always means the most recent run; choose another tag");
        }
        if (folderNames.contains(name)) {
            throw new IllegalArgumentException("'" + name + "' is a run folder's name; choose another tag");
        }
    }
}
