#!/usr/bin/env python3
"""PyTorch re-implementation of the DEPLOYED Zen-NAS networks (conventions §3.3, §3.5), shared by the bench/ references.

Our own short implementation (no official code). It mirrors zen-lib's Java expansion (arch/Expansion.java,
net/ZenNetBuilder.java, blocks/*.java) layer for layer, so that both sides have the same trainable tensors in the
same order:

* `parse(s)` reads a structure string of super blocks (conventions §3.1) into `SuperBlock` tuples;
* `build_deployed(structure, num_classes, resolution, se=False, bn_eps=1e-3, bn_momentum=0.01)` returns a `ZenNet`:
  `features` (an nn.Sequential of Conv2d / BatchNorm2d / ReLU / `Residual` / `SqueezeExcite`) + GAP + Linear.
  Residual units: y = inner(x) + shortcut(x), the shortcut a projection (1x1 conv WITH bias, stride, BN) on the
  first sub-layer of every Res super block even at stride 1 and in = out (conventions T8), else the identity (the inverted
  residual blocks project whenever the widths differ); a ReLU follows every residual add (T9); SE inside the
  residual branches when `se` (the ImageNet FLOPs nets);
* `build_no_residual(...)` the network every proxy scores (conventions §3.4: inner layers only, no SE);
* `init_official(model)` the training scripts' init (conventions §7.1): Conv/Linear weights xavier_normal with gain
  3.26033, biases 0, BN gamma 1 / beta 0, then gamma 0 for the LAST BN inside every residual branch (the
  projection's BN keeps gamma 1);
* `released(name)` a released ZenNet from data/zennets.csv (structure, resolution, classes, SE, eval crop);
  `resolve(arch)` accepts a released name, a structure string or @FILE;
* `count_params(model)` trainable parameter count (BN running statistics are buffers, not counted), equal to
  `zen arch info ARCH --json` `.params`.

Check (runs with the bench venv, see bench/setup-torch):
    .venv-bench/bin/python bench/zennet_torch.py                 # prints params of the 15 released nets
    .venv-bench/bin/python bench/zennet_torch.py --zen ./zen     # ... and compares with `zen arch info --json`
                                                                 # (.params deployed; .params_no_residual of the
                                                                 # no-residual net, code rule: BN = C, FC bias = 1)
    java -Dai.djl.offline=true -cp 'zen-lib/target/zen-lib.jar:zen-lib/target/lib/*' bench/DjlParamShapes.java \\
        > /tmp/djl-shapes.tsv
    .venv-bench/bin/python bench/zennet_torch.py --djl-shapes /tmp/djl-shapes.tsv   # tensor-by-tensor shapes
    .venv-bench/bin/python bench/zennet_torch.py --expect zennet_cifar10_model_size1M_res32=994674 ...
Exit status 1 when any comparison fails.
"""
import argparse
import csv
import json
import os
import re
import subprocess
import sys
from collections import namedtuple

import torch
import torch.nn as nn

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ZENNETS_CSV = os.path.join(ROOT, "data", "zennets.csv")
INIT_GAIN = 3.26033

SuperBlock = namedtuple("SuperBlock", "name family kernel expansion cin cout stride bottleneck sub_layers")
Released = namedtuple("Released", "name dataset resolution num_classes se eval_crop structure")

_FAMILIES = [
    (re.compile(r"SuperConvK([1357])BNRELU"), "conv", 4),
    (re.compile(r"SuperResK([357])K\1"), "basic", 5),
    (re.compile(r"SuperResK1K([357])K1"), "bottleneck", 5),
    (re.compile(r"SuperResIDWE([1246])K([357])"), "inverted", 5),
]


# ----------------------------------------------------------------------------------------------------------- parsing

def _block(name, args, text):
    for pattern, family, nargs in _FAMILIES:
        m = pattern.fullmatch(name)
        if not m:
            continue
        if len(args) != nargs:
            raise ValueError(f"{name} takes {nargs} integers, got {len(args)} in {text!r}")
        if any(a <= 0 for a in args):
            raise ValueError(f"{name}{tuple(args)}: every parameter must be positive")
        if family == "inverted":
            expansion, kernel = int(m.group(1)), int(m.group(2))
        else:
            expansion, kernel = 0, int(m.group(1))
        if family == "conv":
            cin, cout, stride, sub = args
            return SuperBlock(name, family, kernel, expansion, cin, cout, stride, 0, sub)
        cin, cout, stride, btn, sub = args
        return SuperBlock(name, family, kernel, expansion, cin, cout, stride, btn, sub)
    raise ValueError(f"unknown block {name!r} (released strings use Super* blocks only)")


def parse(structure):
    """Structure string -> list of SuperBlock (conventions §3.1): NAME "(" [blockname "|"] INT ("," INT)* ")" repeated.

    The identifier runs up to "(", the matching ")" is found by counting parentheses, an optional "blockname|"
    prefix is ignored; whitespace is not allowed. Channel chaining is checked (each block's in = previous out)."""
    s = structure.strip()
    if not s:
        raise ValueError("empty structure string")
    blocks, i = [], 0
    while i < len(s):
        j = s.find("(", i)
        if j < 0:
            raise ValueError(f"expected NAME( at offset {i} of {s!r}")
        name = s[i:j]
        if not re.fullmatch(r"\w+", name):
            raise ValueError(f"bad block name {name!r} at offset {i}")
        depth, k = 0, j
        while k < len(s):
            depth += {"(": 1, ")": -1}.get(s[k], 0)
            if depth == 0:
                break
            k += 1
        if depth != 0:
            raise ValueError(f"unbalanced parentheses after {name} at offset {j}")
        body = s[j + 1:k]
        if "|" in body:
            body = body.split("|", 1)[1]
        if not re.fullmatch(r"\d+(,\d+)*", body):
            raise ValueError(f"{name}: expected comma-separated integers, got {body!r}")
        blocks.append(_block(name, [int(a) for a in body.split(",")], s[i:k + 1]))
        i = k + 1
    for a, b in zip(blocks, blocks[1:]):
        if a.cout != b.cin:
            raise ValueError(f"{b.name}: in_channels {b.cin} != previous out_channels {a.cout}")
    return blocks


def smart_round(x, base=8):
    """max(base, round(x/base)*base) with Python's banker's rounding, as the official code (conventions T11)."""
    return max(base, int(round(x / base)) * base)


def se_width(channels):
    return max(1, int(round(channels * 0.25)))


# ----------------------------------------------------------------------------------------------------------- modules

class SqueezeExcite(nn.Module):
    """PlainNet SE(C): x * sigmoid(BN(conv1x1_{s->C}(relu(BN(conv1x1_{C->s}(GAP(x))))))), s = max(1, round(C/4))."""

    def __init__(self, channels, bn_eps, bn_momentum):
        super().__init__()
        s = se_width(channels)
        self.reduce = nn.Conv2d(channels, s, 1, bias=False)
        self.bn_reduce = nn.BatchNorm2d(s, eps=bn_eps, momentum=bn_momentum)
        self.expand = nn.Conv2d(s, channels, 1, bias=False)
        self.bn_expand = nn.BatchNorm2d(channels, eps=bn_eps, momentum=bn_momentum)

    def forward(self, x):
        g = torch.mean(x, dim=(2, 3), keepdim=True)
        g = torch.relu(self.bn_reduce(self.reduce(g)))
        g = torch.sigmoid(self.bn_expand(self.expand(g)))
        return x * g


class Residual(nn.Module):
    """y = inner(x) + shortcut(x); shortcut None = identity, else Conv1x1(bias, stride) + BN (conventions T8)."""

    def __init__(self, inner, shortcut=None):
        super().__init__()
        self.inner = inner
        self.shortcut = shortcut

    def forward(self, x):
        return self.inner(x) + (x if self.shortcut is None else self.shortcut(x))


class ZenNet(nn.Module):
    """MasterNet (conventions §3.5): features -> global average pool -> flatten -> Linear(C_last, classes, bias)."""

    def __init__(self, features, channels, num_classes):
        super().__init__()
        self.features = features
        self.fc = nn.Linear(channels, num_classes)

    def forward(self, x):
        return self.fc(torch.flatten(torch.mean(self.features(x), dim=(2, 3)), 1))


# --------------------------------------------------------------------------------------------------------- expansion

def _expand(b, residual, se, eps, mom):
    """Layers of one super block, in the order of zen-lib's Expansion.of (conventions §3.3 / §3.4)."""
    out = []

    def conv_bn(layers, cin, cout, k, s, groups=1, relu=True):
        layers.append(nn.Conv2d(cin, cout, k, s, padding=(k - 1) // 2, groups=groups, bias=False))
        layers.append(nn.BatchNorm2d(cout, eps=eps, momentum=mom))
        if relu:
            layers.append(nn.ReLU())

    def projection(cin, cout, s):
        return nn.Sequential(nn.Conv2d(cin, cout, 1, s, padding=0, bias=True),
                             nn.BatchNorm2d(cout, eps=eps, momentum=mom))

    def unit(inner, shortcut):
        if residual:
            out.append(Residual(nn.Sequential(*inner), shortcut))
        else:
            out.extend(inner)
        out.append(nn.ReLU())

    cin, s, k, btn, cout = b.cin, b.stride, b.kernel, b.bottleneck, b.cout
    for i in range(b.sub_layers):
        # shortcuts are only built for the residual network (their modules would otherwise hold unused parameters)
        if b.family == "conv":
            conv_bn(out, cin, cout, k, s)
        elif b.family == "basic":
            inner = []
            conv_bn(inner, cin, btn, k, s)
            if se:
                inner.append(SqueezeExcite(btn, eps, mom))
            conv_bn(inner, btn, cout, k, 1, relu=False)
            unit(inner, projection(cin, cout, s) if residual and i == 0 else None)
        elif b.family == "bottleneck":
            first = []
            conv_bn(first, cin, btn, 1, 1)
            conv_bn(first, btn, btn, k, s)
            if se:
                first.append(SqueezeExcite(btn, eps, mom))
            conv_bn(first, btn, cout, 1, 1, relu=False)
            unit(first, projection(cin, cout, s) if residual and i == 0 else None)
            second = []
            conv_bn(second, cout, btn, 1, 1)
            conv_bn(second, btn, btn, k, 1)
            if se:
                second.append(SqueezeExcite(btn, eps, mom))
            conv_bn(second, btn, cout, 1, 1, relu=False)
            unit(second, None)
        elif b.family == "inverted":
            e = b.expansion
            d1 = smart_round(btn * e, 8)
            first = []
            conv_bn(first, cin, d1, 1, 1)
            conv_bn(first, d1, d1, k, s, groups=d1)
            if se:
                first.append(SqueezeExcite(d1, eps, mom))
            conv_bn(first, d1, btn, 1, 1, relu=False)
            # first sub-layer: ResBlockProj (always projected); later: ResBlock, projected iff the shapes differ
            proj1 = i == 0 or cin != btn or s != 1
            unit(first, projection(cin, btn, s) if residual and proj1 else None)
            d2 = smart_round(cout * e, 8)
            second = []
            conv_bn(second, btn, d2, 1, 1)
            conv_bn(second, d2, d2, k, 1, groups=d2)
            if se:
                second.append(SqueezeExcite(d2, eps, mom))
            conv_bn(second, d2, cout, 1, 1, relu=False)
            unit(second, projection(btn, cout, 1) if residual and btn != cout else None)
        else:
            raise ValueError(b.family)
        cin, s = cout, 1
    return out


def _as_blocks(structure):
    return parse(structure) if isinstance(structure, str) else list(structure)


def build(structure, num_classes, resolution=None, se=False, residual=True, bn_eps=1e-3, bn_momentum=0.01):
    """The whole network. `resolution` is not needed by the modules (everything is size-agnostic); it is checked
    against the number of stride-2 stages so that a wrong preset fails early."""
    blocks = _as_blocks(structure)
    layers = []
    for b in blocks:
        layers.extend(_expand(b, residual, se, bn_eps, bn_momentum))
    if resolution is not None:
        r = resolution
        for b in blocks:
            r //= b.stride
        if r < 1:
            raise ValueError(f"resolution {resolution} too small for the strides of this structure")
    return ZenNet(nn.Sequential(*layers), blocks[-1].cout, num_classes)


def build_deployed(structure, num_classes, resolution=None, se=False, bn_eps=1e-3, bn_momentum=0.01):
    """Deployed network: residual links and projections on, SE optional, BN eps/momentum of the training scripts."""
    return build(structure, num_classes, resolution, se=se, residual=True, bn_eps=bn_eps, bn_momentum=bn_momentum)


def build_no_residual(structure, num_classes, resolution=None, bn_eps=1e-3, bn_momentum=0.1):
    """The network every proxy scores (conventions §3.4): no residual links, no projections, no SE, momentum 0.1."""
    return build(structure, num_classes, resolution, se=False, residual=False, bn_eps=bn_eps, bn_momentum=bn_momentum)


# -------------------------------------------------------------------------------------------------------------- init

def init_official(model, gain=INIT_GAIN):
    """MasterNet.init_parameters of the training scripts (conventions §7.1). Running statistics are left alone."""
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, (nn.Conv2d, nn.Linear)):
                nn.init.xavier_normal_(m.weight, gain=gain)
                if m.bias is not None:
                    nn.init.zeros_(m.bias)
            elif isinstance(m, nn.BatchNorm2d):
                nn.init.ones_(m.weight)
                nn.init.zeros_(m.bias)
        for m in model.modules():
            if isinstance(m, Residual):
                last = [c for c in m.inner.children() if isinstance(c, nn.BatchNorm2d)]
                if last:
                    nn.init.zeros_(last[-1].weight)
    return model


def count_params(model):
    """Trainable tensor elements (BN gamma/beta included, running statistics excluded) = `zen arch info` .params."""
    return sum(p.numel() for p in model.parameters())


def count_params_code_rule(model):
    """The official counter's rule (conventions §3.6, T10): BN counts C (not 2C), the Linear bias counts 1. Valid for
    the no-residual network, which is what `zen arch info` reports as .params_no_residual."""
    n = 0
    for m in model.modules():
        if isinstance(m, nn.Conv2d):
            n += m.weight.numel() + (m.bias.numel() if m.bias is not None else 0)
        elif isinstance(m, nn.BatchNorm2d):
            n += m.num_features
        elif isinstance(m, nn.Linear):
            n += m.weight.numel() + (1 if m.bias is not None else 0)
        elif isinstance(m, (Residual, SqueezeExcite)):
            raise ValueError("count_params_code_rule covers the no-residual network only")
    return n


def param_shapes(model):
    return [tuple(p.shape) for p in model.parameters()]


def weight_decay_groups(model, weight_decay):
    """SGD parameter groups of the training scripts: wd only on Conv2d and Linear weights (conventions T17)."""
    decay, no_decay = [], []
    for m in model.modules():
        for name, p in m.named_parameters(recurse=False):
            (decay if isinstance(m, (nn.Conv2d, nn.Linear)) and name == "weight" else no_decay).append(p)
    return [{"params": decay, "weight_decay": weight_decay}, {"params": no_decay, "weight_decay": 0.0}]


# ---------------------------------------------------------------------------------------------------- released nets

def released_all(csv_path=ZENNETS_CSV):
    with open(csv_path, newline="") as f:
        return [Released(r["name"], r["dataset"], int(r["resolution"]), int(r["num_classes"]),
                         r["se"].strip().lower() == "true", int(r["eval_crop"]), r["structure"])
                for r in csv.DictReader(f)]


def released(name, csv_path=ZENNETS_CSV):
    """A released ZenNet by name (data/zennets.csv: name, dataset, resolution, num_classes, se, eval_crop, ...)."""
    for r in released_all(csv_path):
        if r.name == name:
            return r
    raise KeyError(f"no released net {name!r} in {csv_path}")


def resolve(arch, num_classes=None, resolution=None, se=None):
    """A released name, a structure string or @FILE -> Released (presets from the csv for released names;
    defaults 10 classes, 32 px, no SE for bare structures; explicit arguments override)."""
    if arch.startswith("@"):
        with open(arch[1:]) as f:
            arch = f.read().strip()
    try:
        r = released(arch)
    except KeyError:
        parse(arch)
        r = Released("custom", "", 32, 10, False, 32, arch)
    return r._replace(num_classes=num_classes or r.num_classes, resolution=resolution or r.resolution,
                      se=r.se if se is None else se)


def build_released(name, **kw):
    r = released(name)
    return build_deployed(r.structure, r.num_classes, r.resolution, se=r.se, **kw)


# --------------------------------------------------------------------------------------------------------- self-check

def _zen_params(zen, name):
    """(.params, .params_no_residual) of `zen arch info NAME --json` (deployed with the csv's SE; no-residual)."""
    out = json.loads(subprocess.run([zen, "arch", "info", name, "--json"], check=True, capture_output=True,
                                    text=True).stdout)
    return int(out["params"]), int(out["params_no_residual"])


def main():
    p = argparse.ArgumentParser(description="Parameter counts of the deployed released ZenNets (PyTorch), "
                                            "optionally compared with zen-lib.")
    p.add_argument("--zen", help="path of the zen launcher: compare with `zen arch info NAME --json` .params")
    p.add_argument("--djl-shapes", help="output of bench/DjlParamShapes.java: compare every tensor shape in order")
    p.add_argument("--expect", nargs="*", default=[], metavar="NAME=PARAMS", help="expected counts")
    p.add_argument("--names", nargs="*", help="only these released nets")
    a = p.parse_args()
    expect = {k: int(v) for k, v in (e.split("=", 1) for e in a.expect)}
    djl = {}
    if a.djl_shapes:
        with open(a.djl_shapes) as f:
            for line in f:
                name, count, shapes = line.rstrip("\n").split("\t")
                djl[name] = (int(count), [tuple(int(d) for d in s.split("x")) for s in shapes.split(";")])
    failures = 0
    for r in released_all():
        if a.names and r.name not in a.names:
            continue
        model = build_deployed(r.structure, r.num_classes, r.resolution, se=r.se)
        n = count_params(model)
        row = {"name": r.name, "se": r.se, "params": n, "tensors": len(list(model.parameters()))}
        ok = True
        if r.name in expect:
            row["expected"] = expect[r.name]
            ok &= expect[r.name] == n
        if a.zen:
            row["zen"], zen_nr = _zen_params(a.zen, r.name)
            row["no_residual_code_rule"] = count_params_code_rule(
                build_no_residual(r.structure, r.num_classes, r.resolution))
            row["zen_no_residual"] = zen_nr
            ok &= row["zen"] == n and zen_nr == row["no_residual_code_rule"]
        if r.name in djl:
            row["djl"] = djl[r.name][0]
            same = djl[r.name][1] == param_shapes(model)
            row["djl_shapes_equal"] = same
            ok &= same and djl[r.name][0] == n
        if r.name in expect or a.zen or r.name in djl:
            row["ok"] = bool(ok)
        failures += not ok
        print(json.dumps(row), flush=True)
    if expect or a.zen or djl:
        print(json.dumps({"checked": True, "failures": failures}))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
