#!/usr/bin/env bash
# One LeNet training step (100 images, forward, MSE, backward, SGD lr 0.1): moecl against PyTorch float32 on this
# machine, side by side in one invocation. Runs `./moecl bench lenet` and bench/torch_lenet_step.py alternately,
# ROUNDS times each (a fresh JVM and a fresh Python per round), then prints per round and over all rounds the
# median step time per configuration and the ratio moecl / PyTorch float32 at each thread count.
#
# Usage: bench/lenet_vs_torch.sh [ROUNDS=3] [THREADS=1,2] [PRECISIONS=float32,float64]
# Env:   PYTHON (default /usr/bin/python3, Debian's python3-torch), REPS (400), SKIP_BUILD=1 (use the built jars)
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS="${1:-3}"
THREADS="${2:-1,2}"
PRECISIONS="${3:-float32,float64}"
PYTHON="${PYTHON:-/usr/bin/python3}"
REPS="${REPS:-400}"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 mvn -q -o -B package -DskipTests </dev/null
fi
"$PYTHON" -c 'import torch' 2>/dev/null || { echo "PyTorch not found for $PYTHON (Debian: apt-get install python3-torch)" >&2; exit 2; }
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
echo "cpu: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cpus; load: $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq 1 "$ROUNDS"); do
  ./moecl bench lenet --threads "$THREADS" --precision "$PRECISIONS" --reps "$REPS" 2>/dev/null \
    | grep '^lenet precision=' | sed "s/^/round=$r impl=moecl /" | tee -a "$out/lines"
  "$PYTHON" bench/torch_lenet_step.py --threads "$THREADS" --dtypes float32 --reps "$REPS" \
    | sed -e "s/^torch [^ ]* \(float[0-9]*\)/precision=\1/" -e "s/^/round=$r impl=torch /" | tee -a "$out/lines"
  echo "load after round $r: $(cut -d' ' -f1-3 /proc/loadavg)"
done
"$PYTHON" - "$out/lines" "$THREADS" <<'PY'
import re, statistics, sys
rows = [dict(kv.split("=", 1) for kv in line.split() if "=" in kv) for line in open(sys.argv[1])]
threads = sys.argv[2].split(",")
rounds = sorted({r["round"] for r in rows}, key=int)
def med(impl, prec, th, rnd=None, key="median_us"):
    v = [float(r[key]) for r in rows if r["impl"] == impl and r["precision"] == prec and r["threads"] == th
         and (rnd is None or r["round"] == rnd)]
    return statistics.median(v) if v else None
precs = sorted({r["precision"] for r in rows if r["impl"] == "moecl"})
print("\nratio moecl / torch float32 (median step time; per round, then the medians over all rounds)")
for th in threads:
    t = med("torch", "float32", th)
    for p in precs:
        per = []
        for rnd in rounds:
            a, b = med("moecl", p, th, rnd), med("torch", "float32", th, rnd)
            per.append(f"{a / b:.2f}")
        m = med("moecl", p, th)
        cpu = ""
        if th == "1":
            mc, tc = med("moecl", p, th, key="cpu_median_us"), med("torch", "float32", th, key="cpu_median_us")
            cpu = f"; CPU time {mc:.0f} / {tc:.0f} us = {mc / tc:.2f}"
        print(f"threads={th} moecl {p}: {m:.0f} us vs torch float32 {t:.0f} us = {m / t:.2f} "
              f"(rounds: {', '.join(per)}){cpu}")
PY
