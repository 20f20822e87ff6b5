"""Reference parameter counts of the published signal networks, built in PyTorch from the papers' descriptions
(EEGNet: Lawhern et al. 2018, table 2, with braindecode's EEGNetv4 padding; ShallowFBCSPNet and Deep4Net:
Schirrmeister et al. 2017, figures 1-2 and braindecode's defaults; resnet1d_wang: Strodthoff et al. 2021, the
PTB-XL benchmark, after Wang et al. 2017). The classifier covers every time position left (final_conv_length
"auto"). Written for the workbench's tests; independent of the Java code, which it never reads.

usage: python3 signal_nets_torch.py KIND:CHANNELS:TIME:OUTPUTS ...   ->  prints "PARAMS <case> <count>" per case
"""
import sys

import torch
from torch import nn


def count(model):
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


def time_after(model, channels, time):
    with torch.no_grad():
        return model(torch.zeros(2, 1, channels, time)).shape[-1]


def eegnet(c, t, k, f1=8, d=2, f2=16, kl=64):
    feats = nn.Sequential(
        nn.Conv2d(1, f1, (1, kl), padding=(0, kl // 2), bias=False), nn.BatchNorm2d(f1),
        nn.Conv2d(f1, f1 * d, (c, 1), groups=f1, bias=False), nn.BatchNorm2d(f1 * d), nn.ELU(),
        nn.AvgPool2d((1, 4)), nn.Dropout(0.25),
        nn.Conv2d(f1 * d, f1 * d, (1, 16), padding=(0, 8), groups=f1 * d, bias=False),
        nn.Conv2d(f1 * d, f2, (1, 1), bias=False), nn.BatchNorm2d(f2), nn.ELU(),
        nn.AvgPool2d((1, 8)), nn.Dropout(0.25))
    n = time_after(feats, c, t)
    return nn.Sequential(feats, nn.Conv2d(f2, k, (1, n)))


def shallow(c, t, k):
    feats = nn.Sequential(
        nn.Conv2d(1, 40, (1, 25)), nn.Conv2d(40, 40, (c, 1), bias=False), nn.BatchNorm2d(40),
        nn.AvgPool2d((1, 75), stride=(1, 15)), nn.Dropout(0.5))
    n = time_after(feats, c, t)
    return nn.Sequential(feats, nn.Conv2d(40, k, (1, n)))


def deep4(c, t, k):
    layers = [nn.Conv2d(1, 25, (1, 10)), nn.Conv2d(25, 25, (c, 1), bias=False), nn.BatchNorm2d(25), nn.ELU(),
              nn.MaxPool2d((1, 3), stride=(1, 3))]
    prev = 25
    for f in (50, 100, 200):
        layers += [nn.Dropout(0.5), nn.Conv2d(prev, f, (1, 10), bias=False), nn.BatchNorm2d(f), nn.ELU(),
                   nn.MaxPool2d((1, 3), stride=(1, 3))]
        prev = f
    feats = nn.Sequential(*layers)
    n = time_after(feats, c, t)
    return nn.Sequential(feats, nn.Conv2d(200, k, (1, n)))


class Basic(nn.Module):
    def __init__(self, planes, stride):
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv1d(planes, planes, 5, stride, 2, bias=False), nn.BatchNorm1d(planes), nn.ReLU(),
            nn.Conv1d(planes, planes, 3, 1, 1, bias=False), nn.BatchNorm1d(planes))
        self.short = (nn.Sequential(nn.Conv1d(planes, planes, 1, stride, bias=False), nn.BatchNorm1d(planes))
                      if stride != 1 else nn.Identity())

    def forward(self, x):
        return torch.relu(self.body(x) + self.short(x))


def resnet1d_wang(c, t, k, planes=128):
    return nn.Sequential(
        nn.Conv1d(c, planes, 7, 1, 3, bias=False), nn.BatchNorm1d(planes), nn.ReLU(),
        Basic(planes, 1), Basic(planes, 2), Basic(planes, 2),
        # head: concat pooling (2 * planes), BN, dropout, 128 units, ReLU, BN, dropout, outputs
        nn.BatchNorm1d(2 * planes), nn.Linear(2 * planes, 128), nn.BatchNorm1d(128), nn.Linear(128, k))


if __name__ == "__main__":
    builders = {"eegnet": eegnet, "shallow_fbcsp": shallow, "deep4": deep4, "resnet1d": resnet1d_wang}
    for case in sys.argv[1:]:
        kind, c, t, k = case.split(":")
        print("PARAMS", case, count(builders[kind](int(c), int(t), int(k))))
