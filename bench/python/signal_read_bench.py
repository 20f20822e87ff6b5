"""MNE 1.3 peer of bench/java/SignalReadBench.java: reads the same EDF/BDF/GDF file whole (preload=True).
usage: signal_read_bench.py FILE   ->  "TIME read <s>", "SUM <sum of samples in the file's units>", "RSS <MiB>"
"""
import resource
import sys
import time

import mne

path = sys.argv[1]
t0 = time.perf_counter()
ext = path.lower().rsplit(".", 1)[-1]
reader = {"bdf": mne.io.read_raw_bdf, "gdf": mne.io.read_raw_gdf}.get(ext, mne.io.read_raw_edf)
raw = reader(path, preload=True, verbose="error")
t = time.perf_counter() - t0
# MNE scales to volts; the Java side sums microvolts
print("TIME read %.3f" % t)
print("SUM %.6e" % (raw._data.sum() * 1e6))
print("RSS %.0f" % (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0))
