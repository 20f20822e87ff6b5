#!/usr/bin/env bash
# Kernel SHAP against exact Shapley values: error versus model evaluations and time for the default design
# (paired, size-stratified leverage sampling with a stopping rule), the previous default (shap's design, run by the
# workbench) and shap 0.42's KernelExplainer, on the same XGBoost model and MLP, background and rows (bench/java/ShapBench.java,
# bench/python/shap_kernel_bench.py). Then the time of each at the error of shap's default (nsamples 2M + 2048),
# interpolated along its error curve. shap is not packaged in Debian: SHAP_SOURCE names a shap 0.42 source tree
# (its KernelExplainer is pure Python); without it the shap lines are skipped and only the workbench designs compare.
# Needs ROOT, CP, JAVA_OPTS, BENCH_THREADS (bench/run).
set -euo pipefail
: "${ROOT:?run through bench/run}" "${CP:?}"
cd "$ROOT"
CP=$(printf '%s' "$CP" | sed 's/\x1b\[[0-9;]*m//g; s/\[[0-9;]*m//g')
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
java $JAVA_OPTS -cp "$CP" bench/java/ShapBench.java "$tmp" "${BENCH_THREADS:-2}" | tee "$tmp/out"
if [ -n "${SHAP_SOURCE:-}" ]; then
  SHAP_SOURCE="$SHAP_SOURCE" /usr/bin/python3 bench/python/shap_kernel_bench.py "$tmp" "${BENCH_THREADS:-2}" | tee -a "$tmp/out"
else
  echo "SKIP shap KernelExplainer: SHAP_SOURCE is not set (a shap 0.42 source tree; see bench/README.md)"
fi
/usr/bin/python3 bench/python/equal_error.py "$tmp/out"
