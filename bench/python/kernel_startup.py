"""Kernel start-up time: launch a kernel through jupyter_client and time until the first `1+1` result.

Usage: python3 kernel_startup.py KERNEL[,KERNEL...] RUNS   (JUPYTER_PATH selects where the kernelspecs are found)
The kernels take turns run by run (a busy machine then slows all of them alike). For each run prints
`startup <kernel> <seconds> cpu <seconds>`: the wall time to the result, and the CPU time (user + system, all
threads) the kernel process had used by then, which load on a shared machine does not inflate. Then per kernel
`median <kernel> <seconds>` and `median_cpu <kernel> <seconds>`.
"""
import os
import statistics
import sys
import time

import jupyter_client

names, runs = sys.argv[1].split(","), int(sys.argv[2])
tick = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid):
    """utime + stime of a running process, from /proc (fields 14 and 15 of stat)."""
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / tick


walls = {n: [] for n in names}
cpus = {n: [] for n in names}
for _ in range(runs):
    for name in names:
        t0 = time.perf_counter()
        km, kc = jupyter_client.manager.start_new_kernel(kernel_name=name, startup_timeout=120)
        result = []
        kc.execute_interactive("1+1", timeout=120, output_hook=lambda m: result.append(
            m["content"]["data"]["text/plain"]) if m["msg_type"] == "execute_result" else None)
        elapsed = time.perf_counter() - t0
        cpu = cpu_seconds(km.provisioner.process.pid)
        if result != ["2"]:
            raise SystemExit("kernel %s answered %r to 1+1" % (name, result))
        walls[name].append(elapsed)
        cpus[name].append(cpu)
        print("startup %s %.3f cpu %.2f" % (name, elapsed, cpu), flush=True)
        kc.stop_channels()
        km.shutdown_kernel(now=True)
for name in names:
    print("median %s %.3f" % (name, statistics.median(walls[name])), flush=True)
    print("median_cpu %s %.2f" % (name, statistics.median(cpus[name])), flush=True)
sys.stdout.flush()
os._exit(0)
