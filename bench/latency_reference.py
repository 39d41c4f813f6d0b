#!/usr/bin/env python3
"""PyTorch reference for the inference latency of the deployed released ZenNets (the Java side's yardstick).

Our own short implementation (no official code). The network comes from bench/zennet_torch.py: deployed (residual
links, projections, ReLU after every add), SE on where data/zennets.csv says so (the three ImageNet FLOPs nets
zennet_imagenet1k_flops{400,600,900}M_SE_res224), official init, BN eps 1e-3; eval mode under
torch.inference_mode(). The input is the csv's `resolution` (224 for ImageNet: the student's input after the
320/380 crop is resized; 32 for CIFAR) unless --resolution is given.

Each run is one forward of a batch; `--warmup` untimed runs come first. --layout best times both channels_last and
NCHW on two copies of the net, alternating forward by forward (warm-up included) so that foreign load hits both
alike, and reports the faster by median, with both medians in the line.
Prints one JSON line per net:
    {"arch", "median_ms", "p90_ms", "min_ms", "per_image_ms", "layout", "batch", "resolution", "threads",
     "torch", "se", "params", "finite", ...}

Set-up: bench/setup-torch (creates .venv-bench/). Run with the malloc settings of conventions, engineering notes §7:
    export GLIBC_TUNABLES=glibc.malloc.mmap_max=0:glibc.malloc.arena_max=1:glibc.malloc.trim_threshold=68719476736:glibc.malloc.top_pad=268435456
    .venv-bench/bin/python bench/latency_reference.py --arch zennet_cifar10_model_size1M_res32 --batch 1 --threads 2
    .venv-bench/bin/python bench/latency_reference.py --arch all --batch 1 --layout best --runs 10
--arch takes a released net name, a comma-separated list of names, `all`, a structure string or @FILE.
"""
import argparse
import copy
import json
import math
import os
import statistics
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import zennet_torch as zt  # noqa: E402


def summary(ms):
    q = sorted(ms)
    return {"median_ms": round(statistics.median(q), 3),
            "p90_ms": round(q[min(len(q) - 1, int(math.ceil(0.9 * len(q))) - 1)], 3),
            "min_ms": round(q[0], 3)}


def measure(arch, a):
    torch.manual_seed(a.seed)
    model = zt.build_deployed(arch.structure, arch.num_classes, arch.resolution, se=arch.se)
    zt.init_official(model)
    model.eval()
    params = zt.count_params(model)
    x = torch.randn(a.batch, 3, arch.resolution, arch.resolution, generator=torch.Generator().manual_seed(a.seed))
    layouts = ["channels_last", "nchw"] if a.layout == "best" else [a.layout]
    variants = {}
    for lay in layouts:  # one copy per layout: .to(memory_format) converts a module's weights in place
        m = model if lay == layouts[-1] else copy.deepcopy(model)
        if lay == "channels_last":
            variants[lay] = (m.to(memory_format=torch.channels_last), x.contiguous(memory_format=torch.channels_last))
        else:
            variants[lay] = (m, x.contiguous())
    del model
    ms = {lay: [] for lay in layouts}
    finite = True
    with torch.inference_mode():
        # interleaved forward by forward, so that foreign load on a shared machine hits both layouts alike
        for i in range(a.warmup + a.runs):
            for lay, (m, xi) in variants.items():
                t0 = time.perf_counter()
                out = m(xi)
                t1 = time.perf_counter()
                if i >= a.warmup:
                    ms[lay].append((t1 - t0) * 1e3)
                    finite &= bool(torch.isfinite(out).all())
    results = {lay: summary(v) for lay, v in ms.items()}
    best = min(results, key=lambda k: results[k]["median_ms"])
    row = {"arch": arch.name, **results[best],
           "per_image_ms": round(results[best]["median_ms"] / a.batch, 3), "layout": best,
           "batch": a.batch, "resolution": arch.resolution, "threads": torch.get_num_threads(),
           "torch": torch.__version__, "se": arch.se, "params": params, "runs": a.runs, "warmup": a.warmup,
           "finite": finite}
    if len(results) == 2:
        row["channels_last_median_ms"] = results["channels_last"]["median_ms"]
        row["nchw_median_ms"] = results["nchw"]["median_ms"]
    return row


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter,
                                epilog="\n".join(__doc__.splitlines()[1:]))
    p.add_argument("--arch", default="all", help="released name(s, comma-separated), all, structure string or @FILE")
    p.add_argument("--batch", type=int, default=1)
    p.add_argument("--resolution", type=int, help="input side (default: the csv's resolution; 32 for structures)")
    p.add_argument("--threads", type=int, default=os.cpu_count(), help="torch.set_num_threads (interop is 1)")
    p.add_argument("--layout", choices=["channels_last", "nchw", "best"], default="best")
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--runs", type=int, default=10)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--se", action=argparse.BooleanOptionalAction, default=None, help="override the csv's SE flag")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.set_num_interop_threads(1)
    if a.arch == "all":
        names = [r.name for r in zt.released_all()]
    elif "(" not in a.arch and not a.arch.startswith("@"):
        names = a.arch.split(",")
    else:
        names = [a.arch]
    for name in names:
        arch = zt.resolve(name, resolution=a.resolution, se=a.se)
        if arch.name == "custom":
            arch = arch._replace(name=name if len(name) < 80 else name[:77] + "...")
        print(json.dumps(measure(arch, a)), flush=True)


if __name__ == "__main__":
    main()
