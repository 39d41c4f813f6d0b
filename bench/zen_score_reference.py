#!/usr/bin/env python3
"""PyTorch reference for the Zen-Score, convention A (code-faithful; conventions §1.2), used by `zen bench proxy`.

Our own short implementation (no official code): parse a Zen-NAS structure string, build the NO-residual network
(conventions §3.3/§3.4: every residual unit replaced by its inner layers followed by ReLU; no SE; BN eps 1e-3, momentum
0.1), draw N(0,1) weights and inputs, run two train-mode forwards (x and x + gamma*eps), and return
ln(mean_b sum|f(x)-f(x')|) + sum_i ln sqrt(mean running_var_i).

Run with Debian's python3 (python3-torch 1.13). Debian's torch defaults to ONE thread: --threads sets
torch.set_num_threads. Malloc settings come from the environment (GLIBC_TUNABLES), exactly as for the JVM.
Prints one JSON line: {"scores": [...], "seconds": [...], "median_s": ..., "threads": ...}.
"""
import argparse
import json
import math
import re
import statistics
import time

import torch
import torch.nn as nn


def smart_round(x, base=8):
    # Python's round is banker's rounding, as in the official code
    return max(base, int(round(x / base)) * base)


def conv_bn_relu(layers, cin, cout, k, s, groups=1, relu=True):
    layers.append(nn.Conv2d(cin, cout, k, s, padding=(k - 1) // 2, groups=groups, bias=False))
    layers.append(nn.BatchNorm2d(cout, eps=1e-3, momentum=0.1))
    if relu:
        layers.append(nn.ReLU())


def expand(name, args, layers):
    m = re.fullmatch(r"SuperConvK(\d)BNRELU", name)
    if m:
        k = int(m.group(1))
        cin, cout, s, n = args
        for _ in range(n):
            conv_bn_relu(layers, cin, cout, k, s)
            cin, s = cout, 1
        return
    cin, cout, s, btn, n = args
    m = re.fullmatch(r"SuperResK(\d)K(\d)", name)
    if m:
        k = int(m.group(1))
        for _ in range(n):
            conv_bn_relu(layers, cin, btn, k, s)
            conv_bn_relu(layers, btn, cout, k, 1, relu=False)
            layers.append(nn.ReLU())
            cin, s = cout, 1
        return
    m = re.fullmatch(r"SuperResK1K(\d)K1", name)
    if m:
        k = int(m.group(1))
        for _ in range(n):
            for first in (True, False):
                conv_bn_relu(layers, cin if first else cout, btn, 1, 1)
                conv_bn_relu(layers, btn, btn, k, s if first else 1)
                conv_bn_relu(layers, btn, cout, 1, 1, relu=False)
                layers.append(nn.ReLU())
            cin, s = cout, 1
        return
    m = re.fullmatch(r"SuperResIDWE(\d)K(\d)", name)
    if m:
        e, k = int(m.group(1)), int(m.group(2))
        for _ in range(n):
            d1 = smart_round(btn * e)
            conv_bn_relu(layers, cin, d1, 1, 1)
            conv_bn_relu(layers, d1, d1, k, s, groups=d1)
            conv_bn_relu(layers, d1, btn, 1, 1, relu=False)
            layers.append(nn.ReLU())
            d2 = smart_round(cout * e)
            conv_bn_relu(layers, btn, d2, 1, 1)
            conv_bn_relu(layers, d2, d2, k, 1, groups=d2)
            conv_bn_relu(layers, d2, cout, 1, 1, relu=False)
            layers.append(nn.ReLU())
            cin, s = cout, 1
        return
    raise ValueError("unknown block " + name)


def build(structure):
    layers = []
    for name, args in re.findall(r"(\w+)\(([\d,]+)\)", structure):
        expand(name, [int(a) for a in args.split(",")], layers)
    return nn.Sequential(*layers)


def zen_score_once(structure, batch, resolution, gamma):
    net = build(structure).train()
    with torch.no_grad():
        for m in net.modules():
            if isinstance(m, nn.Conv2d):
                nn.init.normal_(m.weight)
            elif isinstance(m, nn.BatchNorm2d):
                nn.init.ones_(m.weight)
                nn.init.zeros_(m.bias)
        x = torch.randn(batch, 3, resolution, resolution)
        x2 = x + gamma * torch.randn(batch, 3, resolution, resolution)
        f1 = net(x)
        f2 = net(x2)
        delta = torch.sum(torch.abs(f1 - f2), dim=[1, 2, 3]).mean().item()
        bn = 0.0
        for m in net.modules():
            if isinstance(m, nn.BatchNorm2d):
                bn += math.log(math.sqrt(torch.mean(m.running_var).item()))
    return math.log(delta) + bn


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--structure", required=True)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--resolution", type=int, default=32)
    p.add_argument("--gamma", type=float, default=1e-2)
    p.add_argument("--repeats", type=int, default=10)
    p.add_argument("--warmup", type=int, default=2)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--seed", type=int, default=0)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    for _ in range(a.warmup):
        zen_score_once(a.structure, a.batch, a.resolution, a.gamma)
    scores, seconds = [], []
    for _ in range(a.repeats):
        t0 = time.perf_counter()
        scores.append(zen_score_once(a.structure, a.batch, a.resolution, a.gamma))
        seconds.append(time.perf_counter() - t0)
    print(json.dumps({"scores": scores, "seconds": seconds, "median_s": statistics.median(seconds),
                      "threads": torch.get_num_threads(), "torch": torch.__version__}))


if __name__ == "__main__":
    main()
