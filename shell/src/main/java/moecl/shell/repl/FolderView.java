package moecl.shell.repl;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import moecl.workbench.sweep.RunIndex;
import moecl.workbench.sweep.SweepStore;
import moecl.workbench.sweep.SweepViews;

/**
 * A run folder read back setting by setting, for {@code runs}, {@code plot} and {@code compare}. Two kinds:
 * <ul>
 * <li>a sweep folder ({@code sweep.json}): the settings and their runs come from the plan, the statistics of each
 * setting from {@code summary.json} when it is there and up to date with the finished runs on disk, else from the
 * finished runs' records ({@code results/<id>.json}); an interrupted sweep is read as far as it got;</li>
 * <li>an older run folder ({@code manifest.json}, {@code summary.json} with {@code runs} only): the runs are
 * grouped into settings by everything but their seed and repeat, labelled by the keys that vary across them.</li>
 * </ul>
 * A folder without results (a theory report) has no settings.
 */
final class FolderView {

    enum Kind {
        /** a sweep folder (sweep.json) */
        SWEEP,
        /** an older run folder (manifest.json, rounds.csv, summary.json with runs only) */
        LEGACY,
        /** neither: no per-run results (a theory report, an unreadable summary) */
        OTHER
    }

    /** n, mean, standard error (null for n < 2) and median of a sample. */
    record Stat(int n, double mean, Double se, double median) {
        static Stat of(double[] v) {
            if (v.length == 0) {
                return null;
            }
            SweepViews.Stats s = SweepViews.Stats.of(v);
            return new Stat(s.n(), s.mean(), s.se(), s.median());
        }
    }

    /** A finished run of a setting: its index, id (sweep folders), seed and record. */
    record Member(int run, String id, long seed, JsonNode record) {
    }

    /**
     * One setting: runs that differ only by seed.
     *
     * @param label   the keys that vary across the folder's settings, e.g. {@code router=paper(stop=never) M=5}
     * @param planned runs planned for it
     * @param done    its finished runs, in run order
     * @param finals  statistics of each final metric over {@code done}
     * @param frozen  how many of them froze the router
     * @param freezeMean mean freeze round over those (null when none froze)
     * @param curves  the setting's curve file relative to the folder, when it is there and up to date; else null
     */
    record Setting(int index, String label, int planned, List<Member> done, Map<String, Stat> finals, int frozen,
                   Double freezeMean, Double freezeMedian, String curves) {
        int n() {
            return done.size();
        }
    }

    /** Fields of a run's record that do not make settings differ. */
    static final Set<String> NOT_SETTING = Set.of("run", "id", "seed", "repeat", "world", "final", "freezeRound",
            "load", "expertSets", "histogramAfterFreeze", "routerState", "rngDrawsAtEnd", "labels", "loopMillis");
    /** The order in which varying keys appear in a label (labels such as {@code variant} come first). */
    static final List<String> KEY_ORDER = List.of("router", "tasks", "experts", "M", "T", "rng");

    final Path folder;
    final Kind kind;
    /** A sweep folder's finished runs (null for other folders). */
    final RunIndex index;
    final List<Setting> settings;
    final int planned;
    final int done;
    final int failed;
    /** A process holds the folder's lock right now (a sweep in progress). */
    final boolean busy;
    /** Final metric names over the finished runs, in first-seen order. */
    final List<String> metrics;
    /** A sweep folder's summary.json status ({@code complete}, {@code incomplete}); null when it has none. */
    final String summaryStatus;

    private FolderView(Path folder, Kind kind, List<Setting> settings, int planned, int done, int failed,
                       boolean busy, String summaryStatus, RunIndex index) {
        this.folder = folder;
        this.index = index;
        this.summaryStatus = summaryStatus;
        this.kind = kind;
        this.settings = List.copyOf(settings);
        this.planned = planned;
        this.done = done;
        this.failed = failed;
        this.busy = busy;
        Set<String> m = new LinkedHashSet<>();
        settings.forEach(s -> m.addAll(s.finals().keySet()));
        this.metrics = List.copyOf(m);
    }

    String name() {
        return folder.getFileName().toString();
    }

    /** Whether every planned run is finished. */
    boolean complete() {
        return done == planned;
    }

    /** Reads a folder; a file it cannot read gives an exception whose message names the file. */
    static FolderView read(Path folder) {
        if (Files.isRegularFile(folder.resolve("sweep.json"))) {
            return sweep(folder);
        }
        Path summary = folder.resolve("summary.json");
        if (Files.isRegularFile(summary)) {
            JsonNode s = RunFolders.json(summary);
            if (s.path("runs").isArray()) {
                return legacy(folder, s.path("runs"));
            }
        }
        return new FolderView(folder, Kind.OTHER, List.of(), 0, 0, 0, false, null, null);
    }

    // ---- sweep folders -------------------------------------------------------------------------------------------

    /**
     * Whether the sweep stopped while writing its views: its manifest is still the stub written when it started
     * ({@code "status": "started"}; the views end with the full manifest). A review found such a folder, killed or
     * out of disk after summary.json but before rounds.csv, listed as complete.
     */
    static boolean viewsUnfinished(Path folder) {
        Path m = folder.resolve("manifest.json");
        if (!Files.isRegularFile(m)) {
            return false;
        }
        try {
            return "started".equals(moecl.workbench.sweep.RunIo.JSON.readTree(m.toFile()).path("status").asText());
        } catch (java.io.IOException | RuntimeException e) {
            return false; // an unreadable manifest is resume's to rebuild; the views may be whole
        }
    }

    private static FolderView sweep(Path folder) {
        Path planFile = folder.resolve("sweep.json");
        JsonNode plan = RunFolders.json(planFile);
        if (!plan.path("runs").isArray() || !plan.path("settings").isArray()) {
            throw new IllegalArgumentException("cannot read " + planFile + ": not a sweep plan (no runs or settings)");
        }
        boolean busy = SweepStore.busy(folder);
        // the summary, when there: its records and per-setting statistics
        Map<Integer, JsonNode> summaryRuns = new HashMap<>();
        Map<Integer, JsonNode> summarySettings = new HashMap<>();
        Path summaryFile = folder.resolve("summary.json");
        String status = null;
        if (Files.isRegularFile(summaryFile)) {
            JsonNode s = RunFolders.json(summaryFile);
            status = s.path("status").asText(null);
            if (!busy && viewsUnfinished(folder)) {
                status = "views unfinished"; // summary.json came first; the rest of the views did not follow
            }
            s.path("runs").forEach(r -> summaryRuns.put(r.path("run").asInt(), r));
            s.path("settings").forEach(x -> summarySettings.put(x.path("setting").asInt(), x));
        }
        Map<Integer, JsonNode> runs = new HashMap<>();
        plan.path("runs").forEach(r -> runs.put(r.path("run").asInt(), r));
        int done = 0;
        int failed = 0;
        Map<Integer, Boolean> isDone = new HashMap<>();
        RunIndex index = RunIndex.scan(folder);
        for (JsonNode r : plan.path("runs")) {
            String id = r.path("id").asText();
            boolean d = index.has(id);
            isDone.put(r.path("run").asInt(), d);
            if (d) {
                done++;
            } else if (Files.isRegularFile(folder.resolve("failed").resolve(id + ".json"))) {
                failed++;
            }
        }
        List<Setting> settings = new ArrayList<>();
        for (JsonNode st : plan.path("settings")) {
            int k = st.path("setting").asInt();
            List<Member> members = new ArrayList<>();
            int planned = 0;
            for (JsonNode x : st.path("runs")) {
                int i = x.asInt();
                JsonNode r = runs.get(i);
                if (r == null) {
                    throw new IllegalArgumentException("cannot read " + planFile + ": setting " + k + " lists run " + i
                            + ", which the plan does not have");
                }
                planned++;
                if (!isDone.getOrDefault(i, false)) {
                    continue;
                }
                String id = r.path("id").asText();
                JsonNode rec = summaryRuns.get(i);
                if (rec == null || !id.equals(rec.path("id").asText(id))) {
                    rec = index.get(id).record();
                }
                members.add(new Member(i, id, r.path("seed").asLong(), rec));
            }
            JsonNode ss = summarySettings.get(k);
            String label = st.path("label").asText("setting " + k);
            if (ss != null && ss.path("n").asInt(-1) == members.size() && !members.isEmpty()) {
                // the summary is up to date with the results on disk: its statistics and its curve file
                Map<String, Stat> finals = new LinkedHashMap<>();
                ss.path("final").properties().forEach(e -> {
                    JsonNode v = e.getValue();
                    finals.put(e.getKey(), new Stat(v.path("n").asInt(), v.path("mean").asDouble(Double.NaN),
                            v.path("se").isNumber() ? v.path("se").asDouble() : null,
                            v.path("median").asDouble(Double.NaN)));
                });
                JsonNode fr = ss.path("freezeRound");
                String curves = ss.path("curves").isTextual() ? ss.path("curves").asText() : null;
                if (curves != null && !Files.isRegularFile(folder.resolve(curves))) {
                    curves = null;
                }
                settings.add(new Setting(k, label, planned, members, finals, fr.path("frozen").asInt(0),
                        fr.path("mean").isNumber() ? fr.path("mean").asDouble() : null,
                        fr.path("median").isNumber() ? fr.path("median").asDouble() : null, curves));
            } else {
                settings.add(computed(k, label, planned, members));
            }
        }
        return new FolderView(folder, Kind.SWEEP, settings, runs.size(), done, failed, busy, status, index);
    }

    /** A setting's statistics computed from its runs' records. */
    private static Setting computed(int index, String label, int planned, List<Member> members) {
        Map<String, List<Double>> vals = new LinkedHashMap<>();
        List<Double> freeze = new ArrayList<>();
        for (Member m : members) {
            m.record().path("final").properties().forEach(e -> {
                List<Double> l = vals.computeIfAbsent(e.getKey(), x -> new ArrayList<>());
                if (e.getValue().isNumber() && Double.isFinite(e.getValue().asDouble())) {
                    l.add(e.getValue().asDouble());
                }
            });
            if (m.record().path("freezeRound").isNumber()) {
                freeze.add(m.record().path("freezeRound").asDouble());
            }
        }
        Map<String, Stat> finals = new LinkedHashMap<>();
        vals.forEach((k, v) -> {
            Stat s = Stat.of(v.stream().mapToDouble(Double::doubleValue).toArray());
            if (s != null) {
                finals.put(k, s);
            }
        });
        Stat fr = Stat.of(freeze.stream().mapToDouble(Double::doubleValue).toArray());
        return new Setting(index, label, planned, members, finals, freeze.size(), fr == null ? null : fr.mean(),
                fr == null ? null : fr.median(), null);
    }

    // ---- older run folders ---------------------------------------------------------------------------------------

    private static FolderView legacy(Path folder, JsonNode runs) {
        Map<String, Integer> settingOf = new LinkedHashMap<>();
        List<List<Member>> members = new ArrayList<>();
        List<Map<String, String>> settingValues = new ArrayList<>();
        for (JsonNode r : runs) {
            Map<String, String> v = new LinkedHashMap<>();
            // labels (variant, ...) first, then the request keys
            r.properties().forEach(e -> {
                if (!NOT_SETTING.contains(e.getKey()) && !KEY_ORDER.contains(e.getKey())) {
                    v.put(e.getKey(), text(e.getValue()));
                }
            });
            for (String k : KEY_ORDER) {
                if (r.has(k)) {
                    v.put(k, text(r.get(k)));
                }
            }
            String key = v.toString();
            Integer s = settingOf.get(key);
            if (s == null) {
                s = settingOf.size();
                settingOf.put(key, s);
                members.add(new ArrayList<>());
                settingValues.add(v);
            }
            members.get(s).add(new Member(r.path("run").asInt(), null, r.path("seed").asLong(), r));
        }
        List<String> labels = labels(settingValues);
        List<Setting> settings = new ArrayList<>();
        for (int k = 0; k < members.size(); k++) {
            settings.add(computed(k, labels.get(k), members.get(k).size(), members.get(k)));
        }
        return new FolderView(folder, Kind.LEGACY, settings, runs.size(), runs.size(), 0, false, "complete", null);
    }

    private static String text(JsonNode n) {
        return n.isValueNode() ? n.asText() : n.toString();
    }

    /**
     * Labels of settings given their values: the keys that vary, as {@code k=v}; component specs shortened to the
     * parameters that differ among them. A single setting is labelled by its router (name) and M.
     */
    static List<String> labels(List<Map<String, String>> settings) {
        Set<String> keys = new LinkedHashSet<>();
        settings.forEach(m -> keys.addAll(m.keySet()));
        List<String> varying = new ArrayList<>();
        for (String k : keys) {
            Set<String> distinct = new LinkedHashSet<>();
            settings.forEach(m -> distinct.add(m.getOrDefault(k, "")));
            if (distinct.size() > 1) {
                varying.add(k);
            }
        }
        Map<String, Map<String, String>> shortened = new HashMap<>();
        for (String k : varying) {
            if (List.of("router", "tasks", "experts").contains(k)) {
                List<String> specs = settings.stream().map(m -> m.getOrDefault(k, "")).distinct().toList();
                shortened.put(k, shorten(specs));
            }
        }
        List<String> out = new ArrayList<>();
        for (Map<String, String> s : settings) {
            StringBuilder sb = new StringBuilder();
            if (varying.isEmpty()) {
                sb.append("router=").append(name(s.getOrDefault("router", "?"))).append(" M=")
                        .append(s.getOrDefault("M", "?"));
            }
            for (String k : varying) {
                String v = s.getOrDefault(k, "");
                if (shortened.containsKey(k)) {
                    v = shortened.get(k).getOrDefault(v, v);
                }
                sb.append(sb.isEmpty() ? "" : " ").append(k).append('=').append(v);
            }
            out.add(sb.toString());
        }
        return out;
    }

    /** A component spec's plugin name: {@code paper(eta=0.5, ...)} gives {@code paper}. */
    static String name(String spec) {
        int p = spec.indexOf('(');
        return p < 0 ? spec : spec.substring(0, p);
    }

    /**
     * Shortens resolved component specs to what tells them apart: the name, and only the parameters whose values
     * differ among specs of that name, themselves shortened the same way ({@code paper(stop=never)} against
     * {@code paper(stop=threshold)}, not the threshold's every parameter).
     */
    static Map<String, String> shorten(List<String> specs) {
        Map<String, Map<String, String>> params = new LinkedHashMap<>();
        for (String s : specs) {
            params.put(s, params(s));
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String s : specs) {
            String name = name(s);
            Map<String, String> mine = params.get(s);
            if (mine == null) {
                out.put(s, s);
                continue;
            }
            List<String> differ = new ArrayList<>();
            for (Map.Entry<String, String> e : mine.entrySet()) {
                // the values of this parameter among the specs of this name
                List<String> values = new ArrayList<>();
                for (String other : specs) {
                    Map<String, String> o = params.get(other);
                    if (name(other).equals(name) && o != null && o.containsKey(e.getKey())
                            && !values.contains(o.get(e.getKey()))) {
                        values.add(o.get(e.getKey()));
                    }
                }
                boolean differs = values.size() > 1 || specs.stream().anyMatch(other -> !other.equals(s)
                        && name(other).equals(name) && params.get(other) != null
                        && !params.get(other).containsKey(e.getKey()));
                if (differs) {
                    String v = values.size() > 1 ? shorten(values).getOrDefault(e.getValue(), e.getValue())
                            : e.getValue();
                    differ.add(e.getKey() + "=" + v);
                }
            }
            out.put(s, differ.isEmpty() ? name : name + "(" + String.join(", ", differ) + ")");
        }
        return out;
    }

    /** The top-level {@code key=value} parameters of {@code name(k=v, ...)}; null when it is not of that form. */
    static Map<String, String> params(String spec) {
        int open = spec.indexOf('(');
        Map<String, String> out = new LinkedHashMap<>();
        if (open < 0) {
            return out;
        }
        if (!spec.endsWith(")")) {
            return null;
        }
        String body = spec.substring(open + 1, spec.length() - 1);
        int depth = 0;
        int start = 0;
        boolean quoted = false;
        for (int i = 0; i <= body.length(); i++) {
            char c = i < body.length() ? body.charAt(i) : ',';
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '(' || c == '[')) {
                depth++;
            } else if (!quoted && (c == ')' || c == ']')) {
                depth--;
            } else if (!quoted && depth == 0 && c == ',') {
                String part = body.substring(start, i).strip();
                start = i + 1;
                if (part.isEmpty()) {
                    continue;
                }
                int eq = part.indexOf('=');
                if (eq < 0) {
                    return null;
                }
                out.put(part.substring(0, eq).strip(), part.substring(eq + 1).strip());
            }
        }
        return out;
    }
}
