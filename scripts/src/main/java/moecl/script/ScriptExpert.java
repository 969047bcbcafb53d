package moecl.script;

import static moecl.script.ScriptPlugins.guest;
import static moecl.script.ScriptPlugins.hasMethod;
import static moecl.script.ScriptPlugins.where;
import static moecl.script.ScriptPlugins.wrong;

import java.util.Map;

import org.graalvm.polyglot.Value;

import moecl.expert.Expert;
import moecl.expert.LearnReport;
import moecl.expert.LinearModel;
import moecl.plugin.PluginDescriptor;
import moecl.task.Task;

/**
 * An expert written in a script: calls its {@code learn}, and {@code snapshot}/{@code restore} when it has them; with
 * a {@code weights()} method it is a {@link LinearModel} ({@link Linear}), so the forgetting and generalization
 * metrics apply.
 */
class ScriptExpert implements Expert, moecl.expert.Snapshots {
    final PluginDescriptor d;
    final Value obj;
    final ScriptRun run;

    ScriptExpert(PluginDescriptor d, Value obj, ScriptRun run) {
        this.d = d;
        this.obj = obj;
        this.run = run;
    }

    @Override
    public LearnReport learn(Task task) {
        Value r = guest(run, () -> obj.invokeMember("learn", new TaskView(task)));
        if (r != null && r.isNumber()) {
            return new LearnReport(r.asDouble(), 0);
        }
        if (r != null && !r.isNull() && (r.hasMembers() || r.hasHashEntries())
                && Convert.toJava(r) instanceof Map<?, ?> map && map.get("moved") instanceof Number mv) {
            double loss = map.get("loss") instanceof Number l ? l.doubleValue() : 0;
            return new LearnReport(mv.doubleValue(), loss);
        }
        throw wrong(run, obj, "learn", where(d, "learn(task) must return {moved, loss} or a number (how far "
                + "the expert moved), got ") + Convert.describe(r));
    }

    @Override
    public Object snapshot() {
        if (!hasMethod(obj, "snapshot")) {
            throw new UnsupportedOperationException(where(d, "has no method snapshot()"));
        }
        return guest(run, () -> obj.invokeMember("snapshot"));
    }

    @Override
    public void restore(Object snapshot) {
        if (!hasMethod(obj, "restore")) {
            throw new UnsupportedOperationException(where(d, "has no method restore(state)"));
        }
        guest(run, () -> obj.invokeMember("restore", snapshot));
    }

    /** A script expert with {@code weights()}. */
    static final class Linear extends ScriptExpert implements LinearModel {
        Linear(PluginDescriptor d, Value obj, ScriptRun run) {
            super(d, obj, run);
        }

        @Override
        public double[] weights() {
            return Convert.doubles(guest(run, () -> obj.invokeMember("weights")), where(d, "weights()"));
        }
    }
}
