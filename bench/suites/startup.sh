#!/usr/bin/env bash
# Kernel start-up: launch to the first `1+1` result, through jupyter_client, ours (installed with its
# class-data-sharing archive, as `workbench install-kernel` does), ours with --fast-start, and Debian's
# python3-ipykernel, taking turns run by run. Prints the per-run times, the medians (wall, and the kernel process's
# CPU time at the result, which load does not inflate), and `RATIO startup_kernel <ours/ipykernel>`.
set -euo pipefail
RUNS=${STARTUP_RUNS:-7}
source "$(dirname "$0")/../kernel_env.sh"
java ${JAVA_OPTS:-} -jar "$KERNEL_JAR" install-kernel --prefix "$PREFIX" --name workbench-bench >/dev/null
java ${JAVA_OPTS:-} -jar "$KERNEL_JAR" install-kernel --prefix "$PREFIX" --name workbench-fast --fast-start >/dev/null
out="$PREFIX/startup.txt"
"$PY" "$ROOT/bench/python/kernel_startup.py" workbench-bench,ipykernel-bench,workbench-fast "$RUNS" >"$out" \
  2> >(grep -v -e 'frozen modules' -e 'frozen_modules' -e 'Debugger warning' -e 'PYDEVD' -e 'Debugging will proceed' >&2)
cat "$out"
med() { awk -v k="$2" '$1 == "'"$1"'" && $2 == k {print $3}' "$out"; }
ours=$(med median workbench-bench); peer=$(med median ipykernel-bench); fast=$(med median workbench-fast)
ours_cpu=$(med median_cpu workbench-bench); peer_cpu=$(med median_cpu ipykernel-bench); fast_cpu=$(med median_cpu workbench-fast)
echo "startup_kernel median seconds: workbench $ours, workbench --fast-start $fast, ipykernel $peer"
echo "startup_kernel median CPU seconds: workbench $ours_cpu, workbench --fast-start $fast_cpu, ipykernel $peer_cpu"
echo "RATIO startup_kernel $(awk -v a="$ours" -v b="$peer" 'BEGIN {printf "%.2f", a / b}')"
echo "RATIO startup_kernel_fast_start $(awk -v a="$fast" -v b="$peer" 'BEGIN {printf "%.2f", a / b}')"
echo "RATIO startup_kernel_cpu $(awk -v a="$ours_cpu" -v b="$peer_cpu" 'BEGIN {printf "%.2f", a / b}')"
# What the JIT settings cost a cell's sustained Java work (bench/java/JitSettingsBench.java, thread CPU time): the
# kernelspec's JVM options (without its archive), and the same with --fast-start's C1-only option.
if [ -n "${CP:-}" ]; then
  opts=$("$PY" -c 'import json, sys
a = json.load(open(sys.argv[1]))["argv"]
print(" ".join(o for o in a[1:a.index("-cp")] if not o.startswith(("-XX:SharedArchiveFile", "-Xlog:cds"))))' \
    "$PREFIX/share/jupyter/kernels/workbench-bench/kernel.json")
  def=$(java $opts -cp "$CP" "$ROOT/bench/java/JitSettingsBench.java")
  c1=$(java $opts -XX:TieredStopAtLevel=1 -cp "$CP" "$ROOT/bench/java/JitSettingsBench.java")
  echo "kernel JIT settings, a cell's Fast TreeSHAP / interventional TreeSHAP (first, steady ms):"
  echo "  default:      $(echo "$def" | awk '{printf "%s %s %s  ", $1, $2, $3}')"
  echo "  --fast-start: $(echo "$c1" | awk '{printf "%s %s %s  ", $1, $2, $3}')"
  echo "fast_start_cost_sustained_treeshap $(paste <(echo "$c1") <(echo "$def") \
    | awk '$1 == "treeshap_fast_ms" {printf "%.2fx", $3 / $6}') (steady Fast TreeSHAP, --fast-start / default)"
fi
