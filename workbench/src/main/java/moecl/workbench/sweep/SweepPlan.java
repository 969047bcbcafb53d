package moecl.workbench.sweep;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

import moecl.engine.RunSpec;
import moecl.engine.Preflight;
import moecl.engine.Sweep;
import moecl.plugin.Registry;
import moecl.rng.RngKind;
import moecl.spec.SpecParser;
import moecl.spec.SpecValue;

/**
 * A sweep's plan, the content of {@code sweep.json}: every planned run with its stable id, its spec as asked and
 * with every default resolved, its seed and setting; the settings (runs that differ only by seed or repeat) with
 * the keys that vary across them; and the options that change results (the theory overlay). A resumed sweep reads
 * its plan back from the file and runs exactly the same specs.
 */
public final class SweepPlan {

    /** Labels that never make settings differ: the repeat number and the world label. */
    static final Set<String> NOT_SETTING = Set.of("repeat", "world");
    /** The order in which varying keys appear in a setting's label. */
    static final List<String> KEY_ORDER = List.of("router", "tasks", "experts", "M", "T", "rng");

    /**
     * One planned run.
     *
     * @param index    position in the sweep (the {@code run} column)
     * @param id       stable id: a hash of the resolved spec, seed, rng and labels
     * @param spec     the request
     * @param tasks    resolved generator spec
     * @param experts  resolved expert spec
     * @param router   resolved router spec
     * @param setting  index of the run's setting
     */
    public record Run(int index, String id, RunSpec spec, String tasks, String experts, String router, int setting) {
    }

    /**
     * Runs that differ only by seed (or repeat).
     *
     * @param index  position among the settings, in first-seen order
     * @param label  the keys that vary across the sweep's settings, e.g. {@code router=paper(stop=never) M=5}
     * @param values those keys and their values
     * @param runs   the run indices, in sweep order
     */
    public record Setting(int index, String label, Map<String, String> values, List<Integer> runs) {
    }

    private final List<Run> runs;
    private final List<RunSpec> specs;
    private final List<Setting> settings;
    private final List<String> varying;
    private final boolean theory;

    private SweepPlan(List<Run> runs, List<Setting> settings, List<String> varying, boolean theory) {
        this.runs = List.copyOf(runs);
        this.specs = this.runs.stream().map(Run::spec).toList();
        this.settings = List.copyOf(settings);
        this.varying = List.copyOf(varying);
        this.theory = theory;
    }

    /**
     * Plans the specs: resolves every component (so unknown plugins and bad parameters fail here, before any
     * run), gives each run its id and setting. The plan is then read back from its own JSON, so a fresh sweep runs
     * the very specs a resumed one reads from {@code sweep.json}.
     */
    public static SweepPlan of(Registry registry, List<RunSpec> specs, boolean theory) {
        if (specs.isEmpty()) {
            throw new IllegalArgumentException("nothing to run: the request expands to no runs");
        }
        Preflight.validate(registry, specs);
        Map<String, String[]> resolvedCache = new LinkedHashMap<>();
        List<String[]> resolved = new ArrayList<>();
        Map<SpecValue.Component, String> text = new java.util.IdentityHashMap<>(); // the runs share component objects
        for (RunSpec s : specs) {
            String key = text.computeIfAbsent(s.tasks(), SpecValue.Component::toSpecText) + "|"
                    + text.computeIfAbsent(s.experts(), SpecValue.Component::toSpecText) + "|"
                    + text.computeIfAbsent(s.router(), SpecValue.Component::toSpecText);
            resolved.add(resolvedCache.computeIfAbsent(key, k -> Preflight.resolved(registry, s)));
        }
        // settings: everything but the seed and the repeat/world labels
        Map<String, Integer> settingOf = new LinkedHashMap<>();
        List<Map<String, String>> settingValues = new ArrayList<>();
        List<List<Integer>> settingRuns = new ArrayList<>();
        int[] setting = new int[specs.size()];
        for (int i = 0; i < specs.size(); i++) {
            RunSpec s = specs.get(i);
            String[] r = resolved.get(i);
            String key = r[0] + "\n" + r[1] + "\n" + r[2] + "\n" + s.m() + "\n" + s.rounds() + "\n" + s.rng().id()
                    + "\n" + settingLabels(s);
            Integer k = settingOf.get(key);
            if (k == null) {
                k = settingOf.size();
                settingOf.put(key, k);
                settingValues.add(values(s));
                settingRuns.add(new ArrayList<>());
            }
            setting[i] = k;
            settingRuns.get(k).add(i);
        }
        List<String> varying = varying(settingValues);
        List<Setting> settings = new ArrayList<>();
        for (int k = 0; k < settingValues.size(); k++) {
            Map<String, String> shown = new LinkedHashMap<>();
            for (String key : varying) {
                shown.put(key, settingValues.get(k).getOrDefault(key, ""));
            }
            settings.add(new Setting(k, label(shown, settingValues.get(k)), shown, settingRuns.get(k)));
        }
        Map<String, Integer> seen = new java.util.HashMap<>();
        List<Run> runs = new ArrayList<>();
        MessageDigest sha = sha256();
        for (int i = 0; i < specs.size(); i++) {
            RunSpec s = specs.get(i);
            String[] r = resolved.get(i);
            String canonical = "tasks=" + r[0] + "\nexperts=" + r[1] + "\nrouter=" + r[2] + "\nM=" + s.m() + "\nT="
                    + s.rounds() + "\nrng=" + s.rng().id() + "\nseed=" + s.seed()
                    + "\nlabels=" + new TreeMap<>(s.labels()) + "\ntheory=" + theory;
            Integer first = seen.putIfAbsent(canonical, i);
            if (first != null) {
                throw duplicate(specs.get(first), s);
            }
            runs.add(new Run(i, hash(sha, canonical), s, r[0], r[1], r[2], setting[i]));
        }
        return reread(new SweepPlan(runs, settings, varying, theory), text);
    }

    /**
     * Two runs of a request that are one run once defaults are filled in ({@code M=[5,5]}, or
     * {@code router=[paper, paper(eta=0.5)]} where 0.5 is the default): the same computation twice, which would
     * count twice in its setting's statistics (n doubled, the standard error understated).
     */
    private static IllegalArgumentException duplicate(RunSpec a, RunSpec b) {
        String sa = describe(a);
        String sb = describe(b);
        return new IllegalArgumentException("the request asks for the same run twice (seed " + b.seed() + "): "
                + (sa.equals(sb) ? sa : sa + " and " + sb + " are equal once defaults are filled in")
                + "; give each value once (more samples of a setting come from more seeds)");
    }

    private static String describe(RunSpec s) {
        return "tasks=" + s.tasks().toSpecText() + " experts=" + s.experts().toSpecText() + " router="
                + s.router().toSpecText() + " M=" + s.m() + " T=" + s.rounds();
    }

    /**
     * The plan as {@link #fromJson} reads it back from {@link #toJson}: every run's spec parsed again from its text
     * (each distinct text once), so that a fresh sweep runs the very specs a resumed one reads from
     * {@code sweep.json}. Done without the JSON tree, which cost more than the rest of planning at 8000 runs.
     */
    private static SweepPlan reread(SweepPlan plan, Map<SpecValue.Component, String> text) {
        Map<String, SpecValue.Component> parsed = new java.util.HashMap<>();
        java.util.function.Function<SpecValue.Component, SpecValue.Component> again =
                c -> parsed.computeIfAbsent(text.computeIfAbsent(c, SpecValue.Component::toSpecText),
                        SpecParser::parseComponent);
        List<Run> runs = new ArrayList<>(plan.runs.size());
        for (Run r : plan.runs) {
            RunSpec s = r.spec();
            RunSpec spec = new RunSpec(again.apply(s.tasks()), again.apply(s.experts()), again.apply(s.router()),
                    s.m(), s.rounds(), RngKind.parse(s.rng().id()), s.seed(), s.labels());
            runs.add(new Run(r.index(), r.id(), spec, r.tasks(), r.experts(), r.router(), r.setting()));
        }
        return new SweepPlan(runs, plan.settings, plan.varying, plan.theory);
    }

    private static String settingLabels(RunSpec s) {
        Map<String, String> m = new TreeMap<>(s.labels());
        m.keySet().removeAll(NOT_SETTING);
        return m.toString();
    }

    /** A setting's candidate keys and values: the labels (variant, ...) then the request keys. */
    private static Map<String, String> values(RunSpec s) {
        Map<String, String> v = new LinkedHashMap<>();
        new TreeMap<>(s.labels()).forEach((k, x) -> {
            if (!NOT_SETTING.contains(k)) {
                v.put(k, x);
            }
        });
        v.put("router", s.router().toSpecText());
        v.put("tasks", s.tasks().toSpecText());
        v.put("experts", s.experts().toSpecText());
        v.put("M", Integer.toString(s.m()));
        v.put("T", Integer.toString(s.rounds()));
        v.put("rng", s.rng().id());
        return v;
    }

    /**
     * The keys whose values differ between settings, in label order, leaving out a key whose value follows from the
     * keys before it (in Fig. 2 the router is fixed by the variant, so {@code variant=stop M=5} says it all).
     */
    private static List<String> varying(List<Map<String, String>> settings) {
        Set<String> keys = new LinkedHashSet<>();
        settings.forEach(m -> keys.addAll(m.keySet()));
        List<String> out = new ArrayList<>();
        for (String k : keys) {
            Map<String, String> valueByGroup = new LinkedHashMap<>();
            boolean determined = true;
            Set<String> distinct = new LinkedHashSet<>();
            for (Map<String, String> m : settings) {
                StringBuilder group = new StringBuilder();
                for (String kept : out) {
                    group.append(m.getOrDefault(kept, "")).append('\u0000');
                }
                String v = m.getOrDefault(k, "");
                distinct.add(v);
                String before = valueByGroup.putIfAbsent(group.toString(), v);
                if (before != null && !before.equals(v)) {
                    determined = false;
                }
            }
            if (distinct.size() > 1 && (out.isEmpty() || !determined)) {
                out.add(k);
            }
        }
        return out;
    }

    /** {@code k=v k=v} over the varying keys; a sweep of one setting is labelled by its router and M. */
    private static String label(Map<String, String> shown, Map<String, String> all) {
        if (shown.isEmpty()) {
            return "router=" + all.get("router") + " M=" + all.get("M");
        }
        StringBuilder sb = new StringBuilder();
        shown.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : " ").append(k).append('=').append(v));
        return sb.toString();
    }

    static String hash(String canonical) {
        return hash(sha256(), canonical);
    }

    /** The first 8 bytes of the SHA-256 of {@code canonical}, in hex; {@code sha} is reset by the digest. */
    private static String hash(MessageDigest sha, String canonical) {
        byte[] d = sha.digest(canonical.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(d, 0, 8);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<Run> runs() {
        return runs;
    }

    public Run run(int index) {
        return runs.get(index);
    }

    public List<Setting> settings() {
        return settings;
    }

    /** The keys that vary across settings, in label order. */
    public List<String> varying() {
        return varying;
    }

    public boolean theory() {
        return theory;
    }

    private int[] owners;
    private List<int[]> units;

    /** The run whose spec builds run {@code index}'s world (see {@link Sweep#worldOwners}). */
    public synchronized int worldOwner(int index) {
        if (owners == null) {
            owners = Sweep.worldOwners(specs());
        }
        return owners[index];
    }

    /** The units of work, in sweep order (see {@link Sweep#units}). */
    public synchronized List<int[]> units() {
        if (units == null) {
            units = List.copyOf(Sweep.units(specs()));
        }
        return units;
    }

    /** The rough cost of a unit, for scheduling and chunking ({@link Sweep#cost(List, int[])}). */
    public long cost(int[] unit) {
        return Sweep.cost(specs, unit);
    }

    /** The units ordered by cost, longest first; ties keep plan order ({@link Sweep#longestFirst}). */
    public List<int[]> longestFirst(List<int[]> units) {
        return Sweep.longestFirst(specs, units);
    }

    /** The runs' specs, in run order. */
    public List<RunSpec> specs() {
        return specs;
    }

    /** Total rows of the per-round record. */
    public long rows() {
        return runs.stream().mapToLong(r -> r.spec().rounds()).sum();
    }

    /** {@code sweep.json}: deterministic (no timestamps), so the same request gives the same bytes. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", "moecl-sweep/1");
        m.put("theory", theory);
        m.put("varying", varying);
        List<Object> s = new ArrayList<>();
        for (Setting st : settings) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("setting", st.index());
            e.put("label", st.label());
            e.put("values", st.values());
            e.put("runs", st.runs());
            s.add(e);
        }
        m.put("settings", s);
        List<Object> rs = new ArrayList<>();
        Map<SpecValue.Component, String> text = new java.util.IdentityHashMap<>(); // shared by the runs
        for (Run r : runs) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("run", r.index());
            e.put("id", r.id());
            e.put("setting", r.setting());
            e.put("seed", r.spec().seed());
            e.put("labels", new TreeMap<>(r.spec().labels()));
            e.put("M", r.spec().m());
            e.put("T", r.spec().rounds());
            e.put("rng", r.spec().rng().id());
            Map<String, Object> asked = new LinkedHashMap<>();
            asked.put("tasks", text.computeIfAbsent(r.spec().tasks(), SpecValue.Component::toSpecText));
            asked.put("experts", text.computeIfAbsent(r.spec().experts(), SpecValue.Component::toSpecText));
            asked.put("router", text.computeIfAbsent(r.spec().router(), SpecValue.Component::toSpecText));
            e.put("asked", asked);
            Map<String, Object> res = new LinkedHashMap<>();
            res.put("tasks", r.tasks());
            res.put("experts", r.experts());
            res.put("router", r.router());
            e.put("resolved", res);
            rs.add(e);
        }
        m.put("runs", rs);
        return m;
    }

    /** Reads a plan back from {@code sweep.json}'s tree; a malformed file gets a message naming what is wrong. */
    public static SweepPlan fromJson(JsonNode j) {
        if (!"moecl-sweep/1".equals(j.path("format").asText())) {
            throw new IllegalArgumentException("not a moecl sweep plan (format '" + j.path("format").asText()
                    + "', expected moecl-sweep/1)");
        }
        List<Run> runs = new ArrayList<>();
        // the runs of a sweep share a few specs: each text is parsed once (components are immutable)
        Map<String, SpecValue.Component> parsed = new java.util.HashMap<>();
        java.util.function.Function<String, SpecValue.Component> parse =
                t -> parsed.computeIfAbsent(t, SpecParser::parseComponent);
        for (JsonNode r : j.path("runs")) {
            Map<String, String> labels = new LinkedHashMap<>();
            r.path("labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
            JsonNode asked = r.path("asked");
            JsonNode res = r.path("resolved");
            RunSpec spec = new RunSpec(parse.apply(asked.path("tasks").asText()),
                    parse.apply(asked.path("experts").asText()),
                    parse.apply(asked.path("router").asText()), r.path("M").asInt(),
                    r.path("T").asInt(), RngKind.parse(r.path("rng").asText()), r.path("seed").asLong(), labels);
            runs.add(new Run(r.path("run").asInt(), r.path("id").asText(), spec, res.path("tasks").asText(),
                    res.path("experts").asText(), res.path("router").asText(), r.path("setting").asInt()));
        }
        for (int i = 0; i < runs.size(); i++) {
            if (runs.get(i).index() != i) {
                throw new IllegalArgumentException("sweep plan lists run " + runs.get(i).index() + " at position " + i);
            }
        }
        List<Setting> settings = new ArrayList<>();
        for (JsonNode s : j.path("settings")) {
            Map<String, String> values = new LinkedHashMap<>();
            s.path("values").properties().forEach(e -> values.put(e.getKey(), e.getValue().asText()));
            List<Integer> members = new ArrayList<>();
            s.path("runs").forEach(x -> members.add(x.asInt()));
            settings.add(new Setting(s.path("setting").asInt(), s.path("label").asText(), values, members));
        }
        List<String> varying = new ArrayList<>();
        j.path("varying").forEach(x -> varying.add(x.asText()));
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("sweep plan has no runs");
        }
        return new SweepPlan(runs, settings, varying, j.path("theory").asBoolean(false));
    }
}
