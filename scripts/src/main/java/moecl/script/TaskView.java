package moecl.script;

import org.graalvm.polyglot.HostAccess;

import moecl.task.LinearTask;
import moecl.task.Task;

/**
 * What a script plugin sees of a task: {@code round}, {@code type} (hidden n_t: metrics and oracles only),
 * {@code gateInput} (x̄_t), and for linear tasks {@code d}, {@code s}, {@code X()} (d×s matrix),
 * {@code y()} (vector), {@code gate()} (x̄_t as a vector).
 */
public final class TaskView {
    @HostAccess.Export
    public final int round;
    @HostAccess.Export
    public final int type;
    @HostAccess.Export
    public final Object gateInput;
    @HostAccess.Export
    public final int d;
    @HostAccess.Export
    public final int s;
    final Task task;

    TaskView(Task task) {
        this.task = task;
        this.round = task.round();
        this.type = task.type();
        this.gateInput = new DoubleArray(task.gateInput());
        if (task instanceof LinearTask lt) {
            this.d = lt.d();
            this.s = lt.s();
        } else {
            this.d = task.gateInput().length;
            this.s = 0;
        }
    }

    private LinearTask linear(String what) {
        if (task instanceof LinearTask lt) {
            return lt;
        }
        throw new IllegalArgumentException("task." + what + "(): not a linear task");
    }

    @HostAccess.Export
    public Mat X() {
        LinearTask lt = linear("X");
        return Mat.columnMajor(lt.x(), lt.d(), lt.s());
    }

    @HostAccess.Export
    public Mat y() {
        return Mat.column(linear("y").y());
    }

    @HostAccess.Export
    public Mat gate() {
        return Mat.column(task.gateInput());
    }

    @HostAccess.Export
    @Override
    public String toString() {
        return "Task(round=" + round + ", d=" + d + ", s=" + s + ")";
    }
}
