package moecl.script;

import static moecl.script.ScriptPlugins.decisionView;
import static moecl.script.ScriptPlugins.guest;
import static moecl.script.ScriptPlugins.hasMethod;
import static moecl.script.ScriptPlugins.reportView;
import static moecl.script.ScriptPlugins.where;
import static moecl.script.ScriptPlugins.wrong;

import java.util.Map;

import org.graalvm.polyglot.Value;

import moecl.expert.LearnReport;
import moecl.plugin.PluginDescriptor;
import moecl.router.Decision;
import moecl.router.Router;
import moecl.task.Task;

/** A router written in a script: calls its {@code route}, {@code learn}, {@code frozen}, {@code gateWeights}. */
final class ScriptRouter implements Router {
    private final PluginDescriptor d;
    private final Value obj;
    private final int m;
    private final Value learn;
    private final boolean hasFrozen;
    private final ScriptRun run;

    ScriptRouter(PluginDescriptor d, Value obj, int m, ScriptRun run) {
        this.d = d;
        this.obj = obj;
        this.m = m;
        this.run = run;
        this.learn = hasMethod(obj, "learn") ? obj.getMember("learn") : null;
        this.hasFrozen = obj.hasMember("frozen");
    }

    @Override
    public Decision route(Task task) {
        Value r = guest(run, () -> obj.invokeMember("route", new TaskView(task)));
        return decision(r);
    }

    private Decision decision(Value r) {
        String shape = "must return an expert index (an integer 0.." + (m - 1) + ") or {expert: i, gate?, probs?}";
        if (r != null && r.isNumber()) {
            return Decision.of(index(r, shape));
        }
        if (r != null && (r.hasMembers() || r.hasHashEntries()) && !r.isNull()) {
            Object j = Convert.toJava(r);
            if (j instanceof Map<?, ?> map && map.get("expert") instanceof Number) {
                int e = index(Value.asValue(map.get("expert")), shape);
                double[] gate = map.get("gate") == null ? null : Convert.doubles(map.get("gate"), "route: gate");
                double[] probs = map.get("probs") == null ? null : Convert.doubles(map.get("probs"), "route: probs");
                return Decision.of(e, gate, gate, probs);
            }
        }
        throw wrong(run, obj, "route", where(d, "route(task) ") + shape + ", got " + Convert.describe(r));
    }

    private int index(Value v, String shape) {
        if (!v.fitsInInt() || v.asInt() < 0 || v.asInt() >= m) {
            throw wrong(run, obj, "route", where(d, "route(task) ") + shape + ", got " + v);
        }
        return v.asInt();
    }

    @Override
    public void learn(Task task, Decision decision, LearnReport report) {
        if (learn != null) {
            guest(run, () -> learn.execute(new TaskView(task), decisionView(decision), reportView(report)));
        }
    }

    @Override
    public boolean frozen() {
        if (!hasFrozen) {
            return false;
        }
        Value f = obj.getMember("frozen");
        if (f.canExecute()) {
            f = guest(run, () -> obj.invokeMember("frozen"));
        }
        if (!f.isBoolean()) {
            throw wrong(run, obj, "frozen", where(d, "frozen() must return true or false, got ") + f);
        }
        return f.asBoolean();
    }

    @Override
    public double[][] gateWeights() {
        if (!hasMethod(obj, "gateWeights")) {
            return null;
        }
        Value w = guest(run, () -> obj.invokeMember("gateWeights"));
        return w.isNull() ? null : Convert.matrix(w, where(d, "gateWeights()"));
    }
}
