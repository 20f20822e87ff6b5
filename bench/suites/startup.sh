#!/usr/bin/env bash
# Kernel start-up: launch to the first `1+1` result, through jupyter_client, ours (installed with its
# class-data-sharing archive, as `workbench install-kernel` does) against Debian's python3-ipykernel.
# Prints the per-run times, the medians, and `RATIO startup_kernel <ours/ipykernel>`.
set -euo pipefail
RUNS=${STARTUP_RUNS:-7}
source "$(dirname "$0")/../kernel_env.sh"
java ${JAVA_OPTS:-} -jar "$KERNEL_JAR" install-kernel --prefix "$PREFIX" --name workbench-bench >/dev/null
java ${JAVA_OPTS:-} -jar "$KERNEL_JAR" install-kernel --prefix "$PREFIX" --name workbench-fast --fast-start >/dev/null
ours=$("$PY" "$ROOT/bench/python/kernel_startup.py" workbench-bench "$RUNS" | tee /dev/stderr | awk '/^median/ {print $3}')
peer=$("$PY" "$ROOT/bench/python/kernel_startup.py" ipykernel-bench "$RUNS" 2>/dev/null | tee /dev/stderr | awk '/^median/ {print $3}')
fast=$("$PY" "$ROOT/bench/python/kernel_startup.py" workbench-fast "$RUNS" | tee /dev/stderr | awk '/^median/ {print $3}')
echo "startup_kernel median seconds: workbench $ours, workbench --fast-start $fast, ipykernel $peer"
echo "RATIO startup_kernel $(awk -v a="$ours" -v b="$peer" 'BEGIN {printf "%.2f", a / b}')"
echo "RATIO startup_kernel_fast_start $(awk -v a="$fast" -v b="$peer" 'BEGIN {printf "%.2f", a / b}')"
