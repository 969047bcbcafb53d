package moecl.shell.repl;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import moecl.spec.Echo;
import moecl.spec.SpecException;
import moecl.spec.SpecParser;
import moecl.spec.SpecValue;
import moecl.spec.Suggest;

/** Which run folders {@code runs KEY=VALUE...} lists. */
final class RunFilter {
    private final Map<String, String> filters;
    private final Map<String, SpecValue> specs = new LinkedHashMap<>();
    private final LocalDate since;
    private final LocalDate until;
    private final Map<String, String> tags;

    RunFilter(Map<String, String> filters, Path root) {
        this.filters = filters;
        this.since = date("since", filters.get("since"));
        this.until = date("until", filters.get("until"));
        if (since != null && until != null && until.isBefore(since)) {
            throw new IllegalArgumentException("until=" + until + " is before since=" + since
                    + "; no run can match");
        }
        for (String k : List.of("tasks", "experts", "router", "M", "T", "rng")) {
            String v = filters.get(k);
            if (v != null) {
                try {
                    specs.put(k, SpecParser.parseValue(v));
                } catch (SpecException e) {
                    throw new IllegalArgumentException(k + "=" + Echo.of(v) + ": " + e.getMessage());
                }
            }
        }
        this.tags = filters.containsKey("tag") ? Tags.read(root) : Map.of();
        if (filters.containsKey("tag") && !tags.containsKey(filters.get("tag"))) {
            throw new IllegalArgumentException("no tag '" + Echo.of(filters.get("tag")) + "'"
                    + Suggest.didYouMean(filters.get("tag"), tags.keySet()) + (tags.isEmpty() ? " (no runs are "
                    + "tagged yet; tag RUN NAME tags one)" : " (tags: " + String.join(", ", tags.keySet()) + ")"));
        }
    }

    private static LocalDate date(String key, String v) {
        if (v == null) {
            return null;
        }
        try {
            return switch (v) {
                case "today" -> LocalDate.now();
                case "yesterday" -> LocalDate.now().minusDays(1);
                default -> LocalDate.parse(v);
            };
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(key + "= expects a date YYYY-MM-DD (or today, yesterday), got '"
                    + Echo.of(v) + "'");
        }
    }

    boolean matches(Path folder) {
        String name = folder.getFileName().toString();
        if (since != null || until != null) {
            LocalDate d = folderDate(name);
            if (d == null || since != null && d.isBefore(since) || until != null && d.isAfter(until)) {
                return false;
            }
        }
        if (filters.containsKey("tag") && !name.equals(tags.get(filters.get("tag")))) {
            return false;
        }
        if (filters.containsKey("name") && !RunFolders.nameOf(folder).equals(filters.get("name"))) {
            return false;
        }
        if (!filters.containsKey("command") && specs.isEmpty()) {
            return true;
        }
        try {
            JsonNode manifest = Files.isRegularFile(folder.resolve("manifest.json"))
                    ? RunFolders.json(folder.resolve("manifest.json")) : null;
            if (filters.containsKey("command")) {
                String c = manifest == null ? "run" : manifest.path("command").asText("");
                if (!c.equalsIgnoreCase(filters.get("command"))) {
                    return false;
                }
            }
            if (specs.isEmpty()) {
                return true;
            }
            for (JsonNode r : runs(folder, manifest)) {
                if (specs.entrySet().stream().allMatch(e -> matches(e.getKey(), e.getValue(), r))) {
                    return true;
                }
            }
            return false;
        } catch (RuntimeException e) {
            return false; // an unreadable folder matches no filter (runs without filters lists it as such)
        }
    }

    /** The runs of a folder, each with its keys: a sweep plan's runs, or an older folder's records. */
    private static List<JsonNode> runs(Path folder, JsonNode manifest) {
        List<JsonNode> out = new ArrayList<>();
        if (Files.isRegularFile(folder.resolve("sweep.json"))) {
            RunFolders.json(folder.resolve("sweep.json")).path("runs").forEach(out::add);
        } else if (Files.isRegularFile(folder.resolve("summary.json"))) {
            RunFolders.json(folder.resolve("summary.json")).path("runs").forEach(out::add);
        } else if (manifest != null && manifest.has("tasks")) {
            out.add(manifest);
        }
        return out;
    }

    private static boolean matches(String key, SpecValue want, JsonNode run) {
        List<SpecValue> options = want instanceof SpecValue.ListValue l ? l.items() : List.of(want);
        return options.stream().anyMatch(o -> matchesOne(key, o, run));
    }

    private static boolean matchesOne(String key, SpecValue want, JsonNode run) {
        switch (key) {
            case "M", "T" -> {
                JsonNode v = run.path(key);
                if (want instanceof SpecValue.Range r) {
                    return v.isNumber() && v.asLong() >= r.from() && v.asLong() <= r.to();
                }
                return v.isNumber() && want instanceof SpecValue.Num n && v.asDouble() == n.value();
            }
            case "rng" -> {
                return run.path("rng").asText("").equalsIgnoreCase(name(want));
            }
            default -> {
                String resolved = run.has("resolved") ? run.path("resolved").path(key).asText(null)
                        : run.path(key).asText(null);
                String asked = run.path("asked").path(key).asText(null);
                if (resolved == null) {
                    return false;
                }
                if (!(want instanceof SpecValue.Component c)) {
                    return resolved.equals(want.toSpecText());
                }
                SpecValue.Component have;
                try {
                    have = SpecParser.parseComponent(resolved);
                } catch (SpecException e) {
                    return false;
                }
                boolean sameName = have.name().equalsIgnoreCase(c.name()) || asked != null
                        && FolderView.name(asked).equalsIgnoreCase(c.name());
                return sameName && c.args().entrySet().stream().allMatch(e -> same(e.getValue(),
                        have.args().get(e.getKey())));
            }
        }
    }

    /** Whether a filter's parameter value equals a run's: numbers by value, components recursively. */
    private static boolean same(SpecValue want, SpecValue have) {
        if (have == null) {
            return false;
        }
        if (want instanceof SpecValue.Num a && have instanceof SpecValue.Num b) {
            return a.value() == b.value();
        }
        if (want instanceof SpecValue.Component a && have instanceof SpecValue.Component b) {
            return a.name().equalsIgnoreCase(b.name()) && a.args().entrySet().stream()
                    .allMatch(e -> same(e.getValue(), b.args().get(e.getKey())));
        }
        return want.toSpecText().equals(have.toSpecText());
    }

    private static String name(SpecValue v) {
        return v instanceof SpecValue.Component c ? c.name() : v instanceof SpecValue.Str s ? s.value()
                : v.toSpecText();
    }

    /** The date in a folder name {@code yyyyMMdd-HHmmss-name}, or null. */
    static LocalDate folderDate(String name) {
        if (name.length() < 8 || !name.substring(0, 8).chars().allMatch(Character::isDigit)) {
            return null;
        }
        try {
            return LocalDate.parse(name.substring(0, 4) + "-" + name.substring(4, 6) + "-" + name.substring(6, 8));
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
