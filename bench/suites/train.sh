#!/usr/bin/env bash
# Training throughput: workbench NeuralTrainer (DJL/PyTorch) vs PyTorch in Python, same networks, data shapes,
# batch size (64), optimiser (Adam) and thread count (BENCH_THREADS); plus our loop vs a bare DJL Trainer loop.
# Prints raw per-epoch medians, then RATIO lines (ours / peer, lower is better).
set -euo pipefail
: "${ROOT:?run through bench/run}" "${CP:?}" "${BENCH_THREADS:=2}"
WARM=${TRAIN_BENCH_WARMUP:-2}
MEAS=${TRAIN_BENCH_EPOCHS:-5}
PY=python3
$PY -c 'import torch' 2>/dev/null || PY=/usr/bin/python3   # Debian's python3-torch when another python3 shadows it
out=$(mktemp)
java $JAVA_OPTS -Dai.djl.pytorch.num_threads="$BENCH_THREADS" -Dai.djl.pytorch.num_interop_threads="$BENCH_THREADS" \
  -Dworkbench.device=cpu -cp "$CP" "$ROOT/bench/java/TrainBench.java" "$WARM" "$MEAS" | tee "$out"
$PY "$ROOT/bench/python/train_bench.py" "$BENCH_THREADS" "$WARM" "$MEAS" | tee -a "$out"
python3 - "$out" <<'PY'
import sys
v = {}
for line in open(sys.argv[1]):
    parts = line.split()
    if len(parts) == 2:
        try:
            v[parts[0]] = float(parts[1])
        except ValueError:
            pass
print("RATIO train_mlp %.3f" % (v["java_mlp_epoch_median_s"] / v["python_mlp_epoch_median_s"]))
print("RATIO train_cnn %.3f" % (v["java_cnn_epoch_median_s"] / v["python_cnn_epoch_median_s"]))
print("RATIO overhead_train_loop %.3f" % (v["java_mlp_epoch_median_s"] / v["djl_raw_mlp_epoch_median_s"]))
print("RATIO overhead_train_loop_cnn %.3f" % (v["java_cnn_epoch_median_s"] / v["djl_raw_cnn_epoch_median_s"]))
PY
rm -f "$out"
