"""Peer of bench/java/ShapBench.java: shap's KernelExplainer on the same models, background and rows.

Usage: python3 bench/python/shap_kernel_bench.py DIR THREADS

DIR holds model/booster.ubj, mlp.csv (the MLP's weights), background.csv, rows.csv and exact-<model>.csv written by
ShapBench.java. shap comes from the source tree named by SHAP_SOURCE (bench/python/shap_source.py; its
KernelExplainer is pure Python). Prints "python shap@<model> <nsamples> <error> <ms per row> <model rows per row>"
lines in the format of the Java side; the largest budget is shap's default, 2M + 2048 ("auto").
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
# mlp.csv: w1 (one line per hidden unit), then b1, w2 and b2 (lines of different lengths)
w = [np.array([float(v) for v in line.split(",")]) for line in open(os.path.join(d, "mlp.csv")) if line.strip()]
m = rows.shape[1]
w1, b1, w2, b2 = np.stack(w[:-3]), w[-3], w[-2], w[-1][0]
calls = [0]


def xgboost_model(x):
    calls[0] += x.shape[0]
    return booster.inplace_predict(np.asarray(x, dtype=np.float32))


def mlp_model(x):
    calls[0] += x.shape[0]
    return 1 / (1 + np.exp(-(np.tanh(x @ w1.T + b1) @ w2 + b2)))


def compare(name, f, exact):
    explainer = shap.KernelExplainer(f, bg)
    explainer.shap_values(rows[:1], nsamples=64, silent=True)  # warm-up
    for budget in (48, 96, 192, 384, 768, 1536, "auto"):
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
        print("python shap@%s %s %.6g %.3f %d" % (name, label, np.mean(err), statistics.median(times),
                                                evals // (3 * len(rows))))


for name, f in (("xgboost", xgboost_model), ("mlp", mlp_model)):
    compare(name, f, np.loadtxt(os.path.join(d, "exact-%s.csv" % name), delimiter=",", ndmin=2))
print("# shap %s, xgboost %s, %d background rows, %d rows" % (shap.__version__, xgb.__version__, len(bg), len(rows)))
