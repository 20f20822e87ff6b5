#!/usr/bin/env bash
# Long kernel session: 1,000 trivial cells through jupyter_client; retained heap after a forced GC and resident
# memory at cells 10, 100, 500 and 1,000, time per cell there, and a trivial `1+1` cell against Debian's
# python3-ipykernel. Goals (issue 14): retained heap grows < 100 MB over 1,000 cells; time per cell at 1,000 within
# 1.2x of cell 10. Set SESSION_CELLS to change the number of cells.
set -euo pipefail
ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
CELLS=${SESSION_CELLS:-1000}
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
KERNEL_JAR=${KERNEL_JAR:-$(ls "$ROOT"/kernel-ext/target/kernel-ext-*-all.jar 2>/dev/null | head -1)}
if [ -z "$KERNEL_JAR" ]; then echo "kernel_session: no kernel jar; build with mvn -DskipTests package" >&2; exit 1; fi
PREFIX=$(mktemp -d)
trap 'rm -rf "$PREFIX"' EXIT
java -Djava.awt.headless=true -jar "$KERNEL_JAR" install-kernel --prefix "$PREFIX" --name workbench-bench --no-cds >/dev/null
mkdir -p "$PREFIX/share/jupyter/kernels/ipykernel-bench"
cat > "$PREFIX/share/jupyter/kernels/ipykernel-bench/kernel.json" <<JSON
{"argv": ["$PY", "-m", "ipykernel_launcher", "-f", "{connection_file}"], "display_name": "Python 3", "language": "python"}
JSON
export JUPYTER_PATH="$PREFIX/share/jupyter"
"$PY" "$ROOT/bench/python/kernel_session.py" workbench-bench "$CELLS" ipykernel-bench
