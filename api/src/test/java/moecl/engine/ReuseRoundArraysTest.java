package moecl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import moecl.expert.Expert;
import moecl.expert.LearnReport;
import moecl.router.Decision;
import moecl.router.Router;
import moecl.task.LinearTask;
import moecl.task.KeepsNoRoundArrays;
import moecl.task.ReusesRoundArrays;
import moecl.task.Task;
import moecl.task.TaskGenerator;

/**
 * RunEngine.run lets a generator reuse its arrays only when every expert and the router keep none (metrics null
 * here); a router that offers reuse gets it whatever the others are.
 */
class ReuseRoundArraysTest {

    static final class Gen implements TaskGenerator, ReusesRoundArrays {
        int switched;
        int round;

        @Override
        public void reuseRoundArrays() {
            switched++;
        }

        @Override
        public Task next() {
            round++;
            return LinearTask.of(round, 0, 1, 1, new double[] {1}, new double[] {1});
        }

        @Override
        public int types() {
            return 1;
        }

        @Override
        public int dimension() {
            return 1;
        }

        @Override
        public TaskGenerator restart(moecl.rng.RandomSource perRound) {
            return new Gen();
        }
    }

    static class Keeper implements Expert {
        @Override
        public LearnReport learn(Task task) {
            return new LearnReport(0, 0);
        }
    }

    static final class Forgetter extends Keeper implements KeepsNoRoundArrays {
    }

    static final class R implements Router, ReusesRoundArrays, KeepsNoRoundArrays {
        int switched;

        @Override
        public void reuseRoundArrays() {
            switched++;
        }

        @Override
        public Decision route(Task task) {
            return Decision.of(0);
        }

        @Override
        public void learn(Task task, Decision decision, LearnReport report) {
        }
    }

    @Test
    void generatorReusesOnlyWhenNothingKeepsTasks() {
        for (List<Expert> experts : List.of(List.<Expert>of(new Forgetter(), new Forgetter()),
                List.<Expert>of(new Forgetter(), new Keeper()))) {
            Gen gen = new Gen();
            R router = new R();
            RunEngine.run(gen, experts.toArray(Expert[]::new), router, null, 3, RunEngine.Progress.NONE);
            boolean allForget = experts.stream().allMatch(e -> e instanceof KeepsNoRoundArrays);
            assertEquals(allForget ? 1 : 0, gen.switched, "experts " + experts);
            assertEquals(1, router.switched, "the router's decision goes only back to it");
        }
    }
}
