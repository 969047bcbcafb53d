package moecl.script;

import org.graalvm.polyglot.Value;

import moecl.expert.Expert;
import moecl.plugin.BuildContext;
import moecl.plugin.ExpertFactory;
import moecl.plugin.GeneratorFactory;
import moecl.plugin.Params;
import moecl.plugin.PluginDescriptor;
import moecl.plugin.PluginFactory;
import moecl.plugin.PluginKind;
import moecl.plugin.RouterFactory;
import moecl.rng.RandomSource;
import moecl.router.Router;
import moecl.task.TaskGenerator;

/**
 * The factory of a plugin written in a script, one for the three kinds: it holds the descriptor, the script's
 * definition and the script run, and makes each run's guest object ({@link ScriptPlugins#instantiate}). The engine
 * asks for a kind's own interface ({@link RouterFactory}, ...), whose {@code create} methods cannot share one class;
 * each kind binds it in a few lines below.
 *
 * @param <T> the component type
 */
abstract class ScriptFactory<T> implements PluginFactory<T> {

    final PluginDescriptor d;
    final Value def;
    final ScriptRun run;

    private ScriptFactory(PluginDescriptor d, Value def, ScriptRun run) {
        this.d = d;
        this.def = def;
        this.run = run;
    }

    /** The factory of a script plugin of {@code d}'s kind. */
    static PluginFactory<?> of(PluginDescriptor d, Value def, ScriptRun run) {
        return switch (d.kind()) {
            case ROUTER -> new Routers(d, def, run);
            case EXPERT -> new Experts(d, def, run);
            case GENERATOR -> new Generators(d, def, run);
        };
    }

    @Override
    public PluginDescriptor descriptor() {
        return d;
    }

    /** The guest object of one run (of one expert), made with a context whose random stream is {@code random}. */
    Value instance(Params params, BuildContext ctx, RandomSource random) {
        return ScriptPlugins.instantiate(d, def, ScriptPlugins.context(d, params, ctx, random), run);
    }

    /** {@link PluginKind#ROUTER}. */
    static final class Routers extends ScriptFactory<Router> implements RouterFactory {
        Routers(PluginDescriptor d, Value def, ScriptRun run) {
            super(d, def, run);
        }

        @Override
        public Router create(Params params, BuildContext ctx) {
            return new ScriptRouter(d, instance(params, ctx, ctx.stream("router")), ctx.experts(), run);
        }
    }

    /** {@link PluginKind#EXPERT}: one guest object per expert. */
    static final class Experts extends ScriptFactory<Expert> implements ExpertFactory {
        Experts(PluginDescriptor d, Value def, ScriptRun run) {
            super(d, def, run);
        }

        @Override
        public Expert create(Params params, BuildContext ctx) {
            Value obj = instance(params, ctx, ctx.stream("expert." + ctx.expertIndex()));
            return ScriptPlugins.hasMethod(obj, "weights") ? new ScriptExpert.Linear(d, obj, run)
                    : new ScriptExpert(d, obj, run);
        }
    }

    /** {@link PluginKind#GENERATOR}. */
    static final class Generators extends ScriptFactory<TaskGenerator> implements GeneratorFactory {
        Generators(PluginDescriptor d, Value def, ScriptRun run) {
            super(d, def, run);
        }

        @Override
        public TaskGenerator create(Params params, BuildContext ctx) {
            RandomSource r = ctx.stream("tasks");
            return new ScriptGenerator(this, params, ctx, instance(params, ctx, r));
        }
    }
}
