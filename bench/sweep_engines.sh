#!/usr/bin/env bash
# Sweep throughput of the engines (runs per second, Fig. 2-size runs: T = 2000, M = 20), in one invocation: the local
# engine, an embedded Hazelcast member, and a driver with two loopback `moecl worker` processes of one thread each,
# alternating and repeated (moecl.cluster.SweepEnginesBench). Outside CI; numbers depend on the machine and its load.
# Usage: bench/sweep_engines.sh [--runs N] [--reps R] [--threads K] [--workers W] [--warm N] [--chunk-ms X]
#        [--thread-cpu true]
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
if [ -z "${SKIP_BUILD:-}" ]; then
  mvn -B -q -DskipTests package </dev/null >/dev/null
fi
# the launcher's JVM flags (./moecl FLAGS, Hazelcast's among them), with the optimizing JIT as workers get it
FLAGS=(-XX:+UseSerialGC --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow
       --add-modules java.se --add-exports java.base/jdk.internal.ref=ALL-UNNAMED
       --add-opens java.base/java.lang=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED
       --add-opens java.management/sun.management=ALL-UNNAMED
       --add-opens jdk.management/com.sun.management.internal=ALL-UNNAMED -Dmoecl.warmup=false)
exec "$JAVA_HOME/bin/java" "${FLAGS[@]}" -cp shell/target/moecl-shell.jar moecl.cluster.SweepEnginesBench "$@"
