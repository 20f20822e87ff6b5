#!/usr/bin/env bash
# Long kernel session: 1,000 trivial cells through jupyter_client; retained heap after a forced GC and resident
# memory at cells 10, 100, 500 and 1,000, time per cell there, and a trivial `1+1` cell against Debian's
# python3-ipykernel. Goals (issue 14): retained heap grows < 100 MB over 1,000 cells; time per cell at 1,000 within
# 1.2x of cell 10. Set SESSION_CELLS to change the number of cells.
set -euo pipefail
CELLS=${SESSION_CELLS:-1000}
source "$(dirname "$0")/../kernel_env.sh"
java ${JAVA_OPTS:-} -jar "$KERNEL_JAR" install-kernel --prefix "$PREFIX" --name workbench-bench --no-cds >/dev/null
"$PY" "$ROOT/bench/python/kernel_session.py" workbench-bench "$CELLS" ipykernel-bench
