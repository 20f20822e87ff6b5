#!/usr/bin/env bash
# workbench-spark: TreeSHAP, Kernel SHAP and integrated gradients on local[1] (rows/s/core), their overhead over
# the single-JVM explainer on the same rows, and parallel efficiency from one to two single-core executors of a
# loopback standalone cluster. Goals (issue 16): TreeSHAP >= 1,500 rows/s/core (XGBoost4J-Spark's native
# contributions: about 1,869), Kernel SHAP >= 20, IG >= 50,000; local[1] / single JVM <= 1.3; efficiency >= 0.85.
set -euo pipefail
: "${ROOT:?run through bench/run}"
SCP="$ROOT/workbench-spark/target/classes:$ROOT/workbench-spark/target/lib/*"
# the raw lines first, then the ratios (a tee to stderr interleaved the two in one log and cut lines)
out=$(java $JAVA_OPTS -Xmx4g -cp "$SCP" "$ROOT/bench/java/SparkBench.java" ${SPARK_BENCH_ARGS:-})
echo "$out"
echo "$out" | awk '
  /_local[0-9]+_over_single_jvm/ { print "RATIO spark_" $1, $2 }
  /^parallel_efficiency/ { print "RATIO spark_parallel_efficiency", $2 }'
