package moecl.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;

/** Starting and stopping members, for the executor and {@code moecl worker}. */
final class Members {

    private Members() {
    }

    /** Starts a member; a failure (port taken, bad config) becomes one line. */
    static HazelcastInstance start(Config config) {
        ClusterConfigs.quietLogging();
        try {
            return Hazelcast.newHazelcastInstance(config);
        } catch (RuntimeException e) {
            String why = ClusterConfigs.oneLine(e);
            java.util.List<String> members = config.getNetworkConfig().getJoin().getTcpIpConfig().getMembers();
            if (why.contains("Node failed to start") && !members.isEmpty()) { // the join timed out
                throw new IllegalArgumentException("no moecl member of this build answered at "
                        + String.join(",", members) + " within the join timeout of "
                        + config.getProperty(ClusterConfigs.MAX_JOIN) + " s (cluster " + config.getClusterName()
                        + "): something else listens there, or a moecl worker of another build; start 'moecl "
                        + "worker' there with the same moecl build", e);
            }
            throw new IllegalArgumentException("cannot start a Hazelcast member (cluster " + config.getClusterName()
                    + "): " + why, e);
        }
    }

    /**
     * A shutdown hook that stops the member when the JVM exits some other way (Hazelcast's threads are not
     * daemons: without it an error in main would leave the JVM hanging).
     */
    static Thread shutdownHook(HazelcastInstance hz) {
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
    static void stop(HazelcastInstance hz, Thread hook) {
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
