"""Writes small PyTorch models and PyTorch's own numbers for the workbench's import tests.

Usage: python3 torch_models.py OUT_DIR

Everything is seeded (torch.manual_seed); the Java tests compare their predictions and input gradients with
the ones written here, which come from PyTorch's forward and torch.autograd.

  mlp.pt          torch.jit.trace of a 4-8-3 MLP (tanh), returning logits
  mlp.onnx        torch.onnx.export of the same MLP (opset 13, dynamic batch)
  cnn.pt          torch.jit.trace_module of a 1D CNN on [2 channels, 16 steps] returning 2 logits, with the
                  methods activations_conv2(x) and from_conv2(a) so that Grad-CAM can name layer conv2
  binary.pt       torch.jit.script of a 4-6-1 MLP returning one logit (sigmoid of it: class 1)
  probs.pt        torch.jit.trace of the MLP followed by softmax (returns probabilities)
  reference.json  inputs, outputs and torch.autograd input gradients of every model
"""
import json
import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F


class Mlp(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(4, 8)
        self.fc2 = nn.Linear(8, 3)

    def forward(self, x):
        return self.fc2(torch.tanh(self.fc1(x)))


class Probs(nn.Module):
    def __init__(self, mlp):
        super().__init__()
        self.mlp = mlp

    def forward(self, x):
        return torch.softmax(self.mlp(x), dim=1)


class Binary(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(4, 6)
        self.out = nn.Linear(6, 1)

    def forward(self, x):
        return self.out(F.relu(self.fc1(x)))


class Cnn(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv1d(2, 4, 3, padding=1)
        self.conv2 = nn.Conv1d(4, 4, 3, padding=1)
        self.fc = nn.Linear(4, 2)

    def activations_conv2(self, x):
        return F.relu(self.conv2(F.relu(self.conv1(x))))

    def from_conv2(self, a):
        return self.fc(a.mean(dim=2))

    def forward(self, x):
        return self.from_conv2(self.activations_conv2(x))


def rows(t):
    return t.detach().reshape(t.shape[0], -1).tolist()


def gradients(model, x, targets, probability):
    xg = x.clone().requires_grad_(True)
    out = model(xg)
    if probability:
        out = torch.softmax(out, dim=1)
    sel = out.gather(1, torch.tensor(targets).reshape(-1, 1)).sum()
    (g,) = torch.autograd.grad(sel, xg)
    return rows(g)


def main(out):
    os.makedirs(out, exist_ok=True)
    torch.manual_seed(7)
    ref = {"torch": torch.__version__}

    mlp = Mlp().eval()
    x = torch.randn(10, 4)
    traced = torch.jit.trace(mlp, x[:2])
    traced.save(os.path.join(out, "mlp.pt"))
    torch.onnx.export(mlp, x[:2], os.path.join(out, "mlp.onnx"), input_names=["x"], output_names=["logits"],
                      dynamic_axes={"x": {0: "batch"}, "logits": {0: "batch"}}, opset_version=13)
    targets = [i % 3 for i in range(10)]
    with torch.no_grad():
        logits = mlp(x)
    ref["mlp"] = {"x": rows(x), "logits": rows(logits), "probs": rows(torch.softmax(logits, 1)),
                  "targets": targets, "gradLogit": gradients(mlp, x, targets, False),
                  "gradProb": gradients(mlp, x, targets, True),
                  "parameters": {k: v.reshape(-1).tolist() for k, v in mlp.state_dict().items()}}

    probs = Probs(mlp).eval()
    torch.jit.trace(probs, x[:2]).save(os.path.join(out, "probs.pt"))

    binary = Binary().eval()
    torch.jit.script(binary).save(os.path.join(out, "binary.pt"))
    xb = torch.randn(6, 4)
    with torch.no_grad():
        z = binary(xb)
    xg = xb.clone().requires_grad_(True)
    (gz,) = torch.autograd.grad(binary(xg).sum(), xg)
    ref["binary"] = {"x": rows(xb), "logit": rows(z), "p1": rows(torch.sigmoid(z)), "gradLogit": rows(gz)}

    cnn = Cnn().eval()
    xc = torch.randn(5, 2, 16)
    a = cnn.activations_conv2(xc[:2]).detach()
    traced = torch.jit.trace_module(cnn, {"forward": xc[:2], "activations_conv2": xc[:2], "from_conv2": a})
    traced.save(os.path.join(out, "cnn.pt"))
    tc = [1, 0, 1, 1, 0]
    with torch.no_grad():
        lc = cnn(xc)
    act = cnn.activations_conv2(xc).detach().requires_grad_(True)
    sel = cnn.from_conv2(act).gather(1, torch.tensor(tc).reshape(-1, 1)).sum()
    (ga,) = torch.autograd.grad(sel, act)
    ref["cnn"] = {"x": rows(xc), "logits": rows(lc), "targets": tc, "gradLogit": gradients(cnn, xc, tc, False),
                  "conv2": rows(act), "conv2Grad": rows(ga)}

    with open(os.path.join(out, "reference.json"), "w") as f:
        json.dump(ref, f)


if __name__ == "__main__":
    main(sys.argv[1])
