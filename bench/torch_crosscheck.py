#!/usr/bin/env python3
"""Replays a LeNet training run exported by moecl.dnn.bench.TorchCrossCheck in PyTorch (float64) and compares.

Same initial weights (loaded with vector_to_parameters: moecl's flat parameter vector is PyTorch's parameters()
order), same 100 images and targets, same MSE + SGD(lr=0.1) full-batch steps. In float64 the two implementations
differ only in summation order, so losses, weights and predictions should agree to ~1e-13 relative or better;
the script exits with status 1 if the final weights differ by more than --tolerance (relative L2).

Usage: python3 bench/torch_crosscheck.py RUN_DIR [--tolerance 1e-9]
"""
import argparse
import os
import sys

import numpy as np
import torch
import torch.nn as nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from torch_lenet_step import LeNet  # noqa: E402


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("run_dir")
    p.add_argument("--tolerance", type=float, default=1e-9)
    a = p.parse_args()

    def rd(name):
        return np.fromfile(os.path.join(a.run_dir, name), dtype="<f8")

    torch.set_num_threads(1)
    model = LeNet().double()
    torch.nn.utils.vector_to_parameters(torch.from_numpy(rd("init.bin")), model.parameters())
    x = torch.from_numpy(rd("x.bin")).reshape(-1, 1, 28, 28)
    y = torch.from_numpy(rd("y.bin")).reshape(-1, 1)
    xt = torch.from_numpy(rd("xt.bin")).reshape(-1, 1, 28, 28)
    java_losses = rd("losses.bin")
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    mse = nn.MSELoss()
    losses = []
    for _ in range(len(java_losses)):
        opt.zero_grad()
        loss = mse(model(x), y)
        loss.backward()
        opt.step()
        losses.append(loss.item())
    losses = np.array(losses)
    final = torch.nn.utils.parameters_to_vector(model.parameters()).detach().numpy()
    java_final = rd("final.bin")
    with torch.no_grad():
        pred = model(xt).numpy().ravel()
    java_pred = rd("pred.bin")
    rel = np.linalg.norm(final - java_final) / np.linalg.norm(java_final)
    print(f"torch {torch.__version__}, {len(losses)} steps")
    print(f"loss: first {losses[0]:.17g} (java {java_losses[0]:.17g}), last {losses[-1]:.6g}; "
          f"max relative difference over all steps {np.max(np.abs(losses - java_losses) / np.abs(java_losses)):.3g}")
    print(f"final weights: max |difference| {np.max(np.abs(final - java_final)):.3g}, relative L2 {rel:.3g}")
    print(f"test outputs: max |difference| {np.max(np.abs(pred - java_pred)):.3g}, "
          f"same decision at 0.5 for {int(np.sum((pred > 0.5) == (java_pred > 0.5)))}/{len(pred)}")
    sys.exit(0 if rel <= a.tolerance else 1)


if __name__ == "__main__":
    main()
