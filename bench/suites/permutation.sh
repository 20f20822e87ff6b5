#!/usr/bin/env bash
# Permutation importance of an XGBoost model side by side: the workbench (XGBoost4J 2.1, Explain.
# permutationImportance) vs scikit-learn's permutation_importance on Debian's python3-xgboost 1.7, same seeded data
# (5,000 training and 5,000 evaluation rows x 30 features, written by the Java side), same XGBoost parameters and
# BENCH_THREADS, 5 repeats, accuracy. Only the permutation importance call is timed (medians after a warm-up).
# Prints the raw medians, then RATIO permutation_xgboost <java / python> (lower is better; goal <= 0.5).
set -euo pipefail
: "${ROOT:?run through bench/run}" "${CP:?}" "${BENCH_THREADS:=2}"
cd "$ROOT"
CP=$(printf '%s' "$CP" | sed 's/\x1b\[[0-9;]*m//g; s/\[[0-9;]*m//g')
RUNS=${PERMUTATION_BENCH_RUNS:-7}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
java $JAVA_OPTS -cp "$CP" bench/java/PermutationBench.java "$work/data.csv" "$BENCH_THREADS" "$RUNS" \
  | tee "$work/java.txt"
if /usr/bin/python3 -c 'import sklearn, xgboost' 2>/dev/null; then
  /usr/bin/python3 bench/python/permutation_bench.py "$work/data.csv" "$BENCH_THREADS" "$RUNS" | tee "$work/py.txt"
  j=$(awk '$2=="java_permutation_xgboost_ms"{print $3}' "$work/java.txt")
  p=$(awk '$2=="python_permutation_xgboost_ms"{print $3}' "$work/py.txt")
  awk -v j="$j" -v p="$p" 'BEGIN{printf "RATIO permutation_xgboost %.3f\n", j/p}'
else
  echo "SKIP permutation_xgboost: /usr/bin/python3 lacks scikit-learn or xgboost (apt-get install python3-sklearn python3-xgboost)"
fi
