# Sourced by the kernel suites (startup.sh, kernel_session.sh): the Python with jupyter_client, the kernel jar,
# a temporary Jupyter prefix (removed on exit) and ipykernel's kernelspec there as `ipykernel-bench`.
# After sourcing: PY, KERNEL_JAR, PREFIX, JUPYTER_PATH (exported).
ROOT=${ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
KERNEL_JAR=${KERNEL_JAR:-$(ls "$ROOT"/kernel-ext/target/kernel-ext-*-all.jar 2>/dev/null | head -1)}
if [ -z "$KERNEL_JAR" ]; then echo "$(basename "$0"): no kernel jar; build with mvn -DskipTests package" >&2; exit 1; fi
PREFIX=$(mktemp -d)
trap 'rm -rf "$PREFIX"' EXIT
mkdir -p "$PREFIX/share/jupyter/kernels/ipykernel-bench"
cat > "$PREFIX/share/jupyter/kernels/ipykernel-bench/kernel.json" <<JSON
{"argv": ["$PY", "-m", "ipykernel_launcher", "-f", "{connection_file}"], "display_name": "Python 3", "language": "python"}
JSON
export JUPYTER_PATH="$PREFIX/share/jupyter"
