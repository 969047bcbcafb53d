package moecl.workbench;

import java.io.PrintWriter;
import java.util.Arrays;

import moecl.engine.RunEngine;
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
            case PAPER -> new moecl.metrics.LinearMetrics(((moecl.task.LinearWorld) g).groundTruths(), m, false);
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
     * warm-up runs (each run its own seed). (Kept with this signature: {@code bench/EngineAb.java} calls it by
     * reflection in older builds too.)
     */
    static double[] microsPerRound(Registry reg, int m, int rounds, int reps, Metrics metrics) {
        return measure(reg, m, rounds, reps, metrics)[0];
    }

    /**
     * As {@link #microsPerRound}, and for every measured run the {@link #referenceNanos reference kernel}'s time
     * per step, taken right before and right after the run and averaged: {@code [µs per round, reference ns]}.
     */
    static double[][] measure(Registry reg, int m, int rounds, int reps, Metrics metrics) {
        double[] us = new double[reps];
        double[] ref = new double[reps];
        for (int i = -reps; i < reps; i++) {
            Setup s = setup(reg, "clusters", "paper(stop=never)", m, rounds, 1000 + i, metrics);
            double before = i >= 0 ? referenceNanos() : 0;
            RunResult r = RunEngine.run(s.gen(), s.experts(), s.router(), s.metrics(), rounds, RunEngine.Progress.NONE);
            if (i >= 0) {
                ref[i] = (before + referenceNanos()) / 2;
                us[i] = r.nanos() / 1e3 / rounds;
            } else {
                referenceNanos(); // warms the kernel up with the engine
            }
        }
        return new double[][] {us, ref};
    }

    /** Steps of the reference kernel per timing. */
    static final int REFERENCE_STEPS = 200_000;

    /**
     * The reference kernel: fixed scalar work that never changes with moecl's code (per step: a xorshift draw, two
     * interleaved dot products of 8 terms, a square root and a division), timed in ns per step. A shared host runs
     * at different speeds over time (BENCHMARKS.md, "Core engine") and both the engine and this kernel slow down
     * together, so {@code engine ns per round / reference ns per step} measures the engine in units of the
     * machine's current speed (a ratio against a reference measured in the same run, as noisy machines need).
     */
    static double referenceNanos() {
        long x = 88172645463325252L;
        double acc = 0;
        double[] v = new double[16];
        long t0 = System.nanoTime();
        for (int n = 0; n < REFERENCE_STEPS; n++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            v[n & 15] = (x >>> 11) * 0x1p-53;
            double s0 = 0;
            double s1 = 0;
            for (int i = 0; i < 16; i += 2) {
                s0 += v[i] * v[(i + 3) & 15];
                s1 += v[i + 1] * v[(i + 5) & 15];
            }
            acc += Math.sqrt(s0 + s1) / (1 + v[n & 7]);
        }
        long nanos = System.nanoTime() - t0;
        if (acc < 0) { // never (acc is a sum of non-negative terms); keeps the loop from being removed
            throw new AssertionError(acc);
        }
        return (double) nanos / REFERENCE_STEPS;
    }

    /**
     * Child process of {@link #run}: measures one configuration in a fresh JVM (as JMH forks do), so that the JIT's
     * profile of one configuration does not slow another, and prints two lines: µs per round of every measured run,
     * then the reference kernel's ns per step around each run.
     */
    public static void main(String[] args) {
        int m = Integer.parseInt(args[0]);
        Metrics k = Metrics.valueOf(args[1]);
        double[][] r = measure(Registry.standard(), m, ROUNDS, REPS, k);
        for (double[] values : r) {
            StringBuilder line = new StringBuilder();
            for (double u : values) {
                line.append(line.isEmpty() ? "" : " ").append(u);
            }
            System.out.println(line);
        }
    }

    /** What {@link #forked} measured: every run of every fork, each fork's median, the reference around each run. */
    record Sample(double[] runs, double[] forkMedians, double[] reference) {
        double median() {
            return quantile(runs, 0.5);
        }

        double p10() {
            return quantile(runs, 0.1);
        }

        /** The engine's cost in reference steps per round, per run. */
        double[] ratios() {
            double[] q = new double[runs.length];
            for (int i = 0; i < q.length; i++) {
                q[i] = runs[i] * 1000 / reference[i];
            }
            return q;
        }

        static double quantile(double[] values, double q) {
            double[] v = values.clone();
            Arrays.sort(v);
            return v[(int) Math.floor(q * (v.length - 1))];
        }
    }

    /**
     * Runs {@link #main} in {@link #FORKS} child JVMs with this JVM's class path. Forks matter here: on a shared
     * machine one JVM may run a configuration markedly slower than the next for its whole life (its JIT decisions,
     * its neighbours), which the runs inside one JVM cannot show.
     */
    static Sample forked(int m, Metrics k) {
        String javaBin = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
        double[] all = new double[FORKS * REPS];
        double[] ref = new double[FORKS * REPS];
        double[] medians = new double[FORKS];
        for (int f = 0; f < FORKS; f++) {
            try {
                Process p = new ProcessBuilder(javaBin, "-XX:+UseSerialGC",
                        "-cp", System.getProperty("java.class.path"),
                        Bench.class.getName(), Integer.toString(m), k.name()).redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                        .trim();
                if (p.waitFor() != 0) {
                    throw new IllegalStateException("benchmark child failed: " + out);
                }
                java.util.List<String> lines = out.lines().toList();
                if (lines.size() < 2) {
                    throw new IllegalStateException("benchmark child printed " + lines.size() + " lines: " + out);
                }
                double[] runs = parse(lines.get(lines.size() - 2), out);
                double[] refs = parse(lines.get(lines.size() - 1), out);
                System.arraycopy(runs, 0, all, f * REPS, REPS);
                System.arraycopy(refs, 0, ref, f * REPS, REPS);
                medians[f] = Sample.quantile(runs, 0.5);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.util.concurrent.CancellationException("benchmark interrupted");
            }
        }
        return new Sample(all, medians, ref);
    }

    private static double[] parse(String line, String out) {
        String[] parts = line.trim().split(" ");
        if (parts.length != REPS) {
            throw new IllegalStateException("benchmark child printed " + parts.length + " values: " + out);
        }
        double[] v = new double[REPS];
        for (int i = 0; i < REPS; i++) {
            v[i] = Double.parseDouble(parts[i]);
        }
        return v;
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
        RunResult r = RunEngine.run(s.gen(), s.experts(), s.router(), s.metrics(), rounds, RunEngine.Progress.NONE);
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
        out.printf("  (%d fresh JVMs per configuration, each %d runs of %,d rounds after %d warm-up runs;%n",
                FORKS, REPS, ROUNDS, REPS);
        out.println("   median and 10th percentile of all runs, and the range of the JVMs' medians, in us/round;");
        out.println("   reference: a fixed scalar kernel timed around every run, in ns/step; "
                + "ratio: engine ns per round");
        out.println("   / reference ns per step, run by run, "
                + "which stays put when the shared machine changes speed)");
        for (int m : new int[] {1, 5, 20}) {
            for (Metrics k : Metrics.values()) {
                Sample s = forked(m, k);
                double lo = Arrays.stream(s.forkMedians()).min().orElseThrow();
                double hi = Arrays.stream(s.forkMedians()).max().orElseThrow();
                out.printf("  M=%-3d %-22s median %6.3f  p10 %6.3f  JVM medians %6.3f-%6.3f  reference %5.2f ns"
                                + "  ratio %4.0f (p10 %4.0f)%n", m, k.label, s.median(), s.p10(), lo, hi,
                        Sample.quantile(s.reference(), 0.5), Sample.quantile(s.ratios(), 0.5),
                        Sample.quantile(s.ratios(), 0.1));
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
