#!/usr/bin/env bash
# Large-d linear experts against numpy/OpenBLAS on one thread, side by side in one invocation (issue 15).
# For each size: `moecl run tasks="gaussian(d=D, s=S, N=5)" M=5 T=1000 router=random` (the run's own loop time,
# loopMillis / T, JIT warm-up included) and bench/large_d.py doing the same work per round (draw X, labels,
# min-norm update of the routed expert by Cholesky, its errors against the N truths; the better of 2 x 1000 rounds after
# a warm-up), alternating, REPS times each. Prints ms/round for both and the ratio moecl / numpy (medians), and
# CPU time: moecl's whole process (start-up, JIT compilers and GC included) per round of T = 1000 against
# numpy's loop, the fairer comparison on a loaded machine (the JVM's compiler threads then compete for the CPU).
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
moecl_ms() { # d s -> "wall cpu": ms per round of the run's loop, and the whole process's CPU time / T
  local dir="$OUT/run-$1-$RANDOM"
  MOECL_JAVA_OPTS="$OPTS" /usr/bin/time -f "%U %S" -o "$OUT/time" ./moecl run tasks="gaussian(d=$1, s=$2, N=5)" \
    M=5 T=1000 router=random --rounds none --out "$dir" >/dev/null 2>&1
  python3 -c 'import json,sys,glob,re; s=json.dumps(json.load(open(glob.glob(sys.argv[1]+"/*/manifest.json")[0])));
u, k = open(sys.argv[2]).read().split()[-2:]
print("%.3f %.3f" % (float(re.search(r"\"loopMillis\": ([0-9.]+)", s).group(1)) / 1000, (float(u) + float(k))))' \
    "$dir" "$OUT/time"
}
moecl_ms 200 20 >/dev/null   # first use: the launcher builds its class-data cache for this mode in the background
for ((i = 0; i < 300; i++)); do  # ... and that build must not compete with the measured runs
  compgen -G "shell/target/aot-training.*" >/dev/null || break
  sleep 1
done
echo "cpu: $(lscpu | sed -n 's/^Model name: *//p'), $(getconf _NPROCESSORS_ONLN) vCPU; load: $(cut -d' ' -f1-3 /proc/loadavg)"
for size in "${SIZES[@]}"; do
  d="${size%,*}"
  s="${size#*,}"
  m=()
  p=()
  for ((i = 0; i < REPS; i++)); do
    m+=("$(moecl_ms "$d" "$s")")
    p+=("$(python3 bench/large_d.py "$d,$s" | sed 's/.* ms_per_round=\([0-9.]*\) cpu_ms_per_round=\([0-9.]*\)/\1 \2/')")
  done
  python3 - "$d" "$s" "${m[*]}" "${p[*]}" <<'PY'
import statistics, sys
d, s = sys.argv[1], sys.argv[2]
m = [float(v) for v in sys.argv[3].split()]
p = [float(v) for v in sys.argv[4].split()]
mw, mc, pw, pc = m[0::2], m[1::2], p[0::2], p[1::2]
med = statistics.median
print(f"d={d} s={s}: moecl ms_per_round={med(mw):.3f} (runs {' '.join(f'{v:.3f}' for v in mw)}) "
      f"numpy ms_per_round={med(pw):.3f} (runs {' '.join(f'{v:.3f}' for v in pw)}) ratio={med(mw) / med(pw):.2f}; "
      f"CPU: moecl whole process {med(mc):.2f} s (JVM start and JIT included) = {med(mc):.2f} ms/round, "
      f"numpy loop {med(pc):.3f} ms/round, ratio={med(mc) / med(pc):.2f}")
PY
done
