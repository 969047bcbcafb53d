package moecl.paper;

import moecl.rng.RandomSource;

/**
 * The paper's pool of ground truths in K clusters and their feature signals (paper.md §1.1 steps 1–3).
 *
 * <p>Centres {@code k < K}: {@code w_k = σ0 · u/‖u‖}, {@code u ~ N(0, I_r)}, in the first r coordinates; members
 * {@code n ≥ K}: {@code w_n = w_{n−K} + spread · N(0, I_r)} (type n belongs to cluster {@code n mod K}); signals
 * {@code v_n = c · w_n/‖w_n‖}.
 *
 * @param truths  w_n, N × d
 * @param signals v_n, N × d
 */
public record ClusterPool(double[][] truths, double[][] signals) {

    /** How the pool consumes random numbers: in the Fig. 2 script's order or the Fig. 4/5 script's. */
    public enum Draws {
        /** K × randn(r) for the centres, then (N−K) × randn(r) for the members. */
        FIG2,
        /** N × randn(r) first (members' values discarded), then (N−K) × randn(r) for the members. */
        FIG45
    }

    public static ClusterPool draw(RandomSource rng, int d, int r, int n, int k, double sigma0, double spread,
                                   double signalScale, Draws draws) {
        double[][] w = new double[n][d];
        double[] u = new double[r];
        int centreDraws = draws == Draws.FIG45 ? n : k;
        for (int c = 0; c < centreDraws; c++) {
            rng.fillGaussian(u, 0, r);
            if (c < k) {
                double norm = norm(u, r);
                for (int i = 0; i < r; i++) {
                    w[c][i] = sigma0 * u[i] / norm;
                }
            }
        }
        for (int m = k; m < n; m++) {
            rng.fillGaussian(u, 0, r);
            for (int i = 0; i < r; i++) {
                w[m][i] = w[m - k][i] + spread * u[i];
            }
        }
        double[][] v = new double[n][d];
        for (int m = 0; m < n; m++) {
            double norm = norm(w[m], d);
            for (int i = 0; i < d; i++) {
                v[m][i] = norm == 0 ? 0 : signalScale * w[m][i] / norm;
            }
        }
        return new ClusterPool(w, v);
    }

    /** One task's X is one array of d·s values. */
    static void checkTask(String plugin, int d, int s) {
        moecl.plugin.Sizes.length((long) d * s, plugin + ": a task's d·s (d=" + d + ", s=" + s + ")",
                java.util.List.of("d", "s"));
    }

    /**
     * What a generator over a pool holds (see {@link moecl.plugin.PluginFactory#memory}): the pool's truths and
     * signals (N rows of d each) and its draw buffer (r), the arrival sequence (T types), the generator's own
     * scratch and one round's task (X of d·s, y of s, the gate input of d). Names d and N, or d and s, as the pool
     * or the task is larger.
     */
    static moecl.plugin.Memory memory(int d, int r, int s, int n, int rounds, long scratch) {
        long pool = moecl.plugin.Sizes.add(moecl.plugin.Sizes.times(2, moecl.plugin.Sizes.matrix(n, d)),
                moecl.plugin.Sizes.doubles(r));
        long task = moecl.plugin.Sizes.linearTask(d, s);
        return moecl.plugin.Memory.of(moecl.plugin.Sizes.add(pool, moecl.plugin.Sizes.ints(rounds), scratch, task),
                "d", pool >= task ? "N" : "s");
    }

    static double norm(double[] a, int len) {
        return norm(a, 0, len);
    }

    /**
     * The Euclidean norm of {@code a[from..from+len)}, summed in index order (the generator's per-round norms use
     * the kernel {@link moecl.linalg.kernels.Kernels#vec} picks for length r, written out at r = 6 with these bits).
     */
    static double norm(double[] a, int from, int len) {
        double s = 0;
        for (int i = from, end = from + len; i < end; i++) {
            s += a[i] * a[i];
        }
        return Math.sqrt(s);
    }

    /** {@code T × randint(0, N)}: the arrival sequence, drawn up front as the scripts do. */
    public static int[] sequence(RandomSource rng, int rounds, int n) {
        int[] seq = new int[rounds];
        for (int t = 0; t < rounds; t++) {
            seq[t] = rng.nextInt(n);
        }
        return seq;
    }
}
