"""Makes the small PyTorch network of tutorial 10: a 30-16-2 MLP for the breast-cancer data, trained in PyTorch.

How: with Debian's PyTorch (apt-get install python3-torch python3-onnx), from the repository root,

    /usr/bin/python3 datasets/pytorch-net/make.py

It reads datasets/breast-cancer/breast_cancer.csv (scikit-learn's copy, shipped here), trains on the rows whose index
is not a multiple of 5 (the notebook tests on the others), and writes beside this script:

    breast-cancer-mlp.pt    torch.jit.trace of the network (standardisation inside, returns 2 logits)
    breast-cancer-mlp.onnx  torch.onnx.export of the same network (opset 13, dynamic batch)
    breast-cancer-mlp.json  the signature both files share: input shape, feature names, classes, output kind

Everything is seeded (torch.manual_seed(42), one thread), so a rerun on the same PyTorch gives the same files
up to floating-point summation order.
"""
import csv
import json
import os

import torch
import torch.nn as nn

HERE = os.path.dirname(os.path.abspath(__file__))
BASE = ["radius", "texture", "perimeter", "area", "smoothness", "compactness", "concavity", "concave points",
        "symmetry", "fractal dimension"]
FEATURES = ["mean " + b for b in BASE] + [b + " error" for b in BASE] + ["worst " + b for b in BASE]
CLASSES = ["malignant", "benign"]


class Net(nn.Module):
    """Standardises raw features with the training means and deviations, then two linear layers."""

    def __init__(self, mean, scale):
        super().__init__()
        self.register_buffer("mean", mean)
        self.register_buffer("scale", scale)
        self.hidden = nn.Linear(30, 16)
        self.output = nn.Linear(16, 2)

    def forward(self, x):
        return self.output(torch.relu(self.hidden((x - self.mean) / self.scale)))


def main():
    torch.manual_seed(42)
    torch.set_num_threads(1)
    with open(os.path.join(HERE, "..", "breast-cancer", "breast_cancer.csv")) as f:
        rows = list(csv.reader(f))[1:]
    x = torch.tensor([[float(v) for v in r[:30]] for r in rows], dtype=torch.float32)
    y = torch.tensor([int(r[30]) for r in rows])
    train = torch.tensor([i % 5 != 0 for i in range(len(rows))])
    xt, yt = x[train], y[train]
    net = Net(xt.mean(0), xt.std(0))
    opt = torch.optim.Adam(net.parameters(), lr=0.01)
    for epoch in range(200):
        opt.zero_grad()
        loss = nn.functional.cross_entropy(net(xt), yt)
        loss.backward()
        opt.step()
    net.eval()
    with torch.no_grad():
        acc = (net(x[~train]).argmax(1) == y[~train]).float().mean().item()
    print(f"test accuracy {acc:.3f} on {int((~train).sum())} rows")
    example = x[:2]
    torch.jit.trace(net, example).save(os.path.join(HERE, "breast-cancer-mlp.pt"))
    torch.onnx.export(net, example, os.path.join(HERE, "breast-cancer-mlp.onnx"), input_names=["x"],
                      output_names=["logits"], dynamic_axes={"x": {0: "batch"}, "logits": {0: "batch"}},
                      opset_version=13)
    with open(os.path.join(HERE, "breast-cancer-mlp.json"), "w") as f:
        json.dump({"inputShape": [30], "features": FEATURES, "classes": CLASSES, "output": "logits"}, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
