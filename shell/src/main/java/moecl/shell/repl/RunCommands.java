package moecl.shell.repl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import moecl.spec.Echo;
import moecl.spec.SpecException;
import moecl.spec.SpecParser;
import moecl.spec.SpecValue;
import moecl.spec.Suggest;

/**
 * The REPL's commands over the session and its run folders that are not charts: {@code show RUN},
 * {@code export RUN [csv|md|tex] [to FILE]}, {@code runs} with filters, {@code tag}, {@code untag}, {@code rm},
 * {@code source FILE}, {@code save FILE [--force]} and {@code exit [N]}.
 */
final class RunCommands {

    private RunCommands() {
    }

    // ---- show ----------------------------------------------------------------------------------------------------

    static void show(Repl repl, List<String> args, String rest) {
        if (args.isEmpty()) {
            repl.out().print(repl.spec().show());
            return;
        }
        RunShow.show(repl, args);
    }

    static void inspect(Repl repl, List<String> args, String rest) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("usage: inspect RUN [setting=K | run=K] (RUN: a run id, its number in "
                    + "runs, a tag, or last)");
        }
        RunShow.show(repl, args);
    }

    // ---- export --------------------------------------------------------------------------------------------------

    static final String EXPORT_USAGE = "export RUN [csv|md|tex] [to FILE] [--force], or export RUN rounds";

    static void export(Repl repl, List<String> args, String rest) throws Exception {
        String id = null;
        ExportTable.Format format = null;
        boolean rounds = false;
        Path file = null;
        boolean force = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("to")) {
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException("'to' needs a file name (usage: " + EXPORT_USAGE + ")");
                }
                if (file != null) {
                    throw new IllegalArgumentException("'to' is given twice (usage: " + EXPORT_USAGE + ")");
                }
                file = Path.of(args.get(++i));
            } else if (a.equals("--force")) {
                force = true;
            } else if (a.startsWith("-")) {
                throw new IllegalArgumentException("unknown option '" + Echo.of(a) + "' (usage: " + EXPORT_USAGE
                        + ")");
            } else if (id == null) {
                id = a;
            } else if (a.equals("rounds") && format == null && !rounds) {
                rounds = true;
            } else if (ExportTable.Format.of(a) != null && format == null && !rounds) {
                format = ExportTable.Format.of(a);
            } else {
                throw new IllegalArgumentException("unexpected '" + Echo.of(a) + "': after the run come a format "
                        + "(csv, md or tex; rounds for rounds.csv) and 'to FILE' (usage: " + EXPORT_USAGE + ")");
            }
        }
        if (id == null) {
            throw new IllegalArgumentException("usage: " + EXPORT_USAGE);
        }
        if (rounds) {
            if (file != null || force) {
                throw new IllegalArgumentException("export RUN rounds writes rounds.csv into the run folder; it takes "
                        + "no 'to FILE'");
            }
            FolderCommands.forward("export").run(repl, List.of(id), rest);
            return;
        }
        if (format == null && file != null) {
            String name = file.getFileName().toString();
            int dot = name.lastIndexOf('.');
            format = dot < 0 ? null : ExportTable.Format.of(name.substring(dot + 1));
            if (format == null) {
                throw new IllegalArgumentException("cannot tell the format of " + file + " from its name; give it: "
                        + "export " + id + " csv|md|tex to " + file);
            }
        }
        if (format == null) {
            format = ExportTable.Format.CSV;
        }
        if (file != null) {
            FileOut.check(file, force, "export " + id + " " + format.ext + " to " + file + " --force");
        }
        Path folder = RunFolders.resolve(repl.session(), id);
        String text = ExportTable.render(FolderView.read(folder), format);
        if (file == null) {
            repl.out().print(text);
            return;
        }
        FileOut.write(file, text);
        long rows = text.lines().count();
        repl.out().println("wrote " + file + " (" + format.ext + ", the final metrics of " + folder.getFileName()
                + ", " + rows + " lines)");
    }

    // ---- runs ----------------------------------------------------------------------------------------------------

    static final List<String> FILTER_KEYS = List.of("tasks", "experts", "router", "M", "T", "rng", "name", "command",
            "tag", "since", "until");

    static void runs(Repl repl, List<String> args, String rest) {
        Path root = repl.session().runsRoot();
        Integer n = null;
        Map<String, String> filters = new LinkedHashMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq > 0) {
                String key = a.substring(0, eq);
                String canonical = FILTER_KEYS.stream().filter(k -> k.equalsIgnoreCase(key)).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("runs cannot filter by '" + Echo.of(key) + "'"
                                + Suggest.didYouMean(key, FILTER_KEYS) + " (filters: " + String.join(", ",
                                FILTER_KEYS) + "=VALUE)"));
                if (filters.put(canonical, a.substring(eq + 1)) != null) {
                    throw new IllegalArgumentException(canonical + " is given twice; give each filter once");
                }
            } else if (a.chars().allMatch(Character::isDigit) && !a.isEmpty() && a.length() < 10) {
                if (n != null) {
                    throw new IllegalArgumentException("runs takes one number of folders, got " + n + " and " + a);
                }
                n = Integer.parseInt(a);
            } else {
                throw new IllegalArgumentException("runs expects a number of folders to list (the newest) or filters "
                        + "KEY=VALUE, e.g. runs 10 router=paper since=2026-12-01 (filters: "
                        + String.join(", ", FILTER_KEYS) + "), got '" + Echo.of(a) + "'");
            }
        }
        Filter filter = new Filter(filters, root);
        List<Path> all = RunFolders.list(root);
        List<String> leftovers = RunFolders.leftovers(root);
        if (all.isEmpty()) {
            repl.out().println("no run folders under " + root + " yet (try: run T=500)");
            leftovers.forEach(repl.out()::println);
            return;
        }
        List<Integer> matching = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (Thread.currentThread().isInterrupted()) {
                throw new java.util.concurrent.CancellationException("cancelled");
            }
            if (filter.matches(all.get(i))) {
                matching.add(i);
            }
        }
        if (matching.isEmpty()) {
            repl.out().println("no run folders match " + String.join(" ", args) + " (of " + all.size()
                    + " under " + root + ")");
            return;
        }
        int limit = n != null ? n : filters.isEmpty() ? 20 : Integer.MAX_VALUE;
        if (matching.size() > limit) {
            repl.out().println("(" + (matching.size() - limit) + " older " + (filters.isEmpty() ? "run folders"
                    : "matching folders") + " not shown; runs " + matching.size() + (filters.isEmpty() ? ""
                    : " " + String.join(" ", args.stream().filter(a -> a.contains("=")).toList())) + " shows all)");
        }
        Map<String, List<String>> tags = new LinkedHashMap<>();
        Tags.read(root).forEach((t, f) -> tags.computeIfAbsent(f, x -> new ArrayList<>()).add(t));
        for (int i : matching.subList(Math.max(0, matching.size() - Math.max(0, limit)), matching.size())) {
            Path p = all.get(i);
            List<String> t = tags.get(p.getFileName().toString());
            repl.out().println(String.format("%3d ", i + 1) + RunFolders.summaryLine(p)
                    + (t == null ? "" : "  [" + String.join(", ", t) + "]"));
        }
        if (filters.isEmpty()) {
            leftovers.forEach(repl.out()::println);
        }
    }

    /** Which run folders {@code runs KEY=VALUE...} lists. */
    static final class Filter {
        private final Map<String, String> filters;
        private final Map<String, SpecValue> specs = new LinkedHashMap<>();
        private final LocalDate since;
        private final LocalDate until;
        private final Map<String, String> tags;

        Filter(Map<String, String> filters, Path root) {
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

    // ---- tag, untag ----------------------------------------------------------------------------------------------

    static void tag(Repl repl, List<String> args, String rest) {
        Path root = repl.session().runsRoot();
        if (args.isEmpty()) {
            Map<String, String> tags = Tags.read(root);
            if (tags.isEmpty()) {
                repl.out().println("no tags yet (tag RUN NAME names a run)");
            }
            tags.forEach((t, f) -> repl.out().printf("  %-16s %s%n", t, f));
            return;
        }
        if (args.size() != 2) {
            throw new IllegalArgumentException("usage: tag RUN NAME (names a run; tag alone lists the tags)");
        }
        Path folder = RunFolders.resolve(repl.session(), args.get(0));
        String name = args.get(1);
        if (!folder.toAbsolutePath().normalize().getParent().equals(root.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("only run folders under " + root + " can be tagged; " + folder
                    + " is elsewhere");
        }
        Tags.checkName(name, RunFolders.list(root).stream().map(p -> p.getFileName().toString()).toList());
        Map<String, String> tags = Tags.read(root);
        String before = tags.put(name, folder.getFileName().toString());
        Tags.write(root, tags);
        if (before != null && !before.equals(folder.getFileName().toString())) {
            repl.out().println("tag " + name + " moved from " + before + " to " + folder.getFileName());
        } else {
            repl.out().println("tagged " + folder.getFileName() + " as " + name);
        }
    }

    static void untag(Repl repl, List<String> args, String rest) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("usage: untag NAME... (tag lists the tags)");
        }
        Path root = repl.session().runsRoot();
        Map<String, String> tags = Tags.read(root);
        for (String name : args) {
            if (!tags.containsKey(name)) {
                throw new IllegalArgumentException("no tag '" + Echo.of(name) + "'" + Suggest.didYouMean(name,
                        tags.keySet()) + (tags.isEmpty() ? " (there are no tags)" : " (tags: "
                        + String.join(", ", tags.keySet()) + ")"));
            }
        }
        args.forEach(tags::remove);
        Tags.write(root, tags);
        repl.out().println("removed tag" + (args.size() == 1 ? " " : "s ") + String.join(", ", args));
    }

    // ---- rm ------------------------------------------------------------------------------------------------------

    static void rm(Repl repl, List<String> args, String rest) {
        boolean yes = args.contains("--yes") || args.contains("-y");
        List<String> ids = args.stream().filter(a -> !a.equals("--yes") && !a.equals("-y")).toList();
        for (String a : ids) {
            if (a.startsWith("-")) {
                throw new IllegalArgumentException("unknown option '" + Echo.of(a) + "' (usage: rm RUN... [--yes])");
            }
        }
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("usage: rm RUN... [--yes] (deletes run folders; asks first)");
        }
        Path root = repl.session().runsRoot();
        List<Path> folders = new ArrayList<>();
        for (String id : ids) {
            Path f = RunFolders.resolve(repl.session(), id);
            if (!folders.contains(f)) {
                folders.add(f);
            }
        }
        for (Path f : folders) {
            if (moecl.workbench.sweep.SweepStore.busy(f)) {
                throw new IllegalArgumentException(f.getFileName() + " is being written by a running sweep; stop it "
                        + "first (nothing was deleted)");
            }
        }
        String what = folders.size() == 1 ? folders.get(0).toString() : folders.size() + " run folders ("
                + String.join(", ", folders.stream().map(p -> p.getFileName().toString()).toList()) + ")";
        if (!yes) {
            if (!repl.interactiveSession()) {
                repl.error("rm deletes " + what + " only when confirmed: in batch mode (-c or piped commands) add "
                        + "--yes (rm " + String.join(" ", ids) + " --yes); nothing was deleted");
                throw new Repl.CommandFailed(Repl.FAILED);
            }
            if (!repl.confirm("delete " + what + " and everything in it?")) {
                repl.out().println("nothing deleted");
                return;
            }
        }
        Map<String, String> tags = Tags.read(root);
        for (Path f : folders) {
            delete(f);
            tags.values().removeIf(v -> v.equals(f.getFileName().toString()));
            repl.out().println("deleted " + f);
        }
        if (root != null && Files.isDirectory(root)) {
            Tags.write(root, tags);
        }
    }

    /** Deletes a folder: first renamed out of sight (a half-deleted folder is never listed), then its files. */
    static void delete(Path folder) {
        Path target = folder;
        try {
            Path hidden = folder.resolveSibling("." + folder.getFileName() + ".deleting-" + System.nanoTime());
            try {
                Files.move(folder, hidden, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                target = hidden;
            } catch (IOException e) {
                // delete in place
            }
            try (Stream<Path> s = Files.walk(target)) {
                for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + target + ": " + e.getMessage(), e);
        }
    }

    // ---- source --------------------------------------------------------------------------------------------------

    /** How deep {@code source} may nest (a file that sources itself stops here). */
    static final int MAX_SOURCE_DEPTH = 8;

    static void source(Repl repl, List<String> args, String rest) {
        Path file = Path.of(ReplCommands.one(args, "source FILE"));
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(file + " is a folder; source runs the REPL commands in a file");
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no such file: " + file);
        }
        List<String> lines;
        try {
            if (Files.size(file) > SessionSpec.MAX_FILE) {
                throw new IllegalArgumentException(file + " is " + Files.size(file) + " bytes; source reads command "
                        + "files of at most " + SessionSpec.MAX_FILE + " bytes");
            }
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalArgumentException(file + " is not UTF-8 text; source runs REPL commands, one or more "
                    + "a line");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (repl.sourcing.size() >= MAX_SOURCE_DEPTH) {
            throw new IllegalArgumentException("source nests more than " + MAX_SOURCE_DEPTH + " files deep ("
                    + String.join(" <- ", repl.sourcing) + "); does a file source itself?");
        }
        repl.sourcing.push(file.toString());
        try {
            for (int i = 0; i < lines.size() && !repl.exitRequested(); i++) {
                String line = lines.get(i);
                if (line.isBlank()) {
                    continue;
                }
                int code = repl.execute(line);
                if (code != Repl.OK) {
                    repl.error(file + ":" + (i + 1) + ": stopped at this line (" + Echo.of(line.strip())
                            + "); the lines before it ran");
                    throw new Repl.CommandFailed(code);
                }
            }
        } finally {
            repl.sourcing.pop();
        }
    }

    // ---- save, exit, compare -------------------------------------------------------------------------------------

    static void save(Repl repl, List<String> args, String rest) {
        boolean force = args.contains("--force");
        List<String> files = args.stream().filter(a -> !a.equals("--force")).toList();
        for (String a : files) {
            if (a.startsWith("-")) {
                throw new IllegalArgumentException("unknown option '" + Echo.of(a) + "' (usage: save FILE [--force])");
            }
        }
        Path f = Path.of(ReplCommands.one(files, "save FILE [--force]"));
        repl.spec().save(f, force);
        repl.out().println("saved " + f);
    }

    static void exit(Repl repl, List<String> args, String rest) {
        if (args.size() > 1) {
            throw new IllegalArgumentException("usage: exit [N] (N: the exit code, 0 to 255)");
        }
        int code = 0;
        if (!args.isEmpty()) {
            try {
                code = Integer.parseInt(args.get(0));
            } catch (NumberFormatException e) {
                code = -1;
            }
            if (code < 0 || code > 255) {
                throw new IllegalArgumentException("exit expects a code from 0 to 255, got '" + Echo.of(args.get(0))
                        + "'");
            }
        }
        repl.requestExit(code);
    }

    /**
     * Checks what {@code compare} is asked before it prints anything: the runs exist, and a {@code metric=} names a
     * per-round metric of them (several may be given with commas).
     */
    static void checkCompare(Repl repl, List<String> args) {
        String metric = null;
        List<Path> folders = new ArrayList<>();
        for (String a : args) {
            if (a.startsWith("metric=")) {
                if (metric != null) {
                    throw new IllegalArgumentException("metric is given twice (metric=" + Echo.of(metric) + " and "
                            + Echo.of(a) + "); give it once");
                }
                metric = a.substring("metric=".length());
            } else if (!a.startsWith("-") && !a.contains("=") && !List.of("band", "seeds").contains(a)) {
                Path f = RunFolders.resolve(repl.session(), a);
                if (!folders.contains(f)) {
                    folders.add(f);
                }
            }
        }
        if (metric == null || folders.isEmpty()) {
            return;
        }
        List<String> known = new ArrayList<>();
        for (Path f : folders) {
            for (String m : RunFolders.metrics(f)) {
                if (!known.contains(m)) {
                    known.add(m);
                }
            }
        }
        if (known.isEmpty()) {
            return; // the folders' columns cannot be told here: compare says what it finds
        }
        for (String m : metric.split(",")) {
            String name = m.strip();
            if (!known.contains(name)) {
                throw new IllegalArgumentException("no metric '" + Echo.of(name) + "' in "
                        + (folders.size() == 1 ? folders.get(0).getFileName() : "these run folders")
                        + Suggest.didYouMean(name, known) + " (metrics: " + String.join(", ", known) + ")");
            }
        }
    }

    /** Keys {@code runs} filters by, for completion. */
    static List<String> filterWords() {
        List<String> out = new ArrayList<>();
        FILTER_KEYS.forEach(k -> out.add(k + "="));
        return out;
    }
}
