"""NumPy peer of bench/java/LabelIssuesBench.java: the same confident-learning steps (the independent
implementation used by the tests), timed on the same inputs. cleanlab itself is not installable here.

usage: label_issues_peer.py ROOT OUTDIR
"""
import importlib.util
import sys
import time

import numpy as np

root, out = sys.argv[1], sys.argv[2]
spec = importlib.util.spec_from_file_location(
    "cl", root + "/workbench-lib/src/test/resources/io/workbench/labels/confident_learning_numpy.py")
cl = importlib.util.module_from_spec(spec)
spec.loader.exec_module(cl)

probs = np.loadtxt(out + "/probs.csv", delimiter=",")
labels = np.loadtxt(out + "/labels.txt", dtype=int)
for _ in range(2):
    rows = cl.find(probs, labels)[2]
times = []
for _ in range(7):
    t0 = time.perf_counter()
    rows = cl.find(probs, labels)[2]
    # the ranking step (self-confidence, ascending) that the Java side includes
    order = rows[np.lexsort((rows, probs[rows, labels[rows]]))]
    times.append((time.perf_counter() - t0) * 1e3)
times.sort()
print("numpy label issues %d x %d: median %.1f ms, flagged %d" % (probs.shape[0], probs.shape[1], times[3], len(order)))
print("PEER_MS %.3f" % times[3])
