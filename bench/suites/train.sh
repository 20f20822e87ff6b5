#!/usr/bin/env bash
# Training throughput: workbench NeuralTrainer (DJL/PyTorch) vs PyTorch in Python, same networks, data shapes,
# batch size (64), optimiser (Adam) and thread count (BENCH_THREADS); plus our loop vs a bare DJL Trainer loop.
# Each side reports per-epoch medians (wall and training-thread CPU seconds) over TRAIN_BENCH_EPOCHS epochs after
# TRAIN_BENCH_WARMUP warm-up epochs; Java and Python alternate for TRAIN_BENCH_ROUNDS rounds and the median over
# rounds is used. Prints the raw medians, then RATIO lines (ours / peer, lower is better).
set -euo pipefail
: "${ROOT:?run through bench/run}" "${CP:?}" "${BENCH_THREADS:=2}"
# Maven may leave ANSI colour codes in the class path that bench/run captured; strip them
CP=$(printf '%s' "$CP" | sed 's/\x1b\[[0-9;]*m//g')
WARM=${TRAIN_BENCH_WARMUP:-5}
MEAS=${TRAIN_BENCH_EPOCHS:-10}
ROUNDS=${TRAIN_BENCH_ROUNDS:-3}
PY=python3
$PY -c 'import torch' 2>/dev/null || PY=/usr/bin/python3   # Debian's python3-torch when another python3 shadows it
out=$(mktemp)
for round in $(seq 1 "$ROUNDS"); do
  java $JAVA_OPTS -Dai.djl.pytorch.num_threads="$BENCH_THREADS" -Dai.djl.pytorch.num_interop_threads="$BENCH_THREADS" \
    -Dworkbench.device=cpu -cp "$CP" "$ROOT/bench/java/TrainBench.java" "$WARM" "$MEAS" >>"$out"
  $PY "$ROOT/bench/python/train_bench.py" "$BENCH_THREADS" "$WARM" "$MEAS" >>"$out"
done
$PY - "$out" "$ROUNDS" "$BENCH_THREADS" <<'PY'
import statistics
import sys
v = {}
for line in open(sys.argv[1]):
    parts = line.split()
    if len(parts) == 2:
        try:
            v.setdefault(parts[0], []).append(float(parts[1]))
        except ValueError:
            pass
    elif parts and parts[0] == "torch_version":
        torch_version = parts[1]
m = {k: statistics.median(x) for k, x in v.items()}
print("threads %s, rounds %s, python torch %s, DJL 0.32.0 / PyTorch 2.5.1" % (sys.argv[3], sys.argv[2], torch_version))
for k in sorted(m):
    print("%s %.5f   (rounds: %s)" % (k, m[k], " ".join("%.4f" % x for x in v[k])))
print("RATIO train_mlp %.3f" % (m["java_mlp_epoch_median_s"] / m["python_mlp_epoch_median_s"]))
print("RATIO train_cnn %.3f" % (m["java_cnn_epoch_median_s"] / m["python_cnn_epoch_median_s"]))
print("RATIO overhead_train_loop %.3f" % (m["java_mlp_epoch_median_s"] / m["djl_raw_mlp_epoch_median_s"]))
print("RATIO overhead_train_loop_cnn %.3f" % (m["java_cnn_epoch_median_s"] / m["djl_raw_cnn_epoch_median_s"]))
# CPU time of the training thread: robust on a busy machine; comparable when BENCH_THREADS=1
print("RATIO train_mlp_cpu %.3f" % (m["java_mlp_epoch_cpu_median_s"] / m["python_mlp_epoch_cpu_median_s"]))
print("RATIO train_cnn_cpu %.3f" % (m["java_cnn_epoch_cpu_median_s"] / m["python_cnn_epoch_cpu_median_s"]))
print("RATIO overhead_train_loop_cpu %.3f" % (m["java_mlp_epoch_cpu_median_s"] / m["djl_raw_mlp_epoch_cpu_median_s"]))
# fastest epoch's CPU time (least disturbed by other processes)
mn = {k: min(x) for k, x in v.items()}
print("RATIO train_mlp_cpu_min %.3f" % (mn["java_mlp_epoch_cpu_min_s"] / mn["python_mlp_epoch_cpu_min_s"]))
print("RATIO train_cnn_cpu_min %.3f" % (mn["java_cnn_epoch_cpu_min_s"] / mn["python_cnn_epoch_cpu_min_s"]))
print("RATIO overhead_train_loop_cpu_min %.3f" % (mn["java_mlp_epoch_cpu_min_s"] / mn["djl_raw_mlp_epoch_cpu_min_s"]))
PY
rm -f "$out"
