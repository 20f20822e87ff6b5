"""Layer integrated gradients, conductance and neuron integrated gradients written from their definitions in
PyTorch (float64, torch.autograd), as an independent reference for the workbench's layer and neuron
attributions (Captum is not needed). The network is rebuilt from its weights with torch.nn.functional; the
operation that ends each named layer carries the name in "ends". Definitions:
  layer IG (Captum LayerIntegratedGradients): (h(x) - h(b)) * sum_k w_k dF/dh at h(b) + a_k (h(x) - h(b)),
    Gauss-Legendre nodes a_k and weights w_k on [0, 1], F the network after the layer;
  conductance (Dhamdhere et al. 2018): sum_{k<n} dF/dh(p_k) * (h(p_{k+1}) - h(p_k)), p_k = b + (k/n)(x - b);
  neuron IG (Captum NeuronIntegratedGradients): (x - b) * sum_k w_k d h_u(b + a_k (x - b)) / dx.
Usage: python3 layer_attr_torch.py unit ig_steps conductance_steps spec.json layer [spec.json layer ...]; prints
for each spec '# spec', then '# lig', '# cond' and '# nig', each followed by one line of values per row."""
import json
import sys

import numpy as np
import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
ACT = {"relu": F.relu, "tanh": torch.tanh, "gelu": F.gelu, "sigmoid": torch.sigmoid}


def t(values, shape=None):
    a = torch.tensor(values, dtype=torch.float64)
    return a.reshape(shape) if shape is not None else a


def op(layer):
    kind = layer["type"]
    if kind == "standardize":
        mean, scale = t(layer["mean"]), t(layer["scale"])
        return lambda h: (h - mean.reshape(h.shape[1:])) / scale.reshape(h.shape[1:])
    if kind == "dense":
        w, b = t(layer["w"], layer["shape"]), t(layer["b"])
        return lambda h: F.linear(h, w, b)
    if kind in ("conv1d", "conv2d"):
        w, b = t(layer["w"], layer["shape"]), t(layer["b"])
        conv = F.conv1d if kind == "conv1d" else F.conv2d
        return lambda h: conv(h, w, b, padding=layer["pad"])
    if kind == "bn":
        g, be, m, v = t(layer["gamma"]), t(layer["beta"]), t(layer["mean"]), t(layer["var"])
        return lambda h: F.batch_norm(h, m, v, g, be, training=False, eps=layer["eps"])
    if kind == "act":
        return ACT[layer["f"]]
    if kind == "maxpool1d":
        return lambda h: F.max_pool1d(h, 2, 2)
    if kind == "maxpool2d":
        return lambda h: F.max_pool2d(h, 2, 2)
    if kind == "gap":
        return lambda h: h.mean(dim=2)
    if kind == "flatten":
        return lambda h: h.reshape(h.shape[0], -1)
    raise ValueError(kind)


def run(ops, h):
    for f in ops:
        h = f(h)
    return h


def gauss_legendre(n):
    nodes, weights = np.polynomial.legendre.leggauss(n)
    return (nodes + 1) / 2, weights / 2


def main(path, layer, unit, ig_steps, cond_steps):
    spec = json.load(open(path))
    layers = spec["layers"]
    end = [i for i, l in enumerate(layers) if l.get("ends") == layer][0]
    head = [op(l) for l in layers[: end + 1]]
    tail = [op(l) for l in layers[end + 1:]]
    shape = [-1] + spec["input_shape"]
    x = t(spec["x"]).reshape(shape)
    ref = t(spec["ref"]).reshape(shape)
    targets = torch.tensor(spec["targets"]).reshape(-1, 1)
    n = x.shape[0]
    alphas, weights = gauss_legendre(ig_steps)

    with torch.no_grad():
        hx, hb = run(head, x), run(head, ref)
    total = torch.zeros_like(hx)
    for a, w in zip(alphas, weights):
        h = (hb + float(a) * (hx - hb)).requires_grad_(True)
        run(tail, h).gather(1, targets).sum().backward()
        total += float(w) * h.grad
    print("# lig")
    for row in ((hx - hb) * total).reshape(n, -1):
        print(" ".join(repr(float(v)) for v in row))

    cond = torch.zeros_like(hx)
    previous = None
    for k in range(cond_steps + 1):
        p = ref + (k / cond_steps) * (x - ref)
        h = run(head, p).detach().requires_grad_(True)
        run(tail, h).gather(1, targets).sum().backward()
        if previous is not None:
            cond += previous[1] * (h.detach() - previous[0])
        previous = (h.detach(), h.grad)
    print("# cond")
    for row in cond.reshape(n, -1):
        print(" ".join(repr(float(v)) for v in row))

    total = torch.zeros_like(x)
    for a, w in zip(alphas, weights):
        p = (ref + float(a) * (x - ref)).requires_grad_(True)
        run(head, p).reshape(n, -1)[:, unit].sum().backward()
        total += float(w) * p.grad
    print("# nig")
    for row in ((x - ref) * total).reshape(n, -1):
        print(" ".join(repr(float(v)) for v in row))


for i in range(4, len(sys.argv), 2):
    print("# spec")
    main(sys.argv[i], sys.argv[i + 1], int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]))
