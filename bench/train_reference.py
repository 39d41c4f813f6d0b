#!/usr/bin/env python3
"""PyTorch reference for training deployed ZenNets: step speed (the Java side's yardstick) and short real training.

Our own short implementation (no official code); the network comes from bench/zennet_torch.py (deployed: residual
links, projections, ReLU after every add; same trainable tensors as zen-lib's ZenNetBuilder), with the official init
(xavier_normal gain 3.26033, zero gamma of the last BN of every residual branch), BN eps 1e-3 momentum 0.01.

--mode speed   times training steps on random data: forward, soft-target cross-entropy with label smoothing 0.1,
               backward, SGD Nesterov (momentum 0.9, wd 5e-4 on Conv/Linear weights only, lr 0.1*batch/256),
               batch 64 at 32x32 by default, for --layout channels_last, nchw or both. Prints ONE JSON line:
               {"mode": "speed", ..., "layouts": {LAYOUT: {"images_per_second", "median_step_s", ...}}}.
               With both layouts the steps alternate (one channels_last step, one NCHW step, ...) so that foreign
               load hits both alike. images_per_second = batch / median step seconds; step_s lists every timed
               step; cpu_s_per_step is process CPU time (all threads): a 2-thread step whose CPU time is close to
               its wall time mostly ran one thread at a time (foreign load on the cores).
--mode train   the `basic` preset on CIFAR-10 binary files (--data DIR with data_batch_1..5.bin[.gz] and
               test_batch.bin[.gz]; records = 1 label byte + 3072 CHW bytes; --train-limit/--test-limit take the first
               N/M records): random crop 32 with zero padding 4 + horizontal flip, normalize mean
               (0.4914,0.4822,0.4465) std (0.2023,0.1994,0.2010); label smoothing 0.1 (no mixup, no AutoAugment, no
               random erasing); SGD Nesterov momentum 0.9, lr0 = 0.1*batch/256, per-iteration linear warm-up over
               --warmup-epochs then cosine to 0 keyed on samples seen (conventions §7.1); wd 5e-4 on Conv/Linear weights;
               drop_last. After every epoch: test top-1 in eval mode. Prints one JSON line per epoch
               {epoch, train_loss, lr, test_top1, seconds, ...} and a final {"summary": true, best_top1, final_top1,
               images_per_second, ...}.
               --recalibrate-bn K re-estimates the BN running statistics on K augmented training batches (train mode,
               no grad, cumulative average: momentum None) before each evaluation; momentum 0.01 lags badly in short
               runs (conventions, engineering notes §13). The training-time running statistics are restored afterwards, so the
               training trajectory is the same with and without it.

Set-up: bench/setup-torch (creates .venv-bench/). Run with the malloc settings of conventions, engineering notes §7:
    export GLIBC_TUNABLES=glibc.malloc.mmap_max=0:glibc.malloc.arena_max=1:glibc.malloc.trim_threshold=68719476736:glibc.malloc.top_pad=268435456
    .venv-bench/bin/python bench/train_reference.py --mode speed --arch zennet_cifar10_model_size1M_res32 \\
        --layout both --threads 2 --warmup 3 --steps 10
    .venv-bench/bin/python bench/train_reference.py --mode train --arch zennet_cifar10_model_size1M_res32 \\
        --data ../shared/data/cifar-10-batches-bin --train-limit 1000 --test-limit 500 --epochs 1 --threads 2
--arch takes a released net name (data/zennets.csv), a structure string or @FILE.
"""
import argparse
import gzip
import json
import math
import os
import statistics
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import zennet_torch as zt  # noqa: E402

MEAN = (0.4914, 0.4822, 0.4465)
STD = (0.2023, 0.1994, 0.2010)
RECORD = 1 + 3072


# ------------------------------------------------------------------------------------------------------------ common

def smoothed_ce(logits, labels, smoothing=0.1):
    """Soft-target cross-entropy: -mean_b sum_k t_bk log softmax(z)_bk, t = (1-eps) onehot + eps/K."""
    k = logits.shape[1]
    t = torch.full_like(logits, smoothing / k)
    t.scatter_(1, labels.unsqueeze(1), 1.0 - smoothing + smoothing / k)
    return -(t * F.log_softmax(logits, dim=1)).sum(dim=1).mean()


def make_model(arch, layout, seed, bn_momentum=0.01):
    torch.manual_seed(seed)
    model = zt.build_deployed(arch.structure, arch.num_classes, arch.resolution, se=arch.se, bn_momentum=bn_momentum)
    zt.init_official(model)
    if layout == "channels_last":
        model = model.to(memory_format=torch.channels_last)
    return model


def to_layout(x, layout):
    return x.contiguous(memory_format=torch.channels_last) if layout == "channels_last" else x.contiguous()


def make_optimizer(model, lr, weight_decay):
    return torch.optim.SGD(zt.weight_decay_groups(model, weight_decay), lr=lr, momentum=0.9, nesterov=True)


def setup_threads(threads):
    if threads:
        torch.set_num_threads(threads)
    try:
        torch.set_num_interop_threads(1)
    except RuntimeError:  # already set (only possible before any parallel work)
        pass


# ------------------------------------------------------------------------------------------------------------- speed

class SpeedRun:
    """One layout's model, optimizer and fixed random batch; step() runs and times one training step."""

    def __init__(self, arch, layout, a):
        self.a = a
        self.model = make_model(arch, layout, a.seed).train()
        self.opt = make_optimizer(self.model, 0.1 * a.batch / 256, a.weight_decay)
        g = torch.Generator().manual_seed(a.seed)
        self.x = to_layout(torch.randn(a.batch, 3, arch.resolution, arch.resolution, generator=g), layout)
        self.y = torch.randint(0, arch.num_classes, (a.batch,), generator=g)
        self.wall, self.cpu, self.losses = [], [], []

    def step(self, record):
        t0, c0 = time.perf_counter(), time.process_time()
        self.opt.zero_grad(set_to_none=True)
        loss = smoothed_ce(self.model(self.x), self.y, self.a.smoothing)
        loss.backward()
        self.opt.step()
        lv = loss.item()  # CPU ops are synchronous; this only reads the value
        t1, c1 = time.perf_counter(), time.process_time()
        if record:
            self.wall.append(t1 - t0)
            self.cpu.append(c1 - c0)
            self.losses.append(lv)

    def result(self):
        wall, batch = self.wall, self.a.batch
        med = statistics.median(wall)
        q = sorted(wall)
        return {"images_per_second": round(batch / med, 2),
                "median_step_s": round(med, 5),
                "min_step_s": round(q[0], 5),
                "p90_step_s": round(q[min(len(q) - 1, int(math.ceil(0.9 * len(q))) - 1)], 5),
                "mean_images_per_second": round(batch * len(wall) / sum(wall), 2),
                "cpu_s_per_step": round(statistics.median(self.cpu), 5),
                "step_s": [round(v, 4) for v in wall],
                "final_loss": round(self.losses[-1], 5),
                "finite": all(math.isfinite(v) for v in self.losses)}


def run_speed(arch, a):
    layouts = ["channels_last", "nchw"] if a.layout == "both" else [a.layout]
    runs = {lay: SpeedRun(arch, lay, a) for lay in layouts}
    # interleaved step by step, so that foreign load on a shared machine hits both layouts alike
    for i in range(a.warmup + a.steps):
        for r in runs.values():
            r.step(record=i >= a.warmup)
    res = {lay: r.result() for lay, r in runs.items()}
    out = {"mode": "speed", "arch": arch.name, "params": zt.count_params(next(iter(runs.values())).model),
           "batch": a.batch, "resolution": arch.resolution, "num_classes": arch.num_classes, "se": arch.se,
           "threads": torch.get_num_threads(), "interop_threads": torch.get_num_interop_threads(),
           "warmup": a.warmup, "steps": a.steps, "torch": torch.__version__,
           "glibc_tunables": os.environ.get("GLIBC_TUNABLES", ""), "layouts": res}
    if len(res) == 2:
        out["channels_last_speedup"] = round(res["channels_last"]["images_per_second"]
                                             / res["nchw"]["images_per_second"], 3)
    print(json.dumps(out), flush=True)


# -------------------------------------------------------------------------------------------------------------- data

def _open(data_dir, stem):
    for name, opener in ((stem + ".bin", open), (stem + ".bin.gz", gzip.open)):
        path = os.path.join(data_dir, name)
        if os.path.exists(path):
            return opener(path, "rb")
    raise FileNotFoundError(f"neither {stem}.bin nor {stem}.bin.gz in {data_dir}")


def read_cifar(data_dir, stems, limit=None):
    """First `limit` records (all when None) of the given CIFAR-10 binary files, in file order ->
    (uint8 images N x 3 x 32 x 32, int64 labels N)."""
    chunks, have = [], 0
    for stem in stems:
        if limit is not None and have >= limit:
            break
        with _open(data_dir, stem) as f:
            want = -1 if limit is None else (limit - have) * RECORD
            buf = f.read(want)
        if len(buf) % RECORD:
            raise ValueError(f"{stem}: {len(buf)} bytes is not a whole number of {RECORD}-byte records")
        chunks.append(buf)
        have += len(buf) // RECORD
    raw = torch.frombuffer(bytearray(b"".join(chunks)), dtype=torch.uint8).view(-1, RECORD)
    if limit is not None and raw.shape[0] < limit:
        print(f"warning: asked for {limit} records, found {raw.shape[0]}", file=sys.stderr)
    labels = raw[:, 0].long()
    if labels.numel() and int(labels.max()) > 9:
        raise ValueError("label byte > 9: not CIFAR-10 binary records")
    return raw[:, 1:].reshape(-1, 3, 32, 32).clone(), labels.clone()


def normalize(u8):
    mean = torch.tensor(MEAN).view(1, 3, 1, 1)
    std = torch.tensor(STD).view(1, 3, 1, 1)
    return (u8.float().div_(255.0) - mean) / std


def augment(u8_padded, idx, g):
    """Random 32x32 crop of the zero-padded (40x40) uint8 images + horizontal flip with p 0.5, then normalize
    (the padding is 0 before normalisation, as torchvision's RandomCrop on the PIL image)."""
    n = idx.numel()
    off = torch.randint(0, 9, (n, 2), generator=g)
    flip = torch.rand(n, generator=g) < 0.5
    out = torch.empty(n, 3, 32, 32, dtype=torch.uint8)
    for j in range(n):
        oy, ox = int(off[j, 0]), int(off[j, 1])
        img = u8_padded[idx[j], :, oy:oy + 32, ox:ox + 32]
        out[j] = img.flip(2) if flip[j] else img
    return normalize(out)


def lr_at(n, lr0, warm, total):
    """Per-iteration schedule (conventions §7.1): n = samples seen including the current batch, W = warm, S = total."""
    if n < warm:
        return (n + 1) / warm * lr0
    ratio = min(1.0, (n - warm + 1) / max(1, total - warm))
    return lr0 * (1 + math.cos(math.pi * ratio)) / 2


# ------------------------------------------------------------------------------------------------------------- train

def bn_layers(model):
    return [m for m in model.modules() if isinstance(m, nn.modules.batchnorm._BatchNorm)]


def recalibrate_bn(model, batches):
    """Re-estimate running stats as the plain average over `batches` (train mode, no grad); returns the saved
    training-time statistics for restore_bn."""
    bns = bn_layers(model)
    saved = [(m.momentum, m.running_mean.clone(), m.running_var.clone(), m.num_batches_tracked.clone()) for m in bns]
    for m in bns:
        m.reset_running_stats()
        m.momentum = None
    model.train()
    with torch.no_grad():
        for x in batches:
            model(x)
    for m, s in zip(bns, saved):
        m.momentum = s[0]
    return saved


def restore_bn(model, saved):
    for m, (mom, mean, var, nbt) in zip(bn_layers(model), saved):
        m.momentum = mom
        m.running_mean.copy_(mean)
        m.running_var.copy_(var)
        m.num_batches_tracked.copy_(nbt)


def evaluate(model, x_test, y_test, layout, batch):
    model.eval()
    correct = 0
    with torch.inference_mode():
        for i in range(0, x_test.shape[0], batch):
            logits = model(to_layout(x_test[i:i + batch], layout))
            correct += int((logits.argmax(1) == y_test[i:i + batch]).sum())
    return correct / max(1, x_test.shape[0])


def run_train(arch, a):
    if a.layout == "both":
        raise SystemExit("--mode train needs one --layout (channels_last or nchw)")
    if arch.resolution != 32:
        raise SystemExit("--mode train reads 32x32 CIFAR-10: use --resolution 32")
    t_load = time.perf_counter()
    x_train, y_train = read_cifar(a.data, [f"data_batch_{i}" for i in range(1, 6)], a.train_limit)
    x_test_u8, y_test = read_cifar(a.data, ["test_batch"], a.test_limit)
    if int(y_train.max()) >= arch.num_classes:
        raise SystemExit(f"labels up to {int(y_train.max())} but the net has {arch.num_classes} classes")
    x_test = normalize(x_test_u8)
    padded = F.pad(x_train, (4, 4, 4, 4))  # uint8 zeros
    load_s = time.perf_counter() - t_load
    n_train = x_train.shape[0]
    steps = n_train // a.batch  # drop_last
    if steps == 0:
        raise SystemExit(f"--train-limit {n_train} is smaller than one batch of {a.batch}")
    lr0 = a.lr_per_256 * a.batch / 256
    warm, total = a.warmup_epochs * n_train, a.epochs * n_train

    model = make_model(arch, a.layout, a.seed)
    opt = make_optimizer(model, lr0, a.weight_decay)
    g = torch.Generator().manual_seed(a.seed)
    best, final, train_images, train_seconds = 0.0, 0.0, 0, 0.0
    for epoch in range(a.epochs):
        t0 = time.perf_counter()
        model.train()
        perm = torch.randperm(n_train, generator=g)
        loss_sum, lr, finite = 0.0, lr0, True
        for it in range(steps):
            idx = perm[it * a.batch:(it + 1) * a.batch]
            x = to_layout(augment(padded, idx, g), a.layout)
            y = y_train[idx]
            lr = lr_at(epoch * n_train + (it + 1) * a.batch, lr0, warm, total)
            for group in opt.param_groups:
                group["lr"] = lr
            opt.zero_grad(set_to_none=True)
            loss = smoothed_ce(model(x), y, a.smoothing)
            loss.backward()
            opt.step()
            lv = loss.item()
            finite &= math.isfinite(lv)
            loss_sum += lv
        t_train = time.perf_counter() - t0
        train_images += steps * a.batch
        train_seconds += t_train
        saved = None
        if a.recalibrate_bn:
            cal_perm = torch.randperm(n_train, generator=g)
            k = min(a.recalibrate_bn, steps)
            saved = recalibrate_bn(model, (to_layout(augment(padded, cal_perm[i * a.batch:(i + 1) * a.batch], g),
                                                     a.layout) for i in range(k)))
        top1 = evaluate(model, x_test, y_test, a.layout, a.eval_batch)
        if saved is not None:
            restore_bn(model, saved)
        best, final = max(best, top1), top1
        print(json.dumps({"epoch": epoch + 1, "train_loss": round(loss_sum / steps, 5), "lr": lr,
                          "test_top1": round(top1, 5), "seconds": round(time.perf_counter() - t0, 2),
                          "train_seconds": round(t_train, 2),
                          "train_images_per_second": round(steps * a.batch / t_train, 2),
                          "finite": finite}), flush=True)
    print(json.dumps({"summary": True, "arch": arch.name, "best_top1": round(best, 5), "final_top1": round(final, 5),
                      "images_per_second": round(train_images / train_seconds, 2), "epochs": a.epochs,
                      "train_records": n_train, "test_records": int(x_test.shape[0]), "steps_per_epoch": steps,
                      "batch": a.batch, "lr0": lr0, "warmup_epochs": a.warmup_epochs, "layout": a.layout,
                      "recalibrate_bn": a.recalibrate_bn, "seed": a.seed, "load_seconds": round(load_s, 2),
                      "threads": torch.get_num_threads(), "torch": torch.__version__,
                      "params": zt.count_params(model)}), flush=True)


# -------------------------------------------------------------------------------------------------------------- main

def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter,
                                epilog="\n".join(__doc__.splitlines()[1:]))
    p.add_argument("--mode", choices=["speed", "train"], required=True)
    p.add_argument("--arch", default="zennet_cifar10_model_size1M_res32",
                   help="released net name, structure string or @FILE")
    p.add_argument("--num-classes", type=int, help="override the preset's class count (speed mode)")
    p.add_argument("--se", action=argparse.BooleanOptionalAction, default=None, help="override the preset's SE")
    p.add_argument("--resolution", type=int, default=32, help="input side (default 32)")
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--threads", type=int, default=os.cpu_count(), help="torch.set_num_threads (interop is 1)")
    p.add_argument("--layout", choices=["channels_last", "nchw", "both"], default=None,
                   help="memory format (speed default: both; train default: channels_last)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--smoothing", type=float, default=0.1)
    p.add_argument("--weight-decay", type=float, default=5e-4)
    s = p.add_argument_group("speed mode")
    s.add_argument("--warmup", type=int, default=3, help="untimed steps first")
    s.add_argument("--steps", type=int, default=10, help="timed steps")
    t = p.add_argument_group("train mode")
    t.add_argument("--data", help="directory with data_batch_1..5.bin[.gz], test_batch.bin[.gz]")
    t.add_argument("--train-limit", type=int, help="use the first N training records (default: all 50,000)")
    t.add_argument("--test-limit", type=int, help="use the first M test records (default: all 10,000)")
    t.add_argument("--epochs", type=int, default=1)
    t.add_argument("--warmup-epochs", type=float, default=1.0)
    t.add_argument("--lr-per-256", type=float, default=0.1, help="lr0 = this * batch / 256")
    t.add_argument("--eval-batch", type=int, default=250)
    t.add_argument("--recalibrate-bn", type=int, default=0, metavar="K",
                   help="re-estimate BN statistics on K training batches before each evaluation")
    a = p.parse_args()
    if a.layout is None:
        a.layout = "both" if a.mode == "speed" else "channels_last"
    if a.mode == "train" and not a.data:
        p.error("--mode train needs --data DIR")
    setup_threads(a.threads)
    arch = zt.resolve(a.arch, num_classes=a.num_classes, resolution=a.resolution, se=a.se)
    if arch.name == "custom":
        arch = arch._replace(name=a.arch if len(a.arch) < 80 else a.arch[:77] + "...")
    if a.mode == "speed":
        run_speed(arch, a)
    else:
        run_train(arch, a)


if __name__ == "__main__":
    main()
