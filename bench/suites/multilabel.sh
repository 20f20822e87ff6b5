#!/usr/bin/env bash
# Multi-label training: workbench MLP (sigmoid outputs, BCE) vs the same network in PyTorch (Python) on the same
# seeded 20,000 x 20 data with 5 labels (16,000 train / 4,000 test), Adam lr 1e-3, batch 64, MULTILABEL_EPOCHS
# epochs, BENCH_THREADS threads. Prints fit seconds and test metrics of both (scikit-learn computes the peer's),
# then RATIO lines (ours / peer; time: lower is better; macro AUROC: near 1 means equal quality). Both sides
# warm up with a one-epoch fit, then time a first and a second ("warm") fit, in wall and process CPU seconds.
set -euo pipefail
: "${ROOT:?run through bench/run}" "${CP:?}" "${BENCH_THREADS:=2}"
CP=$(printf '%s' "$CP" | sed 's/\x1b\[[0-9;]*m//g')
EPOCHS=${MULTILABEL_EPOCHS:-10}
PY=/usr/bin/python3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
java $JAVA_OPTS -Dai.djl.pytorch.num_threads="$BENCH_THREADS" -Dai.djl.pytorch.num_interop_threads="$BENCH_THREADS" \
  -Dworkbench.device=cpu -cp "$CP" "$ROOT/bench/java/MultiLabelBench.java" "$work" "$EPOCHS" | tee "$work/out"
$PY "$ROOT/bench/python/multilabel_bench.py" "$work" "$EPOCHS" "$BENCH_THREADS" | tee -a "$work/out"
$PY - "$work/out" <<'PY'
import sys
v = {}
for line in open(sys.argv[1]):
    parts = line.split()
    if len(parts) == 2:
        v[parts[0]] = float(parts[1])
print("RATIO multilabel_fit %.3f" % (v["java_fit_s"] / v["python_fit_s"]))
print("RATIO multilabel_fit_warm %.3f" % (v["java_fit_warm_s"] / v["python_fit_warm_s"]))
# process CPU seconds (every thread: on the Java side also the JIT compiler and GC): robust on a busy machine
print("RATIO multilabel_fit_cpu %.3f" % (v["java_fit_cpu_s"] / v["python_fit_cpu_s"]))
print("RATIO multilabel_fit_warm_cpu %.3f" % (v["java_fit_warm_cpu_s"] / v["python_fit_warm_cpu_s"]))
print("RATIO multilabel_macro_auroc %.4f" % (v["java_macro_auroc"] / v["python_macro_auroc"]))
PY
