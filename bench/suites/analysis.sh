#!/usr/bin/env bash
# Analysis package against its peers on the same data: CART fit vs scikit-learn DecisionTreeClassifier
# (20000 x 10, 3 classes, depth 8, min leaf 5), Kendall tau-b / Spearman vs SciPy (200,000 tied values),
# correlated-feature grouping vs SciPy spearmanr + average linkage (2000 x 200), and probing top-10 of 20,000
# features (ours only). Prints raw medians, then RATIO lines (ours / peer, lower is better).
set -euo pipefail
: "${ROOT:?run through bench/run}" "${CP:?}"
REPS=${ANALYSIS_BENCH_REPS:-5}
PY=/usr/bin/python3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
java $JAVA_OPTS -Xmx4g -cp "$CP" "$ROOT/bench/java/AnalysisBench.java" "$work" "$REPS" | tee "$work/out"
$PY "$ROOT/bench/python/analysis_bench.py" "$work" "$REPS" | tee -a "$work/out"
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
for name in ["cart_fit", "kendall", "spearman", "grouping"]:
    print("RATIO analysis_%s %.3f" % (name, v["java_%s_median_s" % name] / v["python_%s_median_s" % name]))
print("SAME cart_leaves %s" % (v["java_cart_leaves"] == v["python_cart_leaves"]))
print("SAME grouping_groups %s" % (v["java_grouping_groups"] == v["python_grouping_groups"]))
print("SAME kendall_value %s" % (abs(v["java_kendall_value"] - v["python_kendall_value"]) < 1e-9))
PY
