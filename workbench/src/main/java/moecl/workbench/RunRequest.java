package moecl.workbench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import moecl.engine.RunSpec;
import moecl.rng.RngKind;
import moecl.spec.Echo;
import moecl.spec.SpecException;
import moecl.spec.SpecParser;
import moecl.spec.SpecValue;
import moecl.spec.SpecValue.Component;
import moecl.spec.SpecValue.ListValue;
import moecl.spec.SpecValue.Num;
import moecl.spec.SpecValue.Range;
import moecl.spec.Words;

/**
 * The keys of {@code moecl run}: {@code tasks}, {@code experts}, {@code M}, {@code router}, {@code T},
 * {@code rng}; any key may hold a list, which makes the run a sweep over the cartesian product (in key order), and
 * every combination runs for every seed.
 */
public final class RunRequest {

    /** Allowed keys and their defaults, in the order sweeps expand them. */
    public static final Map<String, String> DEFAULTS = defaults();

    private static Map<String, String> defaults() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("tasks", "clusters");
        m.put("experts", "minnorm");
        m.put("router", "paper");
        m.put("M", "5");
        m.put("T", "2000");
        m.put("rng", "fast");
        return m;
    }

    private final LinkedHashMap<String, SpecValue> values = new LinkedHashMap<>();

    public RunRequest() {
        DEFAULTS.forEach((k, v) -> values.put(k, SpecParser.parseValue(v)));
    }

    /** Sets {@code key} from its text; unknown keys and malformed values are refused with a one-line message. */
    public RunRequest set(String key, String text) {
        String canonical = canonicalKey(key);
        SpecValue v;
        try {
            v = SpecParser.parseValue(text);
        } catch (SpecException e) {
            throw new IllegalArgumentException(canonical + "=" + Echo.of(text) + ": " + e.getMessage());
        }
        values.put(canonical, v);
        return this;
    }

    /** Parses {@code KEY=VALUE} words. */
    public RunRequest setAll(List<String> assignments) {
        Map<String, String> given = new LinkedHashMap<>();
        for (String a : assignments) {
            Words.Assignment kv = Words.assignment(a);
            if (kv == null) {
                throw new IllegalArgumentException("expected KEY=VALUE, got '" + Echo.of(a) + "' (keys: "
                        + String.join(", ", DEFAULTS.keySet()) + ")");
            }
            String key = kv.key();
            String before = given.put(canonicalKey(key), a);
            if (before != null) {
                throw new IllegalArgumentException(canonicalKey(key) + " is given twice (" + Echo.of(before) + " and "
                        + Echo.of(a) + "); give each key once, with a list for several values");
            }
            set(key, kv.value());
        }
        return this;
    }

    public static String canonicalKey(String key) {
        for (String k : DEFAULTS.keySet()) {
            if (k.equals(key) || k.equalsIgnoreCase(key)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown key '" + Echo.of(key) + "'"
                + moecl.spec.Suggest.didYouMean(key, DEFAULTS.keySet()) + " (keys: "
                + String.join(", ", DEFAULTS.keySet()) + ")");
    }

    public SpecValue get(String key) {
        return values.get(canonicalKey(key));
    }

    public Map<String, SpecValue> values() {
        return java.util.Collections.unmodifiableMap(values);
    }

    /** One run spec per combination of listed values and per seed; {@code extraLabels} go on every run. */
    public List<RunSpec> expand(List<Long> seeds, Map<String, String> extraLabels) {
        long settings = 1;
        long cap = Long.MAX_VALUE / 2 / Math.max(1, seeds.size()); // saturates instead of overflowing
        for (Map.Entry<String, SpecValue> e : values.entrySet()) {
            double product = (double) settings * optionCount(e.getKey(), e.getValue());
            settings = product >= cap ? cap : (long) product;
        }
        checkRunCount(settings * seeds.size(), settings, seeds.size(), Runtime.getRuntime().maxMemory());
        List<Map<String, SpecValue>> combos = new ArrayList<>();
        combos.add(new LinkedHashMap<>());
        for (Map.Entry<String, SpecValue> e : values.entrySet()) {
            List<SpecValue> options = options(e.getKey(), e.getValue());
            List<Map<String, SpecValue>> next = new ArrayList<>();
            for (Map<String, SpecValue> c : combos) {
                for (SpecValue o : options) {
                    Map<String, SpecValue> m = new LinkedHashMap<>(c);
                    m.put(e.getKey(), o);
                    next.add(m);
                }
            }
            combos = next;
        }
        List<RunSpec> out = new ArrayList<>();
        for (long seed : seeds) {
            for (Map<String, SpecValue> c : combos) {
                out.add(new RunSpec(component("tasks", c.get("tasks")), component("experts", c.get("experts")),
                        component("router", c.get("router")), intValue("M", c.get("M"), 1),
                        intValue("T", c.get("T"), 1), rng(c.get("rng")), seed, extraLabels));
            }
        }
        return out;
    }

    /**
     * Heap a run takes at the peak of planning a sweep (its spec, its entry in the plan, the plan's JSON text of
     * about 430 bytes a run): 100,000 runs of a 20-setting grid plan in a 512 MB heap and 200,000 do not, so
     * 2.6-5 KB; the sweep itself needs heap besides (BENCHMARKS.md, "Numbers behind the code").
     */
    static final long PLAN_BYTES_PER_RUN = 4 * 1024;

    /**
     * Refuses a request whose runs cannot be planned in half of this JVM's heap: planning six million runs ran out
     * of memory with a stack trace and left an empty folder behind.
     */
    static void checkRunCount(long runs, long settings, int seeds, long maxHeap) {
        long max = Math.max(1000, maxHeap / 2 / PLAN_BYTES_PER_RUN);
        if (runs > max) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "this request expands to %,d runs (%,d settings x %,d seeds); at most %,d can be planned in "
                    + "this JVM's heap of %,d MB: use fewer values or seeds, split it into several sweeps, or give "
                    + "the JVM more heap (MOECL_JAVA_OPTS=-Xmx...)", runs, settings, seeds, max, maxHeap >> 20));
        }
    }

    /** How many values {@link #options} gives, without building them (a range of M or T may be huge). */
    private static long optionCount(String key, SpecValue v) {
        if (v instanceof ListValue l) {
            return l.items().size();
        }
        if (v instanceof Range r && (key.equals("M") || key.equals("T"))) {
            return r.size();
        }
        return 1;
    }

    private static List<SpecValue> options(String key, SpecValue v) {
        if (v instanceof ListValue l) {
            if (l.items().isEmpty()) {
                throw new IllegalArgumentException(key + " is an empty list; give at least one value");
            }
            return l.items();
        }
        if (v instanceof Range r && (key.equals("M") || key.equals("T"))) {
            return r.stream().mapToObj(x -> (SpecValue) Num.of(x)).toList();
        }
        return List.of(v);
    }

    private static Component component(String key, SpecValue v) {
        if (v instanceof Component c) {
            return c;
        }
        throw new IllegalArgumentException(key + " must name a component such as " + DEFAULTS.get(key)
                + ", got " + v.kind() + " " + Echo.of(v.toSpecText()));
    }

    /**
     * Largest values accepted: a run keeps its per-round record in memory (about 50 bytes per round) and one
     * model per expert, so these bounds keep a mistyped value from exhausting the heap.
     */
    public static final long MAX_ROUNDS = 10_000_000;
    public static final long MAX_EXPERTS = 10_000;

    public static int intValue(String key, SpecValue v, long min) {
        long max = key.equals("M") ? MAX_EXPERTS : MAX_ROUNDS;
        if (!(v instanceof Num n) || n.value() != Math.rint(n.value())) {
            throw new IllegalArgumentException(key + " must be an integer, got " + Echo.of(v.toSpecText()));
        }
        if (n.value() < min || n.value() > max) {
            throw new IllegalArgumentException(key + "=" + Echo.of(n.text()) + " is out of range; allowed: " + min
                    + " to " + max);
        }
        return (int) n.value();
    }

    private static RngKind rng(SpecValue v) {
        String name = v instanceof Component c && c.args().isEmpty() ? c.name()
                : v instanceof SpecValue.Str s ? s.value() : v.toSpecText();
        return RngKind.parse(name);
    }

    /** Seeds from {@code --seed S} or {@code --seeds A..B} (inclusive). */
    public static List<Long> seeds(Long seed, String range) {
        if (seed != null && range != null) {
            throw new IllegalArgumentException("give either --seed or --seeds, not both");
        }
        if (range != null) {
            SpecValue v;
            try {
                v = SpecParser.parseValue(range);
            } catch (SpecException e) {
                throw new IllegalArgumentException("--seeds expects A..B with A <= B (e.g. 1..20), got '"
                        + Echo.of(range) + "': " + Echo.words(e.detail()));
            }
            if (v instanceof Range r) {
                if (r.size() > 100_000) {
                    throw new IllegalArgumentException("--seeds " + range + " is too many seeds; at most 100000");
                }
                return r.stream().boxed().toList();
            }
            if (v instanceof Num n && n.integral()) {
                return List.of((long) n.value());
            }
            throw new IllegalArgumentException("--seeds expects A..B with A <= B (e.g. 1..20), got '"
                    + Echo.of(range) + "'");
        }
        return List.of(seed == null ? 1L : seed);
    }
}
