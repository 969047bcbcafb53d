/**
 * Sweeps on a Hazelcast cluster: {@link moecl.cluster.HazelcastExecutor} is the sweep path's
 * {@link moecl.workbench.sweep.RunExecutor} on an embedded member or a cluster of {@code moecl worker}s
 * ({@link moecl.cluster.Worker}); it sends {@link moecl.cluster.ChunkTask}s (whole units of the plan, the plan cached
 * per member by {@link moecl.cluster.PlanCache}), members answer with a {@link moecl.cluster.ChunkResult} packed by
 * {@link moecl.cluster.MemoryOutput}, and only the driver writes the sweep folder;
 * {@link moecl.cluster.ClusterSweep} is the driver's loop for one sweep (chunks in flight, retries, writes) and
 * {@link moecl.cluster.Members} starts and stops members for the executor and the worker.
 * {@link moecl.cluster.ClusterConfigs} and {@link moecl.cluster.ClusterOptions} build the safe member
 * configurations; {@link moecl.cluster.BuildHash} keeps different builds out of one cluster;
 * {@link moecl.cluster.SweepEnginesBench} measures the engines.
 */
package moecl.cluster;
