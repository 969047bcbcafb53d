package moecl.workbench;

import java.io.PrintWriter;
import java.util.Arrays;

import moecl.engine.Engine;
import moecl.engine.RunResult;
import moecl.engine.Sweep;
import moecl.expert.Expert;
import moecl.metrics.RoundMetrics;
import moecl.plugin.Binder;
import moecl.plugin.BuildContext;
import moecl.plugin.ExpertFactory;
import moecl.plugin.GeneratorFactory;
import moecl.plugin.PluginKind;
import moecl.plugin.Registry;
import moecl.plugin.RouterFactory;
import moecl.rng.RngKind;
import moecl.router.Router;
import moecl.spec.SpecParser;
import moecl.spec.SpecValue.Component;
import moecl.task.TaskGenerator;

/**
 * {@code moecl bench}: in-process measurements of the engine, reported in BENCHMARKS.md. Times are medians over
 * repetitions after a warm-up; ratios, not absolute numbers, are what carries between machines.
 */
public final class Bench {

    private Bench() {
    }

    record Setup(TaskGenerator gen, Expert[] experts, Router router, RoundMetrics metrics) {
    }

    /** Which metrics a measured run computes. */
    enum Metrics {
        NONE("no metrics"), PAPER("paper F, G"), ALL("all four metrics");

        final String label;

        Metrics(String label) {
            this.label = label;
        }
    }

    static Setup setup(Registry reg, String tasks, String router, int m, int rounds, long seed, Metrics metrics) {
        Component tc = SpecParser.parseComponent(tasks);
        Component ec = SpecParser.parseComponent("minnorm");
        Component rc = SpecParser.parseComponent(router);
        GeneratorFactory gf = (GeneratorFactory) reg.resolve(PluginKind.GENERATOR, tc.name());
        ExpertFactory ef = (ExpertFactory) reg.resolve(PluginKind.EXPERT, ec.name());
        RouterFactory rf = (RouterFactory) reg.resolve(PluginKind.ROUTER, rc.name());
        BuildContext ctx = new BuildContext(m, rounds, seed, RngKind.FAST, null, null, -1);
        TaskGenerator g = gf.create(Binder.bind(gf.descriptor(), tc), ctx);
        BuildContext c2 = ctx.withGenerator(g);
        Expert[] ex = new Expert[m];
        for (int i = 0; i < m; i++) {
            ex[i] = ef.create(Binder.bind(ef.descriptor(), ec), c2.forExpert(i));
        }
        Router r = rf.create(Binder.bind(rf.descriptor(), rc), c2);
        RoundMetrics rm = switch (metrics) {
            case NONE -> null;
            case PAPER -> new moecl.metrics.LinearMetrics(g.groundTruths(), m, false);
            case ALL -> Sweep.metricsFor(g, ex);
        };
        return new Setup(g, ex, r, rm);
    }

    /** Forked JVMs per configuration, repetitions per fork, rounds per repetition. */
    static final int FORKS = 3;
    static final int REPS = 30;
    static final int ROUNDS = 5_000;

    /**
     * µs per round of one configuration, one value per measured run, over {@code reps} runs after {@code reps}
     * warm-up runs (each run its own seed).
     */
    static double[] microsPerRound(Registry reg, int m, int rounds, int reps, Metrics metrics) {
        double[] us = new double[reps];
        for (int i = -reps; i < reps; i++) {
            Setup s = setup(reg, "clusters", "paper(stop=never)", m, rounds, 1000 + i, metrics);
            RunResult r = Engine.run(s.gen(), s.experts(), s.router(), s.metrics(), rounds, Engine.Progress.NONE);
            if (i >= 0) {
                us[i] = r.nanos() / 1e3 / rounds;
            }
        }
        return us;
    }

    /**
     * Child process of {@link #run}: measures one configuration in a fresh JVM (as JMH forks do), so that the JIT's
     * profile of one configuration does not slow another, and prints µs per round of every measured run.
     */
    public static void main(String[] args) {
        int m = Integer.parseInt(args[0]);
        Metrics k = Metrics.valueOf(args[1]);
        double[] us = microsPerRound(Registry.standard(), m, ROUNDS, REPS, k);
        StringBuilder line = new StringBuilder();
        for (double u : us) {
            line.append(line.isEmpty() ? "" : " ").append(u);
        }
        System.out.println(line);
    }

    /** What {@link #forked} measured: every run of every fork, and each fork's median. */
    record Sample(double[] runs, double[] forkMedians) {
        double median() {
            return quantile(runs, 0.5);
        }

        double p10() {
            return quantile(runs, 0.1);
        }

        static double quantile(double[] values, double q) {
            double[] v = values.clone();
            Arrays.sort(v);
            return v[(int) Math.floor(q * (v.length - 1))];
        }
    }

    /**
     * Runs {@link #main} in {@link #FORKS} child JVMs with this JVM's class path. Forks matter here: on a shared
     * machine one JVM may run a configuration 30 % slower than the next for its whole life (its JIT decisions, its
     * neighbours), which the runs inside one JVM cannot show.
     */
    static Sample forked(int m, Metrics k) {
        String javaBin = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
        double[] all = new double[FORKS * REPS];
        double[] medians = new double[FORKS];
        for (int f = 0; f < FORKS; f++) {
            try {
                Process p = new ProcessBuilder(javaBin, "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                        Bench.class.getName(), Integer.toString(m), k.name()).redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                        .trim();
                if (p.waitFor() != 0) {
                    throw new IllegalStateException("benchmark child failed: " + out);
                }
                String[] parts = out.lines().reduce((x, y) -> y).orElse("").trim().split(" ");
                if (parts.length != REPS) {
                    throw new IllegalStateException("benchmark child printed " + parts.length + " values: " + out);
                }
                double[] runs = new double[REPS];
                for (int i = 0; i < REPS; i++) {
                    runs[i] = Double.parseDouble(parts[i]);
                    all[f * REPS + i] = runs[i];
                }
                medians[f] = Sample.quantile(runs, 0.5);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.util.concurrent.CancellationException("benchmark interrupted");
            }
        }
        return new Sample(all, medians);
    }

    /**
     * Live heap (after a full GC) retained by a finished run of T rounds with M experts, the result included, in
     * MiB. Bounded memory means this grows linearly in T (the per-round columns) and not with T² or with weights.
     */
    static double retainedHeapMiB(Registry reg, int m, int rounds) {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long before = rt.totalMemory() - rt.freeMemory();
        Setup s = setup(reg, "clusters", "paper(stop=never)", m, rounds, 7, Metrics.ALL);
        RunResult r = Engine.run(s.gen(), s.experts(), s.router(), s.metrics(), rounds, Engine.Progress.NONE);
        System.gc();
        long after = rt.totalMemory() - rt.freeMemory();
        if (r.rounds() != rounds || s.metrics() == null) { // keeps the result and the metrics reachable
            throw new IllegalStateException();
        }
        return (after - before) / (1024.0 * 1024.0);
    }

    /** Median milliseconds of {@code task} over {@code reps} repetitions after one warm-up. */
    static double millis(Runnable task, int reps) {
        task.run();
        double[] ms = new double[reps];
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            task.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return ms[reps / 2];
    }

    /** Closed-form curves for T = 1,000,000 rounds (target: under a second each). */
    static void theory(PrintWriter out) {
        int t = 1_000_000;
        int n = 7;
        int m = 20;
        double[][] w = new double[n][10];
        moecl.rng.FastRandom r = new moecl.rng.FastRandom(3);
        for (double[] row : w) {
            r.fillGaussian(row, 0, row.length);
        }
        int[] types = new int[t];
        int[] experts = new int[t];
        for (int i = 0; i < t; i++) {
            types[i] = r.nextInt(n);
            experts[i] = r.nextInt(m);
        }
        moecl.theory.Projection p = moecl.theory.Projection.isotropic(10, 6);
        moecl.theory.TruthGeometry g = moecl.theory.TruthGeometry.of(w);
        out.println("closed-form theory, whole curve t = 1..1,000,000 (d=10, s=6, N=7, sigma=0.1)");
        out.printf("  uniform arrivals, one expert      %7.1f ms%n",
                millis(() -> new moecl.theory.UniformArrivalTheory(p, 0.1, g).curve(t), 5));
        out.printf("  fixed order, one expert           %7.1f ms%n",
                millis(() -> moecl.theory.FixedOrderTheory.curve(p, 0.1, types, g), 5));
        out.printf("  MoE given a routing, M=20         %7.1f ms%n",
                millis(() -> moecl.theory.RoutedMoETheory.curve(p, 0.1, types, experts, m, g), 5));
    }

    public static void run(Registry reg, PrintWriter out) {
        out.println("engine cost per round, clusters (d=10, s=6, N=7) + minnorm + paper(stop=never), fast rng");
        out.printf("  (%d fresh JVMs per configuration, each %d runs of %,d rounds after %d warm-up runs;%n", FORKS, REPS,
                ROUNDS, REPS);
        out.println("   median and 10th percentile of all runs, and the range of the JVMs' medians, in us/round)");
        for (int m : new int[] {1, 5, 20}) {
            for (Metrics k : Metrics.values()) {
                Sample s = forked(m, k);
                double lo = Arrays.stream(s.forkMedians()).min().orElseThrow();
                double hi = Arrays.stream(s.forkMedians()).max().orElseThrow();
                out.printf("  M=%-3d %-22s median %6.3f  p10 %6.3f  JVM medians %6.3f-%6.3f%n", m, k.label, s.median(),
                        s.p10(), lo, hi);
                out.flush();
            }
        }
        out.println("memory, M=20, all metrics every round: live heap retained by the run and its result");
        for (int t : new int[] {10_000, 100_000, 1_000_000}) {
            double mib = retainedHeapMiB(reg, 20, t);
            out.printf("  T=%-8d %8.1f MiB  (%.0f bytes/round)%n", t, mib, mib * 1024 * 1024 / t);
        }
        theory(out);
        out.flush();
    }
}
