#!/usr/bin/env python3
"""Time one full-batch LeNet training step in PyTorch on CPU (the reference for moecl's Java kernels).

The network and the step are those of the paper's Fig. 3 script: input 1x28x28, conv 1->6 5x5, ReLU, maxpool 2,
conv 6->16 5x5, ReLU, maxpool 2, flatten 256, fc 256->120, ReLU, fc 120->84, ReLU, fc 84->1, sigmoid; MSE loss,
plain SGD lr 0.1. One step = zero_grad + forward + loss + backward + optimizer step on a batch of 100 images.

Prints the median, quartiles and minimum in microseconds per step for each thread count and dtype, e.g.
    torch 1.13.0a0 float32 threads=1 batch=100 median_us=... p25_us=... p75_us=... min_us=...
(the minimum is the least disturbed by other processes on a shared machine)
Usage: python3 bench/torch_lenet_step.py [--reps 400] [--warmup 50] [--batch 100] [--dtypes float32,float64]
(On Debian: apt-get install python3-torch, then run it with /usr/bin/python3.)
"""
import argparse
import statistics
import time

import torch
import torch.nn as nn


class LeNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, 5)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(256, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 1)

    def forward(self, x):
        x = torch.max_pool2d(torch.relu(self.conv1(x)), 2)
        x = torch.max_pool2d(torch.relu(self.conv2(x)), 2)
        x = x.flatten(1)
        x = torch.relu(self.fc1(x))
        x = torch.relu(self.fc2(x))
        return torch.sigmoid(self.fc3(x))


def bench(dtype, threads, batch, warmup, reps):
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    model = LeNet().to(dtype)
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    loss_fn = nn.MSELoss()
    x = torch.randn(batch, 1, 28, 28, dtype=dtype)
    y = (torch.rand(batch, 1) < 0.5).to(dtype)

    def step():
        opt.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        opt.step()
        return loss

    for _ in range(warmup):
        step()
    times = []
    for _ in range(reps):
        t0 = time.perf_counter_ns()
        step()
        times.append((time.perf_counter_ns() - t0) / 1000.0)
    q = statistics.quantiles(times, n=4)
    return statistics.median(times), q[0], q[2], min(times)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--reps", type=int, default=400)
    p.add_argument("--warmup", type=int, default=50)
    p.add_argument("--batch", type=int, default=100)
    p.add_argument("--threads", default="1,2")
    p.add_argument("--dtypes", default="float32,float64")
    a = p.parse_args()
    for dt in a.dtypes.split(","):
        for th in (int(t) for t in a.threads.split(",")):
            med, p25, p75, lo = bench(getattr(torch, dt), th, a.batch, a.warmup, a.reps)
            print(f"torch {torch.__version__} {dt} threads={th} batch={a.batch} "
                  f"median_us={med:.0f} p25_us={p25:.0f} p75_us={p75:.0f} min_us={lo:.0f}", flush=True)


if __name__ == "__main__":
    main()
