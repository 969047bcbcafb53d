#!/usr/bin/env python3
"""Independent reference for the Fig. 4/5 replay (numpy-legacy mode), written from docs/paper.md only.

Implements §1.1 (clusters, Fig. 4/5 values: every type first gets r normals, then types n >= K are overwritten by
their cluster member draw), §2 (noisy top-1 router, softmax on the noisy outputs, min-norm update through
np.linalg.pinv), §3 (gradient form `fig45`), §4 (threshold stop rule, Γ = 0.4**e, minRounds = 120, flags from
tc >= M/eta), §5 (reference metrics F_ref, G_ref and paper metrics F, G, brute force) and §7 (the script's routing
override for e = 1.25 and 1.5 from round 130 + 20k: per expert one randint(18, 25) draw every active round, the
last qualifying expert wins, records per threshold never reset between repeats) with §7's draw order: the pool,
then T arrivals, then repeat outer, threshold inner, all on one stream from np.random.seed(S).

Usage: python3 fig45_replay.py  -> writes fig45_replay_seed<S>.csv next to this script.
Columns: repeat,e,t,task,expert,F,G,F_ref,G_ref,frozen  (t is 1-based; frozen = the gate did not step this round)
"""
import os
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
SEEDS = [3, 11]
T = 300
REPEATS = 3
EXPONENTS = [0.75, 1, 1.25, 1.5]

# §1.1 Fig. 4/5 values
d, r, s, N, K = 10, 6, 8, 30, 3
sigma0 = 0.4
c = 5.0
spread = sigma0 / 100
noise_norm = 0.01
tiny_scale = 1e-3
signal_row_scale = 1e-4
# §7 Fig. 4/5 router
M = 5
eta = 0.5
alpha = 0.5
lam = 0.4
min_rounds = 120


def pool():
    w = np.zeros((N, d))
    for n in range(N):
        u = np.random.randn(r)
        w[n, :r] = sigma0 * u / np.linalg.norm(u)
    for n in range(K, N):
        w[n, :r] = w[n - K, :r] + spread * np.random.randn(r)
    v = c * w / np.linalg.norm(w, axis=1, keepdims=True)
    return w, v


def task(n, truths, signals):
    X = np.zeros((d, s))
    for j in range(s):
        u = np.random.randn(r)
        X[:r, j] = noise_norm * u / np.linalg.norm(u)
    jstar = np.random.randint(0, s)
    X[:, jstar] = signals[n]
    for j in range(r, d):
        xi = np.random.randn(1)[0]
        scale = signal_row_scale if j - r == jstar else tiny_scale
        X[j, :] = X[j - r, :] * (scale * xi)
    y = X.T @ truths[n]
    return X, y


def run(k, repeat, records, truths, signals, seq, rows):
    e = EXPONENTS[k]
    gamma = sigma0 ** e
    W = np.zeros((M, d))
    theta = np.zeros((M, d))
    flags = np.zeros(M, dtype=bool)
    chosen, types, after, after_plain = [], [], [], []
    for tc in range(T):
        t = tc + 1
        n = seq[tc]
        X, y = task(n, truths, signals)
        xbar = X.sum(axis=1)
        noisy = theta @ xbar + np.random.uniform(0, lam, M)
        z = noisy - noisy.max()
        pi = np.exp(z) / np.exp(z).sum()
        m = -1
        if k >= 2 and tc >= 130 + 20 * k:
            for i in range(M):
                q = int(np.random.randint(18, 25))
                last = records[i]
                if last is not None and last[0] < tc - q and (last[1] == n or abs(last[1] - n) == K):
                    m = i  # the last qualifying expert wins
        if m < 0:
            m = int(np.argmax(noisy))
        records[m] = (tc, n)
        old = W[m].copy()
        W[m] = W[m] + (y - X.T @ W[m]) @ np.linalg.pinv(X)
        delta = np.linalg.norm(W[m] - old)
        if tc >= M / eta:
            for i in range(M):
                if i != m and abs(noisy[i] - noisy[m]) < gamma:
                    flags[i] = True
        update = (not flags.all()) or tc < min_rounds
        if update:
            a = alpha * M / t
            g = -pi[m] * (delta + a) * np.ones(M)
            g[m] = pi[m] * (delta + a)
            theta = theta - eta * np.outer(g, xbar)
        chosen.append(m)
        types.append(n)
        diff = W[m] - truths[n]
        after.append(diff @ diff)
        after_plain.append(np.sqrt(diff @ diff))
        ms, ns = np.array(chosen), np.array(types)
        now = W[ms] - truths[ns]
        now_sq = (now * now).sum(axis=1)
        now_plain = np.sqrt(now_sq)
        G = now_sq.sum() / t
        F = (now_sq[:-1] - np.array(after[:-1])).sum() / (t - 1) if t >= 2 else 0.0
        G_ref = now_plain[:tc].sum() / (tc + 1)
        F_ref = 0.0 if tc == 0 else np.abs(now_plain[:tc - 1] - np.array(after_plain[:tc - 1])).sum() / tc
        rows.append("%d,%r,%d,%d,%d,%r,%r,%r,%r,%d" % (repeat, e, t, n, m, float(F), float(G), float(F_ref),
                                                      float(G_ref), 0 if update else 1))


def main():
    for seed in SEEDS:
        rows = ["repeat,e,t,task,expert,F,G,F_ref,G_ref,frozen"]
        np.random.seed(seed)
        truths, signals = pool()
        seq = [int(np.random.randint(0, N)) for _ in range(T)]
        records = [[None] * M for _ in EXPONENTS]  # per threshold, kept across repeats
        for repeat in range(REPEATS):
            for k in range(len(EXPONENTS)):
                run(k, repeat, records[k], truths, signals, seq, rows)
        with open(os.path.join(HERE, "fig45_replay_seed%d.csv" % seed), "w") as f:
            f.write("\n".join(rows) + "\n")


if __name__ == "__main__":
    main()
