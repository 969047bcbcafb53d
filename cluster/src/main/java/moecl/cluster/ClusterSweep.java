package moecl.cluster;

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
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.core.MemberLeftException;
import com.hazelcast.partition.NoDataMemberInClusterException;
import com.hazelcast.partition.PartitionService;
import com.hazelcast.spi.exception.RetryableException;
import com.hazelcast.spi.exception.TargetDisconnectedException;
import com.hazelcast.spi.exception.TargetNotMemberException;

import moecl.workbench.sweep.SweepPlan;
import moecl.workbench.sweep.SweepStore;

/**
 * The driver's side of one {@link HazelcastExecutor#execute} call: the event loop that cuts the plan's units into
 * chunks, sends them to the members ({@code Flight}s in flight, at most two per compute thread), re-sends the chunks
 * whose member left ({@code Retry}, at most {@value #MAX_ATTEMPTS} attempts) or that did not know the plan, and puts
 * the answers into the store, on the calling thread or on writer threads. Only the calling thread touches this
 * state; Hazelcast's threads and the writers talk to it through {@code Event}s.
 *
 * <p>It is a class of its own, apart from {@link HazelcastExecutor} (which keeps the member's lifecycle, the options
 * and the stats), because it is the part a reader looks for on its own: how chunks, retries and writes go during one
 * sweep. One instance serves one sweep and is then dropped.
 */
final class ClusterSweep {

    /** Attempts per chunk when members leave. */
    static final int MAX_ATTEMPTS = 8;

    private final SweepPlan plan;
    private final String text;
    private final String hash;
    private final SweepStore store;
    private final LongConsumer advance;
    /** The executor whose member sends the chunks; its chunk size and compute threads are read as they change. */
    private final HazelcastExecutor executor;
    private final HazelcastInstance hz;
    private final IExecutorService exec;
    private final PartitionService partitions;
    private final Deque<int[]> queue;
    private final Map<Integer, Flight> inFlight = new HashMap<>();
    private final PriorityQueue<Retry> retries = new PriorityQueue<>((a, b) -> Long.compare(a.at, b.at));
    private final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();
    /** Members that sent back a result of this plan: they have it, chunks to them go without its text. */
    private final Set<UUID> hasPlan = new HashSet<>();
    /** Chunks in flight by the member that owned their key when sent. */
    private final Map<UUID, Integer> load = new HashMap<>();
    private final Map<String, Integer> byMember = new LinkedHashMap<>();
    private final int writerCount;
    private final ExecutorService writers;
    private int writing;
    private long queuedCost;
    private double costNanos;
    private double costUnits;
    private int nextKey;
    private int chunks;
    private int resubmitted;
    private int planSends;
    private long bytes;

    ClusterSweep(HazelcastExecutor executor, SweepPlan plan, String text, List<int[]> units, SweepStore store,
            LongConsumer advance) {
        this.executor = executor;
        this.hz = executor.instance();
        this.exec = hz.getExecutorService(ClusterConfigs.EXECUTOR);
        this.partitions = hz.getPartitionService();
        this.writerCount = executor.writersNow();
        this.writers = writerCount == 0 ? null : Executors.newFixedThreadPool(writerCount, r -> {
            Thread t = new Thread(r, "moecl-store-writer");
            t.setDaemon(true);
            return t;
        });
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

    /** Runs the sweep to its end; {@link #stats} then says what it did, also when it failed. */
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
        }
    }

    /** What this sweep did so far (after {@link #run}: all of it). */
    HazelcastExecutor.Stats stats() {
        return new HazelcastExecutor.Stats(chunks, resubmitted, planSends, bytes, Map.copyOf(byMember));
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
            int threads = executor.computeThreads();
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
            double l = load.getOrDefault(m.getUuid(), 0) / (double) HazelcastExecutor.threadsOf(m);
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
        double nanosPerCost = costUnits > 0 ? costNanos / costUnits : HazelcastExecutor.PRIOR_NANOS_PER_COST;
        long target = (long) Math.max(1, executor.chunkNanos() / nanosPerCost);
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
                throw new moecl.workbench.sweep.EngineFailure("this process's Hazelcast member stopped during the "
                        + "sweep", c);
            }
            if (!retryable(c)) {
                throw new IllegalStateException("runs " + runsText(f) + " failed on cluster member "
                        + f.targetName + ": " + ClusterConfigs.oneLine(c), c);
            }
            if (f.attempts >= MAX_ATTEMPTS) {
                throw new moecl.workbench.sweep.EngineFailure("runs " + runsText(f) + " could not be computed in "
                        + MAX_ATTEMPTS + " attempts (" + firstSentence(ClusterConfigs.oneLine(c)) + "); are the moecl "
                        + "workers still running?", c);
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
        bytes += r.bytes();
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
                    store.accept(run, b.bytes(), b.columns(), b.columnsLength(), b.nanos());
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

    /** A chunk's runs as {@code 93, 95} or {@code 15..27}: a range only when it has no gaps. */
    private String runsText(Flight f) {
        return runsText(f.task.runs());
    }

    static String runsText(int[] r) {
        if (r.length == 1) {
            return Integer.toString(r[0]);
        }
        if (r[r.length - 1] - r[0] == r.length - 1) {
            return r[0] + ".." + r[r.length - 1];
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < r.length && i < 6; i++) {
            sb.append(i == 0 ? "" : ", ").append(r[i]);
        }
        return sb + (r.length > 6 ? ", ... (" + r.length + " runs)" : "");
    }

    /** Hazelcast's explanation up to its first full stop (its messages go on with internal detail), at most 160. */
    static String firstSentence(String m) {
        java.util.regex.Matcher end = java.util.regex.Pattern.compile("[.!?] ").matcher(m);
        String first = end.find() ? m.substring(0, end.start() + 1) : m;
        return first.length() > 160 ? first.substring(0, 157) + "..." : first;
    }

    /** The exception inside Hazelcast's and the futures' wrappers. */
    static Throwable cause(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException
                || t instanceof ExecutionException && !(t instanceof MemberLeftException))
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
}
