package org.example.moecl;

import moecl.expert.LearnReport;
import moecl.rng.RandomSource;
import moecl.router.Decision;
import moecl.router.Router;
import moecl.task.Task;

/**
 * Keeps one prototype per expert, the running mean of the directions of the gate inputs it took. A task goes to the
 * expert whose prototype is the most similar (cosine) to its gate input; when none is at least {@code similarity}
 * alike and an expert has no prototype yet, to that expert. With probability {@code explore} a uniformly random
 * expert takes it instead.
 *
 * <p>The gate input belongs to the task: the router reads it and never writes to it.
 */
public final class PrototypeRouter implements Router {

    private final int m;
    private final int d;
    private final double similarity;
    private final double rate;
    private final double explore;
    private final RandomSource rng;
    private final double[][] prototypes;
    private final boolean[] used;

    PrototypeRouter(int experts, int dimension, double similarity, double rate, double explore, RandomSource rng) {
        this.m = experts;
        this.d = dimension;
        this.similarity = similarity;
        this.rate = rate;
        this.explore = explore;
        this.rng = rng;
        this.prototypes = new double[experts][dimension];
        this.used = new boolean[experts];
    }

    @Override
    public Decision route(Task task) {
        if (explore > 0 && rng.nextDouble() < explore) {
            return Decision.of(rng.nextInt(m));
        }
        double[] x = direction(task.gateInput());
        int best = -1;
        double bestSimilarity = Double.NEGATIVE_INFINITY;
        int free = -1;
        for (int e = 0; e < m; e++) {
            if (!used[e]) {
                if (free < 0) {
                    free = e;
                }
                continue;
            }
            double s = 0;
            for (int i = 0; i < d; i++) {
                s += prototypes[e][i] * x[i];
            }
            if (s > bestSimilarity) {
                bestSimilarity = s;
                best = e;
            }
        }
        return Decision.of(free >= 0 && (best < 0 || bestSimilarity < similarity) ? free : best);
    }

    @Override
    public void learn(Task task, Decision decision, LearnReport report) {
        int e = decision.expert();
        double[] x = direction(task.gateInput());
        double[] p = prototypes[e];
        double w = used[e] ? rate : 1;
        double norm = 0;
        for (int i = 0; i < d; i++) {
            p[i] += w * (x[i] - p[i]);
            norm += p[i] * p[i];
        }
        norm = Math.sqrt(norm);
        if (norm > 0) {
            for (int i = 0; i < d; i++) {
                p[i] /= norm;
            }
        }
        used[e] = true;
    }

    /** A unit vector in the direction of {@code g} (a copy), or zeros for a zero input. */
    private double[] direction(double[] g) {
        double norm = 0;
        for (double v : g) {
            norm += v * v;
        }
        norm = Math.sqrt(norm);
        double[] x = new double[d];
        if (norm > 0) {
            for (int i = 0; i < d; i++) {
                x[i] = g[i] / norm;
            }
        }
        return x;
    }

    /** The prototypes as gate weights: moecl computes the expert sets of a run from them. A copy. */
    @Override
    public double[][] gateWeights() {
        double[][] out = new double[m][];
        for (int e = 0; e < m; e++) {
            out[e] = prototypes[e].clone();
        }
        return out;
    }
}
