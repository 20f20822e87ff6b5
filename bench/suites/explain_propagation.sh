#!/usr/bin/env bash
# DeepLIFT and LRP cost per row against one forward + backward pass of the same network and against integrated
# gradients with 50 steps (issue 20; goal at most 2x the forward + backward). `bench/run explain` runs it beside
# explain.sh. Needs ROOT, CP, JAVA_OPTS (bench/run).
set -euo pipefail
cd "$ROOT"
CP=$(printf '%s' "$CP" | sed 's/\x1b\[[0-9;]*m//g; s/\[[0-9;]*m//g')
java $JAVA_OPTS -cp "$CP" bench/java/PropagationBench.java
