package moecl.engine;

import moecl.metrics.RoundMetrics;
import moecl.rng.RandomSource;
import moecl.task.Task;
import moecl.task.TaskGenerator;
import moecl.theory.Projection;

/**
 * The run's task generator as experts and routers see it through their build context: the world's arrays (ground
 * truths, signals, arrivals) come as copies, so a plugin that changes them cannot change the data, the metrics or
 * any other run that shares the world (nor make results depend on the number of threads).
 */
public final class PluginView implements TaskGenerator {

    private final TaskGenerator g;

    PluginView(TaskGenerator g) {
        this.g = g;
    }

    /**
     * The view of {@code g} that the engine gives a run's experts and routers as their
     * {@link moecl.plugin.BuildContext#generator() generator}, for runners outside {@link Sweep} that build plugins
     * the way a run does, such as the plugin test kit.
     */
    public static PluginView of(TaskGenerator g) {
        return new PluginView(java.util.Objects.requireNonNull(g, "generator"));
    }

    /** Whether {@code g} is, or is the plugins' view of, a generator of class {@code type}. */
    public static boolean isA(TaskGenerator g, Class<?> type) {
        return type.isInstance(g) || g instanceof PluginView v && type.isInstance(v.g);
    }

    /** The class of the generator behind a view (for messages). */
    public static Class<?> classOf(TaskGenerator g) {
        return g instanceof PluginView v ? v.g.getClass() : g.getClass();
    }

    static double[][] copy(double[][] a) {
        if (a == null) {
            return null;
        }
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i] == null ? null : a[i].clone();
        }
        return c;
    }

    @Override
    public int dimension() {
        return g.dimension();
    }

    @Override
    public int types() {
        return g.types();
    }

    @Override
    public Task next() {
        throw new IllegalStateException("plugins may not draw tasks from the run's generator; the engine hands each "
                + "task to route() and learn()");
    }

    @Override
    public TaskGenerator restart(RandomSource perRound) {
        throw new IllegalStateException("plugins may not restart the run's generator");
    }

    @Override
    public int[] arrivals() {
        int[] a = g.arrivals();
        return a == null ? null : a.clone();
    }

    @Override
    public double[][] groundTruths() {
        return copy(g.groundTruths());
    }

    @Override
    public double[][] signals() {
        return copy(g.signals());
    }

    @Override
    public RoundMetrics metrics(int experts) {
        return null; // the engine builds the run's metrics from the generator itself
    }

    @Override
    public Projection theoryProjection() {
        return g.theoryProjection();
    }

    @Override
    public String theoryNote() {
        return g.theoryNote();
    }

    @Override
    public double labelNoise() {
        return g.labelNoise();
    }

    @Override
    public int samplesPerTask() {
        return g.samplesPerTask();
    }
}
