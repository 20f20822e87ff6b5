"""scikit-learn peer of bench/java/ExplainBench.java: permutation importance of the same logistic regression
(coefficients exported from Java) on the same data, 5 repeats, accuracy, one job. Prints the median time."""
import sys
import time

import numpy as np
from sklearn.inspection import permutation_importance
from sklearn.linear_model import LogisticRegression

d = sys.argv[1]
data = np.loadtxt(f"{d}/logistic_data.csv", delimiter=",", dtype=np.float64)
X = data[:, :-1].astype(np.float32)
y = data[:, -1].astype(int)
coef = np.loadtxt(f"{d}/logistic_coef.csv", delimiter=",")
model = LogisticRegression()
model.classes_ = np.array([0, 1])
model.coef_ = coef[:-1].reshape(1, -1)
model.intercept_ = np.array([coef[-1]])
model.n_features_in_ = X.shape[1]

runs = []
permutation_importance(model, X, y, n_repeats=5, random_state=0, n_jobs=None)  # warm-up
for _ in range(5):
    t = time.perf_counter()
    r = permutation_importance(model, X, y, n_repeats=5, random_state=0, n_jobs=None)
    runs.append((time.perf_counter() - t) * 1000)
runs.sort()
top = [f"f{j}" for j in np.argsort(-r.importances_mean, kind="stable")[:5]]
print(f"scikit-learn permutation_importance, same model and data: median {runs[2]:.1f} ms; top features: {top}")
print(f"MEDIAN sklearn_permutation_logistic_ms {runs[2]:.3f}")
