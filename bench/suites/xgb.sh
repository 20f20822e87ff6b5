#!/usr/bin/env bash
# XGBoost training + prediction: the workbench wrapper (XGBoost4J 2.1) vs Debian's python3-xgboost (1.7) on the
# same seeded 20000 x 30 binary data, same parameters (100 rounds, depth 6, eta 0.3, hist) and BENCH_THREADS;
# plus the wrapper vs bare XGBoost4J calls (the wrapper's overhead). Note the two XGBoost versions differ.
# TreeSHAP (end of bench/java/XgbBench.java, bench/python/tree_shap_bench.py) on the trained model: Fast TreeSHAP
# in Java against XGBoost's own contributions (predictContrib through our explainer, and Python's pred_contribs) and,
# when SHAP_SOURCE names a shap 0.42 tree with its C extension built, against shap's TreeExplainer (path-dependent,
# interventional in probability space, interaction values).
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
SHAP_SOURCE="${SHAP_SOURCE:-}" $PY "$ROOT/bench/python/tree_shap_bench.py" "$work" "$BENCH_THREADS" "$REPS" \
  | tee -a "$work/out"
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
print("RATIO treeshap_vs_predictcontrib %.3f" % (v["java_treeshap_fast_median_s"] / v["java_treeshap_native_median_s"]))
print("RATIO treeshap_vs_python_pred_contribs %.3f" % (v["java_treeshap_fast_median_s"]
                                                      / v["python_xgb_contribs_median_s"]))
if "python_shap_tree_median_s" in v:
    print("RATIO treeshap_vs_shap %.3f" % (v["java_treeshap_fast_median_s"] / v["python_shap_tree_median_s"]))
    print("RATIO treeshap_interventional_vs_shap %.3f" % (v["java_treeshap_interventional_median_s"]
                                                         / v["python_shap_tree_interventional_median_s"]))
    print("RATIO treeshap_interactions_vs_shap %.3f" % (v["java_treeshap_interactions_median_s"]
                                                       / v["python_shap_tree_interactions_median_s"]))
PY
