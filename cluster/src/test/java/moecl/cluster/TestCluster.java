package moecl.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.hazelcast.config.Config;

import moecl.plugin.Registry;

/**
 * Compute members in this JVM on loopback (free ports, a random cluster name), and a driver that joins them as a
 * lite member through {@link ClusterConfigs#driver}, as {@code --members} would.
 */
final class TestCluster implements AutoCloseable {

    final String name = ClusterConfigs.clusterName() + "-test-" + UUID.randomUUID().toString().substring(0, 8);
    final List<String> members = new ArrayList<>();
    final List<Worker> workers = new ArrayList<>();
    final HazelcastExecutor driver;

    TestCluster(Registry registry, int workerCount, int threadsEach) {
        while (members.size() < workerCount) {
            String m = "127.0.0.1:" + freePort();
            if (!members.contains(m)) {
                members.add(m);
            }
        }
        try {
            for (String m : members) {
                int port = Integer.parseInt(m.substring(m.indexOf(':') + 1));
                Config c = ClusterConfigs.worker(new ClusterOptions(null, members, port), threadsEach);
                c.setClusterName(name);
                workers.add(Worker.start(registry, c, threadsEach));
            }
            Config d = ClusterConfigs.driver(new ClusterOptions(null, members, null));
            d.setClusterName(name);
            driver = HazelcastExecutor.start(registry, d);
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /** A free loopback port outside the range of outgoing connections' ports. */
    static int freePort() {
        return ClusterConfigs.freePort("127.0.0.1");
    }

    @Override
    public void close() {
        if (driver != null) {
            driver.close();
        }
        for (Worker w : workers) {
            w.close();
        }
    }
}
