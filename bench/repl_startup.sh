#!/usr/bin/env bash
# Time to the REPL's first prompt: `moecl` in a tmux pane (a real terminal), from launch until `moecl>` shows,
# side by side with `moecl -c "help"` (the same workbench mode through the same launcher, no terminal), alternating,
# median of N. The prompt is detected by polling the pane every 5 ms, so the REPL times are up to ~5 ms late.
# With REF (a launcher in this folder, e.g. an older moecl saved as moecl-ref, and REF_OPTS for its JVM), its first
# prompt is measured too, alternating with the others.
# Usage: bench/repl_startup.sh [N] [REF]   (outside CI; the machine is shared, so read medians and the ratios)
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:-12}"
REF="${2:-}"
command -v tmux >/dev/null || { echo "needs tmux" >&2; exit 2; }
OUT="$(mktemp -d)"
export MOECL_HOME="$OUT/home"        # a fresh home: no history, no plugins, no last session
./moecl -c help >/dev/null 2>&1      # builds on first use, and starts the AOT cache's training
# the launcher makes its AOT cache in the background once: wait for it (at most a minute)
for _ in $(seq 120); do
  [ shell/target/moecl.aot -nt shell/target/moecl-shell.jar ] && ! pgrep -f "AOTCacheOutput=$PWD/shell/target/moecl.aot" \
    >/dev/null && break
  sleep 0.5
done
SOCK="moecl-bench-$$"
ms() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
prompt_ms() {
  local s e
  s=$(date +%s%N)
  tmux -L "$SOCK" new-session -d -x 120 -y 40 -e MOECL_HOME="$MOECL_HOME" -e MOECL_JAVA_OPTS="${2:-}" "${1:-./moecl}"
  until tmux -L "$SOCK" capture-pane -p 2>/dev/null | grep -q 'moecl>'; do sleep 0.005; done
  e=$(date +%s%N)
  tmux -L "$SOCK" send-keys 'exit' Enter
  while tmux -L "$SOCK" has-session 2>/dev/null; do sleep 0.02; done
  echo $(( (e - s) / 1000000 ))
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
range() { sort -n | awk 'NR==1 {lo=$1} {hi=$1} END {print lo "-" hi}'; }
: > "$OUT/p"; : > "$OUT/c"; : > "$OUT/r"
for _ in $(seq "$N"); do
  prompt_ms >> "$OUT/p"
  ms ./moecl -c help >> "$OUT/c"
  [ -z "$REF" ] || prompt_ms "./$REF" "${REF_OPTS:-}" >> "$OUT/r"
done
P=$(median < "$OUT/p"); C=$(median < "$OUT/c")
echo "CPU: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) CPUs; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "moecl (first REPL prompt, tmux):  median $P ms over $N ($(range < "$OUT/p"))"
echo "moecl -c help (whole process):    median $C ms over $N ($(range < "$OUT/c"))"
echo "ratio prompt / -c help:           $(awk -v p="$P" -v c="$C" 'BEGIN {printf "%.2f", p / c}')"
if [ -n "$REF" ]; then
  R=$(median < "$OUT/r")
  echo "$REF (first REPL prompt, tmux):  median $R ms over $N ($(range < "$OUT/r"))"
  echo "ratio prompt / $REF prompt:      $(awk -v p="$P" -v r="$R" 'BEGIN {printf "%.2f", p / r}')"
fi
tmux -L "$SOCK" kill-server 2>/dev/null || true
rm -rf "$OUT"
