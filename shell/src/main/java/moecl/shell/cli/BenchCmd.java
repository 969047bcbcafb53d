package moecl.shell.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import moecl.shell.Session;
import moecl.workbench.Bench;

/** {@code moecl bench [lenet]}: the engine's round cost and memory, or one LeNet training step. */
@Command(name = "bench", description = {"Measure the engine: microseconds per round and memory (BENCHMARKS.md).",
        "bench lenet: one LeNet training step (100 images, forward, MSE, backward, SGD) per precision and "
                + "thread count, the counterpart of bench/torch_lenet_step.py."})
final class BenchCmd implements Callable<Integer> {
    private final Session session;

    @Parameters(paramLabel = "WHAT", arity = "0..1", description = "lenet, or nothing for the engine")
    String what;

    @Option(names = "--threads", paramLabel = "K,K", description = "lenet: thread counts (default 1,2)")
    String threads;

    @Option(names = "--precision", paramLabel = "P,P", description = "lenet: float32 and/or float64 "
            + "(default float32,float64)")
    String precision;

    @Option(names = "--reps", paramLabel = "N", description = "lenet: measured steps per configuration "
            + "(default 400)")
    Integer reps;

    @Option(names = "--warmup", paramLabel = "N", description = "lenet: warm-up steps per configuration "
            + "(default 300)")
    Integer warmup;

    BenchCmd(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        if (what == null) {
            if (threads != null || precision != null || reps != null || warmup != null) {
                throw new IllegalArgumentException("bench: --threads, --precision, --reps and --warmup are "
                        + "options of bench lenet");
            }
            Bench.run(session.registry(), session.out());
            return 0;
        }
        if (!what.equals("lenet")) {
            throw new IllegalArgumentException("bench: unknown benchmark " + moecl.spec.Echo.of(what)
                    + "; allowed: lenet (or nothing for the engine)");
        }
        int[] ks = threadCounts(threads == null ? "1,2" : threads);
        List<String> ps = precisions(precision == null ? "float32,float64" : precision);
        int r = SweepOutput.positive("--reps", reps == null ? 400 : reps);
        int w = warmup == null ? 300 : warmup;
        if (w < 0) {
            throw new IllegalArgumentException("--warmup " + w + " is out of range; allowed: >= 0");
        }
        LeNetBench.run(session.out(), ks, ps, r, w);
        return 0;
    }

    static int[] threadCounts(String text) {
        String[] parts = text.split(",", -1);
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Integer.parseInt(parts[i].strip());
            } catch (NumberFormatException e) {
                out[i] = 0;
            }
            if (out[i] < 1 || out[i] > 1024) {
                throw new IllegalArgumentException("bench lenet --threads " + moecl.spec.Echo.of(text)
                        + ": expected thread counts 1..1024 separated by commas, e.g. 1,2");
            }
        }
        return out;
    }

    static List<String> precisions(String text) {
        List<String> out = new ArrayList<>();
        for (String p : text.split(",", -1)) {
            String v = p.strip();
            if (!v.equals("float32") && !v.equals("float64")) {
                throw new IllegalArgumentException("bench lenet --precision " + moecl.spec.Echo.of(text)
                        + ": " + moecl.spec.Echo.of(v) + " is not allowed; allowed: float32, float64 "
                        + "(separated by commas)");
            }
            out.add(v);
        }
        return out;
    }
}
