package moecl.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

import com.hazelcast.cluster.Member;
import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.core.MemberLeftException;
import com.hazelcast.partition.NoDataMemberInClusterException;
import com.hazelcast.spi.exception.RetryableException;
import com.hazelcast.spi.exception.TargetDisconnectedException;
import com.hazelcast.spi.exception.TargetNotMemberException;

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
 * with the chunks a member gets until it has answered one; later chunks name the plan by hash.
 */
public final class HazelcastExecutor implements RunExecutor {

    /** Estimated work per chunk: long enough that the per-task overhead (docs/distributed.md §2.3) stays small. */
    public static final int DEFAULT_CHUNK_MILLIS = 100;
    /**
     * How long a unit of {@link SweepPlan#cost} takes before the first results calibrate it: what a Fig. 2 run,
     * T = 2000 and M = 20 (cost 48,000), took on one core (BENCHMARKS.md, "Numbers behind the code").
     */
    static final double PRIOR_NANOS_PER_COST = 60;
    /** Attempts per chunk when members leave. */
    static final int MAX_ATTEMPTS = 8;

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
        new Sweep(plan, text, units, store, advance).run();
    }

    @Override
    public void close() {
        Members.stop(hz, hook);
    }

    /** One chunk on its way: the task, how often it was sent, the future of its current attempt. */
    private static final class Flight {
        final ChunkTask task;
        final long rounds;
        int attempts;
        Future<ChunkResult> future;
        UUID target;
        String targetName = "?";
        boolean forcePlan;

        Flight(ChunkTask task, long rounds) {
            this.task = task;
            this.rounds = rounds;
        }
    }

    /** What the driver's loop waits for, from Hazelcast's threads and the writers. */
    private sealed interface Event {
    }

    /** An attempt of a chunk ended on the cluster. */
    private record Computed(Flight flight, int attempt, ChunkResult result, Throwable error) implements Event {
    }

    /**
     * A chunk's runs are in the store (or writing them failed); {@code nanos} and {@code cost} of its finished runs.
     */
    private record Written(Flight flight, Throwable error, long nanos, long cost) implements Event {
    }

    private record Retry(long at, Flight flight) {
    }

    /**
     * The state of one {@link #execute} call. The calling thread sends chunks and handles their results; it, or
     * writer threads ({@link #writerThreads(int)}), put the runs into the store.
     */
    private final class Sweep {
        private final SweepPlan plan;
        private final String text;
        private final String hash;
        private final SweepStore store;
        private final LongConsumer advance;
        private final IExecutorService exec = hz.getExecutorService(ClusterConfigs.EXECUTOR);
        private final com.hazelcast.partition.PartitionService partitions = hz.getPartitionService();
        private final Deque<int[]> queue;
        private final Map<Integer, Flight> inFlight = new HashMap<>();
        private final PriorityQueue<Retry> retries = new PriorityQueue<>((a, b) -> Long.compare(a.at, b.at));
        private final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();
        /** Members that sent back a result of this plan: they have it, chunks to them go without its text. */
        private final Set<UUID> hasPlan = new HashSet<>();
        /** Chunks in flight by the member that owned their key when sent. */
        private final Map<UUID, Integer> load = new HashMap<>();
        private final Map<String, Integer> byMember = new LinkedHashMap<>();
        private final int writerCount = writersNow();
        private final ExecutorService writers = writerCount == 0 ? null : Executors.newFixedThreadPool(writerCount,
                r -> {
                    Thread t = new Thread(r, "moecl-store-writer");
                    t.setDaemon(true);
                    return t;
                });
        private int writing;
        private long queuedCost;
        private double costNanos;
        private double costUnits;
        private int nextKey;
        private int chunks;
        private int resubmitted;
        private int planSends;
        private long bytes;

        Sweep(SweepPlan plan, String text, List<int[]> units, SweepStore store, LongConsumer advance) {
            this.plan = plan;
            this.text = text;
            this.hash = PlanCache.hash(text);
            this.store = store;
            this.advance = advance;
            List<int[]> sorted = plan.longestFirst(units);
            this.queue = new ArrayDeque<>(sorted);
            for (int[] u : sorted) {
                queuedCost += plan.cost(u);
            }
        }

        void run() {
            try {
                loop();
            } catch (InterruptedException e) {
                cancelAll();
                Thread.currentThread().interrupt();
                throw new CancellationException("cancelled");
            } catch (RuntimeException | Error e) {
                cancelAll();
                throw e;
            } finally {
                stopWriters();
                stats = new Stats(chunks, resubmitted, planSends, bytes, Map.copyOf(byMember));
            }
        }

        private void loop() throws InterruptedException {
            while (!queue.isEmpty() || !inFlight.isEmpty() || writing > 0) {
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                long now = System.nanoTime();
                while (!retries.isEmpty() && retries.peek().at <= now) {
                    submit(retries.poll().flight);
                }
                int threads = computeThreads();
                int limit = Math.max(2, 2 * threads);
                // results waiting for the writers hold memory: send no more while they lag
                while (!queue.isEmpty() && inFlight.size() < limit && writing < 2 * writerCount + limit) {
                    Flight f = nextChunk(Math.max(1, threads), chunkId(leastLoaded()));
                    inFlight.put(f.task.chunk(), f);
                    submit(f);
                }
                Event e;
                if (retries.isEmpty()) {
                    e = events.take();
                } else {
                    e = events.poll(Math.max(0, retries.peek().at - System.nanoTime()), TimeUnit.NANOSECONDS);
                }
                if (e instanceof Computed c) {
                    computed(c);
                } else if (e instanceof Written w) {
                    written(w);
                }
            }
        }

        /** The compute member with the fewest chunks in flight per thread, or null if there is none. */
        private Member leastLoaded() {
            Member best = null;
            double bestLoad = Double.MAX_VALUE;
            for (Member m : hz.getCluster().getMembers()) {
                if (m.isLiteMember()) {
                    continue;
                }
                double l = load.getOrDefault(m.getUuid(), 0) / (double) threadsOf(m);
                if (l < bestLoad) {
                    best = m;
                    bestLoad = l;
                }
            }
            return best;
        }

        /**
         * A new chunk id whose partition {@code target} owns: the chunk goes where a thread is free (chunk ids in
         * plain order would pile chunks on one member while another waits). If that member leaves, the partition,
         * and with it the chunk, moves to another.
         */
        private int chunkId(Member target) {
            for (int tries = 0; target != null && tries < 4096; tries++) {
                int k = nextKey++;
                Member owner = partitions.getPartition(k).getOwner();
                if (owner == null || owner.getUuid().equals(target.getUuid())) {
                    return k;
                }
            }
            return nextKey++;
        }

        /**
         * The next chunk: whole units, longest first, until the estimated work reaches the chunk size; near the end
         * smaller chunks (down to a quarter) keep every thread busy until the last one.
         */
        private Flight nextChunk(int threads, int chunkId) {
            double nanosPerCost = costUnits > 0 ? costNanos / costUnits : PRIOR_NANOS_PER_COST;
            long target = (long) Math.max(1, chunkNanos / nanosPerCost);
            target = Math.max(target / 4, Math.min(target, queuedCost / (2L * threads)));
            List<int[]> units = new ArrayList<>();
            long cost = 0;
            int n = 0;
            do {
                int[] u = queue.poll();
                units.add(u);
                cost += plan.cost(u);
                n += u.length;
            } while (!queue.isEmpty() && cost < target);
            queuedCost -= cost;
            int[] runs = new int[n];
            int[] ends = new int[units.size()];
            int k = 0;
            long rounds = 0;
            for (int i = 0; i < units.size(); i++) {
                for (int r : units.get(i)) {
                    runs[k++] = r;
                    rounds += plan.run(r).spec().rounds();
                }
                ends[i] = k;
            }
            return new Flight(new ChunkTask(hash, null, chunkId, runs, ends), rounds);
        }

        private void submit(Flight f) {
            int attempt = ++f.attempts;
            Member owner = null;
            try {
                owner = partitions.getPartition(f.task.chunk()).getOwner();
            } catch (RuntimeException e) {
                // no owner known yet (migration): send the plan along to be safe
            }
            boolean withPlan = f.forcePlan || owner == null || !hasPlan.contains(owner.getUuid());
            f.target = owner == null ? null : owner.getUuid();
            f.targetName = owner == null ? "?" : owner.getAddress().toString();
            f.forcePlan = false;
            if (f.target != null) {
                load.merge(f.target, 1, Integer::sum);
            }
            ChunkTask t = withPlan ? f.task.withPlan(text) : f.task;
            if (withPlan) {
                planSends++;
            }
            try {
                Future<ChunkResult> fut = exec.submitToKeyOwner(t, f.task.chunk());
                f.future = fut;
                if (!(fut instanceof CompletionStage<?>)) {
                    throw new IllegalStateException("Hazelcast returned a future that cannot notify ("
                            + fut.getClass().getName() + ")");
                }
                @SuppressWarnings("unchecked")
                CompletionStage<ChunkResult> cs = (CompletionStage<ChunkResult>) fut;
                cs.whenComplete((r, e) -> events.add(new Computed(f, attempt, r, e)));
            } catch (RuntimeException e) {
                events.add(new Computed(f, attempt, null, e));
            }
        }

        private void computed(Computed d) {
            Flight f = d.flight;
            if (d.attempt != f.attempts || inFlight.get(f.task.chunk()) != f) {
                return; // an attempt that was already given up
            }
            if (f.target != null) {
                load.merge(f.target, -1, Integer::sum);
            }
            if (d.error != null) {
                Throwable c = cause(d.error);
                if (!hz.getLifecycleService().isRunning()) {
                    throw new IllegalStateException("this process's Hazelcast member stopped during the sweep");
                }
                if (!retryable(c)) {
                    throw new IllegalStateException("runs " + runsText(f) + " failed on cluster member "
                            + f.targetName + ": " + ClusterConfigs.oneLine(c), c);
                }
                if (f.attempts >= MAX_ATTEMPTS) {
                    throw new IllegalStateException("runs " + runsText(f) + " could not be computed in "
                            + MAX_ATTEMPTS + " attempts (" + ClusterConfigs.oneLine(c) + "); are the moecl workers "
                            + "still running?", c);
                }
                if (f.target != null) {
                    hasPlan.remove(f.target);
                }
                resubmitted++;
                long backoff = Math.min(2_000, 25L << Math.min(6, f.attempts - 1)) * 1_000_000L;
                retries.add(new Retry(System.nanoTime() + backoff, f));
                return;
            }
            ChunkResult r = d.result;
            if (r.needPlan()) {
                if (f.target != null) {
                    hasPlan.remove(f.target);
                }
                resubmitted++;
                f.forcePlan = true;
                submit(f);
                return;
            }
            inFlight.remove(f.task.chunk());
            if (f.target != null) {
                hasPlan.add(f.target);
            }
            bytes += r.payload().length;
            chunks++;
            byMember.merge(f.targetName, 1, Integer::sum);
            writing++;
            if (writers == null) {
                written(write(f, r));
            } else {
                writers.execute(() -> events.add(write(f, r)));
            }
        }

        /** Puts a chunk's runs into the store. */
        private Written write(Flight f, ChunkResult r) {
            long nanos = 0;
            long cost = 0;
            try {
                for (ChunkResult.RunBytes b : r.runs()) {
                    SweepPlan.Run run = plan.run(b.index());
                    if (b.failed()) {
                        store.acceptFailure(run, b.bytes());
                    } else {
                        store.accept(run, b.bytes(), b.columns(), b.nanos());
                        nanos += b.nanos();
                        cost += plan.cost(new int[] {b.index()});
                    }
                }
                return new Written(f, null, nanos, cost);
            } catch (Throwable t) {
                return new Written(f, t, 0, 0);
            }
        }

        private void written(Written w) {
            writing--;
            if (w.error instanceof RuntimeException re) {
                throw re;
            }
            if (w.error instanceof Error err) {
                throw err;
            }
            if (w.error != null) {
                throw new IllegalStateException(w.error);
            }
            if (w.cost > 0) {
                costNanos += w.nanos;
                costUnits += w.cost;
            }
            advance.accept(w.flight.rounds);
        }

        private void cancelAll() {
            for (Flight f : inFlight.values()) {
                if (f.future != null) {
                    try {
                        f.future.cancel(true);
                    } catch (RuntimeException ignored) {
                        // the member is gone: nothing left to cancel
                    }
                }
            }
            inFlight.clear();
        }

        /** Lets the writers finish what they hold (no write may go on after execute returns), then stops them. */
        private void stopWriters() {
            if (writers == null) {
                return;
            }
            writers.shutdown();
            boolean interrupted = false;
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            while (!writers.isTerminated() && System.nanoTime() < deadline) {
                try {
                    writers.awaitTermination(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    interrupted = true; // cancelled: still wait, a write must not outlive the sweep
                }
            }
            writers.shutdownNow();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        private String runsText(Flight f) {
            int[] r = f.task.runs();
            return r.length == 1 ? Integer.toString(r[0]) : r[0] + ".." + r[r.length - 1] + " (" + r.length + " runs)";
        }
    }

    /** The exception inside Hazelcast's and the futures' wrappers. */
    static Throwable cause(Throwable e) {
        Throwable t = e;
        while ((t instanceof java.util.concurrent.CompletionException
                || t instanceof java.util.concurrent.ExecutionException && !(t instanceof MemberLeftException))
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** A failure of the cluster, not of the runs: the chunk may go to another member. */
    static boolean retryable(Throwable c) {
        return c instanceof MemberLeftException || c instanceof TargetDisconnectedException
                || c instanceof HazelcastInstanceNotActiveException || c instanceof TargetNotMemberException
                || c instanceof NoDataMemberInClusterException || c instanceof RetryableException
                || c instanceof CancellationException;
    }

    /** Starting and stopping members, for the executor and {@code moecl worker}. */
    public static final class Members {

        private Members() {
        }

        /** Starts a member; a failure (port taken, bad config) becomes one line. */
        public static HazelcastInstance start(Config config) {
            ClusterConfigs.quietLogging();
            try {
                return Hazelcast.newHazelcastInstance(config);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("cannot start a Hazelcast member (cluster " + config.getClusterName()
                        + "): " + ClusterConfigs.oneLine(e), e);
            }
        }

        /**
         * A shutdown hook that stops the member when the JVM exits some other way (Hazelcast's threads are not
         * daemons: without it an error in main would leave the JVM hanging).
         */
        public static Thread shutdownHook(HazelcastInstance hz) {
            Thread hook = new Thread(() -> {
                try {
                    if (hz.getLifecycleService().isRunning()) {
                        hz.shutdown();
                    }
                } catch (RuntimeException ignored) {
                    // exiting anyway
                }
            }, "moecl-hazelcast-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            return hook;
        }

        /** Stops the member and drops its hook (unless the JVM is already exiting). */
        public static void stop(HazelcastInstance hz, Thread hook) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException exiting) {
                // the hook runs
            }
            try {
                if (hz.getLifecycleService().isRunning()) {
                    hz.shutdown();
                }
            } catch (RuntimeException ignored) {
                // already stopping
            }
        }
    }
}
