#!/usr/bin/env bash
# Compares the engine cost per round (M = 20, paper F and G) of a git revision against the working tree, both in
# one JVM, alternating (bench/EngineAb.java). Outside CI. Also runs the working tree against itself as a control.
# Usage: bench/engine_ab.sh REV [ITERATIONS]      e.g. bench/engine_ab.sh f812f70 32
set -euo pipefail
cd "$(dirname "$0")/.."
REV="$1"
N="${2:-32}"
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
mvn -q -o package -DskipTests </dev/null >/dev/null  # package, never install: ~/.m2 may be shared
WT="$(mktemp -d)"
trap 'rm -rf "$WT"' EXIT
git archive "$REV" | tar -x -C "$WT"   # a plain copy of REV: no worktree registered in the shared repository
(cd "$WT" && mvn -q -o package -DskipTests -pl api,plugins/paper,plugins/baselines,workbench -am </dev/null >/dev/null)
LIB=shell/target/lib
deps() { ls "$LIB"/jackson-*.jar "$LIB"/ojalgo-*.jar | tr '\n' ':'; }
CUR="$(deps)$(ls "$LIB"/moecl-api-*.jar "$LIB"/moecl-plugins-paper-*.jar "$LIB"/moecl-plugins-baselines-*.jar \
  "$LIB"/moecl-workbench-*.jar | tr '\n' ':')"
OLD="$(deps)$(ls "$WT"/api/target/moecl-api-*.jar "$WT"/plugins/paper/target/moecl-plugins-paper-*.jar \
  "$WT"/plugins/baselines/target/moecl-plugins-baselines-*.jar | tr '\n' ':')$(ls "$LIB"/moecl-workbench-*.jar)"
echo "control, working tree against itself:"
"$JAVA_HOME/bin/java" -XX:+UseSerialGC bench/EngineAb.java "$CUR" "$CUR" "$N"
echo "A = $REV, B = working tree:"
"$JAVA_HOME/bin/java" -XX:+UseSerialGC bench/EngineAb.java "$OLD" "$CUR" "$N"
