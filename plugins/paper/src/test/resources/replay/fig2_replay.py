#!/usr/bin/env python3
"""Independent reference for the Fig. 2 replay (numpy-legacy mode), written from docs/paper.md only.

Implements §1.1 (clusters, Fig. 2 values), §2 (noisy top-1 router, softmax on the noisy outputs, min-norm update
through np.linalg.pinv), §3 (gradient form `fig2`), §4 (threshold stop rule, Γ = 0.4**1.25, minRounds = 80 + 3M,
flags from tc >= M/eta; or `never`), §5 (reference metrics F_ref, G_ref and paper metrics F, G, brute force over
all past rounds) and §8 (draw order). Each variant (stop, never) is a fresh replay from np.random.seed(S); within
a variant the M values run one after another on the continuing stream.

Per round the order is: draw the task, route (draw the M noises), the chosen expert learns, flags / stop check,
gate step (skipped when stopped), metrics after the expert update.

Usage: python3 fig2_replay.py  -> writes fig2_replay_seed<S>.csv next to this script.
Columns: variant,M,t,task,expert,F,G,F_ref,G_ref,frozen  (t is 1-based; frozen = the gate did not step this round)
"""
import os
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
SEEDS = [1, 7]
T = 300
MS = [1, 5, 10, 20]

# §1.1 Fig. 2 values
d, r, s, N, K = 10, 6, 6, 7, 3
sigma0 = 0.4
c = 6.0
spread = sigma0 / 200
noise_norm = 0.1
tiny_scale = 1e-3
signal_row_scale = 1e-5
# §7 Fig. 2 router
eta = 0.5
alpha = 0.5
lam = 0.3
gamma = 0.4 ** 1.25


def pool():
    w = np.zeros((N, d))
    for k in range(K):
        u = np.random.randn(r)
        w[k, :r] = sigma0 * u / np.linalg.norm(u)
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


def run(M, variant, truths, signals, seq, rows):
    W = np.zeros((M, d))
    theta = np.zeros((M, d))
    flags = np.zeros(M, dtype=bool)
    min_rounds = 80 + 3 * M
    chosen = []
    types = []
    after = []  # squared / plain error of the chosen expert on its task right after learning
    after_plain = []
    for tc in range(T):
        t = tc + 1
        n = seq[tc]
        X, y = task(n, truths, signals)
        xbar = X.sum(axis=1)
        h = theta @ xbar
        noisy = h + np.random.uniform(0, lam, M)
        m = int(np.argmax(noisy))
        z = noisy - noisy.max()
        pi = np.exp(z) / np.exp(z).sum()
        # expert learns: min-norm update through the pseudo-inverse
        old = W[m].copy()
        W[m] = W[m] + (y - X.T @ W[m]) @ np.linalg.pinv(X)
        delta = np.linalg.norm(W[m] - old)
        # stop rule
        update = True
        if variant == "stop":
            if tc >= M / eta:
                for i in range(M):
                    if i != m and abs(noisy[i] - noisy[m]) < gamma:
                        flags[i] = True
            update = (not flags.all()) or tc < min_rounds
        if update:
            a = alpha * M / t
            g = -pi[m] * pi * (delta + a)
            g[m] = pi[m] * (1 - pi[m]) * (delta + a)
            theta = theta - eta * np.outer(g, xbar)
        chosen.append(m)
        types.append(n)
        diff = W[m] - truths[n]
        after.append(diff @ diff)
        after_plain.append(np.sqrt(diff @ diff))
        # metrics, brute force over all past rounds
        ms = np.array(chosen)
        ns = np.array(types)
        now = W[ms] - truths[ns]
        now_sq = (now * now).sum(axis=1)  # E_tau(w_t^(m_tau)), tau = 1..t
        now_plain = np.sqrt(now_sq)
        G = now_sq.sum() / t
        F = (now_sq[:-1] - np.array(after[:-1])).sum() / (t - 1) if t >= 2 else 0.0
        G_ref = now_plain[:tc].sum() / (tc + 1)
        if tc == 0:
            F_ref = 0.0
        else:
            F_ref = np.abs(now_plain[:tc - 1] - np.array(after_plain[:tc - 1])).sum() / tc
        rows.append("%s,%d,%d,%d,%d,%r,%r,%r,%r,%d" % (variant, M, t, n, m, float(F), float(G), float(F_ref),
                                                      float(G_ref), 0 if update else 1))


def main():
    for seed in SEEDS:
        rows = ["variant,M,t,task,expert,F,G,F_ref,G_ref,frozen"]
        for variant in ["stop", "never"]:
            np.random.seed(seed)
            truths, signals = pool()
            seq = [int(np.random.randint(0, N)) for _ in range(T)]
            for M in MS:
                run(M, variant, truths, signals, seq, rows)
        with open(os.path.join(HERE, "fig2_replay_seed%d.csv" % seed), "w") as f:
            f.write("\n".join(rows) + "\n")


if __name__ == "__main__":
    main()
