package moecl.shell.cli;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;

/**
 * {@code moecl bench lenet}: runs the dnn plugin's {@code LeNetStepBench} in this JVM. The shell depends on the
 * plugin only at run time (plugins are found, not linked), so the benchmark is looked up by name.
 */
final class LeNetBench {

    static final String CLASS = "moecl.dnn.bench.LeNetStepBench";

    private LeNetBench() {
    }

    /** One line per precision and thread count: {@code lenet precision=P threads=K batch=100 median_us=N ...}. */
    static void run(PrintWriter out, int[] threads, List<String> precisions, int reps, int warmup) {
        Method run;
        try {
            run = Class.forName(CLASS).getMethod("run", PrintWriter.class, int[].class, List.class, int.class,
                    int.class, int.class);
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            throw new IllegalArgumentException("bench lenet needs the dnn plugin (moecl-plugins-dnn), which is not "
                    + "on this installation's class path");
        }
        try {
            run.invoke(null, out, threads, precisions, reps, warmup, 100);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
