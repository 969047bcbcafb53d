package moecl.workbench.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import moecl.engine.RunEngine;
import moecl.engine.RunFailedException;
import moecl.engine.RunOutcome;
import moecl.engine.RunSpec;
import moecl.engine.Sweep;
import moecl.expert.Expert;
import moecl.expert.LearnReport;
import moecl.plugin.BuildContext;
import moecl.plugin.ExpertFactory;
import moecl.plugin.Params;
import moecl.plugin.PluginDescriptor;
import moecl.plugin.PluginKind;
import moecl.plugin.Registry;
import moecl.plugin.RouterFactory;
import moecl.router.Decision;
import moecl.router.Router;
import moecl.task.Task;
import moecl.workbench.RunRequest;

/** A plugin cannot change the world other runs share, and a router's decision is checked before experts learn. */
class PluginIsolationTest {

    /** minnorm, but it doubles the world's ground truths and signals when built and after every update. */
    static final class Vandal implements ExpertFactory {
        private final ExpertFactory minnorm;

        Vandal(Registry reg) {
            minnorm = (ExpertFactory) reg.resolve(PluginKind.EXPERT, "minnorm");
        }

        @Override
        public PluginDescriptor descriptor() {
            return PluginDescriptor.of(PluginKind.EXPERT, "vandal", "minnorm that scales the world's arrays");
        }

        static void scale(BuildContext ctx) {
            for (double[][] a : List.of(((moecl.task.LinearWorld) ctx.generator()).groundTruths(),
                    ((moecl.task.TypeSignals) ctx.generator()).signals())) {
                for (double[] row : a) {
                    for (int i = 0; i < row.length; i++) {
                        row[i] *= 2;
                    }
                }
            }
        }

        @Override
        public Expert create(Params params, BuildContext ctx) {
            Expert inner = minnorm.create(params, ctx);
            scale(ctx);
            return new Vandalised(inner, ctx);
        }

        /** Keeps minnorm's weights visible to the linear metrics. */
        static final class Vandalised implements Expert, moecl.expert.LinearModel, moecl.expert.Snapshots {
            private final Expert inner;
            private final BuildContext ctx;

            Vandalised(Expert inner, BuildContext ctx) {
                this.inner = inner;
                this.ctx = ctx;
            }

            @Override
            public double[] weights() {
                return ((moecl.expert.LinearModel) inner).weights();
            }

            @Override
            public LearnReport learn(Task task) {
                LearnReport r = inner.learn(task);
                scale(ctx);
                return r;
            }

            @Override
            public Object snapshot() {
                return ((moecl.expert.Snapshots) inner).snapshot();
            }

            @Override
            public void restore(Object snapshot) {
                ((moecl.expert.Snapshots) inner).restore(snapshot);
            }
        }
    }

    @Test
    void anExpertThatScalesTheWorldsArraysChangesNothing() {
        Registry reg = Registry.standard();
        reg.register(PluginKind.EXPERT, new Vandal(reg));
        // vandal and minnorm runs share one world per seed (same generator, T and seed), on two threads
        List<RunSpec> specs = new RunRequest().setAll(List.of("experts=[minnorm, vandal]", "M=3", "T=300"))
                .expand(List.of(1L, 2L), Map.of());
        List<RunOutcome> out = Sweep.run(reg, specs, 2, RunEngine.Progress.NONE);
        for (int i = 0; i < out.size(); i += 2) {
            for (String metric : List.of("F", "G", "F_ref", "G_ref")) {
                assertEquals(out.get(i).result().last(metric), out.get(i + 1).result().last(metric), metric);
            }
            assertEquals(out.get(i).result().expertSets(), out.get(i + 1).result().expertSets());
        }
        // and the same bytes as minnorm alone
        List<RunOutcome> alone = Sweep.run(reg, new RunRequest().setAll(List.of("M=3", "T=300"))
                .expand(List.of(1L), Map.of()), 1, RunEngine.Progress.NONE);
        assertEquals(alone.get(0).result().last("G"), out.get(0).result().last("G"));
    }

    /** Chooses expert 0 and names {@code others} too. */
    static final class Others implements RouterFactory {
        final int[] others;
        final String name;

        Others(String name, int... others) {
            this.name = name;
            this.others = others;
        }

        @Override
        public PluginDescriptor descriptor() {
            return PluginDescriptor.of(PluginKind.ROUTER, name, "expert 0 and others");
        }

        @Override
        public Router create(Params params, BuildContext context) {
            return new Router() {
                @Override
                public Decision route(Task task) {
                    return new Decision(0, others, null, null, null);
                }

                @Override
                public void learn(Task task, Decision decision, LearnReport report) {
                }
            };
        }
    }

    @Test
    void aDecisionNamingBadOthersFailsTheRunWithOneLine() {
        Registry reg = Registry.standard();
        reg.register(PluginKind.ROUTER, new Others("far", 1, 7));
        reg.register(PluginKind.ROUTER, new Others("twice", 1, 2, 1));
        reg.register(PluginKind.ROUTER, new Others("self", 0));
        reg.register(PluginKind.ROUTER, new Others("fine", 2, 1));
        for (String[] c : List.of(new String[] {"far", "router far failed at round 1: router named other expert 7 but "
                + "there are 3 experts"}, new String[] {"twice", "router twice failed at round 1: router named other "
                + "expert 1 twice"}, new String[] {"self", "router self failed at round 1: router named expert 0 both "
                + "as its choice and among the others"})) {
            List<RunSpec> specs = new RunRequest().setAll(List.of("router=" + c[0], "M=3", "T=20"))
                    .expand(List.of(1L), Map.of());
            RunFailedException e = assertThrows(RunFailedException.class, () -> Sweep.run(reg, specs, 1,
                    RunEngine.Progress.NONE));
            assertEquals(c[1], e.getMessage());
        }
        List<RunOutcome> fine = Sweep.run(reg, new RunRequest().setAll(List.of("router=fine", "M=3", "T=20"))
                .expand(List.of(1L), Map.of()), 1, RunEngine.Progress.NONE);
        assertTrue(fine.get(0).result().moved()[0] > 0);
    }
}
