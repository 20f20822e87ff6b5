"""Kernel start-up time: launch a kernel through jupyter_client and time until the first `1+1` result.

Usage: python3 kernel_startup.py KERNEL_NAME RUNS   (JUPYTER_PATH selects where the kernelspec is found)
Prints one line per run, `startup <kernel> <seconds>`, then `median <kernel> <seconds>`.
"""
import os
import statistics
import sys
import time

import jupyter_client

name, runs = sys.argv[1], int(sys.argv[2])
times = []
for _ in range(runs):
    t0 = time.perf_counter()
    km, kc = jupyter_client.manager.start_new_kernel(kernel_name=name, startup_timeout=120)
    result = []
    kc.execute_interactive("1+1", timeout=120, output_hook=lambda m: result.append(
        m["content"]["data"]["text/plain"]) if m["msg_type"] == "execute_result" else None)
    elapsed = time.perf_counter() - t0
    if result != ["2"]:
        raise SystemExit("kernel %s answered %r to 1+1" % (name, result))
    times.append(elapsed)
    print("startup %s %.3f" % (name, elapsed), flush=True)
    kc.stop_channels()
    km.shutdown_kernel(now=True)
print("median %s %.3f" % (name, statistics.median(times)), flush=True)
sys.stdout.flush()
os._exit(0)
