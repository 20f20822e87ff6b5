"""Python peer of bench/java/XgbBench.java: the same CSV, XGBoost settings and repetitions.

Usage: python3 bench/python/xgb_bench.py data.csv threads [repetitions]
"""
import statistics
import sys
import time

import numpy as np
import xgboost as xgb

path, threads = sys.argv[1], int(sys.argv[2])
reps = int(sys.argv[3]) if len(sys.argv) > 3 else 5
data = np.loadtxt(path, delimiter=",", dtype=np.float32)
x, y = data[:, :-1], data[:, -1]
params = {
    "objective": "binary:logistic", "eval_metric": "logloss", "tree_method": "hist", "max_depth": 6,
    "eta": 0.3, "subsample": 1.0, "colsample_bytree": 1.0, "colsample_bynode": 1.0, "min_child_weight": 1.0,
    "lambda": 1.0, "alpha": 0.0, "num_parallel_tree": 1, "seed": 0, "nthread": threads, "verbosity": 0,
}
train, predict = [], []
for r in range(-1, reps):
    t0 = time.perf_counter()
    dtrain = xgb.DMatrix(x, label=y, nthread=threads)
    booster = xgb.train(params, dtrain, num_boost_round=100)
    t1 = time.perf_counter()
    p = booster.predict(xgb.DMatrix(x, nthread=threads))
    t2 = time.perf_counter()
    if r >= 0:
        train.append(t1 - t0)
        predict.append(t2 - t1)
print("python_xgb_train_median_s %.4f" % statistics.median(train))
print("python_xgb_predict_median_s %.4f" % statistics.median(predict))
print("python_xgb_total_median_s %.4f" % (statistics.median(train) + statistics.median(predict)))
print("# python first-row probability %s, xgboost %s" % (p[0], xgb.__version__))
