"""Long-session benchmark: many trivial cells through jupyter_client, retained heap and time per cell.

Usage: python3 kernel_session.py KERNEL_NAME CELLS [PEER_KERNEL_NAME]
(JUPYTER_PATH selects where the kernelspecs are found.)

Runs CELLS cells, each declaring a new 100-element array (`int[] a17 = new int[100];`). At cells 10, 100, 500
and CELLS it measures the heap still used after a full GC (retained heap) two ways: `jcmd PID GC.run` then
`jcmd PID GC.heap_info` (used), and a probe cell that runs System.gc() and prints Runtime's used memory (one
snippet, so that no compilation happens between the GC and the reading); and it reads the kernel process's
resident memory from /proc. Time per cell is the median wall time of the 10 cells
before each checkpoint (request sent to `idle` received). Then it times a trivial `1+1` cell (median of 50) on
this kernel and, if given, on PEER_KERNEL_NAME (ipykernel), side by side.
Prints `checkpoint <cell> retained_mb <MB> probe_mb <MB> rss_mb <MB> cell_ms <ms>` lines, `one_plus_one <kernel> <ms>` lines
and a summary.
"""
import os
import re
import statistics
import subprocess
import sys
import time

import jupyter_client


def pid_of(km):
    prov = getattr(km, "provisioner", None)
    proc = getattr(prov, "process", None) if prov is not None else None
    if proc is None:
        proc = getattr(km, "kernel", None)
    return proc.pid


def rss_mb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    return float("nan")


def execute(kc, code, timeout=120):
    """Runs code; returns (seconds, text/plain result, stdout)."""
    out = {"result": None, "stdout": ""}

    def hook(m):
        if m["msg_type"] == "execute_result":
            out["result"] = m["content"]["data"].get("text/plain")
        elif m["msg_type"] == "stream" and m["content"]["name"] == "stdout":
            out["stdout"] += m["content"]["text"]
        elif m["msg_type"] == "error":
            raise SystemExit("cell failed: %r -> %s" % (code, m["content"]["evalue"]))

    t = time.perf_counter()
    reply = kc.execute_interactive(code, timeout=timeout, output_hook=hook)
    elapsed = time.perf_counter() - t
    if reply["content"]["status"] != "ok":
        raise SystemExit("cell failed: %r -> %r" % (code, reply["content"]))
    return elapsed, out["result"], out["stdout"]


PROBE = ("{ for (int gc = 0; gc < 3; gc++) { System.gc(); Thread.sleep(50); }\n"
         "  System.out.println(\"RETAINED \" + (Runtime.getRuntime().totalMemory()"
         " - Runtime.getRuntime().freeMemory())); }")


def jcmd_used_mb(pid):
    """Heap used after a full GC, from jcmd (no code runs in the kernel)."""
    subprocess.run(["jcmd", str(pid), "GC.run"], capture_output=True, check=True)
    info = subprocess.run(["jcmd", str(pid), "GC.heap_info"], capture_output=True, text=True, check=True).stdout
    m = re.search(r"used (\d+)K", info)
    return int(m.group(1)) / 1024.0


def one_plus_one(name, runs=50):
    km, kc = jupyter_client.manager.start_new_kernel(kernel_name=name, startup_timeout=180)
    try:
        for _ in range(5):
            execute(kc, "1+1")
        times = []
        for _ in range(runs):
            dt, result, _ = execute(kc, "1+1")
            if result != "2":
                raise SystemExit("kernel %s answered %r to 1+1" % (name, result))
            times.append(dt)
        return statistics.median(times) * 1000
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def main():
    name, cells = sys.argv[1], int(sys.argv[2])
    peer = sys.argv[3] if len(sys.argv) > 3 else None
    checkpoints = sorted({c for c in (10, 100, 500, cells) if c <= cells})
    km, kc = jupyter_client.manager.start_new_kernel(kernel_name=name, startup_timeout=180)
    pid = pid_of(km)
    rows = []
    try:
        recent = []
        for i in range(1, cells + 1):
            dt, _, _ = execute(kc, "int[] a%d = new int[100];" % i)
            recent = (recent + [dt])[-10:]
            if i in checkpoints:
                _, _, out = execute(kc, PROBE)
                probe = int(out.split("RETAINED ")[1].split()[0]) / 2**20
                row = (i, jcmd_used_mb(pid), probe, rss_mb(pid), statistics.median(recent) * 1000)
                rows.append(row)
                print("checkpoint %d retained_mb %.1f probe_mb %.1f rss_mb %.1f cell_ms %.1f" % row, flush=True)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    first, last = rows[0], rows[-1]
    print("retained heap growth %d -> %d cells: %.1f MB (goal < 100 MB)" % (first[0], last[0], last[1] - first[1]))
    print("time per cell at %d / at %d: %.2f (goal <= 1.2)" % (last[0], first[0], last[4] / first[4]))
    if len(rows) > 2:
        print("time per cell at %d / at %d (warm): %.2f" % (last[0], rows[1][0], last[4] / rows[1][4]))
    ours = one_plus_one(name)
    print("one_plus_one %s %.1f ms" % (name, ours), flush=True)
    if peer:
        theirs = one_plus_one(peer)
        print("one_plus_one %s %.1f ms" % (peer, theirs), flush=True)
        print("RATIO kernel_one_plus_one %.2f" % (ours / theirs))
    sys.stdout.flush()
    os._exit(0)


main()
