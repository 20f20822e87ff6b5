#!/usr/bin/env bash
# The evaluation suite's cost per metric (issue 20): model rows and seconds of every metric of every family for
# DeepLIFT, integrated gradients and occlusion on the ECG CNN of notebook 11 (20 windows). No Python peer (Quantus is
# not packaged in Debian). `bench/run evaluation`. Needs ROOT, CP, JAVA_OPTS (bench/run); EVAL_BENCH_ROWS (default 20).
set -euo pipefail
cd "$ROOT"
CP=$(printf '%s' "$CP" | sed 's/\x1b\[[0-9;]*m//g; s/\[[0-9;]*m//g')
java $JAVA_OPTS -cp "$CP" bench/java/EvaluationBench.java "${EVAL_BENCH_ROWS:-20}"
