#!/usr/bin/env bash
# Explainers: overhead of Kernel SHAP (MLP; XGBoost in KernelShapCostBench), permutation importance and integrated gradients (DJL MLP, 50 steps) over
# their bare model evaluations (integrated gradients: the same path points through Differentiable.inputGradients), and
# permutation importance side by side with scikit-learn's permutation_importance (Kernel SHAP vs the `shap`
# package is skipped: shap is not packaged in Debian). Needs ROOT, CP, JAVA_OPTS, BENCH_THREADS (bench/run).
set -euo pipefail
cd "$ROOT"
# bench/run's CP may carry ANSI colour codes that `mvn -q ... -Dmdep.outputFile=/dev/stdout` prints: strip them
CP=$(printf '%s' "$CP" | sed 's/\x1b\[[0-9;]*m//g; s/\[[0-9;]*m//g')
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
java $JAVA_OPTS -cp "$CP" bench/java/ExplainBench.java "$tmp" "${BENCH_THREADS:-2}" | tee "$tmp/java.txt"
# Kernel SHAP on XGBoost per explained row over one bare predictProba of its 19,000 hybrid rows (cost per evaluation)
java $JAVA_OPTS -cp "$CP" bench/java/KernelShapCostBench.java "${BENCH_THREADS:-2}"
if /usr/bin/python3 -c 'import sklearn' 2>/dev/null; then
  /usr/bin/python3 bench/python/permutation_importance.py "$tmp" | tee "$tmp/py.txt"
  j=$(awk '$2=="java_permutation_logistic_ms"{print $3}' "$tmp/java.txt")
  jf=$(awk '$2=="java_permutation_logistic_fastpath_ms"{print $3}' "$tmp/java.txt")
  p=$(awk '$2=="sklearn_permutation_logistic_ms"{print $3}' "$tmp/py.txt")
  awk -v j="$j" -v p="$p" 'BEGIN{printf "RATIO permutation_logistic %.3f\n", j/p}'
  awk -v j="$jf" -v p="$p" 'BEGIN{printf "RATIO permutation_logistic_fastpath %.3f\n", j/p}'
else
  echo "SKIP permutation_logistic: /usr/bin/python3 has no scikit-learn (apt-get install python3-sklearn)"
fi
