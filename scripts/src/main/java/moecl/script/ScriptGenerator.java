package moecl.script;

import static moecl.script.ScriptPlugins.guest;
import static moecl.script.ScriptPlugins.hasMethod;
import static moecl.script.ScriptPlugins.where;

import java.util.Map;

import org.graalvm.polyglot.Value;

import moecl.plugin.BuildContext;
import moecl.plugin.Params;
import moecl.rng.RandomSource;
import moecl.task.LinearTask;
import moecl.task.Task;
import moecl.task.TaskGenerator;

/**
 * A task generator written in a script: reads its {@code dimension}, {@code types} and {@code samples} and turns
 * each {@code next()} into a {@link LinearTask}.
 */
final class ScriptGenerator implements TaskGenerator, moecl.task.LinearWorld, moecl.task.TypeSignals {
    private final ScriptFactory.Generators f;
    private final Params params;
    private final BuildContext ctx;
    private final Value obj;
    private final int dimension;
    private final int types;
    private int round;

    ScriptGenerator(ScriptFactory.Generators f, Params params, BuildContext ctx, Value obj) {
        this.f = f;
        this.params = params;
        this.ctx = ctx;
        this.obj = obj;
        this.dimension = intMember("dimension");
        this.types = intMember("types");
    }

    private int intMember(String name) {
        Value v = obj.getMember(name);
        if (v.canExecute()) {
            v = guest(f.run, () -> obj.invokeMember(name));
        }
        if (!v.fitsInInt() || v.asInt() < 1) {
            throw new IllegalArgumentException(where(f.d, name + " must be a positive integer, got ") + v);
        }
        return v.asInt();
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
        round++;
        Value r = guest(f.run, () -> obj.invokeMember("next"));
        String shape = "next() must return {type, X (d rows × s columns), y, gateInput?}";
        if (r == null || r.isNull() || !(Convert.toJava(r) instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(where(f.d, shape + ", got ") + Convert.describe(r));
        }
        if (!(map.get("type") instanceof Number tn) || tn.intValue() < 0 || tn.intValue() >= types) {
            throw new IllegalArgumentException(where(f.d, shape + "; type must be an integer 0.." + (types - 1)
                    + ", got ") + Convert.describe(map.get("type")));
        }
        double[][] x = Convert.matrix(map.get("X"), where(f.d, "next(): X"));
        double[] y = Convert.doubles(map.get("y"), where(f.d, "next(): y"));
        int dd = x.length;
        int s = dd == 0 ? 0 : x[0].length;
        if (dd != dimension || y.length != s) {
            throw new IllegalArgumentException(where(f.d, "next(): X must be " + dimension
                    + "×s and y of length s, got X " + dd + "×" + s + " and y of length " + y.length));
        }
        double[] cm = new double[dd * s];
        for (int j = 0; j < s; j++) {
            for (int i = 0; i < dd; i++) {
                cm[j * dd + i] = x[i][j];
            }
        }
        if (map.get("gateInput") != null) {
            double[] g = Convert.doubles(map.get("gateInput"), where(f.d, "next(): gateInput"));
            return new LinearTask(round, tn.intValue(), dd, s, cm, y, g);
        }
        return LinearTask.of(round, tn.intValue(), dd, s, cm, y);
    }

    @Override
    public TaskGenerator restart(RandomSource perRound) {
        return new ScriptGenerator(f, params, ctx, f.instance(params, ctx, perRound));
    }

    @Override
    public int samplesPerTask() {
        return obj.hasMember("samples") ? intMember("samples") : 0;
    }

    @Override
    public double[][] groundTruths() {
        return optionalMatrix("groundTruths");
    }

    @Override
    public double[][] signals() {
        return optionalMatrix("signals");
    }

    private double[][] optionalMatrix(String name) {
        if (!hasMethod(obj, name)) {
            return null;
        }
        Value v = guest(f.run, () -> obj.invokeMember(name));
        return v.isNull() ? null : Convert.matrix(v, where(f.d, name + "()"));
    }
}
