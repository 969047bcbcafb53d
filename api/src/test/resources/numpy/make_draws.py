#!/usr/bin/env python3
"""Reference draws of numpy's legacy global generator (RandomState) for NumpyLegacyRandomTest.

Run from this folder: python3 make_draws.py   (writes draws_<seed>.txt next to this script).
Each line is `op arg value`; doubles are written with float.hex (exact), ints in decimal.
The op sequence is identical for every seed and is mirrored by the Java test, which replays the ops in order
on one NumpyLegacyRandom and compares value by value.
"""
import os
import numpy as np

SEEDS = [0, 1, 42, 4294967295]
HERE = os.path.dirname(os.path.abspath(__file__))


def ops():
    # randn sequences of odd and even lengths, interleaved with random_sample / randint so that a cached
    # second Gaussian must survive (or be used up across) other draws
    for n in [1, 2, 3, 4, 5, 7, 10]:
        yield ("randn", n)
        yield ("random_sample", 1)
        yield ("randn", 1)
        yield ("randint", 7)
        yield ("randn", 3)
        yield ("uniform", 5)
    for n in [1, 2, 3, 6, 7, 30, 100, 2 ** 31 - 1]:
        yield ("randint", n)
        yield ("randint", n)
        yield ("randint", n)
    yield ("randn", 1)  # leaves a cached value
    for n in [1, 2, 3, 6, 7, 30, 100, 2 ** 31 - 1]:  # ints do not touch the cache
        yield ("randint", n)
    yield ("randn", 1)  # takes the cached value
    yield ("uniform", 5)
    yield ("random_sample", 20)
    yield ("randn", 2001)  # long run: many polar rejections and an MT reload (624 words)
    yield ("random_sample", 700)
    yield ("randint", 2 ** 31 - 1)


def main():
    for seed in SEEDS:
        np.random.seed(seed)
        lines = ["# numpy %s, np.random.seed(%d)" % (np.__version__, seed)]
        for op, n in ops():
            if op == "randn":
                vals = [float(v).hex() for v in np.random.randn(n)]
            elif op == "random_sample":
                vals = [float(v).hex() for v in np.random.random_sample(n)]
            elif op == "uniform":
                vals = [float(v).hex() for v in np.random.uniform(0, 0.3, n)]
            else:
                vals = [str(int(np.random.randint(0, n)))]
            for v in vals:
                lines.append("%s %d %s" % (op, n, v))
        with open(os.path.join(HERE, "draws_%d.txt" % seed), "w") as f:
            f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
