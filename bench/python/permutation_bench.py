"""Python peer of bench/java/PermutationBench.java: the same CSV (rows 0..4999 train, 5000..9999 evaluate), an
XGBoost model with the same parameters (100 rounds, depth 6, eta 0.3, hist, seed 0, THREADS threads) through
xgboost's scikit-learn API, then sklearn.inspection.permutation_importance with n_repeats=5 and accuracy (one job;
XGBoost's own threads as on the Java side). Only the permutation_importance call is timed: median of RUNS runs
after one warm-up.

Usage: /usr/bin/python3 bench/python/permutation_bench.py data.csv THREADS [RUNS]
"""
import statistics
import sys
import time

import numpy as np
import sklearn
import xgboost as xgb
from sklearn.inspection import permutation_importance

path, threads = sys.argv[1], int(sys.argv[2])
runs = int(sys.argv[3]) if len(sys.argv) > 3 else 7
data = np.loadtxt(path, delimiter=",", dtype=np.float32)
x, y = data[:, :-1], data[:, -1].astype(int)
half = len(x) // 2
model = xgb.XGBClassifier(
    n_estimators=100, max_depth=6, learning_rate=0.3, tree_method="hist", subsample=1.0, colsample_bytree=1.0,
    colsample_bynode=1.0, min_child_weight=1.0, reg_lambda=1.0, reg_alpha=0.0, num_parallel_tree=1,
    random_state=0, n_jobs=threads, objective="binary:logistic", eval_metric="logloss", verbosity=0)
model.fit(x[:half], y[:half])
xe, ye = x[half:], y[half:]
r = permutation_importance(model, xe, ye, n_repeats=5, random_state=0, scoring="accuracy")  # warm-up
times = []
for _ in range(runs):
    t0 = time.perf_counter()
    r = permutation_importance(model, xe, ye, n_repeats=5, random_state=0, scoring="accuracy")
    times.append((time.perf_counter() - t0) * 1000)
acc = float((model.predict(xe) == ye).mean())
top = [f"f{j}" for j in np.argsort(-r.importances_mean, kind="stable")[:5]]
print(f"scikit-learn {sklearn.__version__} permutation_importance, xgboost {xgb.__version__}, {threads} threads: "
      f"median {statistics.median(times):.1f} ms over {runs} runs (min {min(times):.1f}, max {max(times):.1f}); "
      f"baseline accuracy {acc:.4f}; top features {top}")
print(f"MEDIAN python_permutation_xgboost_ms {statistics.median(times):.3f}")
