package moecl.engine;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import moecl.metrics.OwnMetrics;
import moecl.task.ArrivalSequence;
import moecl.task.LinearWorld;
import moecl.task.TaskGenerator;
import moecl.task.TypeSignals;
import moecl.theory.TheoryWorld;

/**
 * The run's task generator as experts and routers see it through their build context: it has exactly the
 * capabilities ({@link LinearWorld}, {@link TypeSignals}, {@link ArrivalSequence}, {@link OwnMetrics},
 * {@link TheoryWorld}) of the generator behind it, the world's arrays (ground truths, signals, arrivals) come as
 * copies, so a plugin that changes them cannot change the data, the metrics or any other run that shares the world
 * (nor make results depend on the number of threads), and drawing tasks or restarting is refused.
 */
public final class PluginView implements InvocationHandler {

    /** The capabilities a view passes on, when the generator has them. */
    private static final List<Class<?>> CAPABILITIES = List.of(LinearWorld.class, TypeSignals.class,
            ArrivalSequence.class, OwnMetrics.class, TheoryWorld.class);

    private final TaskGenerator g;

    private PluginView(TaskGenerator g) {
        this.g = g;
    }

    /**
     * The plugins' view of {@code g}: what the engine gives a run's experts and routers as their
     * {@link moecl.plugin.BuildContext#generator() generator}, also for runners outside {@link Sweep} that build
     * plugins the way a run does (the plugin test kit).
     */
    public static TaskGenerator of(TaskGenerator g) {
        java.util.Objects.requireNonNull(g, "generator");
        List<Class<?>> types = new ArrayList<>();
        types.add(TaskGenerator.class);
        for (Class<?> c : CAPABILITIES) {
            if (c.isInstance(g)) {
                types.add(c);
            }
        }
        return (TaskGenerator) Proxy.newProxyInstance(PluginView.class.getClassLoader(), types.toArray(Class<?>[]::new),
                new PluginView(g));
    }

    private static PluginView handler(Object o) {
        return o != null && Proxy.isProxyClass(o.getClass()) && Proxy.getInvocationHandler(o) instanceof PluginView v
                ? v : null;
    }

    /** Whether {@code g} is, or is the plugins' view of, a generator of class {@code type}. */
    public static boolean isA(TaskGenerator g, Class<?> type) {
        PluginView v = handler(g);
        return type.isInstance(g) || v != null && type.isInstance(v.g);
    }

    /** The class of the generator behind a view (for messages). */
    public static Class<?> classOf(TaskGenerator g) {
        PluginView v = handler(g);
        return v != null ? v.g.getClass() : g.getClass();
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
    public Object invoke(Object proxy, Method m, Object[] args) throws Throwable {
        switch (m.getName()) {
            case "next" -> throw new IllegalStateException("plugins may not draw tasks from the run's generator; the "
                    + "engine hands each task to route() and learn()");
            case "restart" -> throw new IllegalStateException("plugins may not restart the run's generator");
            case "toString" -> {
                return "plugins' view of " + g;
            }
            case "hashCode" -> {
                return System.identityHashCode(proxy);
            }
            case "equals" -> {
                return proxy == args[0];
            }
            default -> {
                // dimension, types and the capabilities' methods
            }
        }
        Object r;
        try {
            r = m.invoke(g, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
        if (r instanceof double[][] a) {
            return copy(a);
        }
        if (r instanceof int[] a) {
            return a.clone();
        }
        return r;
    }
}
