package moecl.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import moecl.workbench.sweep.RunIo;
import moecl.workbench.sweep.SweepPlan;

/**
 * The sweep plans this process's members have seen, by hash of their {@code sweep.json} text: the plan travels with
 * the chunks sent to a member until one of them has come back, later chunks name it by hash. A few plans are kept,
 * newest used.
 */
final class PlanCache {

    private static final int KEEP = 4;
    private static final Map<String, SweepPlan> PLANS = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SweepPlan> eldest) {
            return size() > KEEP;
        }
    };

    private static final java.util.concurrent.ConcurrentHashMap<String, Object> PARSING =
            new java.util.concurrent.ConcurrentHashMap<>();

    private PlanCache() {
    }

    /** The hash that names a plan's text. */
    static String hash(String planText) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(planText.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The plan named {@code hash}: from the cache, or parsed from {@code text} when given (once: chunks that bring
     * the same text at the same time wait for the first one's parse); null if unknown and no text.
     */
    static SweepPlan get(String hash, String text) {
        SweepPlan p = lookup(hash);
        if (p != null || text == null) {
            return p;
        }
        Object lock = PARSING.computeIfAbsent(hash, k -> new Object());
        try {
            synchronized (lock) {
                p = lookup(hash);
                if (p != null) {
                    return p;
                }
                try {
                    p = SweepPlan.fromJson(RunIo.JSON.readTree(text));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read the sweep plan sent by the driver", e);
                }
                synchronized (PLANS) {
                    PLANS.put(hash, p);
                }
                return p;
            }
        } finally {
            PARSING.remove(hash, lock);
        }
    }

    private static SweepPlan lookup(String hash) {
        synchronized (PLANS) {
            return PLANS.get(hash);
        }
    }

    static void clear() {
        synchronized (PLANS) {
            PLANS.clear();
        }
    }
}
