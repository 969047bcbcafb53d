#!/usr/bin/env bash
# Large-d linear experts against numpy/OpenBLAS on one thread, side by side in one invocation (issue 15).
# For each size: `moecl run tasks="gaussian(d=D, s=S, N=5)" M=5 T=1000 router=random` (the run's own loop time,
# loopMillis / T, JIT warm-up included) and bench/large_d.py doing the same work per round (draw X, labels,
# min-norm update of the routed expert by Cholesky, its errors against the N truths; the better of 2 x 1000 rounds after
# a warm-up), alternating, REPS times each. Prints ms/round for both and the ratio moecl / numpy.
# Usage: bench/large_d.sh [REPS] [SIZES...]   e.g. bench/large_d.sh 3 500,50 1000,100 2000,200
# MOECL_KERNELS=generic|scalar passes -Dmoecl.kernels to moecl (the default picks the Vector API when present).
set -euo pipefail
cd "$(dirname "$0")/.."
REPS="${1:-3}"
shift || true
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(500,50 1000,100 2000,200)
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT
OPTS="${MOECL_JAVA_OPTS:-}"
[ -n "${MOECL_KERNELS:-}" ] && OPTS="$OPTS -Dmoecl.kernels=$MOECL_KERNELS"
moecl_ms() { # d s -> ms per round of the run's loop
  local dir="$OUT/run-$1-$RANDOM"
  MOECL_JAVA_OPTS="$OPTS" ./moecl run tasks="gaussian(d=$1, s=$2, N=5)" M=5 T=1000 router=random --rounds none \
    --out "$dir" >/dev/null 2>&1
  python3 -c 'import json,sys,glob; m=json.load(open(glob.glob(sys.argv[1]+"/*/manifest.json")[0]));
import re; s=json.dumps(m); print("%.3f" % (float(re.search(r"\"loopMillis\": ([0-9.]+)", s).group(1)) / 1000))' "$dir"
}
moecl_ms 200 20 >/dev/null   # first use: the launcher's class-data cache for this mode
echo "cpu: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) vCPU; load: $(cut -d' ' -f1-3 /proc/loadavg)"
for size in "${SIZES[@]}"; do
  d="${size%,*}"
  s="${size#*,}"
  m=()
  p=()
  for ((i = 0; i < REPS; i++)); do
    m+=("$(moecl_ms "$d" "$s")")
    p+=("$(python3 bench/large_d.py "$d,$s" | sed 's/.*ms_per_round=//')")
  done
  python3 - "$d" "$s" "${m[*]}" "${p[*]}" <<'PY'
import statistics, sys
d, s, m, p = sys.argv[1], sys.argv[2], [float(v) for v in sys.argv[3].split()], [float(v) for v in sys.argv[4].split()]
mm, pm = statistics.median(m), statistics.median(p)
print(f"d={d} s={s}: moecl ms_per_round={mm:.3f} (runs {' '.join(f'{v:.3f}' for v in m)}) "
      f"numpy ms_per_round={pm:.3f} (runs {' '.join(f'{v:.3f}' for v in p)}) ratio={mm / pm:.2f}")
PY
done
