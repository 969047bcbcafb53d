package moecl.dnn.bench;

import java.util.Arrays;
import java.util.SplittableRandom;

import moecl.dnn.nn.LeNet;
import moecl.dnn.nn.Loss;
import moecl.dnn.nn.Network;

/**
 * Times one full-batch LeNet training step (forward, MSE loss, backward, SGD lr 0.1) on 100 random 1×28×28 images,
 * the Java counterpart of {@code bench/torch_lenet_step.py}. For each thread count it runs a warm-up (the JIT must
 * compile the vector kernels) and then reports the median, quartiles and minimum of single-step wall times (the
 * minimum is the least disturbed by other processes on a shared machine); with one thread also the median CPU time
 * of the calling thread, which excludes time spent descheduled.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -cp plugins/dnn/target/classes:api/target/classes \
 *      moecl.dnn.bench.LeNetStepBench [--reps 400] [--warmup 300] [--batch 100] [--threads 1,2]
 * </pre>
 */
public final class LeNetStepBench {

    private LeNetStepBench() {
    }

    public static void main(String[] args) {
        int reps = 400;
        int warmup = 300;
        int batch = 100;
        int[] threads = {1, 2};
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--reps" -> reps = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
                default -> {
                    System.err.println("usage: LeNetStepBench [--reps N] [--warmup N] [--batch N] [--threads 1,2]");
                    System.exit(2);
                }
            }
        }
        SplittableRandom data = new SplittableRandom(1);
        double[] x = new double[batch * 784];
        double[] y = new double[batch];
        for (int i = 0; i < x.length; i++) {
            x[i] = SplittableRandomSource.gaussian(data);
        }
        for (int i = 0; i < batch; i++) {
            y[i] = data.nextBoolean() ? 1 : 0;
        }
        java.lang.management.ThreadMXBean threadMx = java.lang.management.ManagementFactory.getThreadMXBean();
        System.out.println("java " + Runtime.version() + ", kernels " + Network.kernels() + ", batch " + batch);
        for (int t : threads) {
            Network net = LeNet.create(new SplittableRandomSource(0)).threads(t);
            for (int i = 0; i < warmup; i++) {
                net.trainStep(x, y, 0.1, Loss.MSE);
            }
            long[] times = new long[reps];
            long[] cpu = new long[reps];
            for (int i = 0; i < reps; i++) {
                long c0 = threadMx.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                net.trainStep(x, y, 0.1, Loss.MSE);
                times[i] = System.nanoTime() - t0;
                cpu[i] = threadMx.getCurrentThreadCpuTime() - c0;
            }
            Arrays.sort(times);
            Arrays.sort(cpu);
            // with one thread all work runs on this thread, so its CPU time is the step's cost without the time
            // spent descheduled by other processes
            String cpuNote = t == 1 ? String.format(" cpu_median_us=%.0f", cpu[reps / 2] / 1e3) : "";
            System.out.printf("java float64 threads=%d batch=%d median_us=%.0f p25_us=%.0f p75_us=%.0f min_us=%.0f%s%n",
                    t, batch, times[reps / 2] / 1e3, times[reps / 4] / 1e3, times[3 * reps / 4] / 1e3, times[0] / 1e3,
                    cpuNote);
        }
    }
}
