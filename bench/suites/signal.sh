#!/usr/bin/env bash
# Signal processing (io.workbench.signal) against SciPy: zero-phase band-pass, Welch PSD, resampling on
# one hour at 360 Hz. Resampling differs in method (ours: Kaiser-windowed sinc, 16 zero crossings, any
# ratio; SciPy: resample_poly, polyphase FIR for the rational ratio 25/36).
set -euo pipefail
ours=$(java $JAVA_OPTS -cp "$CP" "$ROOT/bench/java/SignalBench.java")
peer=$(python3 "$ROOT/bench/python/signal_bench.py")
echo "ours:"; echo "$ours"
echo "scipy:"; echo "$peer"
for name in filtfilt welch resample; do
  a=$(echo "$ours" | awk -v n="$name" '$2 == n {print $3}')
  b=$(echo "$peer" | awk -v n="$name" '$2 == n {print $3}')
  awk -v n="$name" -v a="$a" -v b="$b" 'BEGIN {printf "RATIO signal_%s %.3f\n", n, a / b}'
done
