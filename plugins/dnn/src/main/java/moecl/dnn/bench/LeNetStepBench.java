package moecl.dnn.bench;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import moecl.dnn.nn.LeNet;
import moecl.dnn.nn.Loss;
import moecl.dnn.nn.Network;
import moecl.dnn.nn.Precision;

/**
 * Times one full-batch LeNet training step (forward, MSE loss, backward, SGD lr 0.1) on 100 random 1×28×28 images,
 * the Java counterpart of {@code bench/torch_lenet_step.py}. For each precision and thread count it runs a warm-up
 * (the JIT must compile the vector kernels) and then reports the median, quartiles and minimum of single-step wall
 * times (the minimum is the least disturbed by other processes on a shared machine); with one thread also the
 * median CPU time of the calling thread, which excludes time spent descheduled. A float32 network gets its images
 * as floats, as PyTorch's float32 model gets a float32 tensor.
 *
 * <p>{@code ./moecl bench lenet [--threads 1,2] [--precision float32,float64]} runs it (through {@link #run});
 * standalone:
 * <pre>
 * java --add-modules jdk.incubator.vector -cp plugins/dnn/target/classes:api/target/classes \
 *      moecl.dnn.bench.LeNetStepBench [--reps 400] [--warmup 300] [--batch 100] [--threads 1,2] \
 *      [--precision float32,float64]
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
        List<String> precisions = List.of("float32", "float64");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--reps" -> reps = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
                case "--precision" -> precisions = List.of(args[++i].split(","));
                default -> {
                    System.err.println("usage: LeNetStepBench [--reps N] [--warmup N] [--batch N] [--threads 1,2] "
                            + "[--precision float32,float64]");
                    System.exit(2);
                }
            }
        }
        run(new PrintWriter(System.out, true), threads, precisions, reps, warmup, batch);
    }

    /**
     * Prints a header line and one line per configuration (precisions outer, thread counts inner):
     * {@code lenet precision=P threads=K batch=B median_us=… p25_us=… p75_us=… min_us=…[ cpu_median_us=…]}.
     *
     * @param precisions {@code float32} and/or {@code float64}
     */
    public static void run(PrintWriter out, int[] threads, List<String> precisions, int reps, int warmup,
                           int batch) {
        if (reps < 1 || warmup < 0 || batch < 1) {
            throw new IllegalArgumentException("reps must be >= 1, warmup >= 0 and batch >= 1");
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
        float[] xf = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            xf[i] = (float) x[i];
        }
        ThreadMXBean threadMx = ManagementFactory.getThreadMXBean();
        out.println("lenet training step: java " + Runtime.version() + ", kernels " + Network.kernels() + ", "
                + Runtime.getRuntime().availableProcessors() + " processors, batch " + batch + ", " + reps
                + " steps after " + warmup + " warm-up steps");
        out.flush();
        for (String name : precisions) {
            Precision precision = Precision.of(name);
            for (int t : threads) {
                Network net = LeNet.create(new SplittableRandomSource(0)).to(precision).threads(t);
                boolean f32 = precision == Precision.FLOAT32;
                for (int i = 0; i < warmup; i++) {
                    step(net, f32, x, xf, y);
                }
                long[] times = new long[reps];
                long[] cpu = new long[reps];
                for (int i = 0; i < reps; i++) {
                    long c0 = threadMx.getCurrentThreadCpuTime();
                    long t0 = System.nanoTime();
                    step(net, f32, x, xf, y);
                    times[i] = System.nanoTime() - t0;
                    cpu[i] = threadMx.getCurrentThreadCpuTime() - c0;
                }
                Arrays.sort(times);
                Arrays.sort(cpu);
                // with one thread all work runs on this thread, so its CPU time is the step's cost without the time
                // spent descheduled by other processes
                String cpuNote = t == 1 ? String.format(" cpu_median_us=%.0f", cpu[reps / 2] / 1e3) : "";
                out.printf("lenet precision=%s threads=%d batch=%d median_us=%.0f p25_us=%.0f p75_us=%.0f "
                                + "min_us=%.0f%s%n", precision, t, batch, times[reps / 2] / 1e3, times[reps / 4] / 1e3,
                        times[3 * reps / 4] / 1e3, times[0] / 1e3, cpuNote);
                out.flush();
            }
        }
    }

    private static void step(Network net, boolean f32, double[] x, float[] xf, double[] y) {
        if (f32) {
            net.trainStep(xf, y, 0.1, Loss.MSE);
        } else {
            net.trainStep(x, y, 0.1, Loss.MSE);
        }
    }
}
