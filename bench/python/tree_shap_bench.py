"""Peer of bench/java/TreeShapBench.java: the same XGBoost model and rows through XGBoost's own pred_contribs and,
when SHAP_SOURCE names a shap 0.42 source tree with its C extension built, shap's TreeExplainer (path-dependent on
2000 rows, interventional with model_output="probability" on 200 rows against 100 background rows).

Usage: python3 bench/python/tree_shap_bench.py DIR threads [repetitions]
"""
import os
import statistics
import sys
import time
import types

import numpy as np
import xgboost as xgb

d, threads = sys.argv[1], int(sys.argv[2])
reps = int(sys.argv[3]) if len(sys.argv) > 3 else 5
booster = xgb.Booster()
booster.load_model(os.path.join(d, "model", "booster.ubj"))
booster.set_param({"nthread": threads})
rows = np.loadtxt(os.path.join(d, "rows.csv"), delimiter=",", dtype=np.float32, ndmin=2)
bg = np.loadtxt(os.path.join(d, "background.csv"), delimiter=",", dtype=np.float32, ndmin=2)


def median_time(fn):
    times = []
    for r in range(-1, reps):
        t0 = time.perf_counter()
        fn()
        if r >= 0:
            times.append(time.perf_counter() - t0)
    return statistics.median(times)


print("python_xgb_contribs_median_s %.4f" % median_time(
    lambda: booster.predict(xgb.DMatrix(rows, nthread=threads), pred_contribs=True)))
src = os.environ.get("SHAP_SOURCE", "")
try:
    if not src:
        raise ImportError("SHAP_SOURCE is not set")
    sys.path.insert(0, src)
    for name in ("slicer", "cloudpickle"):
        try:
            __import__(name)
        except ImportError:
            stub = types.ModuleType(name)
            stub.Alias = stub.Obj = stub.Slicer = object
            sys.modules[name] = stub
    import shap
    from shap import _cext  # noqa: F401  (TreeExplainer needs the compiled extension)
except ImportError as e:
    print("SKIP shap TreeExplainer: %s (needs SHAP_SOURCE with shap's C extension built; see bench/README.md)" % e)
    sys.exit(0)
path_dependent = shap.TreeExplainer(booster)
print("python_shap_tree_median_s %.4f" % median_time(lambda: path_dependent.shap_values(rows)))
interventional = shap.TreeExplainer(booster, data=bg, feature_perturbation="interventional",
                                    model_output="probability")
print("python_shap_tree_interventional_median_s %.4f" % median_time(
    lambda: interventional.shap_values(rows[:200], check_additivity=False)))
print("python_shap_tree_interactions_median_s %.4f" % median_time(
    lambda: path_dependent.shap_interaction_values(rows[:50])))
print("# shap %s, xgboost %s" % (shap.__version__, xgb.__version__))
