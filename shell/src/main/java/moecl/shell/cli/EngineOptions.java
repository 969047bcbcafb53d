package moecl.shell.cli;

import java.nio.file.Path;

import picocli.CommandLine.Option;

/** Where runs compute: this process's threads, an embedded Hazelcast member, or a cluster. */
class EngineOptions {
    @Option(names = "--engine", paramLabel = "local|hazelcast", description = "local threads (default) or an "
            + "embedded Hazelcast member; --cluster or --members join a cluster")
    String engine;

    @Option(names = "--cluster", paramLabel = "FILE.yaml", description = "join the Hazelcast cluster of this "
            + "member config (trusted networks only: no TLS or authentication)")
    Path cluster;

    @Option(names = "--members", paramLabel = "HOST:PORT,...", description = "join the Hazelcast cluster of these "
            + "members (started with moecl worker)")
    String members;
}
