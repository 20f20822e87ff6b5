"""Python peers of bench/java/AnalysisBench.java: scikit-learn's CART, SciPy's Kendall tau-b / Spearman, and
SciPy average-linkage clustering on 1 - |Spearman| (the same definitions as the workbench). Prints medians (s)."""
import sys
import time

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform
from scipy.stats import kendalltau, spearmanr
from sklearn.tree import DecisionTreeClassifier


def median(reps, f):
    f()
    t = []
    for _ in range(reps):
        t0 = time.perf_counter()
        f()
        t.append(time.perf_counter() - t0)
    return sorted(t)[reps // 2]


def main():
    d = sys.argv[1]
    reps = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    a = np.loadtxt(d + "/cart.csv", delimiter=",")
    X = a[:, :-1].astype(np.float32)
    y = a[:, -1]
    leaves = [0]

    def fit():
        leaves[0] = DecisionTreeClassifier(max_depth=8, min_samples_leaf=5, random_state=0).fit(X, y).get_n_leaves()

    print("python_cart_fit_median_s", median(reps, fit))
    print("python_cart_leaves", leaves[0])
    v = np.loadtxt(d + "/vectors.csv", delimiter=",")
    print("python_kendall_median_s", median(reps, lambda: kendalltau(v[:, 0], v[:, 1])))
    print("python_spearman_median_s", median(reps, lambda: spearmanr(v[:, 0], v[:, 1])))
    print("python_kendall_value", repr(float(kendalltau(v[:, 0], v[:, 1])[0])))
    print("python_spearman_value", repr(float(spearmanr(v[:, 0], v[:, 1])[0])))
    g = np.loadtxt(d + "/groups.csv", delimiter=",")
    n_groups = [0]

    def group():
        rho = spearmanr(g).correlation
        dist = 1 - np.abs(rho)
        np.fill_diagonal(dist, 0)
        z = linkage(squareform(dist, checks=False), method="average")
        n_groups[0] = len(set(fcluster(z, t=0.3, criterion="distance")))

    print("python_grouping_median_s", median(reps, group))
    print("python_grouping_groups", n_groups[0])


if __name__ == "__main__":
    main()
