package moecl.cluster;

import java.util.concurrent.CountDownLatch;

import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;

import moecl.plugin.Registry;

/**
 * A compute member, what {@code moecl worker} runs: joins (or starts) the cluster of its options with the safe
 * defaults of {@link ClusterConfigs#worker} and runs the chunks drivers send, {@code threads} runs at once, with
 * {@code registry}'s plugins.
 */
public final class Worker implements AutoCloseable {

    private final HazelcastInstance hz;
    private final Thread hook;
    private final int threads;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private Worker(HazelcastInstance hz, Thread hook, int threads) {
        this.hz = hz;
        this.hook = hook;
        this.threads = threads;
        hz.getLifecycleService().addLifecycleListener(e -> {
            if (e.getState() == LifecycleEvent.LifecycleState.SHUTDOWN) {
                stopped.countDown();
            }
        });
        if (!hz.getLifecycleService().isRunning()) {
            stopped.countDown();
        }
    }

    /** Starts the member; bad options or a port in use fail with one line. */
    public static Worker start(Registry registry, ClusterOptions options, int threads) {
        return start(registry, ClusterConfigs.worker(options, threads), threads);
    }

    /** Starts a member with a configuration of the caller's (tests: another cluster name). */
    public static Worker start(Registry registry, Config config, int threads) {
        MemberRegistry.set(registry);
        HazelcastInstance hz = Members.start(config);
        Thread hook = Members.shutdownHook(hz);
        return new Worker(hz, hook, threads);
    }

    /** {@code host:port} this member listens on. */
    public String address() {
        return hz.getCluster().getLocalMember().getAddress().getHost() + ":"
                + hz.getCluster().getLocalMember().getAddress().getPort();
    }

    public String clusterName() {
        return hz.getConfig().getClusterName();
    }

    public int threads() {
        return threads;
    }

    /** Members in the cluster now, this one included. */
    public int clusterSize() {
        return hz.getCluster().getMembers().size();
    }

    public HazelcastInstance instance() {
        return hz;
    }

    /** Blocks until the member has shut down (by {@link #close} from another thread, or by Hazelcast). */
    public void awaitShutdown() throws InterruptedException {
        stopped.await();
    }

    @Override
    public void close() {
        Members.stop(hz, hook);
        stopped.countDown();
    }
}
