#!/usr/bin/env python3
"""Replays a LeNet training run exported by moecl.dnn.bench.TorchCrossCheck in PyTorch and compares.

Same initial weights (loaded with vector_to_parameters: moecl's flat parameter vector is PyTorch's parameters()
order), same 100 images and targets, same MSE + SGD(lr=0.1) full-batch steps, in the run's precision
(precision.txt: float64 or float32).

float64: the two implementations differ only in summation order, so losses, weights and predictions agree to
~1e-13 relative or better; the script exits with status 1 if the final weights differ by more than --tolerance
(relative L2, default 1e-9).

float32: float32 rounding (u = 2^-24 relative per operation) makes any two float32 implementations differ, by how
much depends on their summation orders. moecl's longest sequential sum is one training chunk's share of the first
convolution's weight gradient: n = 25 samples x 576 output positions = 14,400 FMAs in one float accumulator
(PyTorch blocks its sums, which is more accurate). With rounding errors of random sign a step's gradient is off by
about sqrt(n) u relative, and over S steps these add up like a random walk, so the default tolerance (final
weights, relative L2) is sqrt(S) sqrt(n) u = 1.8e-4 for the 600-step run. The script also replays the run in
float64 from the same weights and data and reports how far each float32 implementation is from it.

Usage: python3 bench/torch_crosscheck.py RUN_DIR [--tolerance T]
"""
import argparse
import os
import sys

import numpy as np
import torch
import torch.nn as nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from torch_lenet_step import LeNet  # noqa: E402


def replay(rd, dtype, steps):
    model = LeNet().to(dtype)
    torch.nn.utils.vector_to_parameters(torch.from_numpy(rd("init.bin")).to(dtype), model.parameters())
    x = torch.from_numpy(rd("x.bin")).to(dtype).reshape(-1, 1, 28, 28)
    y = torch.from_numpy(rd("y.bin")).to(dtype).reshape(-1, 1)
    xt = torch.from_numpy(rd("xt.bin")).to(dtype).reshape(-1, 1, 28, 28)
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    mse = nn.MSELoss()
    losses = []
    for _ in range(steps):
        opt.zero_grad()
        loss = mse(model(x), y)
        loss.backward()
        opt.step()
        losses.append(loss.item())
    final = torch.nn.utils.parameters_to_vector(model.parameters()).detach().double().numpy()
    with torch.no_grad():
        pred = model(xt).double().numpy().ravel()
    return np.array(losses), final, pred


def compare(name, losses, final, pred, ref_losses, ref_final, ref_pred):
    rel = np.linalg.norm(final - ref_final) / np.linalg.norm(ref_final)
    print(f"{name}: loss first {losses[0]:.17g} vs {ref_losses[0]:.17g}, last {losses[-1]:.6g} vs "
          f"{ref_losses[-1]:.6g}, max relative difference over all steps "
          f"{np.max(np.abs(losses - ref_losses) / np.abs(ref_losses)):.3g}")
    print(f"{name}: final weights max |difference| {np.max(np.abs(final - ref_final)):.3g}, relative L2 {rel:.3g}")
    print(f"{name}: test outputs max |difference| {np.max(np.abs(pred - ref_pred)):.3g}, "
          f"same decision at 0.5 for {int(np.sum((pred > 0.5) == (ref_pred > 0.5)))}/{len(pred)}")
    return rel


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("run_dir")
    p.add_argument("--tolerance", type=float, default=None,
                   help="relative L2 of the final weights (default: 1e-9 in float64, sqrt(S n) u in float32)")
    a = p.parse_args()

    def rd(name):
        return np.fromfile(os.path.join(a.run_dir, name), dtype="<f8")

    pfile = os.path.join(a.run_dir, "precision.txt")
    precision = open(pfile).read().strip() if os.path.exists(pfile) else "float64"
    torch.set_num_threads(1)
    java = (rd("losses.bin"), rd("final.bin"), rd("pred.bin"))
    steps = len(java[0])
    print(f"torch {torch.__version__}, {steps} steps, precision {precision}")
    if precision == "float64":
        rel = compare("java vs torch float64", *java, *replay(rd, torch.float64, steps))
        sys.exit(0 if rel <= (1e-9 if a.tolerance is None else a.tolerance) else 1)
    t32 = replay(rd, torch.float32, steps)
    t64 = replay(rd, torch.float64, steps)
    rel = compare("java float32 vs torch float32", *java, *t32)
    own = compare("torch float32 vs torch float64", *t32, *t64)
    compare("java float32 vs torch float64", *java, *t64)
    tolerance = a.tolerance if a.tolerance is not None else (steps * 25 * 576) ** 0.5 * 2.0 ** -24
    ok = rel <= tolerance
    print(f"java float32 vs torch float32: relative L2 {rel:.3g} {'<=' if ok else '>'} tolerance {tolerance:.3g} "
          f"(torch float32's own distance from float64: {own:.3g}): {'agree' if ok else 'DISAGREE'}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
