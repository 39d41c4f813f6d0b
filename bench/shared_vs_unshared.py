#!/usr/bin/env python3
"""Paired bootstrap of rho(unshared) - rho(shared) for one proxy over the same NB201 cells (docs/results/nb201-correlations.md,
"Shared draws against every cell its own draw").

Both directories are `zen correlate --out` folders of the same study, one run without and one with
--share-equivalent (run the unshared one first: the shared run then reads every representative from the cache).
The bootstrap resamples cells with their scores fixed, so, like the intervals of `zen correlate`, it does not see
the spread that comes from the random draws themselves; `zen correlate --seeds` measures that.

usage: python3 bench/shared_vs_unshared.py PROXY UNSHARED_DIR SHARED_DIR [TARGET]   (needs numpy and scipy)
"""
import csv
import sys

import numpy as np
from scipy.stats import spearmanr


def load(directory):
    with open(f"{directory}/scores.csv", newline="") as f:
        return {row["arch_index"]: row for row in csv.DictReader(f)}


def column(rows, ids, name):
    return np.array([float(rows[i][name]) if rows[i][name] not in ("", "NaN") else np.nan for i in ids])


def main(proxy, unshared_dir, shared_dir, target="test_acc", resamples=1000, seed=0):
    unshared, shared = load(unshared_dir), load(shared_dir)
    if set(unshared) != set(shared):
        sys.exit("the two studies hold different cells; run both with the same --sample and --seed")
    ids = sorted(unshared, key=int)
    a, b, y = column(unshared, ids, proxy), column(shared, ids, proxy), column(unshared, ids, target)
    keep = ~(np.isnan(a) | np.isnan(b) | np.isnan(y))
    a, b, y = a[keep], b[keep], y[keep]
    rho = lambda x, t: spearmanr(x, t).statistic
    rng = np.random.default_rng(seed)
    diffs = []
    for _ in range(resamples):
        i = rng.integers(0, len(y), len(y))
        diffs.append(rho(a[i], y[i]) - rho(b[i], y[i]))
    lo, hi = np.percentile(diffs, [2.5, 97.5])
    rho_unshared, rho_shared = rho(a, y), rho(b, y)
    equal = int(np.sum(a == b))
    print(f"{proxy} n={len(y)} unshared {rho_unshared:.4f} shared {rho_shared:.4f} "
          f"diff {rho_unshared - rho_shared:+.4f} [{lo:+.4f}, {hi:+.4f}] scores equal {equal} ({equal / len(y):.1%}); "
          f"Spearman(unshared, shared) {rho(a, b):.4f}")


if __name__ == "__main__":
    if len(sys.argv) not in (4, 5):
        sys.exit(__doc__)
    main(*sys.argv[1:])
