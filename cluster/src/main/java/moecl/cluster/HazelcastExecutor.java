package moecl.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

import com.hazelcast.cluster.Member;
import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;

import moecl.plugin.Registry;
import moecl.workbench.sweep.RunExecutor;
import moecl.workbench.sweep.RunIo;
import moecl.workbench.sweep.SweepPlan;
import moecl.workbench.sweep.SweepStore;

/**
 * Runs a sweep's units on Hazelcast members (docs/distributed.md): one embedded member in this process
 * ({@code --engine hazelcast}), or a cluster of {@code moecl worker} members that this process joins as a lite
 * member ({@code --cluster}, {@code --members}) and only drives.
 *
 * <p>Units go in chunks of at least about {@value #DEFAULT_CHUNK_MILLIS} ms of estimated work (whole units: the runs
 * of a numpy-legacy stream stay together; smaller chunks only at the very end), each sent with
 * {@code submitToKeyOwner(chunk, chunkId)}, where the chunk id is picked among those whose partition the member with
 * the fewest chunks per thread owns; at most two chunks per compute thread of the cluster are in flight. A chunk
 * lost with its member is re-routed by Hazelcast to the partition's new owner, or sent again here (a bounded number
 * of times): execution is at-least-once. Output is exactly-once because only this process writes, through
 * {@link SweepStore#accept}, which compares a duplicate bit for bit with the first copy. The plan's text travels
 * with the chunks a member gets until it has answered one; later chunks name the plan by hash. The loop that does
 * this for one sweep is {@link ClusterSweep}; this class keeps the member ({@link Members}), the options and the
 * stats.
 */
public final class HazelcastExecutor implements RunExecutor {

    /** Estimated work per chunk: long enough that the per-task overhead (docs/distributed.md §2.3) stays small. */
    public static final int DEFAULT_CHUNK_MILLIS = 100;
    /**
     * How long a unit of {@link SweepPlan#cost} takes before the first results calibrate it: what a Fig. 2 run,
     * T = 2000 and M = 20 (cost 48,000), took on one core (BENCHMARKS.md, "Numbers behind the code").
     */
    static final double PRIOR_NANOS_PER_COST = 60;

    private final HazelcastInstance hz;
    private final boolean embedded;
    private final int embeddedThreads;
    private final Thread hook;
    private volatile long chunkNanos = DEFAULT_CHUNK_MILLIS * 1_000_000L;
    /** Threads that write results into the store; -1: none when every compute member is on this host, else 2. */
    private volatile int writerThreads = -1;
    private volatile int lastParallelism;
    private volatile Stats stats = new Stats(0, 0, 0, 0, Map.of());

    /**
     * What the last {@link #execute} did.
     *
     * @param chunks       chunks completed
     * @param resubmitted  chunks sent again after a member left (or did not know the plan)
     * @param planSends    chunks that carried the plan's text
     * @param bytes        result bytes received
     * @param byMember     completed chunks by the member that owned their key when sent
     */
    public record Stats(int chunks, int resubmitted, int planSends, long bytes, Map<String, Integer> byMember) {
    }

    private HazelcastExecutor(HazelcastInstance hz, Thread hook, boolean embedded, int embeddedThreads) {
        this.hz = hz;
        this.hook = hook;
        this.embedded = embedded;
        this.embeddedThreads = embeddedThreads;
        this.lastParallelism = embedded ? embeddedThreads : computeThreads();
    }

    /** One full member in this process ({@code threads} runs at once), loopback only, joining nobody. */
    public static HazelcastExecutor embedded(Registry registry, int threads) {
        Config c = ClusterConfigs.embedded(threads);
        MemberRegistry.set(registry);
        return start(c, true, threads);
    }

    /**
     * Joins the cluster of {@code options} as a lite member: the members started with {@code moecl worker}
     * compute, this process only sends work and writes results. Fails with a one-line message when no compute
     * member answers.
     */
    public static HazelcastExecutor join(Registry registry, ClusterOptions options) {
        return start(registry, ClusterConfigs.driver(options));
    }

    /**
     * A member with a configuration of the caller's (e.g. {@link ClusterConfigs#driver} with another cluster name,
     * for tests). A lite member needs at least one compute member in the cluster; a full member also computes, with
     * {@code registry}.
     */
    public static HazelcastExecutor start(Registry registry, Config config) {
        if (!config.isLiteMember()) {
            MemberRegistry.set(registry);
        }
        HazelcastExecutor e = start(config, false, 0);
        if (e.computeThreads() == 0) {
            String where = String.join(",", config.getNetworkConfig().getJoin().getTcpIpConfig().getMembers());
            e.close();
            throw new IllegalArgumentException("no moecl worker answered at " + where + " (cluster "
                    + config.getClusterName() + "); start 'moecl worker' there first, with the same moecl build");
        }
        return e;
    }

    private static HazelcastExecutor start(Config config, boolean embedded, int threads) {
        HazelcastInstance hz = Members.start(config);
        Thread hook = Members.shutdownHook(hz);
        try {
            return new HazelcastExecutor(hz, hook, embedded, threads);
        } catch (RuntimeException | Error e) {
            Members.stop(hz, hook);
            throw e;
        }
    }

    /**
     * Sets the estimated work per chunk (default {@value #DEFAULT_CHUNK_MILLIS} ms): smaller chunks spread a small
     * sweep over more members (tests), larger ones cost less overhead.
     */
    public HazelcastExecutor chunkMillis(double millis) {
        chunkNanos = Math.max(1, (long) (millis * 1e6));
        return this;
    }

    /**
     * Sets how many threads of this process write results into the store: 0 writes on the thread that called
     * {@link #execute}, between handling the cluster's answers; -1 (the default) chooses: 0 when every compute
     * member runs on this host (its cores are busy computing; more threads only cost), otherwise 2 (one thread
     * writing for a whole cluster would be its bottleneck: writing a Fig. 2 run's files is not small against
     * computing it; BENCHMARKS.md, "Numbers behind the code").
     */
    public HazelcastExecutor writerThreads(int n) {
        if (n < -1 || n > 64) {
            throw new IllegalArgumentException("writer threads must be -1 (auto) to 64, got " + n);
        }
        writerThreads = n;
        return this;
    }

    /** The estimated work per chunk in nanoseconds (see {@link #chunkMillis(double)}). */
    long chunkNanos() {
        return chunkNanos;
    }

    /** The writer threads for a sweep starting now (see {@link #writerThreads(int)}). */
    int writersNow() {
        if (writerThreads >= 0) {
            return writerThreads;
        }
        String here = hz.getCluster().getLocalMember().getAddress().getHost();
        for (Member m : hz.getCluster().getMembers()) {
            if (m.isLiteMember()) {
                continue;
            }
            String host = m.getAddress().getHost();
            boolean local = host.equals(here);
            try {
                local |= java.net.InetAddress.getByName(host).isLoopbackAddress();
            } catch (java.net.UnknownHostException e) {
                // a name this host cannot resolve is not this host
            }
            if (!local) {
                return 2;
            }
        }
        return 0;
    }

    /** This process's member (tests check its configuration). */
    public HazelcastInstance instance() {
        return hz;
    }

    @Override
    public String name() {
        return "hazelcast";
    }

    /** The cluster's compute threads (the sum of its full members' executor pools). */
    @Override
    public int parallelism() {
        if (embedded) {
            return embeddedThreads;
        }
        if (hz.getLifecycleService().isRunning()) {
            lastParallelism = computeThreads();
        }
        return lastParallelism;
    }

    /** What the last sweep did (chunks, resubmissions, ...). */
    public Stats stats() {
        return stats;
    }

    int computeThreads() {
        int n = 0;
        for (Member m : hz.getCluster().getMembers()) {
            if (!m.isLiteMember()) {
                n += threadsOf(m);
            }
        }
        return n;
    }

    /** A member's compute threads, from the attribute it started with (1 if it has none). */
    static int threadsOf(Member m) {
        String a = m.getAttribute(ClusterConfigs.THREADS_ATTRIBUTE);
        try {
            return a == null ? 1 : Math.max(1, Integer.parseInt(a));
        } catch (NumberFormatException e) {
            return 1; // a member of another kind
        }
    }

    @Override
    public void execute(SweepPlan plan, List<int[]> units, SweepStore store, LongConsumer advance) {
        if (units.isEmpty()) {
            return;
        }
        String text;
        try {
            text = RunIo.JSON.writeValueAsString(plan.toJson());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ClusterSweep sweep = new ClusterSweep(this, plan, text, units, store, advance);
        try {
            sweep.run();
        } finally {
            stats = sweep.stats();
        }
    }

    @Override
    public void close() {
        Members.stop(hz, hook);
    }
}
