package moecl.shell.repl;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import moecl.spec.Echo;
import moecl.spec.Suggest;

/** The REPL's {@code runs [KEY=VALUE...]}: the run folders under the runs root, filtered ({@link RunFilter}). */
final class RunsCommand {

    private RunsCommand() {
    }

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
        RunFilter filter = new RunFilter(filters, root);
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
        Tags.Loaded loaded = Tags.load(root);
        if (loaded.damage() != null) {
            repl.out().println("note: tags not shown: " + loaded.damage());
        }
        loaded.tags().forEach((t, f) -> tags.computeIfAbsent(f, x -> new ArrayList<>()).add(t));
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
}
