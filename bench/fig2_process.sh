#!/usr/bin/env bash
# Whole-process time of `moecl repro fig2 --seed 1` (8 runs x 2000 rounds, all four metrics every round),
# against the JVM's own start-up (`moecl --version`) measured in the same run, alternating, median of N.
# Also reports the in-process time of the runs (manifest.json: timings.wallMillis), with the start-up warm-up
# (the default) and without it (-Dmoecl.warmup=false), alternating.
# Usage: bench/fig2_process.sh [N]   (outside CI; the machine is shared, so read ratios and medians)
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-15}"
OUT="$(mktemp -d)"
./moecl --version >/dev/null                      # builds on first use
./moecl repro fig2 --seed 1 --out "$OUT" --quiet >/dev/null
sleep 6                                           # the launcher makes its AOT cache in the background once
ms() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
range() { sort -n | awk 'NR==1 {lo=$1} {hi=$1} END {print lo "-" hi}'; }
: > "$OUT/v"; : > "$OUT/f"; : > "$OUT/c"
for _ in $(seq "$N"); do
  ms ./moecl --version >> "$OUT/v"
  ms ./moecl repro fig2 --seed 1 --out "$OUT/runs" --quiet >> "$OUT/f"
  MOECL_JAVA_OPTS=-Dmoecl.warmup=false ms ./moecl repro fig2 --seed 1 --out "$OUT/cold" --quiet >> "$OUT/c"
done
inproc() { grep -h '"wallMillis"' "$OUT/$1"/*/manifest.json | sed 's/[^0-9.]//g' | awk '{printf "%.0f\n", $1}'; }
echo "moecl --version (JVM start-up):             median $(median < "$OUT/v") ms over $N ($(range < "$OUT/v"))"
echo "moecl repro fig2 --seed 1 (process):        median $(median < "$OUT/f") ms ($(range < "$OUT/f"))"
echo "  without the start-up warm-up:             median $(median < "$OUT/c") ms ($(range < "$OUT/c"))"
echo "  runs inside the process (8 x 2000):       median $(inproc runs | median) ms ($(inproc runs | range))"
echo "  the same without the start-up warm-up:    median $(inproc cold | median) ms ($(inproc cold | range))"
rm -rf "$OUT"
