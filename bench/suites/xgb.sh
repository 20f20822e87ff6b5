#!/usr/bin/env bash
# XGBoost training + prediction: the workbench wrapper (XGBoost4J 2.1) vs Debian's python3-xgboost (1.7) on the
# same seeded 20000 x 30 binary data, same parameters (100 rounds, depth 6, eta 0.3, hist) and BENCH_THREADS;
# plus the wrapper vs bare XGBoost4J calls (the wrapper's overhead). Note the two XGBoost versions differ.
# Prints raw medians, then RATIO lines (ours / peer, lower is better).
set -euo pipefail
: "${ROOT:?run through bench/run}" "${CP:?}" "${BENCH_THREADS:=2}"
REPS=${XGB_BENCH_REPS:-5}
PY=python3
$PY -c 'import xgboost' 2>/dev/null || PY=/usr/bin/python3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
java $JAVA_OPTS -cp "$CP" "$ROOT/bench/java/XgbBench.java" "$work/data.csv" "$BENCH_THREADS" "$REPS" | tee "$work/out"
$PY "$ROOT/bench/python/xgb_bench.py" "$work/data.csv" "$BENCH_THREADS" "$REPS" | tee -a "$work/out"
$PY - "$work/out" <<'PY'
import sys
v = {}
for line in open(sys.argv[1]):
    parts = line.split()
    if len(parts) == 2:
        try:
            v[parts[0]] = float(parts[1])
        except ValueError:
            pass
print("RATIO train_xgboost %.3f" % (v["java_xgb_train_median_s"] / v["python_xgb_train_median_s"]))
print("RATIO predict_xgboost %.3f" % (v["java_xgb_predict_median_s"] / v["python_xgb_predict_median_s"]))
print("RATIO overhead_xgboost_wrapper %.3f" % (v["java_xgb_total_median_s"] / v["xgb4j_raw_total_median_s"]))
PY
