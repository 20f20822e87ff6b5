"""Peer of bench/java/ShapBench.java: shap's KernelExplainer on the same XGBoost model, background and rows.

Usage: python3 bench/python/shap_kernel_bench.py DIR THREADS

DIR holds model/booster.ubj, background.csv, rows.csv and exact.csv written by ShapBench.java. shap comes from the
source tree named by SHAP_SOURCE (bench/python/shap_source.py; its KernelExplainer is pure Python). Prints
"python shap <nsamples> <error> <ms per row> <model rows per row>" lines in the format of the Java side; the
largest budget is shap's default, 2M + 2048 ("auto").
"""
import os
import statistics
import sys
import time

import numpy as np
import xgboost as xgb
from shap_source import load_shap

try:
    shap = load_shap()
except ImportError as e:
    print("SKIP shap KernelExplainer: %s" % e)
    sys.exit(0)

d, threads = sys.argv[1], int(sys.argv[2])
booster = xgb.Booster()
booster.load_model(os.path.join(d, "model", "booster.ubj"))
booster.set_param({"nthread": threads})
bg = np.loadtxt(os.path.join(d, "background.csv"), delimiter=",", dtype=np.float32, ndmin=2)
rows = np.loadtxt(os.path.join(d, "rows.csv"), delimiter=",", dtype=np.float32, ndmin=2)
exact = np.loadtxt(os.path.join(d, "exact.csv"), delimiter=",", ndmin=2)
m = rows.shape[1]
calls = [0]


def f(x):
    calls[0] += x.shape[0]
    return booster.inplace_predict(np.asarray(x, dtype=np.float32))


explainer = shap.KernelExplainer(f, bg)
budgets = [48, 96, 192, 384, 768, 1536, "auto"]
explainer.shap_values(rows[:1], nsamples=64, silent=True)  # warm-up
for budget in budgets:
    err, times, evals = [], [], 0
    for seed in (1, 2, 3):
        np.random.seed(seed)
        calls[0] = 0
        t0 = time.perf_counter()
        phi = np.asarray(explainer.shap_values(rows, nsamples=budget, silent=True))
        times.append((time.perf_counter() - t0) * 1000 / len(rows))
        evals += calls[0]
        err.extend(np.sqrt(np.mean((phi - exact) ** 2, axis=1)))
    label = 2 * m + 2048 if budget == "auto" else budget
    print("python shap %s %.6g %.3f %d" % (label, np.mean(err), statistics.median(times),
                                           evals // (3 * len(rows))))
print("# shap %s, xgboost %s, %d background rows, %d rows" % (shap.__version__, xgb.__version__, len(bg), len(rows)))
