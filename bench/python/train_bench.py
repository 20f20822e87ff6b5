"""PyTorch peer of bench/java/TrainBench.java: same networks, data shapes, batch size, optimiser, threads.

MLP: 10000 x 100 synthetic table, 100-64-32-2 ReLU. CNN: 4096 synthetic 1x8x8 images, 10 classes,
conv3x3(16)-pool-conv3x3(32)-pool-flatten-64-10. Adam lr 1e-3, batch 64, shuffled each epoch.
Prints per-epoch medians (seconds) over the measured epochs after warm-up epochs.
Usage: python3 bench/python/train_bench.py THREADS [warmup] [measured]
"""
import statistics
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

threads = int(sys.argv[1]) if len(sys.argv) > 1 else 2
warm = int(sys.argv[2]) if len(sys.argv) > 2 else 2
meas = int(sys.argv[3]) if len(sys.argv) > 3 else 5
torch.set_num_threads(threads)
torch.set_num_interop_threads(threads)
torch.manual_seed(1)
BATCH = 64


def data(n, d, k, shape):
    g = torch.Generator().manual_seed(1)
    x = torch.randn(n, d, generator=g)
    w = torch.tensor([(1 + j % 3) if j % 7 == 0 else 0 for j in range(d)], dtype=torch.float32)
    y = torch.remainder(torch.floor(x @ w).long(), k)
    x = (x - x.mean(0)) / x.std(0)
    return x.reshape(n, *shape), y


def epoch_times(model, x, y):
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    n = x.shape[0]
    times = []
    cpus = []
    for _ in range(warm + meas):
        t0 = time.perf_counter()
        c0 = time.thread_time()
        perm = torch.randperm(n)
        xe, ye = x[perm], y[perm]
        for start in range(0, n, BATCH):
            xb, yb = xe[start:start + BATCH], ye[start:start + BATCH]
            opt.zero_grad()
            loss = F.cross_entropy(model(xb), yb)
            loss.backward()
            opt.step()
        times.append(time.perf_counter() - t0)
        cpus.append(time.thread_time() - c0)
    return statistics.median(times[warm:]), statistics.median(cpus[warm:]), min(cpus[warm:])


mlp = nn.Sequential(nn.Linear(100, 64), nn.ReLU(), nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 2))
cnn = nn.Sequential(
    nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
    nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
    nn.Flatten(), nn.Linear(128, 64), nn.ReLU(), nn.Linear(64, 10))
xm, ym = data(10000, 100, 2, (100,))
xc, yc = data(4096, 64, 10, (1, 8, 8))
for name, model, x, y in (("python_mlp", mlp, xm, ym), ("python_cnn", cnn, xc, yc)):
    wall, cpu, cpu_min = epoch_times(model, x, y)
    print("%s_epoch_median_s %.5f" % (name, wall))
    print("%s_epoch_cpu_median_s %.5f" % (name, cpu))
    print("%s_epoch_cpu_min_s %.5f" % (name, cpu_min))
print("torch_version %s threads %d" % (torch.__version__, threads))
