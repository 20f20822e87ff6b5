"""PyTorch peer of bench/java/MultiLabelBench.java: same data (read from its CSV files), same network
(standardised inputs, 64 ReLU units, 5 sigmoid outputs), BCEWithLogitsLoss (summed over labels, mean over
rows), Adam lr 1e-3, batch 64, same epochs, timed as the Java side (a one-epoch warm-up fit, then the first
and a second fit: wall and process CPU seconds); metrics from scikit-learn.
Usage: multilabel_bench.py WORKDIR EPOCHS THREADS"""
import sys
import time

import numpy as np
import torch
from sklearn.metrics import accuracy_score, average_precision_score, hamming_loss, roc_auc_score

L = 5
work, epochs, threads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
torch.set_num_threads(threads)
torch.manual_seed(1)
train = np.loadtxt(work + "/train.csv", delimiter=",", dtype=np.float32)
test = np.loadtxt(work + "/test.csv", delimiter=",", dtype=np.float32)
ytr, xtr = train[:, :L], train[:, L:]
yte, xte = test[:, :L].astype(int), test[:, L:]


def fit(epochs):
    torch.manual_seed(1)
    mean, sd = xtr.mean(0), xtr.std(0)
    sd[sd == 0] = 1
    X = torch.from_numpy((xtr - mean) / sd)
    Y = torch.from_numpy(ytr)
    net = torch.nn.Sequential(torch.nn.Linear(X.shape[1], 64), torch.nn.ReLU(), torch.nn.Linear(64, L))
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    bce = torch.nn.BCEWithLogitsLoss(reduction="none")
    g = torch.Generator().manual_seed(1)
    for epoch in range(epochs):
        perm = torch.randperm(X.shape[0], generator=g)
        for s in range(0, X.shape[0], 64):
            idx = perm[s:s + 64]
            opt.zero_grad()
            loss = bce(net(X[idx]), Y[idx]).sum(1).mean()
            loss.backward()
            opt.step()
    return net, mean, sd


fit(1)  # warm-up, as the Java side
for run in ("", "_warm"):
    c0, t0 = time.process_time(), time.perf_counter()
    net, mean, sd = fit(epochs)
    print("python_fit%s_s %.4f" % (run, time.perf_counter() - t0))
    print("python_fit%s_cpu_s %.4f" % (run, time.process_time() - c0))
with torch.no_grad():
    p = torch.sigmoid(net(torch.from_numpy((xte - mean) / sd))).numpy()
pred = (p >= 0.5).astype(int)
print("python_macro_auroc %.5f" % roc_auc_score(yte, p, average="macro"))
print("python_macro_average_precision %.5f" % average_precision_score(yte, p, average="macro"))
print("python_hamming_loss %.5f" % hamming_loss(yte, pred))
print("python_subset_accuracy %.5f" % accuracy_score(yte, pred))
