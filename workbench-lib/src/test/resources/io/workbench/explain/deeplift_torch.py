"""DeepLIFT's rescale rule written from the paper (Shrikumar et al. 2017, section 3.5) in PyTorch, as an
independent reference for the workbench's DeepLIFT: the network is rebuilt from its weights with
torch.nn.functional in float64; a reference pass records every nonlinearity's input; the explained pass
replaces each nonlinearity's derivative by its multiplier (f(z) - f(z')) / (z - z') (the derivative at the
midpoint where z = z'), and each max pool's by the delta-preserving split of Captum (each window's difference
at the maxima of the row and of the reference), so that autograd's chain rule propagates multipliers; the
contributions are the input multipliers times (x - x'). Usage: python3 deeplift_torch.py spec.json...; prints,
for each spec, a line '# spec' and then one line of contributions per row."""
import json
import sys

import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
ACT = {"relu": F.relu, "tanh": torch.tanh, "gelu": F.gelu, "sigmoid": torch.sigmoid}


def t(values, shape=None):
    a = torch.tensor(values, dtype=torch.float64)
    return a.reshape(shape) if shape is not None else a


def linear_op(layer):
    kind = layer["type"]
    if kind == "standardize":
        mean, scale = t(layer["mean"]), t(layer["scale"])
        return lambda h: (h - mean.reshape(h.shape[1:])) / scale.reshape(h.shape[1:])
    if kind == "dense":
        w, b = t(layer["w"], layer["shape"]), t(layer["b"])
        return lambda h: F.linear(h, w, b)
    if kind == "conv1d":
        w, b = t(layer["w"], layer["shape"]), t(layer["b"])
        return lambda h: F.conv1d(h, w, b, padding=layer["pad"])
    if kind == "conv2d":
        w, b = t(layer["w"], layer["shape"]), t(layer["b"])
        return lambda h: F.conv2d(h, w, b, padding=layer["pad"])
    if kind == "bn":
        g, be, m, v = t(layer["gamma"]), t(layer["beta"]), t(layer["mean"]), t(layer["var"])
        return lambda h: F.batch_norm(h, m, v, g, be, training=False, eps=layer["eps"])
    if kind == "gap":
        return lambda h: h.mean(dim=2)
    if kind == "flatten":
        return lambda h: h.reshape(h.shape[0], -1)
    raise ValueError(kind)


def pool(layer):
    if layer["type"] == "maxpool1d":
        return (lambda h, ind=False: F.max_pool1d(h, 2, 2, return_indices=ind),
                lambda v, i, size: F.max_unpool1d(v, i, 2, 2, output_size=size), lambda h: F.avg_pool1d(h, 2, 2) * 2)
    return (lambda h, ind=False: F.max_pool2d(h, 2, 2, return_indices=ind),
            lambda v, i, size: F.max_unpool2d(v, i, 2, 2, output_size=size), lambda h: F.avg_pool2d(h, 2, 2) * 4)


def rescaled(layer, z, zr):
    """The nonlinearity with its local derivative replaced by the DeepLIFT multiplier (value unchanged)."""
    if layer["type"] == "act":
        f = ACT[layer["f"]]
        with torch.no_grad():
            dz = z - zr
            mid = ((z + zr) / 2).detach().requires_grad_(True)
        with torch.enable_grad():
            slope = torch.autograd.grad(f(mid).sum(), mid)[0]
        with torch.no_grad():
            m = torch.where(dz.abs() > 1e-9, (f(z) - f(zr)) / torch.where(dz == 0, torch.ones_like(dz), dz), slope)
        return f(z).detach() + (z - z.detach()) * m
    maxpool, unpool, sumpool = pool(layer)
    with torch.no_grad():
        y, ix = maxpool(z, True)
        yr, ir = maxpool(zr, True)
        top = torch.maximum(y, yr)
        share = unpool(top - yr, ix, z.shape) + unpool(y - top, ir, z.shape)
        dz = z - zr
        c = torch.where(dz != 0, share / torch.where(dz == 0, torch.ones_like(dz), dz), torch.zeros_like(dz))
    return y.detach() + sumpool((z - z.detach()) * c)


def explain(spec):
    layers = spec["layers"]
    shape = [-1] + spec["input_shape"]
    x = t(spec["x"]).reshape(shape)
    ref = t(spec["ref"]).reshape(shape)
    targets = torch.tensor(spec["targets"])

    with torch.no_grad():
        recorded = []
        h = ref
        for layer in layers:
            if layer["type"] in ("act", "maxpool1d", "maxpool2d"):
                recorded.append(h)
                h = ACT[layer["f"]](h) if layer["type"] == "act" else pool(layer)[0](h)
            else:
                h = linear_op(layer)(h)

    xin = x.clone().requires_grad_(True)
    h = xin
    k = 0
    for layer in layers:
        if layer["type"] in ("act", "maxpool1d", "maxpool2d"):
            h = rescaled(layer, h, recorded[k])
            k += 1
        else:
            h = linear_op(layer)(h)
    h.gather(1, targets.reshape(-1, 1)).sum().backward()
    contributions = (xin.grad * (x - ref)).reshape(x.shape[0], -1)
    for row in contributions:
        print(" ".join(repr(float(v)) for v in row))


for path in sys.argv[1:]:
    print("# spec")
    explain(json.load(open(path)))
