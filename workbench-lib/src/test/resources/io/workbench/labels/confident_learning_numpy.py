"""Independent NumPy implementation of the confident-learning steps used by LabelIssuesDigitsTest.

Written from the definitions in Northcutt et al. (2021) and the package documentation of io.workbench.labels,
vectorised and sharing no code with the Java implementation.

usage: confident_learning_numpy.py probs.csv labels.txt (or import and call find(probs, labels))
prints three lines: the raw confident joint, the calibrated joint (row-major, comma separated) and the
sorted rows flagged by prune-by-noise-rate (min 1 row per class, frac_noise 1).
"""
import sys

import numpy as np


def round_rows(m):
    """Row-total-preserving rounding as cleanlab 2.5 defines it: nearest integer (numpy rounds halves to even),
    then units moved towards the rounded row total on the entries with the largest value - rounded, ties to the
    higher column (a stable ascending argsort, reversed)."""
    out = np.round(m)
    for i in range(m.shape[0]):
        goal = np.round(m[i].sum())
        while abs(out[i].sum() - goal) > 1e-6:
            diff = goal - out[i].sum()
            step = 1 if diff > 0 else -1
            take = min(int(abs(np.round(diff))), m.shape[1])
            order = np.argsort(m[i] - out[i], kind="stable")[::-1][:take]
            out[i, order] += step
    return out.astype(int)


def find(probs, labels):
    """Returns (raw confident joint, calibrated joint, sorted flagged rows)."""
    n, k = probs.shape
    counts = np.bincount(labels, minlength=k)

    # per-class threshold: mean self-confidence of each given class
    thresholds = np.array([probs[labels == c, c].mean() if counts[c] else np.inf for c in range(k)])
    thresholds = np.maximum(thresholds, 2e-6)

    # confident classes; the counted class is the most probable confident one (first on ties)
    confident = probs >= thresholds - 1e-6
    masked = np.where(confident, probs, -np.inf)
    counted = masked.argmax(axis=1)
    has_any = confident.any(axis=1)
    raw = np.zeros((k, k), dtype=int)
    np.add.at(raw, (labels[has_any], counted[has_any]), 1)
    np.fill_diagonal(raw, np.maximum(raw.diagonal(), 1))

    calibrated = round_rows(raw / raw.sum(axis=1, keepdims=True) * counts[:, None])

    # prune counts: diagonal raised to at least 1, taken evenly from the non-zero off-diagonals
    prune = calibrated.astype(float)
    for i in range(k):
        raise_by = max(prune[i, i], 1) - prune[i, i]
        off = [j for j in range(k) if j != i and prune[i, j] > 0]
        for j in off:
            prune[i, j] = max(0.0, prune[i, j] - raise_by / len(off))
        prune[i, i] = counts[i] - sum(prune[i, j] for j in range(k) if j != i)
    prune = round_rows(prune)

    flagged = np.zeros(n, dtype=bool)
    for given in range(k):
        rows = np.flatnonzero(labels == given)
        if len(rows) <= 1:
            continue
        for true in range(k):
            m = min(prune[given, true], len(rows))
            if true == given or m <= 0:
                continue
            margin = probs[rows, true] - probs[rows, given]
            order = np.lexsort((rows, -margin))  # largest margin first, then row index
            flagged[rows[order[:m]]] = True
    # rows the model predicts as their given label (ties included) are not issues
    flagged &= probs[np.arange(n), labels] < probs.max(axis=1)
    return raw, calibrated, np.flatnonzero(flagged)


if __name__ == "__main__":
    raw, calibrated, rows = find(np.loadtxt(sys.argv[1], delimiter=","), np.loadtxt(sys.argv[2], dtype=int))
    print(",".join(map(str, raw.ravel())))
    print(",".join(map(str, calibrated.ravel())))
    print(",".join(map(str, rows)))
