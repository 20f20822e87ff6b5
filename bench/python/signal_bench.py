"""SciPy peer of bench/java/SignalBench.java: same signal length, filter, Welch settings and target rate."""
import time
import numpy as np
import scipy.signal as s

n = 360 * 3600
rng = np.random.default_rng(42)
x = np.sin(2 * np.pi * 1.2 * np.arange(n) / 360.0) + 0.3 * rng.standard_normal(n)
sos = s.butter(4, [0.5, 40], 'bandpass', fs=360, output='sos')
pad = max(3 * (2 * 4 + 1), int(np.ceil(3 * 360 / 0.5)))


def timed(name, runs, f):
    for _ in range(2):
        f()
    t = []
    for _ in range(runs):
        t0 = time.perf_counter()
        f()
        t.append(time.perf_counter() - t0)
    print("MEDIAN %s %.6f" % (name, sorted(t)[runs // 2]))


timed("filtfilt", 7, lambda: s.sosfiltfilt(sos, x, padlen=pad))
timed("welch", 7, lambda: s.welch(x, fs=360, nperseg=1024, noverlap=512))
timed("resample", 5, lambda: s.resample_poly(x, 25, 36))
