#!/usr/bin/env bash
# Confident learning on 100,000 x 10 synthetic out-of-fold probabilities: io.workbench.labels vs a NumPy
# implementation of the same steps (cleanlab is not packaged for Debian).
set -euo pipefail
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
ours=$(java $JAVA_OPTS -cp "$CP" "$ROOT/bench/java/LabelIssuesBench.java" 100000 10 "$OUT")
echo "$ours" | grep -v '^OURS_MS'
peer=$(/usr/bin/python3 "$ROOT/bench/python/label_issues_peer.py" "$ROOT" "$OUT")
echo "$peer" | grep -v '^PEER_MS'
o=$(echo "$ours" | awk '/^OURS_MS/ {print $2}')
p=$(echo "$peer" | awk '/^PEER_MS/ {print $2}')
awk -v o="$o" -v p="$p" 'BEGIN { printf "RATIO label_issues_100k %.3f\n", o / p }'
