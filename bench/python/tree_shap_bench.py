"""Peer of the TreeSHAP part of bench/java/XgbBench.java: the same XGBoost model and rows through XGBoost's own
pred_contribs and, when SHAP_SOURCE names a shap 0.42 source tree with its C extension built
(bench/python/shap_source.py), shap's TreeExplainer: path-dependent on 2000 rows, interventional with
model_output="probability" on 200 rows against 100 background rows, interaction values of 50 rows.

Usage: python3 bench/python/tree_shap_bench.py DIR threads [repetitions]
"""
import os
import statistics
import sys
import time

import numpy as np
import xgboost as xgb
from shap_source import load_shap

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
try:
    shap = load_shap(need_cext=True)
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
