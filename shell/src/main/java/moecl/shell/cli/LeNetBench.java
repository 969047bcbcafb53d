package moecl.shell.cli;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;

import moecl.dnn.nn.LeNet;
import moecl.dnn.nn.Loss;
import moecl.dnn.nn.Network;
import moecl.dnn.nn.Precision;
import moecl.rng.FastRandom;

/**
 * {@code moecl bench lenet}: times one full-batch LeNet training step (forward, MSE loss, backward, SGD lr 0.1) on
 * {@value #BATCH} random 1×28×28 images, the Java counterpart of {@code bench/torch_lenet_step.py}. For each
 * precision and thread count it runs a warm-up (the JIT must compile the vector kernels) and then reports the
 * median, quartiles and minimum of single-step wall times (the minimum is the least disturbed by other processes
 * on a shared machine); with one thread also the median CPU time of the calling thread, which excludes time spent
 * descheduled. A float32 network gets its images as floats, as PyTorch's float32 model gets a float32 tensor.
 *
 * <p>It lives here, beside its only user, rather than in the dnn plugin's jar; the shell compiles against the
 * plugin's network classes for it (the plugin itself is still found through the registry like any other).
 */
final class LeNetBench {

    /** Images per step, as in the paper's tasks and the PyTorch script. */
    static final int BATCH = 100;

    private LeNetBench() {
    }

    /**
     * Prints a header line and one line per configuration (precisions outer, thread counts inner):
     * {@code lenet precision=P threads=K batch=B median_us=… p25_us=… p75_us=… min_us=…[ cpu_median_us=…]}.
     *
     * @param precisions {@code float32} and/or {@code float64}
     */
    static void run(PrintWriter out, int[] threads, List<String> precisions, int reps, int warmup) {
        try {
            Class.forName("moecl.dnn.nn.LeNet");
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("bench lenet needs the dnn plugin (moecl-plugins-dnn), which is not "
                    + "on this installation's class path");
        }
        if (reps < 1 || warmup < 0) {
            throw new IllegalArgumentException("reps must be >= 1 and warmup >= 0");
        }
        int batch = BATCH;
        FastRandom data = new FastRandom(1);
        double[] x = new double[batch * 784];
        double[] y = new double[batch];
        data.fillGaussian(x, 0, x.length);
        for (int i = 0; i < batch; i++) {
            y[i] = data.nextInt(2);
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
                Network net = LeNet.create(new FastRandom(0)).to(precision).threads(t);
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
