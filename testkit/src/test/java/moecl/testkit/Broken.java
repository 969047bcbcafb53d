package moecl.testkit;

import java.util.List;
import java.util.function.BiFunction;

import moecl.expert.Expert;
import moecl.expert.LearnReport;
import moecl.expert.LinearModel;
import moecl.plugin.BuildContext;
import moecl.plugin.ExpertFactory;
import moecl.plugin.GeneratorFactory;
import moecl.plugin.Param;
import moecl.plugin.Params;
import moecl.plugin.PluginDescriptor;
import moecl.plugin.PluginKind;
import moecl.plugin.RouterFactory;
import moecl.rng.RandomSource;
import moecl.router.Decision;
import moecl.router.Router;
import moecl.task.LinearTask;
import moecl.task.Task;
import moecl.task.TaskGenerator;
import moecl.testkit.bundled.LinearTasksFactory;

/** Deliberately broken plugins, each breaking one rule of the contract. */
final class Broken {

    private Broken() {
    }

    // ---- building blocks ----

    /** A router factory from a descriptor and a function of (params, context). */
    record Routers(PluginDescriptor descriptor, BiFunction<Params, BuildContext, Router> build)
            implements RouterFactory {
        @Override
        public Router create(Params params, BuildContext context) {
            return build.apply(params, context);
        }
    }

    /** An expert factory from a descriptor and a function of (params, context). */
    record Experts(PluginDescriptor descriptor, BiFunction<Params, BuildContext, Expert> build)
            implements ExpertFactory {
        @Override
        public Expert create(Params params, BuildContext context) {
            return build.apply(params, context);
        }
    }

    /** A generator factory from a descriptor and a function of (params, context). */
    record Generators(PluginDescriptor descriptor, BiFunction<Params, BuildContext, TaskGenerator> build)
            implements GeneratorFactory {
        @Override
        public TaskGenerator create(Params params, BuildContext context) {
            return build.apply(params, context);
        }
    }

    static PluginDescriptor router(String name, Param... params) {
        return PluginDescriptor.of(PluginKind.ROUTER, name, "a deliberately broken router", params);
    }

    static PluginDescriptor expert(String name, Param... params) {
        return PluginDescriptor.of(PluginKind.EXPERT, name, "a deliberately broken expert", params);
    }

    /** A router that learns nothing and routes with {@code choose}. */
    static Router routing(java.util.function.ToIntFunction<Task> choose) {
        return new Router() {
            @Override
            public Decision route(Task task) {
                return Decision.of(choose.applyAsInt(task));
            }

            @Override
            public void learn(Task task, Decision decision, LearnReport report) {
            }
        };
    }

    /** A linear expert that averages the samples' labels into its first weight: simple, deterministic, finite. */
    static class MeanExpert implements Expert, LinearModel, moecl.expert.Snapshots {
        final double[] w;
        int learned;

        MeanExpert(int d) {
            w = new double[d];
        }

        @Override
        public LearnReport learn(Task task) {
            LinearTask t = (LinearTask) task;
            double before = w[0];
            double sum = 0;
            for (double v : t.y()) {
                sum += v;
            }
            w[0] = (w[0] * learned + sum / t.s()) / (learned + 1);
            learned++;
            return new LearnReport(Math.abs(w[0] - before), 0);
        }

        @Override
        public double[] weights() {
            return w;
        }

        @Override
        public Object snapshot() {
            return new Object[] {w.clone(), learned};
        }

        @Override
        public void restore(Object snapshot) {
            Object[] s = (Object[]) snapshot;
            System.arraycopy((double[]) s[0], 0, w, 0, w.length);
            learned = (Integer) s[1];
        }
    }

    // ---- descriptor ----

    /** A default outside its own range: eta=2 with eta in (0, 1]. */
    static RouterFactory defaultOutOfRange() {
        return new Routers(router("badDefault", new Param("eta", moecl.plugin.ParamType.REAL, 2.0, null, 0, false, 1,
                true, List.of(), "learning rate")), (p, c) -> routing(t -> 0));
    }

    /** The same parameter name twice. */
    static RouterFactory duplicateName() {
        return new Routers(router("twice", Param.real("eta", 0.5).doc("one"), Param.real("eta", 0.1).doc("two")),
                (p, c) -> routing(t -> 0));
    }

    /** A parameter without a doc. */
    static RouterFactory undocumented() {
        return new Routers(router("nodoc", Param.real("eta", 0.5).positive()), (p, c) -> routing(t -> 0));
    }

    /** A router factory whose descriptor says it is an expert. */
    static RouterFactory wrongKind() {
        return new Routers(expert("confused"), (p, c) -> routing(t -> 0));
    }

    // ---- routers ----

    /** Chooses expert M from round 5 on: one past the last. */
    static RouterFactory outOfRange() {
        return new Routers(router("overshoot"), (p, c) -> routing(t -> t.round() < 5 ? 0 : c.experts()));
    }

    /** Probabilities that add up to 2. */
    static RouterFactory badProbabilities() {
        return new Routers(router("twice-sure"), (p, c) -> new Router() {
            @Override
            public Decision route(Task task) {
                double[] pr = new double[c.experts()];
                java.util.Arrays.fill(pr, 2.0 / c.experts());
                return Decision.of(0, new double[c.experts()], new double[c.experts()], pr);
            }

            @Override
            public void learn(Task task, Decision decision, LearnReport report) {
            }
        });
    }

    /** Draws from an unseeded generator: another choice every run. */
    static RouterFactory notDeterministic() {
        return new Routers(router("dice"), (p, c) -> {
            java.util.Random r = new java.util.Random();
            return routing(t -> r.nextInt(c.experts()));
        });
    }

    /** A deterministic router whose diagnostics are the given ones. */
    static Router reporting(java.util.function.Supplier<java.util.Map<String, Object>> diagnostics) {
        return new Router() {
            @Override
            public Decision route(Task task) {
                return Decision.of(0);
            }

            @Override
            public void learn(Task task, Decision decision, LearnReport report) {
            }

            @Override
            public java.util.Map<String, Object> diagnostics() {
                return diagnostics.get();
            }
        };
    }

    /** Diagnostics holding an object of its own: not JSON. */
    static RouterFactory diagnosticsNotJson() {
        return new Routers(router("opaque"), (p, c) -> reporting(() -> java.util.Map.of("state",
                java.util.List.of(1, new Object()))));
    }

    /** Diagnostics with a fresh count in every run: the records of two runs with one seed differ. */
    static final java.util.concurrent.atomic.AtomicLong BUILT = new java.util.concurrent.atomic.AtomicLong();

    static RouterFactory diagnosticsNotDeterministic() {
        return new Routers(router("counter"), (p, c) -> {
            long n = BUILT.incrementAndGet();
            return reporting(() -> java.util.Map.of("instance", n));
        });
    }

    /** A scratch value shared by every router of the JVM: fine one run at a time, not two at once. */
    static final double[] SCRATCH = new double[1];

    static RouterFactory sharedScratch() {
        return new Routers(router("scratch"), (p, c) -> {
            RandomSource rng = c.stream("router");
            return routing(t -> {
                SCRATCH[0] = rng.nextDouble();
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return (int) (SCRATCH[0] * c.experts());
            });
        });
    }

    /** Normalises the gate input in place. */
    static RouterFactory mutatesGateInput() {
        return new Routers(router("normaliser"), (p, c) -> routing(t -> {
            double[] g = t.gateInput();
            double n = 0;
            for (double v : g) {
                n += v * v;
            }
            for (int i = 0; i < g.length; i++) {
                g[i] /= Math.sqrt(n);
            }
            return 0;
        }));
    }

    /** Its parameter temperature is allowed to be 0, where its probabilities are 0/0. */
    static RouterFactory nanAtEdge() {
        return new Routers(router("coldstart", Param.real("temperature", 1).range(0, 10).doc("softmax temperature")),
                (p, c) -> new Router() {
                    final double temp = p.real("temperature");

                    @Override
                    public Decision route(Task task) {
                        int m = c.experts();
                        double[] pr = new double[m];
                        double sum = 0;
                        for (int e = 0; e < m; e++) {
                            pr[e] = Math.exp(-e / temp);
                            sum += pr[e];
                        }
                        for (int e = 0; e < m; e++) {
                            pr[e] /= sum;
                        }
                        double[] h = new double[m];
                        return Decision.of(0, h, h.clone(), pr);
                    }

                    @Override
                    public void learn(Task task, Decision decision, LearnReport report) {
                    }
                });
    }

    /** Divides by its parameter k, which may be 0. */
    static RouterFactory throwsAtEdge() {
        return new Routers(router("divider", Param.integer("k", 1).range(0, 4).doc("stride")),
                (p, c) -> {
                    int stride = 12 / p.int32("k");
                    return routing(t -> (t.round() * stride) % c.experts());
                });
    }

    /** Refuses k=0 with a message of two lines. */
    static RouterFactory refusesBadly() {
        return new Routers(router("chatty", Param.integer("k", 1).range(0, 4).doc("stride")),
                (p, c) -> {
                    if (p.integer("k") == 0) {
                        throw new IllegalArgumentException("k must not be 0\nplease choose another value");
                    }
                    return routing(t -> 0);
                });
    }

    /** Results depend on its own threads parameter. */
    static RouterFactory threadsMatter() {
        return new Routers(router("threaded", Param.integer("threads", 1).min(1).doc("worker threads")),
                (p, c) -> {
                    long threads = p.integer("threads");
                    return routing(t -> (int) ((t.round() + threads) % c.experts()));
                });
    }

    /** Its create throws with its defaults. */
    static RouterFactory failsAtDefaults() {
        return new Routers(router("unbuilt"), (p, c) -> {
            throw new NullPointerException("forgot to set something");
        });
    }

    // ---- experts ----

    /** Writes into the task's X (scales it down). */
    static ExpertFactory mutatesX() {
        return new Experts(expert("scaler"), (p, c) -> new MeanExpert(c.generator().dimension()) {
            @Override
            public LearnReport learn(Task task) {
                double[] x = ((LinearTask) task).x();
                x[0] *= 0.5;
                return super.learn(task);
            }
        });
    }

    /** Its snapshot is the live weights: restoring it brings back nothing. */
    static ExpertFactory liveSnapshot() {
        return new Experts(expert("forgetful"), (p, c) -> new MeanExpert(c.generator().dimension()) {
            @Override
            public Object snapshot() {
                return w;
            }

            @Override
            public void restore(Object snapshot) {
                System.arraycopy((double[]) snapshot, 0, w, 0, w.length);
            }
        });
    }

    /** Restores its weights but not how many tasks it learned: a non-linear piece of state lost. */
    static ExpertFactory losesCount() {
        return new Experts(expert("amnesiac"), (p, c) -> new MeanExpert(c.generator().dimension()) {
            @Override
            public Object snapshot() {
                return w.clone();
            }

            @Override
            public void restore(Object snapshot) {
                System.arraycopy((double[]) snapshot, 0, w, 0, w.length);
            }
        });
    }

    /** Reports moved = NaN once it has learned 5 tasks. */
    static ExpertFactory reportsNaN() {
        return new Experts(expert("tired"), (p, c) -> new MeanExpert(c.generator().dimension()) {
            @Override
            public LearnReport learn(Task task) {
                LearnReport r = super.learn(task);
                return learned > 5 ? new LearnReport(Double.NaN, r.loss()) : r;
            }
        });
    }

    /** An expert without snapshots. */
    static ExpertFactory noSnapshots() {
        return new Experts(expert("plain"), (p, c) -> new MeanExpert(c.generator().dimension()) {
            @Override
            public Object snapshot() {
                throw new UnsupportedOperationException("no snapshots");
            }
        });
    }

    // ---- generators ----

    /** The bundled tasks with one type too many on round 7. */
    static GeneratorFactory typeOutOfRange() {
        LinearTasksFactory base = new LinearTasksFactory();
        PluginDescriptor d = new PluginDescriptor(PluginKind.GENERATOR, "offbyone", List.of(),
                "a deliberately broken generator", base.descriptor().params());
        return new Generators(d, (p, c) -> new OffByOne(base.create(p, c)));
    }

    /** Two types, each task moving the ground truth of its type a little, in place. */
    static GeneratorFactory drifting() {
        PluginDescriptor d = new PluginDescriptor(PluginKind.GENERATOR, "drift", List.of(),
                "a deliberately broken generator", List.of());
        return new Generators(d, (p, c) -> new DriftingTasks(new double[][] {{1, 0, 0, 0}, {0, 1, 0, 0}},
                c.stream("tasks"), 0));
    }

    /** Passes the tasks on, but gives the task of round 7 the type N. */
    static final class OffByOne implements TaskGenerator, moecl.task.LinearWorld {
        private final TaskGenerator inner;

        OffByOne(TaskGenerator inner) {
            this.inner = inner;
        }

        @Override
        public int dimension() {
            return inner.dimension();
        }

        @Override
        public int types() {
            return inner.types();
        }

        @Override
        public Task next() {
            LinearTask t = (LinearTask) inner.next();
            return t.round() == 7 ? new LinearTask(7, types(), t.d(), t.s(), t.x(), t.y(), t.gateInput()) : t;
        }

        @Override
        public TaskGenerator restart(RandomSource perRound) {
            return new OffByOne(inner.restart(perRound));
        }

        @Override
        public double[][] groundTruths() {
            return ((moecl.task.LinearWorld) inner).groundTruths();
        }

        @Override
        public int samplesPerTask() {
            return ((moecl.task.LinearWorld) inner).samplesPerTask();
        }
    }

    /** Two types in d=4, s=2 samples of e_1, e_2; each task moves its type's truth (the world) by 1%. */
    static final class DriftingTasks implements TaskGenerator, moecl.task.LinearWorld {
        private final double[][] truths;
        private final RandomSource rng;
        private int round;

        DriftingTasks(double[][] truths, RandomSource rng, int round) {
            this.truths = truths;
            this.rng = rng;
            this.round = round;
        }

        @Override
        public int dimension() {
            return 4;
        }

        @Override
        public int types() {
            return 2;
        }

        @Override
        public Task next() {
            int type = round % 2;
            round++;
            double[] x = new double[8];
            rng.fillGaussian(x, 0, 8);
            for (int i = 0; i < 4; i++) {
                truths[type][i] *= 1.01;
            }
            return LinearTask.labelled(round, type, 4, 2, x, truths[type]);
        }

        @Override
        public TaskGenerator restart(RandomSource perRound) {
            return new DriftingTasks(truths, perRound, 0);
        }

        @Override
        public double[][] groundTruths() {
            return truths;
        }

        @Override
        public int samplesPerTask() {
            return 2;
        }
    }
}
