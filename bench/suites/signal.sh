#!/usr/bin/env bash
# Signal processing (io.workbench.signal) against SciPy: zero-phase band-pass, Welch PSD, resampling on
# one hour at 360 Hz. signal_resample compares like with like (Resampler.resamplePoly(x, 25, 36) against
# resample_poly(x, 25, 36)); signal_resample_sinc times Resampler.resample (Kaiser-windowed sinc, 16 zero
# crossings, any ratio) against the same resample_poly.
set -euo pipefail
ours=$(java $JAVA_OPTS -cp "$CP" "$ROOT/bench/java/SignalBench.java")
peer=$(python3 "$ROOT/bench/python/signal_bench.py")
echo "ours:"; echo "$ours"
echo "scipy:"; echo "$peer"
for name in filtfilt welch resample resample_sinc; do
  a=$(echo "$ours" | awk -v n="$name" '$2 == n {print $3}')
  b=$(echo "$peer" | awk -v n="${name%_sinc}" '$2 == n {print $3}')
  awk -v n="$name" -v a="$a" -v b="$b" 'BEGIN {printf "RATIO signal_%s %.3f\n", n, a / b}'
done

# Reading files against MNE 1.3 (Debian's python3-mne), on files the bench writes to a temporary folder and
# deletes: a plain EDF and a 24-bit BDF (32 channels, 256 Hz, seeded samples) read whole (ours: Edf/Bdf.read;
# MNE: read_raw_edf/bdf(preload=True)); a GDF 2 of 32 channels x 30 min written by the workbench (Gdf.write),
# which MNE 1.3's read_raw_gdf reads too (the sums printed agree); and every 4 s window of an EDF larger than
# the JVM heap (-Xmx256m, LazyRecording.windows), peak RSS reported. Sizes: SIGNAL_READ_MB (default
# 256) for the whole-file reads, SIGNAL_BIG_MB (default 1024) for the windows.
read_mb=${SIGNAL_READ_MB:-256}
big_mb=${SIGNAL_BIG_MB:-1024}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
rb() { java $JAVA_OPTS "$@"; }
rb -cp "$CP" "$ROOT/bench/java/SignalReadBench.java" write-edf "$tmp/read.edf" "$read_mb"
rb -cp "$CP" "$ROOT/bench/java/SignalReadBench.java" write-bdf "$tmp/read.bdf" "$read_mb"
rb -cp "$CP" "$ROOT/bench/java/SignalReadBench.java" write-gdf "$tmp/read.gdf" 1800
for f in read.edf read.bdf read.gdf; do
  ours=$(rb -Xmx6g -cp "$CP" "$ROOT/bench/java/SignalReadBench.java" read "$tmp/$f")
  peer=$(/usr/bin/python3 "$ROOT/bench/python/signal_read_bench.py" "$tmp/$f")
  echo "ours $f:"; echo "$ours"; echo "mne $f:"; echo "$peer"
  a=$(echo "$ours" | awk '$1 == "TIME" {print $3}')
  b=$(echo "$peer" | awk '$1 == "TIME" {print $3}')
  awk -v n="${f#read.}" -v a="$a" -v b="$b" 'BEGIN {printf "RATIO signal_read_%s %.3f\n", n, a / b}'
done
rm -f "$tmp"/read.*
rb -cp "$CP" "$ROOT/bench/java/SignalReadBench.java" write-edf "$tmp/big.edf" "$big_mb"
echo "ours windows over big.edf (-Xmx256m):"
rb -Xmx256m -cp "$CP" "$ROOT/bench/java/SignalReadBench.java" windows "$tmp/big.edf" 4
