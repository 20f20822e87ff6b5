"""Python peer of bench/java/OpCostBench.java: the cost of one PyTorch operation called from Python (thread CPU
microseconds per call of an element-wise add (64 x 64), a linear layer (64 x 64 input, 5 outputs) and softplus
(64 x 64)), one thread, gradients off; three rounds of 20,000 calls each.
Usage: /usr/bin/python3 bench/python/op_cost_bench.py"""
import time

import torch

torch.set_num_threads(1)
torch.set_grad_enabled(False)
F = torch.nn.functional
x, w, b = torch.randn(64, 64), torch.randn(5, 64), torch.zeros(5)
reps = 20000
for _ in range(3):
    c0 = time.thread_time()
    for _ in range(reps):
        x.add(x)
    c1 = time.thread_time()
    for _ in range(reps):
        F.linear(x, w, b)
    c2 = time.thread_time()
    for _ in range(reps):
        F.softplus(x)
    c3 = time.thread_time()
    print("torch_us_per_call add %.2f linear %.2f softplus %.2f" % tuple(
        (t1 - t0) / reps * 1e6 for t0, t1 in ((c0, c1), (c1, c2), (c2, c3))))
