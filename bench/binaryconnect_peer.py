#!/usr/bin/python3
"""PyTorch peer of nn2crn's training benchmark: a plain BinaryConnect MLP.

Same architecture, batch size, optimizer (Adam with the config's start learning rate), loss and
preprocessed data as the nn2crn run it is compared with: the forward pass uses sign (binary) or
ternary weights, the gradient passes straight through to the latent weights, which are clipped to
[-1, 1] after every Adam step. One thread. Prints one line per epoch:
  epoch E train_seconds T eval_seconds V loss L train_accuracy A select_accuracy S
Usage: binaryconnect_peer.py TRAIN.csv SELECT.csv --hidden 64 --weights ternary --threshold 0.15
       --loss cross-entropy --batch 100 --lr 0.001 --epochs 3 [--scale glorot]
The CSV files are `nn2crn data export` output: feature columns, then the class index.
"""
import argparse
import time

import numpy as np
import torch


def load(path):
    data = np.loadtxt(path, delimiter=",", skiprows=1, dtype=np.float32)
    return torch.from_numpy(data[:, :-1].copy()), torch.from_numpy(data[:, -1].astype(np.int64))


class Quantize(torch.autograd.Function):
    """sign / ternary in the forward pass, identity gradient (the straight-through estimator)."""

    @staticmethod
    def forward(ctx, w, ternary, threshold):
        if ternary:
            return torch.sign(w) * (w.abs() >= threshold).to(w.dtype)
        return torch.where(w >= 0, torch.ones_like(w), -torch.ones_like(w))

    @staticmethod
    def backward(ctx, grad):
        return grad, None, None


class BinaryLinear(torch.nn.Linear):
    def __init__(self, n_in, n_out, ternary, threshold, scale):
        super().__init__(n_in, n_out)
        torch.nn.init.xavier_uniform_(self.weight)
        torch.nn.init.zeros_(self.bias)
        self.ternary, self.threshold, self.scale = ternary, threshold, scale

    def forward(self, x):
        w = Quantize.apply(self.weight, self.ternary, self.threshold)
        return torch.nn.functional.linear(x, w * self.scale if self.scale != 1 else w, self.bias)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("train")
    p.add_argument("select")
    p.add_argument("--hidden", default="64")
    p.add_argument("--weights", default="binary")
    p.add_argument("--threshold", type=float, default=0.15)
    p.add_argument("--loss", default="squared-hinge")
    p.add_argument("--batch", type=int, default=100)
    p.add_argument("--lr", type=float, default=0.001)
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--scale", default="none")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--input-dropout", type=float, default=0.0)
    p.add_argument("--hidden-dropout", type=float, default=0.0)
    a = p.parse_args()
    torch.set_num_threads(1)
    torch.manual_seed(a.seed)
    x, y = load(a.train)
    xs, ys = load(a.select)
    classes = int(max(y.max(), ys.max())) + 1
    sizes = [x.shape[1]] + [int(h) for h in a.hidden.split(",") if h] + [classes]
    layers = []
    for k in range(len(sizes) - 1):
        drop = a.input_dropout if k == 0 else a.hidden_dropout
        if drop > 0:
            layers.append(torch.nn.Dropout(drop))  # on the layer's input, as DL4J applies it
        scale = (1.5 / (sizes[k] + sizes[k + 1])) ** 0.5 if a.scale == "glorot" else 1.0
        layers.append(BinaryLinear(sizes[k], sizes[k + 1], a.weights == "ternary", a.threshold, scale))
        if k < len(sizes) - 2:
            layers.append(torch.nn.ReLU())
    net = torch.nn.Sequential(*layers)
    opt = torch.optim.Adam(net.parameters(), lr=a.lr)
    latent = [m.weight for m in net if isinstance(m, BinaryLinear)]
    targets = torch.nn.functional.one_hot(y, classes).float() * 2 - 1
    for epoch in range(1, a.epochs + 1):
        net.train()
        t0 = time.perf_counter()
        order = torch.randperm(x.shape[0])
        total = 0.0
        for start in range(0, x.shape[0], a.batch):
            idx = order[start:start + a.batch]
            out = net(x[idx])
            if a.loss == "cross-entropy":
                loss = torch.nn.functional.cross_entropy(out, y[idx])
            else:
                loss = torch.clamp(1 - targets[idx] * out, min=0).pow(2).sum(1).mean()
            opt.zero_grad()
            loss.backward()
            opt.step()
            with torch.no_grad():
                for w in latent:
                    w.clamp_(-1, 1)
            total += loss.item() * len(idx)
        t1 = time.perf_counter()
        net.eval()
        with torch.no_grad():
            train_acc = (net(x).argmax(1) == y).float().mean().item()
            select_acc = (net(xs).argmax(1) == ys).float().mean().item()
        t2 = time.perf_counter()
        print(f"epoch {epoch} train_seconds {t1 - t0:.4f} eval_seconds {t2 - t1:.4f} loss {total / x.shape[0]:.4f} "
              f"train_accuracy {train_acc:.4f} select_accuracy {select_acc:.4f}", flush=True)


if __name__ == "__main__":
    main()
