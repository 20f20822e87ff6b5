#!/usr/bin/env bash
# Native thread defaults (issue 15, "Threads"): MLP, CNN and XGBoost training at 1 and 2 native threads, on an idle
# machine and with a second process loading one CPU (a busy loop), with OpenMP threads waiting passively
# (OMP_WAIT_POLICY=PASSIVE, what the launcher, the kernelspec and Surefire set) and, for contrast, with OpenMP's
# default (spinning) at 2 threads. Each cell: THREADS_BENCH_ROUNDS fresh JVMs x THREADS_BENCH_REPS fits; prints the
# median seconds and the spread (min-max) per workload. Run on a quiet machine: other users' work adds to "idle".
set -euo pipefail
: "${ROOT:?run through bench/run}" "${CP:?}"
CP=$(printf '%s' "$CP" | sed 's/\x1b\[[0-9;]*m//g')
ROUNDS=${THREADS_BENCH_ROUNDS:-3}
REPS=${THREADS_BENCH_REPS:-3}
POLICIES=${THREADS_BENCH_POLICIES:-"PASSIVE default"}   # "PASSIVE" alone skips the slow spinning cells
out=$(mktemp)
busy=""
stop_busy() { if [ -n "$busy" ]; then kill "$busy" 2>/dev/null || true; wait "$busy" 2>/dev/null || true; busy=""; fi; }
trap 'stop_busy; rm -f "$out"' EXIT
cell() {  # policy threads load
  local policy=$1 threads=$2 load=$3
  [ "$load" = loaded ] && { yes > /dev/null & busy=$!; }
  for r in $(seq 1 "$ROUNDS"); do
    if [ "$policy" = PASSIVE ]; then
      OMP_WAIT_POLICY=PASSIVE java $JAVA_OPTS -cp "$CP" "$ROOT/bench/java/ThreadsBench.java" "$threads" "$REPS"
    else
      env -u OMP_WAIT_POLICY java $JAVA_OPTS -cp "$CP" "$ROOT/bench/java/ThreadsBench.java" "$threads" "$REPS"
    fi | sed "s/^/$policy $threads $load $(cut -d' ' -f1 /proc/loadavg) /" >> "$out"
  done
  stop_busy
}
for load in idle loaded; do
  for policy in $POLICIES; do
    if [ "$policy" = PASSIVE ]; then
      for threads in 1 2; do
        cell PASSIVE "$threads" "$load"
      done
    else
      cell default 2 "$load"
    fi
  done
done
python3 - "$out" <<'PY'
import statistics, sys
cells = {}
for line in open(sys.argv[1]):
    policy, threads, load, avg, name, secs = line.split()
    c = cells.setdefault((load, policy, threads), {"load": []})
    c.setdefault(name, []).append(float(secs))
    c["load"].append(float(avg))
print("| load | OpenMP wait | native threads | MLP fit s | CNN fit s | XGBoost fit s | load avg at start |")
print("| --- | --- | --- | --- | --- | --- | --- |")
for (load, policy, threads), c in sorted(cells.items()):
    def f(k):
        v = c[k]
        return "%.2f (%.2f-%.2f)" % (statistics.median(v), min(v), max(v))
    print("| %s | %s | %s | %s | %s | %s | %.1f-%.1f |" % (load, policy, threads, f("mlp_s"), f("cnn_s"), f("xgb_s"),
          min(c["load"]), max(c["load"])))
PY
