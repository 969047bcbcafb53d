package moecl.shell.repl;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code show RUN} (alias {@code inspect}): what a run folder holds, read from {@code manifest.json},
 * {@code sweep.json} and {@code summary.json} (or the finished runs' records when the summary is missing or out of
 * date): the command and its provenance, the resolved spec (every default filled in; keys that vary by setting
 * listed with their values), the final metrics per setting, and for one run of each setting its freeze round, load
 * per expert, expert sets per task type and routing histogram; then the timings. {@code setting=K} shows every run
 * of one setting, {@code run=K} one run.
 */
final class RunShow {

    /** Settings whose first run is shown in detail; the others are in the table. */
    static final int DETAIL_SETTINGS = 6;
    /** Runs of a setting listed by {@code setting=K}. */
    static final int SETTING_RUNS = 20;
    /** Rows (task types) and columns (experts) of a histogram shown. */
    static final int MAX_TYPES = 20;
    static final int MAX_EXPERTS = 16;
    /** Values of a key that varies listed under the spec. */
    static final int SPEC_VALUES = 12;

    private RunShow() {
    }

    static void show(Repl repl, List<String> args) {
        String id = null;
        Integer setting = null;
        Integer run = null;
        for (String a : args) {
            if (a.startsWith("setting=")) {
                setting = number("setting", a.substring(8));
            } else if (a.startsWith("run=")) {
                run = number("run", a.substring(4));
            } else if (a.startsWith("-") || a.contains("=")) {
                throw new IllegalArgumentException("unknown option '" + moecl.spec.Echo.of(a)
                        + "' (usage: show RUN [setting=K | run=K])");
            } else if (id != null) {
                throw new IllegalArgumentException("show takes one run (usage: show RUN [setting=K | run=K]); "
                        + "to put runs side by side: compare " + id + " " + a);
            } else {
                id = a;
            }
        }
        if (setting != null && run != null) {
            throw new IllegalArgumentException("give setting=K or run=K, not both");
        }
        Path folder = RunFolders.resolve(repl.session(), id);
        repl.out().print(render(repl.session().runsRoot(), folder, setting, run));
    }

    private static int number(String what, String v) {
        try {
            int n = Integer.parseInt(v);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException(what + "= expects a number from 0 (as show lists them), got '"
                + moecl.spec.Echo.of(v) + "'");
    }

    static String render(Path root, Path folder, Integer onlySetting, Integer onlyRun) {
        StringBuilder sb = new StringBuilder();
        FolderView v = FolderView.read(folder);
        JsonNode manifest = Files.isRegularFile(folder.resolve("manifest.json"))
                ? RunFolders.json(folder.resolve("manifest.json")) : null;
        JsonNode plan = v.kind == FolderView.Kind.SWEEP ? RunFolders.json(folder.resolve("sweep.json")) : null;
        List<String> tags = Tags.of(root, folder);
        sb.append(folder.getFileName()).append(tags.isEmpty() ? "" : "  (tag" + (tags.size() > 1 ? "s" : "") + ": "
                + String.join(", ", tags) + ")").append('\n');
        line(sb, "folder", folder.toString());
        if (manifest != null) {
            StringBuilder cmd = new StringBuilder(manifest.path("command").asText("?"));
            manifest.path("arguments").forEach(a -> cmd.append(' ').append(a.asText()));
            if (manifest.has("experiment")) {
                cmd.append(' ').append(manifest.path("experiment").asText());
            }
            line(sb, "command", cmd.toString());
            List<String> made = new ArrayList<>();
            if (manifest.has("created")) {
                made.add(manifest.path("created").asText());
            }
            if (manifest.has("moecl")) {
                made.add("by moecl " + manifest.path("moecl").asText());
            }
            List<String> build = new ArrayList<>();
            if (manifest.has("commit")) {
                build.add("commit " + manifest.path("commit").asText());
            }
            if (manifest.has("java")) {
                build.add("Java " + manifest.path("java").asText());
            }
            if (!build.isEmpty()) {
                made.add("(" + String.join(", ", build) + ")");
            }
            if (!made.isEmpty()) {
                line(sb, "created", String.join(" ", made));
            }
        }
        if (v.kind == FolderView.Kind.OTHER) {
            if (manifest != null) {
                for (String k : List.of("tasks", "T", "seed", "note")) {
                    if (manifest.has(k)) {
                        line(sb, k, manifest.get(k).asText());
                    }
                }
            }
            sb.append("(no per-run results here: ").append(v.folder.getFileName())
                    .append(" is not a run or sweep folder)\n");
            return sb.toString();
        }
        boolean viewsMissing = v.complete() && v.kind == FolderView.Kind.SWEEP && !"complete".equals(v.summaryStatus)
                && !v.busy;
        String status = (viewsMissing ? "every run finished (" + v.done + " of " + v.planned + "), views not written"
                : v.complete() ? "complete: " + v.done + " of " + v.planned + " runs"
                : "incomplete: " + v.done + " of " + v.planned + " runs finished")
                + (v.failed > 0 ? ", " + v.failed + " failed" : "")
                + (v.busy ? " (a sweep is writing it now)" : !v.complete() || v.kind == FolderView.Kind.SWEEP
                && !"complete".equals(v.summaryStatus) ? resumeHint(v) : "");
        line(sb, "status", status);
        if (v.failed > 0) {
            List<String> why = failures(v.folder, FAILURES_SHOWN);
            for (int k = 0; k < why.size(); k++) {
                line(sb, k == 0 ? "failed" : "", why.get(k));
            }
            if (v.failed > why.size()) {
                line(sb, "", "… " + (v.failed - why.size()) + " more (failed/ in the folder)");
            }
        }
        List<JsonNode> specs = runSpecs(v, plan);
        line(sb, "seeds", seeds(specs));
        sb.append("spec (resolved: every default filled in)\n");
        for (String key : moecl.workbench.RunRequest.DEFAULTS.keySet()) {
            Set<String> values = new LinkedHashSet<>();
            for (JsonNode r : specs) {
                JsonNode x = r.has("resolved") && r.path("resolved").has(key) ? r.path("resolved").path(key)
                        : r.path(key);
                if (!x.isMissingNode() && !x.isNull()) {
                    values.add(x.asText());
                }
            }
            if (values.isEmpty()) {
                continue;
            }
            if (values.size() == 1) {
                line(sb, key, values.iterator().next());
            } else {
                line(sb, key, values.size() + " values, by setting:");
                int shown = 0;
                for (String x : values) {
                    if (shown++ == SPEC_VALUES) {
                        sb.append("              … ").append(values.size() - SPEC_VALUES).append(" more\n");
                        break;
                    }
                    sb.append("              ").append(x).append('\n');
                }
            }
        }
        sb.append(ExportTable.text(v));
        List<FolderView.Setting> settings = v.settings;
        if (onlySetting != null) {
            FolderView.Setting s = settings.stream().filter(x -> x.index() == onlySetting).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no setting " + onlySetting + " in " + v.name()
                            + " (settings: 0 to " + (settings.size() - 1) + ")"));
            sb.append("setting ").append(s.index()).append(": ").append(s.label()).append(" (").append(s.n())
                    .append(" of ").append(s.planned()).append(" runs finished)\n");
            List<FolderView.Member> shown = s.done().subList(0, Math.min(SETTING_RUNS, s.n()));
            for (FolderView.Member m : shown) {
                member(sb, m, m == shown.get(0));
            }
            if (s.n() > SETTING_RUNS) {
                sb.append("  … ").append(s.n() - SETTING_RUNS).append(" more runs (show ").append(v.name())
                        .append(" run=K shows one)\n");
            }
        } else if (onlyRun != null) {
            FolderView.Member m = settings.stream().flatMap(s -> s.done().stream()).filter(x -> x.run() == onlyRun)
                    .findFirst().orElseThrow(() -> new IllegalArgumentException("no finished run " + onlyRun + " in "
                            + v.name() + " (runs: 0 to " + (v.planned - 1) + "; setting=K lists a setting's runs)"));
            FolderView.Setting s = settings.stream().filter(x -> x.done().contains(m)).findFirst().orElseThrow();
            sb.append("setting ").append(s.index()).append(": ").append(s.label()).append('\n');
            member(sb, m, true);
        } else {
            int shown = 0;
            for (FolderView.Setting s : settings) {
                if (s.n() == 0) {
                    continue;
                }
                if (shown++ == DETAIL_SETTINGS) {
                    break;
                }
                sb.append("setting ").append(s.index()).append(": ").append(s.label()).append(" (")
                        .append(s.n()).append(s.n() == 1 ? " run" : " runs").append(s.n() > 1
                                ? "; its first below, show " + v.name() + " setting=" + s.index() + " lists all"
                                : "").append(")\n");
                member(sb, s.done().get(0), true);
            }
            long withRuns = settings.stream().filter(s -> s.n() > 0).count();
            if (withRuns > DETAIL_SETTINGS) {
                sb.append("… ").append(withRuns - DETAIL_SETTINGS).append(" more settings (show ").append(v.name())
                        .append(" setting=K shows one)\n");
            }
        }
        timings(sb, manifest);
        return sb.toString();
    }

    /** The runs' keys: the plan's runs of a sweep folder (their resolved components), else the records. */
    private static List<JsonNode> runSpecs(FolderView v, JsonNode plan) {
        List<JsonNode> out = new ArrayList<>();
        if (plan != null) {
            plan.path("runs").forEach(out::add);
        } else {
            v.settings.forEach(s -> s.done().forEach(m -> out.add(m.record())));
        }
        return out;
    }

    /** {@code 1..5}, {@code 1, 3, 7} or {@code 12 seeds from 1 to 40}. */
    static String seeds(List<JsonNode> runs) {
        Set<Long> set = new java.util.TreeSet<>();
        runs.forEach(r -> {
            if (r.path("seed").isNumber()) {
                set.add(r.path("seed").asLong());
            }
        });
        if (set.isEmpty()) {
            return "-";
        }
        List<Long> l = new ArrayList<>(set);
        long first = l.get(0);
        long last = l.get(l.size() - 1);
        if (l.size() > 1 && last - first + 1 == l.size()) {
            return first + ".." + last;
        }
        if (l.size() <= 8) {
            return String.join(", ", l.stream().map(String::valueOf).toList());
        }
        return l.size() + " seeds from " + first + " to " + last;
    }

    private static void member(StringBuilder sb, FolderView.Member m, boolean detail) {
        JsonNode r = m.record();
        JsonNode fr = r.path("freezeRound");
        String freeze = fr.isNumber() && fr.asInt() > 0 ? "froze at round " + fr.asInt() : "never froze";
        StringBuilder head = new StringBuilder("  run " + m.run() + " (seed " + m.seed()
                + (m.id() != null ? ", id " + m.id() : "") + "): " + freeze);
        if (r.path("loopMillis").isNumber()) {
            head.append(", loop ").append(millis(r.path("loopMillis").asDouble()));
        }
        if (!detail) {
            List<String> finals = new ArrayList<>();
            r.path("final").properties().forEach(e -> finals.add(e.getKey() + "=" + ExportTable.num(
                    e.getValue().asDouble())));
            sb.append(head).append("  ").append(String.join(" ", finals)).append('\n');
            return;
        }
        sb.append(head).append('\n');
        JsonNode load = r.path("load");
        if (load.isArray()) {
            List<String> cells = new ArrayList<>();
            for (int e = 0; e < load.size() && e < MAX_EXPERTS * 4; e++) {
                cells.add("e" + e + " " + load.get(e).asLong());
            }
            sb.append("    load per expert (tasks routed): ").append(String.join("  ", cells))
                    .append(load.size() > cells.size() ? "  … (" + load.size() + " experts)" : "").append('\n');
        }
        JsonNode sets = r.path("expertSets");
        if (sets.isArray()) {
            List<String> cells = new ArrayList<>();
            for (int n = 0; n < sets.size() && n < MAX_TYPES; n++) {
                List<String> members = new ArrayList<>();
                sets.get(n).forEach(x -> members.add(x.asText()));
                cells.add("n" + n + " {" + String.join(",", members) + "}");
            }
            sb.append("    expert sets per task type (argmax of the gate): ").append(String.join("  ", cells))
                    .append(sets.size() > cells.size() ? "  … (" + sets.size() + " types)" : "").append('\n');
        } else {
            sb.append("    expert sets: none (the router has no linear gate, or the tasks no type signals)\n");
        }
        JsonNode flags = r.path("routerState").path("flags");
        if (flags.isArray()) {
            List<String> not = new ArrayList<>();
            for (int e = 0; e < flags.size(); e++) {
                if (!flags.get(e).asBoolean()) {
                    not.add("e" + e);
                }
            }
            sb.append("    stop rule: ").append(flags.size() - not.size()).append(" of ").append(flags.size())
                    .append(" experts flagged").append(not.isEmpty() ? "" : "; not flagged: " + String.join(" ", not))
                    .append(" (the gate freezes once all are)\n");
        }
        JsonNode h = r.path("histogramAfterFreeze");
        if (h.isArray() && !h.isEmpty()) {
            histogram(sb, h, fr.isNumber() && fr.asInt() > 0);
        }
    }

    private static void histogram(StringBuilder sb, JsonNode h, boolean frozen) {
        int types = h.size();
        int experts = h.get(0).size();
        int shownE = Math.min(experts, MAX_EXPERTS);
        int w = 4;
        for (JsonNode row : h) {
            for (JsonNode c : row) {
                w = Math.max(w, c.asText().length() + 1);
            }
        }
        sb.append("    routing histogram ").append(frozen ? "after the freeze" : "over the whole run (never froze)")
                .append(": tasks of each type (rows) routed to each expert (columns)\n");
        sb.append("      ").append(" ".repeat(4));
        for (int e = 0; e < shownE; e++) {
            sb.append(String.format("%" + w + "s", "e" + e));
        }
        sb.append(experts > shownE ? "  … (" + experts + " experts)" : "").append('\n');
        for (int n = 0; n < Math.min(types, MAX_TYPES); n++) {
            sb.append("      ").append(String.format("%-4s", "n" + n));
            for (int e = 0; e < shownE; e++) {
                sb.append(String.format("%" + w + "s", h.get(n).path(e).asText()));
            }
            sb.append('\n');
        }
        if (types > MAX_TYPES) {
            sb.append("      … ").append(types - MAX_TYPES).append(" more task types\n");
        }
    }

    private static void timings(StringBuilder sb, JsonNode manifest) {
        if (manifest == null || !manifest.has("timings")) {
            return;
        }
        JsonNode t = manifest.path("timings");
        StringBuilder line = new StringBuilder("wall " + millis(t.path("wallMillis").asDouble()));
        if (t.path("loopMillisTotal").isNumber()) {
            line.append(", round loops ").append(millis(t.path("loopMillisTotal").asDouble())).append(" in all");
        }
        long rounds = t.path("roundsTotal").asLong(0);
        if (rounds > 0 && t.path("loopMillisTotal").isNumber()) {
            line.append(" over ").append(rounds).append(" rounds (").append(String.format("%.2f µs a round",
                    t.path("loopMillisTotal").asDouble() * 1000 / rounds)).append(')');
        }
        JsonNode inv = manifest.path("invocations");
        if (inv.size() > 1) {
            line.append("; ").append(inv.size()).append(" invocations (run, then resume)");
        }
        Map<String, Object> parts = new LinkedHashMap<>();
        if (manifest.has("threads")) {
            parts.put("threads", manifest.get("threads").asText());
        }
        if (manifest.has("engine")) {
            parts.put("engine", manifest.get("engine").asText());
        }
        if (!parts.isEmpty()) {
            List<String> p = new ArrayList<>();
            parts.forEach((k, x) -> p.add(k + " " + x));
            line.append("; ").append(String.join(", ", p));
        }
        line(sb, "timings", line.toString());
    }

    static String millis(double ms) {
        return ms >= 10_000 ? String.format("%.1f s", ms / 1000) : String.format("%.1f ms", ms);
    }

    /** How an incomplete folder is completed: resume, or its script again when it used the session's plugins. */
    private static String resumeHint(FolderView v) {
        List<String> session = moecl.workbench.sweep.SweepRunner.sessionPlugins(v.folder);
        return session.isEmpty() ? " (resume " + v.name() + (v.complete() ? " writes them)" : " completes it)")
                : " (it used " + String.join(", ", session) + " from a script or session: run that again)";
    }

    /** Failed runs listed by {@code show}. */
    static final int FAILURES_SHOWN = 5;

    /** {@code run 6 (seed 2): router flaky failed at round 7: gate exploded}, in run order, at most {@code max}. */
    static List<String> failures(Path folder, int max) {
        List<JsonNode> all = new ArrayList<>();
        Path dir = folder.resolve("failed");
        if (Files.isDirectory(dir)) {
            try (java.util.stream.Stream<Path> s = Files.list(dir)) {
                for (Path f : s.filter(x -> x.getFileName().toString().endsWith(".json")).toList()) {
                    try {
                        all.add(RunFolders.json(f));
                    } catch (RuntimeException unreadable) {
                        // a torn file: resume rewrites it
                    }
                }
            } catch (java.io.IOException e) {
                return List.of("cannot list " + dir + ": " + e.getMessage());
            }
        }
        all.sort(java.util.Comparator.comparingInt(j -> j.path("run").asInt()));
        return all.stream().limit(max).map(j -> "run " + j.path("run").asInt() + " (seed " + j.path("seed").asLong()
                + "): " + j.path("message").asText("failed")).toList();
    }

    private static void line(StringBuilder sb, String key, String value) {
        sb.append(String.format("  %-10s %s", key, value)).append('\n');
    }
}
