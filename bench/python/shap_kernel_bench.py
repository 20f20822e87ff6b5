"""Peer of bench/java/ShapBench.java: shap's KernelExplainer on the same XGBoost model, background and rows.

Usage: python3 bench/python/shap_kernel_bench.py DIR THREADS

DIR holds model/booster.ubj, background.csv, rows.csv and exact.csv written by ShapBench.java. shap is imported
from the source tree named by SHAP_SOURCE (a checkout of shap 0.42, whose KernelExplainer is pure Python); its
optional helpers slicer and cloudpickle are replaced by empty modules when missing (KernelExplainer's
shap_values does not use them). Prints "python shap <nsamples> <error> <ms per row> <model rows per row>" lines
in the format of the Java side; nsamples "auto" is shap's default, 2M + 2048.
"""
import os
import statistics
import sys
import time
import types

import numpy as np
import xgboost as xgb

src = os.environ.get("SHAP_SOURCE", "")
if not src or not os.path.isdir(os.path.join(src, "shap")):
    print("SKIP shap: set SHAP_SOURCE to a shap 0.42 source tree (currently %r)" % src)
    sys.exit(0)
sys.path.insert(0, src)
for name in ("slicer", "cloudpickle"):
    try:
        __import__(name)
    except ImportError:
        stub = types.ModuleType(name)

        class _Unused:
            def __init__(self, *args, **kwargs):
                raise RuntimeError(name + " is not installed")

        stub.Alias = stub.Obj = stub.Slicer = _Unused
        sys.modules[name] = stub
import shap  # noqa: E402

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
