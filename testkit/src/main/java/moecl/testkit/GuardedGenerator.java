package moecl.testkit;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

import moecl.rng.RandomSource;
import moecl.task.Task;
import moecl.task.TaskGenerator;

/**
 * The generator a test run's engine draws from: hands on the run's tasks, checks each one (round, type, gate input,
 * finite values), records it in the run's {@link Trace}, and keeps a copy of every array it holds so that a plugin
 * that writes to one is caught ({@link #verify}).
 */
final class GuardedGenerator implements TaskGenerator {

    /** One array a task holds: its name, the task's own array and a copy taken when the task was handed on. */
    private record Part(String name, Object live, Object copy) {
    }

    private final TaskGenerator inner;
    private final String generator;
    private final Trace trace;
    private final int dimension;
    private final int types;
    private Task current;
    private List<Part> parts = List.of();
    private int count;

    /**
     * @param inner     the run's generator
     * @param generator the generator as messages name it, {@code generator 'x'}
     * @param trace     where the tasks are recorded
     */
    GuardedGenerator(TaskGenerator inner, String generator, Trace trace) {
        this.inner = inner;
        this.generator = generator;
        this.trace = trace;
        this.dimension = inner.dimension();
        this.types = inner.types();
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public int types() {
        return types;
    }

    @Override
    public Task next() {
        verify("a router or an expert (after the round)");
        Task t = inner.next();
        count++;
        if (t == null) {
            throw new ContractViolation(Rule.TASKS_IN_RANGE, generator, "next() returned null at round " + count);
        }
        if (t.round() != count) {
            throw new ContractViolation(Rule.TASKS_IN_RANGE, generator, "task " + count + " says it is of round "
                    + t.round() + "; rounds are numbered 1, 2, 3, ...");
        }
        if (t.type() < 0 || t.type() >= types) {
            throw new ContractViolation(Rule.TASKS_IN_RANGE, generator, "the task of round " + count + " has type "
                    + t.type() + ", but types() is " + types + " (types 0.." + (types - 1) + ")");
        }
        double[] g = t.gateInput();
        if (g == null || g.length != dimension) {
            throw new ContractViolation(Rule.TASKS_IN_RANGE, generator, "the gate input of round " + count + " has "
                    + (g == null ? "no values (null)" : g.length + " values") + ", but dimension() is " + dimension);
        }
        current = t;
        parts = parts(t);
        trace.integer("round " + count + ": task type", t.type());
        for (Part p : parts) {
            String bad = Arrays2.nonFinite(p.live());
            if (bad != null) {
                throw new ContractViolation(Rule.FINITE_OUTPUTS, generator, "the task of round " + count + " has "
                        + p.name() + bad);
            }
            trace.array("round " + count + ": task " + p.name(), p.live());
        }
        return t;
    }

    /**
     * Throws a {@link Rule#NO_TASK_MUTATION} violation naming {@code culprit} when an array of the current task is no
     * longer what it was when the task was handed on.
     *
     * @param culprit who ran since the last check, e.g. {@code router 'x' (in route)}
     */
    void verify(String culprit) {
        for (Part p : parts) {
            String d = Arrays2.difference(p.copy(), p.live());
            if (d != null) {
                throw new ContractViolation(Rule.NO_TASK_MUTATION, culprit, "the task of round " + current.round()
                        + " changed: " + p.name() + d + "; tasks are shared (by the router, the experts, the metrics"
                        + " and the generator's world) and must not be written to");
            }
        }
    }

    /** The check after the last round. */
    void finish() {
        verify("a router or an expert (after the last round)");
    }

    /** The arrays a task holds: its gate input and, for a record, every array component. */
    private static List<Part> parts(Task t) {
        List<Part> out = new ArrayList<>();
        Class<?> c = t.getClass();
        boolean gate = false;
        if (c.isRecord()) {
            for (RecordComponent rc : c.getRecordComponents()) {
                if (!rc.getType().isArray()) {
                    continue;
                }
                Method m = rc.getAccessor();
                Object v;
                try {
                    if (!m.canAccess(t) && !m.trySetAccessible()) {
                        continue;
                    }
                    v = m.invoke(t);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    continue;
                }
                if (v != null) {
                    out.add(new Part(rc.getName(), v, Arrays2.copy(v)));
                    gate |= v == t.gateInput();
                }
            }
        }
        if (!gate) {
            double[] g = t.gateInput();
            out.add(new Part("gateInput", g, g.clone()));
        }
        return out;
    }

    @Override
    public TaskGenerator restart(RandomSource perRound) {
        throw new IllegalStateException("a test run's generator is not restarted");
    }
}
